"""The sign-up island and page, confirmation, one-click unsubscribe and the public archive."""

from contextlib import suppress

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.shortcuts import render
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from newsletter import selectors, services
from newsletter.forms import SignUpForm, sign_up_form_for, site_path
from newsletter.models import DigestIssue, Subscriber
from newsletter.selectors import LinkState
from newsletter.tasks import sign_up_task
from newsletter.weeks import week_label
from plumbing.caching import private
from plumbing.meta import PageMeta
from plumbing.pagecache import public_page
from plumbing.ratelimit import over_limit

NEWSLETTER = "Weekly AI Tool Verdicts"


def sign_up_source(request, form) -> str:
    """Where the reader signed up: the page around the island, else the page that linked here."""
    if request.htmx and request.htmx.current_url:
        return site_path(request.htmx.current_url, request)
    return site_path(form.cleaned_data["source"], request) or request.path


@require_http_methods(["GET", "HEAD", "POST"])
def sign_up(request):
    """The sign-up form: the island htmx loads into every page, or the /newsletter/ page.

    Whatever the address was (new, waiting, confirmed, unsubscribed) the answer
    is the same "check your inbox".
    """
    form = sign_up_form_for(request, request.POST if request.method == "POST" else None)
    done, status = False, 200
    if request.method == "POST" and form.is_valid():
        if over_limit(request, action="newsletter-sign-up"):
            form.add_error(None, "Too many sign-ups from here just now. Please try again later.")
            status = 429
        else:
            if not form.is_bot():
                # Only queued here: the request does the same work for any
                # address, so neither its answer nor its time tells what was found.
                sign_up_task.enqueue(form.cleaned_data["email"], sign_up_source(request, form))
            done = True
    context = {
        "form": form,
        "done": done,
        "newsletter_page": True,
        "meta": PageMeta(
            title=f"{NEWSLETTER} · {settings.SITE_NAME}",
            description="One email a week: the tools the panel shipped, the ones it "
            "skipped, and the comparisons worth reading.",
        ),
    }
    template = "newsletter/sign_up.html#form" if request.htmx else "newsletter/sign_up.html"
    return private(render(request, template, context, status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A GET shows a button; only its POST confirms (mail scanners follow links, not forms)."""
    if request.method == "POST":
        # A link that cannot confirm is no error here: the page says what it stands for now.
        with suppress(
            signing.BadSignature, Subscriber.DoesNotExist, services.ConfirmationWithdrawn
        ):
            services.subscriber_confirm(token=token)
    link = selectors.confirmation_link_get(token=token)
    if link.state == LinkState.INVALID:
        raise Http404("This confirmation link is not valid.")
    stale = link.state in {LinkState.EXPIRED, LinkState.WITHDRAWN}
    context = {
        "token": token,
        "link": link,
        "form": SignUpForm(initial={"email": link.email}),
        "submit_label": "Send a new link",
        "newsletter_page": True,
        "robots": "noindex",
        "meta": PageMeta(
            title=f"Confirm your subscription · {NEWSLETTER}",
            description=f"Confirm your subscription to {NEWSLETTER}.",
        ),
    }
    return private(
        render(request, "newsletter/confirm.html", context, status=410 if stale else 200)
    )


@csrf_exempt  # RFC 8058 one-click: mail providers POST with no cookie and no token.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A GET shows a button (link scanners only GET); a POST unsubscribes at once."""
    if request.method == "POST":
        subscriber = services.subscriber_unsubscribe(token=token)
    else:
        subscriber = selectors.subscriber_by_token(token=token)
    if subscriber is None:
        raise Http404("This unsubscribe link is not valid.")
    context = {
        "subscriber": subscriber,
        "done": request.method == "POST",
        "token": token,
        "newsletter_page": True,
        "robots": "noindex",
        "meta": PageMeta(
            title=f"Unsubscribe · {NEWSLETTER}",
            description=f"Stop receiving {NEWSLETTER}.",
        ),
    }
    return private(render(request, "newsletter/unsubscribe.html", context))


@require_safe
@public_page
def archive(request):
    """Every sent issue, newest first."""
    issues = [(issue, week_label(issue.week)) for issue in selectors.digest_issues_sent()]
    context = {
        "issues": issues,
        "meta": PageMeta(
            title=f"{NEWSLETTER}: past issues · {settings.SITE_NAME}",
            description="Every weekly digest we have sent: the week's verdicts, featured "
            "comparisons and the tools the community voted on most.",
        ),
    }
    return render(request, "newsletter/archive.html", context)


@require_safe
@public_page
def issue_detail(request, week):
    """One sent issue, as its email showed it."""
    try:
        issue, items = selectors.digest_issue_sent_get(week=week)
    except DigestIssue.DoesNotExist as error:
        raise Http404("No issue was sent for that week.") from error
    label = week_label(issue.week)
    context = {
        "issue": issue,
        "items": items,
        "label": label,
        "meta": PageMeta(
            title=f"{NEWSLETTER}, {label} · {settings.SITE_NAME}",
            description=Truncator(issue.intro).chars(155)
            or f"The week's AI tool verdicts, {label}.",
            og_type="article",
        ),
    }
    return render(request, "newsletter/issue.html", context)

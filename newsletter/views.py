"""Sign-up island, confirmation, one-click unsubscribe and the public archive."""

from django.conf import settings
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from compare.seo import PageMeta
from newsletter import services
from newsletter.forms import SignUpForm
from newsletter.models import DigestIssue, Subscriber
from newsletter.weeks import week_label
from votes.ratelimit import client_ip, hit, ip_hash
from votes.views import private


def sign_up_context(request, form, *, done=False):
    return {
        "form": form,
        "done": done,
        "newsletter_page": True,
        "meta": PageMeta(
            title=f"Weekly AI Tool Verdicts · {settings.SITE_NAME}",
            description="One email a week: the tools the panel shipped, the ones it "
            "skipped, and the comparisons worth reading.",
        ),
    }


@require_http_methods(["GET", "POST"])
def sign_up(request):
    """The sign-up form: an island for htmx, the /newsletter/ page otherwise."""
    form = SignUpForm(request.POST or None)
    done = False
    status = 200
    if request.method == "POST" and form.is_valid():
        over = hit(
            f"newsletter:ip:{ip_hash(client_ip(request))}",
            limit=settings.NEWSLETTER_SIGNUPS_PER_IP,
            window=3600,
        )
        if over:
            form.add_error(None, "Too many sign-ups from here just now. Please try again later.")
            status = 429
        else:
            if not form.is_bot():
                source = (request.htmx and request.htmx.current_url_abs_path) or request.path
                services.subscriber_sign_up(email=form.cleaned_data["email"], source=source)
            # The same answer whether the address was new, pending or confirmed.
            done = True
    template = "newsletter/sign_up.html#form" if request.htmx else "newsletter/sign_up.html"
    response = render(request, template, sign_up_context(request, form, done=done), status=status)
    return private(response)


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """A GET shows a button; only the POST confirms (link scanners only GET)."""
    context = {
        "token": token,
        "newsletter_page": True,
        "robots": "noindex",
        "meta": PageMeta(
            title="Confirm your subscription",
            description="Confirm your subscription to Weekly AI Tool Verdicts.",
        ),
    }
    try:
        email = services.email_of_confirmation(token)
    except signing.SignatureExpired:
        email = services.email_of_confirmation(token, max_age=None)
        context |= {"expired": True, "form": SignUpForm(initial={"email": email})}
        return private(render(request, "newsletter/confirm.html", context, status=410))
    except signing.BadSignature as error:
        raise Http404("This confirmation link is not valid.") from error
    if not Subscriber.objects.filter(email=email).exists():
        raise Http404("This confirmation link is not valid.")
    if request.method == "POST":
        services.subscriber_confirm(token=token)
        context["confirmed"] = True
    context["email"] = email
    return private(render(request, "newsletter/confirm.html", context))


@csrf_exempt  # RFC 8058 one-click: mail providers POST without cookies or tokens.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber = get_object_or_404(Subscriber, unsubscribe_token=token)
    done = False
    if request.method == "POST":
        services.subscriber_unsubscribe(token=token)
        done = True
    context = {
        "subscriber": subscriber,
        "done": done,
        "token": token,
        "meta": PageMeta(
            title="Unsubscribe from Weekly AI Tool Verdicts",
            description="Stop receiving Weekly AI Tool Verdicts.",
        ),
        "robots": "noindex",
        "newsletter_page": True,
    }
    return private(render(request, "newsletter/unsubscribe.html", context))


@require_GET
def archive(request):
    issues = DigestIssue.objects.filter(sent_at__isnull=False)
    context = {
        "issues": [(issue, week_label(issue.week)) for issue in issues],
        "meta": PageMeta(
            title=f"Weekly AI Tool Verdicts: past issues · {settings.SITE_NAME}",
            description="Every weekly digest we have sent, newest first.",
        ),
    }
    return render(request, "newsletter/archive.html", context)


@require_GET
def issue_detail(request, week):
    issue = get_object_or_404(DigestIssue, week=week, sent_at__isnull=False)
    label = week_label(issue.week)
    context = {
        "issue": issue,
        "items": list(issue.items.all()),
        "label": label,
        "meta": PageMeta(
            title=f"Weekly AI Tool Verdicts, {label}",
            description=issue.intro[:150] or f"The week's AI tool verdicts, {label}.",
        ),
    }
    return render(request, "newsletter/issue.html", context)


# An email's styles are inline by design; its preview may show them, and nothing else.
@csp_override({"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE]})
def preview(request, issue_id, kind):
    """The admin's preview of an issue's email (HTML or text), as a subscriber would see it."""
    issue = get_object_or_404(DigestIssue, pk=issue_id)
    example = Subscriber(email="reader@example.com", unsubscribe_token="preview")
    message = services.digest_message(issue, example)
    if kind == "text":
        return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
    return HttpResponse(message.alternatives[0].content)

"""The report pages: a reader tells the editors that a listing is wrong.

Tool and compare pages bring the same form as an island (reports.forms.report_island),
which posts here: htmx gets the form or the thanks alone, a browser without
JavaScript this page. Answers are private: the form carries a CSRF token.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from plumbing.caching import private
from plumbing.meta import PageMeta
from plumbing.pairs import comparison_path, pair_slugs
from plumbing.ratelimit import over_limit
from reports import selectors, services
from reports.forms import ReportForm


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def tool_report(request, slug):
    tools = selectors.reportable_tools_get(slugs=[slug])
    if not tools:
        raise Http404("No such tool.")
    return report_answer(request, tools=tools, back=tools[0].get_absolute_url())


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def pair_report(request, pair):
    slugs = pair_slugs(pair)
    if slugs is None or slugs[0] == slugs[1]:
        raise Http404("No such comparison.")
    tools = selectors.reportable_tools_get(slugs=list(slugs))
    if len(tools) != 2:
        raise Http404("No such comparison.")
    return report_answer(request, tools=tools, back=comparison_path(*slugs))


def report_answer(request, *, tools, back: str):
    """The form, its errors (422), the limit's message (429) or the thanks.

    A bot that fills the hidden field is thanked like anyone, and nothing is stored.
    """
    form = ReportForm(request.POST if request.method == "POST" else None, tools=tools)
    reported, status = None, 200
    if request.method == "POST":
        if not form.is_valid():
            status = 422
        elif over_limit(request, action="report"):
            form.add_error(None, "Too many reports from here just now. Please try again later.")
            status = 429
        else:
            reported = form.chosen_tool()
            if not form.is_bot():
                services.report_submit(
                    tool=reported,
                    reason=form.cleaned_data["reason"],
                    text=form.cleaned_data["text"],
                )
    names = " vs ".join(tool.name for tool in tools)
    context = {
        "form": form,
        "reported": reported,
        "tools": tools,
        "back": back,
        "robots": "noindex",
        "meta": PageMeta(
            title=f"Report a problem with {names} · {settings.SITE_NAME}",
            description="Tell the editors a price, an entry tier or anything else is wrong.",
        ),
    }
    template = "reports/report.html#form" if request.htmx else "reports/report.html"
    return private(render(request, template, context, status=status))

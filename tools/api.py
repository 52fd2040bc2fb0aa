"""The tools' machine-readable verdicts: /tools/<slug>.json and the index /tools.json.

Readers' facts only: drafts are never served here, even to editors (their
preview is the page). docs/machine-readable.md describes the formats.
"""

from django.core.paginator import InvalidPage, PageNotAnInteger

from plumbing.api import json_answer, json_problem, machine_endpoint
from tools import payloads, selectors


@machine_endpoint(action="machine-read")
def tool_json(request, slug):
    page = selectors.tool_page_get(slug=slug, with_compare_links=False)
    if page is None:
        return json_problem(404, f"No published tool has the slug “{slug}”.")
    return json_answer(payloads.tool_document(page, absolute=request.build_absolute_uri))


@machine_endpoint(action="machine-read")
def tool_index_json(request):
    try:
        page = selectors.tool_index_page(page_number=request.GET.get("page", "1"))
    except PageNotAnInteger:
        return json_problem(400, "The page must be a whole number from 1.")
    except InvalidPage:
        return json_problem(404, "There is no such page of tools.")
    document = payloads.tool_index_document(
        page, absolute=request.build_absolute_uri, path=request.path
    )
    return json_answer(document)

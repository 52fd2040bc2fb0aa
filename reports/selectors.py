"""Reads for readers' reports; each runs a fixed number of queries."""

from plumbing.drafts import published
from reports.models import Report
from tools.models import Tool

# What a report form and its page show of a tool.
REPORT_TOOL_FIELDS = ("id", "slug", "name", "is_published", "pricing", "entry")


def reportable_tools_get(*, slugs: list[str]) -> list[Tool]:
    """The published tools among these slugs, in their order (one query)."""
    found = {
        tool.slug: tool
        for tool in Tool.objects.filter(published(), slug__in=slugs).only(*REPORT_TOOL_FIELDS)
    }
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def open_reports_count() -> int:
    """How many reports wait for an editor (one count over the open reports' index)."""
    return Report.objects.open().count()

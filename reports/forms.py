from django import forms
from django.urls import reverse

from plumbing.forms import HoneypotForm
from plumbing.pairs import is_slug, pair_name
from reports.models import TEXT_MAX_LENGTH, ReportReason, report_text_problem
from reports.selectors import reportable_tools_get
from tools.models import Tool

# A page's report form covers its tool, or the two tools of a compare page.
MAX_REPORT_TOOLS = 2


class ReportForm(HoneypotForm):
    """A reader's report on one tool's listing: on a compare page, either of its two tools."""

    tool = forms.ChoiceField(
        label="Which listing",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the tool whose listing is wrong.",
            "invalid_choice": "Choose one of the two tools on this page.",
        },
    )
    reason = forms.ChoiceField(
        label="What is wrong",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose what is wrong with the listing.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    text = forms.CharField(
        label="Details",
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": f"Keep the details to {TEXT_MAX_LENGTH} characters or fewer.",
        },
    )

    def __init__(self, data=None, *, tools: list[Tool]):
        super().__init__(data, auto_id="report-%s")
        self.tools = {tool.slug: tool for tool in tools}
        if self.is_pair:
            self.fields["tool"].choices = [(tool.slug, tool.name) for tool in tools]
        else:
            # A tool page's form is about its one tool: the address says which.
            del self.fields["tool"]

    @property
    def is_pair(self) -> bool:
        return len(self.tools) > 1

    @property
    def action(self) -> str:
        """Where the form posts: the report page of its tool or of its pair."""
        slugs = list(self.tools)
        if self.is_pair:
            return reverse("reports:pair", args=[pair_name(*slugs)])
        return reverse("reports:tool", args=slugs)

    def clean(self):
        cleaned = super().clean()
        problem = report_text_problem(
            reason=cleaned.get("reason", ""), text=cleaned.get("text", "")
        )
        if problem and "text" not in self.errors:
            self.add_error("text", problem)
        return cleaned

    def chosen_tool(self) -> Tool:
        return self.tools[self.cleaned_data.get("tool") or next(iter(self.tools))]


def report_island(*, slugs: list[str]) -> ReportForm | None:
    """The report form a page's island brings, or None when any of its tools is not
    published (one query): the page's plain link to the report page stays."""
    slugs = list(dict.fromkeys(slug for slug in slugs[:MAX_REPORT_TOOLS] if is_slug(slug)))
    tools = reportable_tools_get(slugs=slugs)
    if not tools or len(tools) != len(slugs):
        return None
    return ReportForm(tools=tools)

from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.urls import reverse

from compare.selectors import closest_tool_names
from plumbing.pairs import comparison_path
from tools.models import Tool
from tools.selectors import tool_search_list

# How many tools a "Did you mean" offers.
CORRECTIONS = 4


def tool_by_name_or_slug(text: str) -> Tool | None:
    """A published tool whose name or slug is exactly `text`, ignoring case."""
    return (
        Tool.objects.published()
        .filter(Q(name__iexact=text) | Q(slug__iexact=text))
        .order_by("name")
        .first()
    )


class ComparePickerForm(forms.Form):
    """Two tools, typed by name or slug; cleans to two published Tool objects.

    Typed text that names no tool is searched as the directory searches: one
    match is taken as meant; several, or none but a close spelling, become
    "Did you mean" links (`correction_links`).
    """

    a = forms.CharField(label="First tool", max_length=80)
    b = forms.CharField(label="Second tool", max_length=80)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.corrections: dict[str, list[Tool]] = {}

    def _clean_tool(self, field):
        text = self.cleaned_data[field].strip()
        tool = tool_by_name_or_slug(text)
        if tool is not None:
            return tool
        matches = tool_search_list(text, limit=CORRECTIONS)
        if len(matches) == 1:
            return matches[0]
        if matches:
            self.corrections[field] = matches
            raise forms.ValidationError(f"“{text}” matches more than one tool. Did you mean:")
        self.corrections[field] = closest = closest_tool_names(text, limit=CORRECTIONS)
        hint = " Did you mean:" if closest else ""
        raise forms.ValidationError(f"No tool called “{text}” is listed.{hint}")

    def clean_a(self):
        return self._clean_tool("a")

    def clean_b(self):
        return self._clean_tool("b")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Pick a second, different tool.")
        return cleaned

    @property
    def correction_links(self) -> dict[str, list[tuple[str, str]]]:
        """For each field with a "Did you mean", (tool name, address) pairs: the
        compare page itself when the other field named a tool, else the picker
        with this field corrected."""
        links = {}
        for field, tools in self.corrections.items():
            other_field = "b" if field == "a" else "a"
            other = self.cleaned_data.get(other_field)
            choices = []
            for tool in tools:
                if isinstance(other, Tool) and other.slug != tool.slug:
                    url = comparison_path(*sorted_as(field, tool.slug, other.slug))
                else:
                    values = {field: tool.name, other_field: self.data.get(other_field, "")}
                    url = f"{reverse('compare:picker')}?{urlencode(sorted(values.items()))}"
                choices.append((tool.name, url))
            links[field] = choices
        return links


def sorted_as(field: str, tool_slug: str, other_slug: str) -> tuple[str, str]:
    """The pair in the form's order: the corrected field's tool first when it is `a`."""
    return (tool_slug, other_slug) if field == "a" else (other_slug, tool_slug)

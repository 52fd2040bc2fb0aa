from django import forms
from django.db.models import Q

from compare.selectors import closest_tool_names
from tools.models import Tool


def tool_by_name_or_slug(text: str) -> Tool | None:
    """A published tool whose name or slug is exactly `text`, ignoring case."""
    return (
        Tool.objects.published()
        .filter(Q(name__iexact=text) | Q(slug__iexact=text))
        .order_by("name")
        .first()
    )


class ComparePickerForm(forms.Form):
    """Two tools, typed by name or slug; cleans to two published Tool objects."""

    a = forms.CharField(label="First tool", max_length=80)
    b = forms.CharField(label="Second tool", max_length=80)

    def _clean_tool(self, field):
        text = self.cleaned_data[field].strip()
        tool = tool_by_name_or_slug(text)
        if tool is None:
            suggestions = [match.name for match in closest_tool_names(text)]
            hint = f" Did you mean {' or '.join(suggestions)}?" if suggestions else ""
            raise forms.ValidationError(f"No tool called “{text}” is listed.{hint}")
        return tool

    def clean_a(self):
        return self._clean_tool("a")

    def clean_b(self):
        return self._clean_tool("b")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") and cleaned.get("a") == cleaned.get("b"):
            self.add_error("b", "Pick a second, different tool.")
        return cleaned

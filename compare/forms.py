import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.db.models import Q
from django.urls import reverse

from compare.selectors import closest_tool_names
from plumbing.pairs import comparison_path
from reviews.models import Persona
from tools.models import Tool
from tools.selectors import tool_search_list
from verdicts.lens import MAX_WEIGHT, Lens, lens_normalised, weight_clamped

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


# A reader's lens on a compare page: ?lens=<persona>, or a weight per persona
# (?builder=3&skeptic=1; a persona left out weighs 0).
LENS_PARAM = "lens"
WEIGHT = re.compile(r"[+-]?[0-9]{1,6}")
# How much of a value the reader typed a note repeats.
SHOWN = 30
WEIGHT_CHOICES = list(range(MAX_WEIGHT + 1))


@dataclass(frozen=True)
class LensControl:
    persona: str
    label: str
    weight: int
    chosen: bool


@dataclass(frozen=True)
class LensReading:
    """What a compare page's query asks for: whether it names a lens at all, the lens
    (None: the whole panel), and what was left out or changed to read it, in words."""

    asked: bool = False
    lens: Lens | None = None
    notes: tuple[str, ...] = ()

    @property
    def params(self) -> list[tuple[str, str]]:
        """The lens as its one address's query; empty for the whole panel."""
        return self.lens.params if self.lens else []

    def address(self, path: str) -> str:
        return f"{path}?{urlencode(self.params)}" if self.params else path

    max_weight = MAX_WEIGHT
    weight_choices = WEIGHT_CHOICES

    @property
    def controls(self) -> list[LensControl]:
        """The lens form's choices, set as this lens has them (1 each on the panel's view)."""
        return [
            LensControl(
                persona=persona.value,
                label=persona.label,
                weight=self.lens.weight(persona) if self.lens else 1,
                chosen=bool(self.lens and self.lens.persona == persona),
            )
            for persona in Persona
        ]


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHOWN else f"{text[:SHOWN]}…"


def lens_read(query) -> LensReading:
    """The lens in a query string (a QueryDict). Never fails: what it cannot read it
    leaves out and says so, so a shared link with a typo still shows the page."""
    personas = Persona.values
    if LENS_PARAM not in query and not any(persona in query for persona in personas):
        return LensReading()
    notes = []
    weighed = [persona for persona in personas if persona in query]
    if LENS_PARAM in query:
        value = query.get(LENS_PARAM, "").strip().lower()
        if value in personas:
            if weighed:
                label = Persona(value).label
                notes.append(f"Showing the {label}'s lens: the weights beside it are left out.")
            return LensReading(True, lens_normalised({value: 1}, personas), tuple(notes))
        typed = _shown(query.get(LENS_PARAM, ""))
        problem = f"No reviewer called “{typed}”" if typed else "No reviewer chosen"
        notes.append(
            problem + (": showing the whole panel." if not weighed else "; reading the weights.")
        )
    weights = {}
    for persona in weighed:
        text = query.get(persona, "").strip()
        label = Persona(persona).label
        if not WEIGHT.fullmatch(text):
            notes.append(f"“{_shown(text)}” is not a weight: the {label} is left out.")
            continue
        typed = int(text)
        weight = weight_clamped(typed)
        if weight != typed:
            notes.append(
                f"Weights run from 0 to {MAX_WEIGHT}: the {label}'s {typed} counts as {weight}."
            )
        weights[persona] = weight
    lens = lens_normalised(weights, personas)
    if lens is None and weights and not any(weights.values()):
        notes.append("Every weight was 0: showing the whole panel.")
    return LensReading(True, lens, tuple(notes))

"""Reads for the pairwise pages: each runs a fixed number of queries and returns plain data."""

import difflib
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import (
    F,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Lower, RowNumber, Upper

from plumbing.pairs import comparison_path, pair_name
from reviews.personas import PersonaProfile, persona_profiles
from tools.models import PANEL_RANKING, FeaturedComparison, Tool
from tools.pick import (
    PickSummary,
    lens_order_note,
    lens_pick_summary,
    lens_score_label,
    pick_summary,
)
from tools.selectors import compare_candidates_list
from verdicts.community import EARLY_VOTES, CommunitySummary, panel_and_community_disagree
from verdicts.lens import Lens, LensScore, lens_score
from verdicts.panel import PanelSummary, disagreeing_personas
from verdicts.pick import better_side

RELATED_LIMIT = 6


@dataclass(frozen=True)
class ScorecardRow:
    """One persona's takes on both tools; either may be None ("No panel take")."""

    profile: PersonaProfile
    left: object | None
    right: object | None

    @property
    def disagrees(self) -> bool:
        return bool(self.left and self.right and self.left.verdict != self.right.verdict)


@dataclass(frozen=True)
class Comparison:
    left: Tool
    right: Tool
    left_panel: PanelSummary
    right_panel: PanelSummary
    scorecard: list[ScorecardRow]
    disagreements: list[ScorecardRow]
    left_community: CommunitySummary
    right_community: CommunitySummary

    @property
    def panels(self) -> tuple[PanelSummary, PanelSummary]:
        return (self.left_panel, self.right_panel)

    @property
    def sides(self) -> list[tuple[Tool, PanelSummary, CommunitySummary]]:
        return [
            (self.left, self.left_panel, self.left_community),
            (self.right, self.right_panel, self.right_community),
        ]

    @property
    def crowd_disagreements(self) -> list[tuple[Tool, PanelSummary, CommunitySummary]]:
        """The sides whose community ship % stands 30 points or more from the panel's."""
        return [
            (tool, panel, community)
            for tool, panel, community in self.sides
            if panel_and_community_disagree(
                panel.ship_percent, community.ship_percent, votes=community.votes
            )
        ]

    @property
    def shared_personas(self) -> list[ScorecardRow]:
        """Rows where the persona has a take on both tools."""
        return [row for row in self.scorecard if row.left and row.right]

    @property
    def pair(self) -> str:
        """“a-vs-b” in the reader's order, as URLs name the pair."""
        return pair_name(self.left.slug, self.right.slug)

    @property
    def is_draft(self) -> bool:
        return not (self.left.is_published and self.right.is_published)

    @property
    def better(self) -> dict[str, str | None]:
        """For each decision-table row that compares, the side with the better value.

        Community shares compare only once both tools have EARLY_VOTES votes.
        """
        counted = all(c.votes >= EARLY_VOTES for c in (self.left_community, self.right_community))
        return {
            "panel": better_side(self.left_panel.ship_share, self.right_panel.ship_share),
            "average": better_side(self.left_panel.exact_average, self.right_panel.exact_average),
            "community": better_side(
                self.left_community.ship_share, self.right_community.ship_share
            )
            if counted
            else None,
        }

    @property
    def pick(self) -> PickSummary:
        """The panel's pick between the two, in words (tools.pick)."""
        return pick_summary(self.left, self.left_panel, self.right, self.right_panel)


def comparison_build(left: Tool, right: Tool) -> Comparison:
    """The comparison of two tools loaded with their category and tally.

    One query for their reviews, unless they were loaded with_panel().
    """
    prefetch_related_objects([left, right], "panel_reviews")
    left_reviews = {review.persona: review for review in left.panel_reviews.all()}
    right_reviews = {review.persona: review for review in right.panel_reviews.all()}
    # A persona with no take on either tool has nothing to show: leave its row out.
    scorecard = [
        ScorecardRow(
            profile, left_reviews.get(profile.persona), right_reviews.get(profile.persona)
        )
        for profile in persona_profiles()
        if profile.persona in left_reviews or profile.persona in right_reviews
    ]
    differing = set(
        disagreeing_personas(
            {persona: review.verdict for persona, review in left_reviews.items()},
            {persona: review.verdict for persona, review in right_reviews.items()},
        )
    )
    return Comparison(
        left=left,
        right=right,
        left_panel=left.panel,
        right_panel=right.panel,
        scorecard=scorecard,
        disagreements=[row for row in scorecard if row.profile.persona in differing],
        left_community=left.community,
        right_community=right.community,
    )


def comparison_tools(
    *, left: str, right: str, include_drafts: bool = False
) -> tuple[Tool, Tool] | None:
    """Two tools by slug with their categories and tallies, in the reader's order (one query).

    None unless both exist (and are published). Their reviews are left for
    comparison_build, which a page served from cached fragments never calls.
    """
    tools = (
        Tool.objects.select_related("category")
        .with_community()
        .filter(slug__in=[left, right])
        .order_by()  # put in the reader's order below
    )
    if not include_drafts:
        tools = tools.published()
    by_slug = {tool.slug: tool for tool in tools}
    if left not in by_slug or right not in by_slug:
        return None
    return by_slug[left], by_slug[right]


def comparison_get(*, left: str, right: str, include_drafts: bool = False) -> Comparison | None:
    """The comparison of two tools by slug, or None (comparison_tools); two queries."""
    tools = comparison_tools(left=left, right=right, include_drafts=include_drafts)
    return None if tools is None else comparison_build(*tools)


@dataclass(frozen=True)
class LensRow:
    """A scorecard row with its persona's weight under the reader's lens (0: not weighed)."""

    row: ScorecardRow
    weight: int


@dataclass(frozen=True)
class ComparisonLens:
    """A comparison through a reader's lens: each tool's weighted numbers, the pick under
    the lens, and the scorecard heaviest persona first."""

    lens: Lens
    left: LensScore
    right: LensScore
    pick: PickSummary
    rows: list[LensRow]
    # Each tool, its numbers under the lens and them in words (“81/100 · ship”).
    sides: list[tuple[Tool, LensScore, str]]

    @property
    def order_note(self) -> str:
        """How the scorecard is ordered: “The Skeptic first”, “Heaviest weight first”."""
        return lens_order_note(self.lens)


def comparison_lens(comparison: Comparison, lens: Lens) -> ComparisonLens:
    """The comparison under `lens`, from its loaded takes (no queries)."""
    takes = {
        side: {
            row.profile.persona: (getattr(row, side).score, getattr(row, side).verdict)
            for row in comparison.scorecard
            if getattr(row, side)
        }
        for side in ("left", "right")
    }
    left, right = lens_score(takes["left"], lens), lens_score(takes["right"], lens)
    by_persona = {row.profile.persona: row for row in comparison.scorecard}
    return ComparisonLens(
        lens=lens,
        left=left,
        right=right,
        pick=lens_pick_summary(comparison.left, left, comparison.right, right, lens=lens),
        rows=[
            LensRow(by_persona[persona], lens.weight(persona))
            for persona in lens.ordered(by_persona)
        ],
        sides=[
            (tool, score, lens_score_label(score, lens=lens))
            for tool, score in ((comparison.left, left), (comparison.right, right))
        ],
    )


@dataclass(frozen=True)
class RelatedPair:
    """A compare page worth reading next: one of this page's tools against another."""

    anchor: Tool
    other: Tool

    @property
    def path(self) -> str:
        return comparison_path(self.anchor.slug, self.other.slug)


def related_pairs_list(comparison: Comparison, *, limit: int = RELATED_LIMIT) -> list[RelatedPair]:
    """Comparisons that pivot on either tool, taking turns: each tool against the
    published tools nearest it (same category, then nearest score). One query.

    A tool near both is paired once, with the side it came up for first.
    """
    sides = (comparison.left, comparison.right)
    candidates = compare_candidates_list(tools=list(sides), limit=limit)
    queues = [list(candidates.get(tool.pk, [])) for tool in sides]
    pairs, seen = [], set()
    while len(pairs) < limit and any(queues):
        for anchor, queue in zip(sides, queues, strict=True):
            while queue and queue[0].pk in seen:
                queue.pop(0)
            if queue and len(pairs) < limit:
                other = queue.pop(0)
                seen.add(other.pk)
                pairs.append(RelatedPair(anchor, other))
    return pairs


@dataclass(frozen=True)
class SuggestedPair:
    """Two tools worth comparing that no editor chose: a category's top two."""

    left: Tool
    right: Tool
    note: str = ""

    def get_absolute_url(self) -> str:
        return comparison_path(self.left.slug, self.right.slug)


@dataclass(frozen=True)
class Showcase:
    """The pairs the home page and the picker put forward, and whose choice they are."""

    pairs: list
    chosen_by_editors: bool

    def __bool__(self) -> bool:
        return bool(self.pairs)


def featured_comparisons_list(*, limit: int = 6) -> Showcase:
    """The editors' featured pairs of published tools, in their order (one query).

    When the editors have featured none, each category's top two by the
    panel's ranking (one more query), so a new catalog still leads somewhere.
    """
    featured = list(
        FeaturedComparison.objects.published().select_related("left__category", "right__category")[
            :limit
        ]
    )
    if featured:
        return Showcase(pairs=featured, chosen_by_editors=True)
    return Showcase(pairs=category_leader_pairs(limit=limit), chosen_by_editors=False)


def category_leader_pairs(*, limit: int) -> list[SuggestedPair]:
    """Each category's two best-ranked published tools with takes, by category name (one query)."""
    leaders = (
        Tool.objects.published()
        .filter(take_count__gt=0)
        .annotate(place=Window(RowNumber(), partition_by=F("category_id"), order_by=PANEL_RANKING))
        .filter(place__lte=2)
        .select_related("category")
        .order_by(Lower("category__name"), "category_id", "place")
    )
    by_category = {}
    for tool in leaders:
        by_category.setdefault(tool.category_id, []).append(tool)
    pairs = [SuggestedPair(*tools) for tools in by_category.values() if len(tools) == 2]
    return pairs[:limit]


def closest_tool_names(text: str, *, limit: int = 3) -> list[Tool]:
    """Published tools whose name looks most like `text` (a name or slug), for a helpful 404.

    One query. On PostgreSQL, trigram similarity through the name's trigram
    index, so a mistyped address never reads the whole catalog; SQLite (the
    development default, a small catalog) compares every name in Python.
    """
    words = text.replace("-", " ").strip()
    if not words:
        return []
    if connection.vendor == "postgresql":
        shouted = Upper(Value(words[:100]))
        return list(
            Tool.objects.published()
            .annotate(upper_name=Upper("name"))
            .filter(upper_name__trigram_similar=shouted)
            .annotate(likeness=TrigramSimilarity(Upper("name"), shouted))
            .order_by("-likeness", "name")
            .only("slug", "name")[:limit]
        )
    candidates = {}
    for slug, name in Tool.objects.published().values_list("slug", "name"):
        candidates[slug] = (slug, name)
        candidates[name.lower()] = (slug, name)
    matches = difflib.get_close_matches(text.lower(), list(candidates), n=limit * 2, cutoff=0.5)
    seen = {}
    for match in matches:
        slug, name = candidates[match]
        seen.setdefault(slug, name)
    return [Tool(slug=slug, name=name) for slug, name in list(seen.items())[:limit]]


def tools_by_slug(slugs, *, include_drafts: bool = False) -> dict[str, Tool]:
    """Which of these slugs name a tool the reader may see, with its name (one query)."""
    tools = Tool.objects.filter(slug__in=slugs)
    if not include_drafts:
        tools = tools.published()
    return {tool.slug: tool for tool in tools.only("slug", "name")}


def corrected_pair(
    slugs: tuple[str, str], known: dict[str, Tool], closest: dict[str, list[Tool]]
) -> RelatedPair | None:
    """The pair a mistyped compare address most likely meant: each unknown slug
    replaced by its closest published name (from `closest`, as closest_tool_names
    found them); None when nothing is close."""
    sides = []
    for slug in slugs:
        found = known.get(slug) or next(iter(closest.get(slug, [])), None)
        if found is None:
            return None
        sides.append(found)
    left, right = sides
    return None if left.slug == right.slug else RelatedPair(left, right)

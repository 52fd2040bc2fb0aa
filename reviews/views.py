from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from plumbing.meta import PageMeta
from plumbing.pagecache import catalog_cached, public_page
from reviews import selectors
from reviews.personas import persona_profile, persona_profiles
from verdicts import community as community_rules
from verdicts import panel as panel_rules
from verdicts.panel import PanelSummary, average_score, exact_average
from verdicts.shares import ship_percent, ship_share

# Worked examples for the how-we-review page, computed by the rules themselves so
# the page cannot drift from what every other page shows.
VERDICT_EXAMPLES = [
    PanelSummary(ship=3, skip=1),
    PanelSummary(ship=2, skip=2),
    PanelSummary(ship=1, skip=4),
]
HALF_UP_EXAMPLE = {
    "ship": 1,
    "votes": 8,
    "exact": float(100 * ship_share(ship=1, skip=7)),
    "shown": ship_percent(ship=1, skip=7),
}
AVERAGE_EXAMPLE = {
    "scores": (70, 85),
    "exact": float(exact_average((70, 85))),
    "shown": average_score((70, 85)),
}


@require_safe
@public_page
def panel(request):
    counts = catalog_cached("panel-counts", selectors.panel_counts_get)
    context = {
        "members": [(profile, counts[profile.persona]) for profile in persona_profiles()],
        "meta": PageMeta(
            title=f"The panel: five reviewers, five lenses · {settings.SITE_NAME}",
            description="Builder, Skeptic, Founder, Futurist and Creator: who reviews "
            "every AI tool, what each looks for, and how often each says ship.",
        ),
    }
    return render(request, "reviews/panel.html", context)


@require_safe
@public_page
def how_we_review(request):
    context = {
        "profiles": persona_profiles(),
        # The thresholds as the rules hold them now: the page says what the code does.
        "panel_size": panel_rules.PANEL_SIZE,
        "ship_score_low": panel_rules.SHIP_SCORE_LOW,
        "skip_score_high": panel_rules.SKIP_SCORE_HIGH,
        "early_votes": community_rules.EARLY_VOTES,
        "disagreement_points": community_rules.DISAGREEMENT_POINTS,
        "early_note": community_rules.CommunitySummary().early_note,
        "verdict_examples": VERDICT_EXAMPLES,
        "half_up": HALF_UP_EXAMPLE,
        "average_example": AVERAGE_EXAMPLE,
        "contact_email": settings.CONTACT_EMAIL,
        "meta": PageMeta(
            title=f"How we review AI tools · {settings.SITE_NAME}",
            description="Who the five panel personas are, how a score, a ship or skip and "
            "the panel ship % are worked out, how community votes count, and how to report "
            "a mistake.",
        ),
    }
    return render(request, "reviews/how_we_review.html", context)


@require_safe
@public_page
def persona_detail(request, persona):
    profile = persona_profile(persona)
    if profile is None:
        raise Http404("No such reviewer.")
    by_category = catalog_cached(
        f"persona-counts:{profile.persona}",
        lambda: selectors.persona_category_counts_list(persona=profile.persona),
    )
    total = selectors.verdict_count_total(by_category, label="All categories")
    page = selectors.persona_takes_page(
        persona=profile.persona, takes=total.tools, page_number=request.GET.get("page")
    )
    path = reverse("reviews:persona", args=[profile.persona])
    page_note = f", page {page.number} of {page.paginator.num_pages}" if page.number > 1 else ""
    context = {
        "profile": profile,
        "total": total,
        "by_category": by_category,
        "page": page,
        "others": [other for other in persona_profiles() if other != profile],
        "meta": PageMeta(
            title=f"The {profile.name}: takes and verdicts{page_note} · {settings.SITE_NAME}",
            description=(
                f"The {profile.name} {profile.lens[:1].lower()}{profile.lens[1:]} "
                f"Verdicts so far: {total.sentence}{page_note}."
            ),
            canonical_path=f"{path}?page={page.number}" if page.number > 1 else path,
        ),
    }
    return render(request, "reviews/persona_detail.html", context)

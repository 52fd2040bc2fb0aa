from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from plumbing.meta import PageMeta
from plumbing.pagecache import catalog_cached, public_page
from reviews import selectors
from reviews.personas import persona_profile, persona_profiles


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

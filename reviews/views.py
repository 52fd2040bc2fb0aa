from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from compare.seo import PageMeta
from reviews import selectors
from reviews.personas import persona_profile, persona_profiles


@require_GET
def panel(request):
    counts = selectors.panel_counts()
    context = {
        "members": [(profile, counts.get(profile.persona)) for profile in persona_profiles()],
        "meta": PageMeta(
            title=f"The panel: five reviewers, five lenses · {settings.SITE_NAME}",
            description="Builder, Skeptic, Founder, Futurist and Creator: who reviews "
            "every AI tool, what each looks for, and how often each says ship.",
        ),
    }
    return render(request, "reviews/panel.html", context)


@require_GET
def persona_detail(request, persona):
    profile = persona_profile(persona)
    if profile is None:
        raise Http404("No such reviewer.")
    context = {
        "profile": profile,
        "total": selectors.panel_counts().get(profile.persona),
        "by_category": selectors.persona_category_counts(profile.persona),
        "takes": selectors.latest_takes_list(persona=profile.persona),
        "others": [other for other in persona_profiles() if other != profile],
        "meta": PageMeta(
            title=f"The {profile.name}: takes and verdicts · {settings.SITE_NAME}",
            description=f"The {profile.name} on the panel. {profile.lens}",
        ),
    }
    return render(request, "reviews/persona_detail.html", context)

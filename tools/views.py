from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from reviews.personas import persona_profiles
from tools.models import Tool


@require_GET
def tool_detail(request, slug):
    tools = Tool.objects.with_panel()
    # Editors preview drafts; readers only ever see published tools.
    if not request.user.is_staff:
        tools = tools.published()
    tool = get_object_or_404(tools, slug=slug)
    reviews = {review.persona: review for review in tool.panel_reviews.all()}
    scorecard = [(profile, reviews.get(profile.persona)) for profile in persona_profiles()]
    return render(
        request,
        "tools/tool_detail.html",
        {"tool": tool, "panel": tool.panel, "scorecard": scorecard},
    )


@require_GET
def directory(request):
    from django.http import HttpResponse

    return HttpResponse("directory")  # replaced by the directory page


@require_GET
def category_detail(request, slug):
    from django.http import HttpResponse

    return HttpResponse(slug)  # replaced by the category page

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from compare.seo import PageMeta
from tools.models import Tool


@require_GET
def home(request):
    tools = Tool.objects.published().with_panel()
    meta = PageMeta(
        title="AI Tool Verdicts: ship or skip, AI tools side by side",
        description="Five reviewers score every AI tool and say ship or skip; "
        "compare any two side by side with the community's vote.",
    )
    return render(request, "compare/home.html", {"tools": tools, "meta": meta})


@require_GET
def picker(request):
    return HttpResponse("picker")


@require_GET
def tool_suggestions(request):
    return HttpResponse("suggest")


@require_GET
def comparison_detail(request, pair):
    return HttpResponse(pair)


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

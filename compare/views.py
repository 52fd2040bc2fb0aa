from django.shortcuts import render
from django.views.decorators.http import require_GET

from tools.models import Tool


@require_GET
def home(request):
    tools = Tool.objects.published().with_panel()
    return render(request, "compare/home.html", {"tools": tools})

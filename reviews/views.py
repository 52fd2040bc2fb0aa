from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def panel(request):
    return HttpResponse("panel")  # replaced by the panel pages


@require_GET
def persona_detail(request, persona):
    return HttpResponse(persona)  # replaced by the panel pages

"""The site's URLs plus a floor view that is only mounted for the benchmark.

The floor is the cheapest page the stack can serve through Django: one query
and a tiny template (the shape of TechEmpower's "fortunes"), so every page's
figure can be read as a fraction of what the stack itself costs.
"""

from django.http import HttpResponse
from django.template import engines
from django.urls import path

from compare.urls import handler400  # noqa: F401
from compare.urls import urlpatterns as site_urlpatterns
from tools.models import Category

FLOOR = engines["django"].from_string(
    "<!doctype html><title>Floor</title><ul>{% for c in categories %}<li>{{ c.name }}</li>"
    "{% endfor %}</ul>"
)


def floor(request):
    categories = sorted(Category.objects.only("name")[:12], key=lambda category: category.name)
    return HttpResponse(FLOOR.render({"categories": categories}))


urlpatterns = [path("bench/floor/", floor), *site_urlpatterns]

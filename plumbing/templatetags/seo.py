from django import template
from django.urls import reverse

from plumbing.structured_data import json_ld_script

register = template.Library()


@register.filter
def json_ld(data):
    """Render a dict as a JSON-LD <script> block, escaped so that text cannot end the block."""
    return json_ld_script(data)


@register.simple_tag(takes_context=True)
def canonical_url(context, meta=None):
    """The absolute canonical URL: the page's own path unless its meta names another."""
    request = context["request"]
    path = getattr(meta, "canonical_path", None) or request.path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def absolute_url(context, view_name, *args):
    return context["request"].build_absolute_uri(reverse(view_name, args=args))

"""Cache headers shared by every app's responses."""

from django.utils.cache import patch_cache_control, patch_vary_headers


def private(response):
    """A per-visitor response: never stored, and different for htmx and plain requests."""
    patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["HX-Request"])
    return response

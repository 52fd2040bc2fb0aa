from django.conf import settings


def site(request):
    """The site's name, the page's own absolute URL and fragments' lifetime, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "page_url": request.build_absolute_uri(request.path),
    }

from django.conf import settings


def site(request):
    """The site's name and the page's own absolute URL, for every template."""
    return {
        "site_name": settings.SITE_NAME,
        "page_url": request.build_absolute_uri(request.path),
    }

from django.conf import settings

# The header's sections: the URL namespace each one covers, and the name of its index page.
NAV_SECTIONS = {
    "tools": "tools:directory",
    "compare": "compare:picker",
    "reviews": "reviews:panel",
}


def nav_section(request) -> tuple[str, str]:
    """The header section a page is in, and its aria-current value: ("tools", "page") on the
    directory, ("tools", "true") on a tool or category page, ("", "") outside every section.

    Read from the URL the request resolved to, so it costs nothing; the header is cached
    per process under these two values.
    """
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace not in NAV_SECTIONS:
        return "", ""
    index = NAV_SECTIONS[match.namespace] == match.view_name
    return match.namespace, "page" if index else "true"


def site(request):
    """The site's name, the page's own absolute URL and fragments' lifetime, for every template;
    and the header section the page is in."""
    section, current = nav_section(request)
    return {
        "site_name": settings.SITE_NAME,
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "page_url": request.build_absolute_uri(request.path),
        "nav_section": section,
        "nav_current": current,
    }

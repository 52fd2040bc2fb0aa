from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from compare import api, views
from compare.sitemaps import SITEMAPS
from plumbing.health import healthz
from plumbing.pagecache import public_page

compare_patterns = [
    path("", views.picker, name="picker"),
    path("suggest/", views.tool_suggestions, name="suggest"),
    # The pair's verdicts for programs: the page's address with .json for its last slash.
    path("<str:pair>.json", api.comparison_json, name="json"),
    # The pair's live badge and link-preview picture; `pair` holds no "/", so the page's
    # own pattern below never takes these.
    path("<str:pair>/badge.svg", views.comparison_badge, name="badge"),
    path("<str:pair>/share.png", views.comparison_share_image, name="share_image"),
    path("<str:pair>/", views.comparison_detail, name="detail"),
]

handler400 = "compare.views.bad_request"

urlpatterns = [
    path("", views.home, name="home"),
    path("compare/", include((compare_patterns, "compare"))),
    path("", include("tools.urls")),
    path("", include("reviews.urls")),
    path("", include("votes.urls")),
    path("", include("reports.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("islands/", views.islands, name="islands"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("llms.txt", api.llms_txt, name="llms_txt"),
    path("machine-readable.md", api.machine_readable_doc, name="machine_readable"),
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml",
        public_page(sitemap_views.index, seconds=60 * 60),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(sitemap_views.sitemap, seconds=60 * 60),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

from django.urls import path

from plumbing.pagecache import public_page
from tools import api, views
from tools.feeds import ToolChangesFeed

app_name = "tools"

urlpatterns = [
    path("tools/", views.directory, name="directory"),
    path("tools/<slug:slug>/", views.tool_detail, name="detail"),
    # The same verdicts for programs (docs/machine-readable.md).
    path("tools.json", api.tool_index_json, name="index_json"),
    path("tools/<slug:slug>.json", api.tool_json, name="json"),
    path("tools/<slug:slug>/alternatives/", views.alternatives, name="alternatives"),
    # The panel's changes to its takes: a page to read, and a feed to follow.
    path("tools/<slug:slug>/history/", views.tool_history, name="history"),
    path("tools/<slug:slug>/changes.atom", public_page(ToolChangesFeed()), name="changes_feed"),
    # For other sites: a live badge to embed, and the link preview's picture.
    path("tools/<slug:slug>/badge.svg", views.tool_badge, name="badge"),
    path("tools/<slug:slug>/share.png", views.tool_share_image, name="share_image"),
    path("categories/<slug:slug>/", views.category_detail, name="category"),
]

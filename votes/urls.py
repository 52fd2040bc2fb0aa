from django.urls import path

from votes import views

app_name = "votes"

urlpatterns = [
    path("votes/tools/<slug:slug>/", views.tool_vote, name="tool_vote"),
    path("votes/compare/<str:pair>/", views.pair_pick, name="pair_pick"),
    path("bookmarks/", views.bookmarks_page, name="bookmarks"),
    path("bookmarks/panel/", views.bookmarks_panel, name="bookmarks_panel"),
    path("bookmarks/tools/<slug:slug>/", views.bookmark_toggle, name="bookmark_toggle"),
]

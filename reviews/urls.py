from django.urls import path

from plumbing.pagecache import public_page
from reviews import views
from reviews.feeds import NewestVerdictsFeed, PanelChangesFeed

app_name = "reviews"

urlpatterns = [
    path("panel/", views.panel, name="panel"),
    # Before the personas' pattern, which would take "how-we-review" for a persona.
    path("panel/how-we-review/", views.how_we_review, name="how_we_review"),
    path("panel/changes.atom", public_page(PanelChangesFeed()), name="changes_feed"),
    path("panel/<str:persona>/", views.persona_detail, name="persona"),
    path("feeds/verdicts/", public_page(NewestVerdictsFeed()), name="feed"),
]

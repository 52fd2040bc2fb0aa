"""The Atom feed of one tool's verdict changes, for readers who follow a single tool."""

from django.conf import settings
from django.http import Http404
from django.urls import reverse

from reviews.feeds import FEED_SIZE, PanelChangesFeed
from reviews.selectors import panel_changes_list
from tools.models import Tool


class ToolChangesFeed(PanelChangesFeed):
    """The site-wide feed of changes, narrowed to one published tool (two queries)."""

    def get_object(self, request, slug):
        tool = Tool.objects.published().only("pk", "slug", "name").filter(slug=slug).first()
        if tool is None:
            raise Http404("No such tool.")
        return tool

    def title(self, tool):
        return f"{settings.SITE_NAME}: verdict changes on {tool.name}"

    def subtitle(self, tool):
        return (
            f"Every change to the panel's takes on {tool.name}: added, removed, flipped, rescored."
        )

    def link(self, tool):
        return reverse("tools:history", args=[tool.slug])

    def feed_url(self, tool):
        return reverse("tools:changes_feed", args=[tool.slug])

    def items(self, tool):
        return panel_changes_list(tool_id=tool.pk, include_drafts=True, limit=FEED_SIZE)

    def item_title(self, change):
        # Every entry is about this one tool: the sentence alone reads better.
        return change.event.sentence

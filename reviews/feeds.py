from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from reviews import selectors

FEED_SIZE = 30


def take_anchor(review) -> str:
    """The take's place on its tool page: the tool page gives each persona's take this id."""
    return f"{review.tool.get_absolute_url()}#take-{review.persona}"


class NewestVerdictsFeed(Feed):
    """The panel's newest takes on published tools, one entry per take (one query)."""

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.SITE_NAME}: newest verdicts"

    def subtitle(self):
        return "Each new take from the five-persona panel, with its score and verdict."

    def link(self):
        # The home page lists the latest verdicts too; the link is also the feed's id.
        return reverse("home")

    def feed_url(self):
        return reverse("reviews:feed")

    def items(self):
        return selectors.latest_takes_list(limit=FEED_SIZE)

    def item_title(self, review):
        persona, verdict = review.get_persona_display(), review.get_verdict_display()
        return f"{persona} on {review.tool.name}: {verdict} · {review.score}/100"

    def item_description(self, review):
        # Atom's summary is declared HTML: a take is plain text, so it is escaped,
        # and markup in it stays text in every feed reader.
        return escape(review.take)

    def item_link(self, review):
        # Each take has its own anchor, so entries on one tool have distinct links.
        return take_anchor(review)

    # The entry's id is its absolute link: one id per take, as Atom wants, and a
    # revised take shows up as the same entry with a newer <updated>.

    def item_pubdate(self, review):
        return review.created_at

    def item_updateddate(self, review):
        return review.updated_at

    def item_author_name(self, review):
        return f"The {review.get_persona_display()}, {settings.SITE_NAME} panel"

    def item_categories(self, review):
        return [review.tool.category.name]


def change_link(change) -> str:
    """The change's place on its tool's history page: one link, and so one Atom id, each."""
    return f"{reverse('tools:history', args=[change.tool_slug])}#{change.anchor}"


class PanelChangesFeed(Feed):
    """Changes to the panel's takes on published tools, newest first (one query).

    One entry per change that reviews.history tells readers about: a take
    added or removed, a verdict flipped, a score moved.
    """

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.SITE_NAME}: verdict changes"

    def subtitle(self):
        return (
            "Every take the panel adds or removes, every verdict it flips, every score it moves."
        )

    def link(self):
        return reverse("reviews:panel")

    def feed_url(self):
        return reverse("reviews:changes_feed")

    def items(self):
        return selectors.panel_changes_list(limit=FEED_SIZE)

    def item_title(self, change):
        return change.event.sentence_on(change.tool_name)

    def item_description(self, change):
        return escape(change.event.detail or change.event.sentence)

    def item_link(self, change):
        return change_link(change)

    def item_pubdate(self, change):
        return change.at

    def item_updateddate(self, change):
        return change.at

    def item_author_name(self, change):
        return f"The {change.event.persona_name}, {settings.SITE_NAME} panel"

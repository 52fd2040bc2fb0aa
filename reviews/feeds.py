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

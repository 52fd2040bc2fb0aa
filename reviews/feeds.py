from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from reviews import selectors

FEED_SIZE = 30


class NewestVerdictsFeed(Feed):
    """The panel's newest takes on published tools, one entry per take."""

    feed_type = Atom1Feed

    def title(self):
        return f"{settings.SITE_NAME}: newest verdicts"

    def subtitle(self):
        return "Each new take from the five-persona panel, with its score and verdict."

    def link(self):
        return reverse("home")

    def items(self):
        return selectors.latest_takes_list(limit=FEED_SIZE)

    def item_title(self, review):
        persona, verdict = review.get_persona_display(), review.get_verdict_display()
        return f"{persona} on {review.tool.name}: {verdict} · {review.score}/100"

    def item_description(self, review):
        return review.take

    def item_link(self, review):
        # Each take has its own anchor on the tool page, so entries have distinct links.
        return f"{review.tool.get_absolute_url()}#take-{review.persona}"

    def item_guid(self, review):
        # A changed take is a new entry for feed readers.
        stamp = int(review.updated_at.timestamp())
        return f"{review.tool.get_absolute_url()}#take-{review.persona}-{stamp}"

    item_guid_is_permalink = False

    def item_pubdate(self, review):
        return review.created_at

    def item_updateddate(self, review):
        return review.updated_at

    def item_author_name(self, review):
        return f"{settings.SITE_NAME} panel ({review.get_persona_display()})"

    def item_categories(self, review):
        return [review.tool.category.name]

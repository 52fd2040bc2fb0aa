"""A tool as schema.org structured data, for the tool and compare pages.

The panel's takes become Reviews whose author is the site's editorial panel,
an Organization: the personas are the editors' voices, never people, so no
take is ever marked up as a Person's.

An AggregateRating comes only from readers' votes, and only once a tool has
EARLY_VOTES of them (below that the page itself marks the share as early);
never from the panel, whose scores are the site's own and would be a
self-serving rating. Each vote is a ship (100) or a skip (0), so the mean
rating on a 0 to 100 scale is exactly the community's ship % (rounded half up,
as the page shows it) and ratingCount is the votes behind it.

The JSON-LD follows the community counters as the page's numbers do: the
compare page's copy sits in the fragment keyed by Tool.fragment_version
(which holds the counters), the tool page's is rendered with the page.
"""

from django.utils import timezone
from django.utils.text import Truncator

from plumbing.structured_data import editorial_panel
from tools.models import EntryTier
from verdicts.community import EARLY_VOTES, CommunitySummary

REVIEW_EXCERPT_CHARS = 160


def community_rating(community: CommunitySummary) -> dict | None:
    """Readers' votes as an AggregateRating; None below EARLY_VOTES votes."""
    if community.votes < EARLY_VOTES:
        return None
    return {
        "@type": "AggregateRating",
        "ratingValue": community.ship_percent,
        "bestRating": 100,
        "worstRating": 0,
        "ratingCount": community.votes,
    }


def software_application(tool, *, url: str, community: CommunitySummary) -> dict:
    """One tool as a SoftwareApplication with its panel's takes as Reviews and,
    where enough readers voted, their votes as its AggregateRating."""
    data = {
        "@type": "SoftwareApplication",
        "name": tool.name,
        "url": url,
        "description": tool.tagline,
        "applicationCategory": tool.category.name,
        "review": [
            {
                "@type": "Review",
                "name": f"{review.get_persona_display()} on {tool.name}",
                "author": editorial_panel(),
                # The day as the pages print it, in the site's time zone.
                "datePublished": timezone.localdate(review.created_at).isoformat(),
                # An excerpt: the page shows the whole take, and search
                # engines need only enough to match it.
                "reviewBody": Truncator(review.take).chars(REVIEW_EXCERPT_CHARS),
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": review.score,
                    "bestRating": 100,
                    "worstRating": 0,
                },
            }
            for review in tool.panel_reviews.all()
        ],
    }
    rating = community_rating(community)
    if rating is not None:
        data["aggregateRating"] = rating
    if tool.entry == EntryTier.FREE or tool.entry == EntryTier.OPEN_SOURCE:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "USD"}
    if tool.website:
        data["sameAs"] = tool.website
    return data

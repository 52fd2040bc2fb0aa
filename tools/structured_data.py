"""A tool as schema.org structured data, for the tool and compare pages.

The panel's takes become Reviews whose author is the site's editorial panel,
an Organization. There is deliberately no AggregateRating: search engines
treat ratings a site gives its own listings as self-serving.
"""

from django.utils.text import Truncator

from plumbing.structured_data import editorial_panel
from tools.models import EntryTier

REVIEW_EXCERPT_CHARS = 160


def software_application(tool, *, url: str) -> dict:
    """One tool as a SoftwareApplication with its panel's takes as Reviews."""
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
                "datePublished": review.created_at.date().isoformat(),
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
    if tool.entry == EntryTier.FREE or tool.entry == EntryTier.OPEN_SOURCE:
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "USD"}
    if tool.website:
        data["sameAs"] = tool.website
    return data

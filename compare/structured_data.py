"""schema.org JSON-LD for tool and compare pages.

The panel's takes become Reviews whose author is the site's editorial panel,
an Organization. There is deliberately no AggregateRating: search engines
treat ratings a site gives its own listings as self-serving.
"""

import json

from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from tools.models import EntryTier


def editorial_panel() -> dict:
    return {"@type": "Organization", "name": f"{settings.SITE_NAME} editorial panel"}


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
                "reviewBody": review.take,
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


def graph(*items: dict) -> dict:
    return {"@context": "https://schema.org", "@graph": list(items)}


def json_ld_script(data: dict):
    # The same escaping as json_script: "<", ">" and "&" become \u escapes, so
    # a take containing "</script>" cannot end the block early.
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')

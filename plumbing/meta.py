"""What a page tells search engines and link previews about itself."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SocialImage:
    """The picture a link preview shows (og:image, twitter:image): an absolute URL."""

    url: str
    alt: str
    width: int
    height: int
    content_type: str = "image/png"


@dataclass(frozen=True)
class PageMeta:
    """A page's title, description and, where it differs from its URL, its canonical path.

    base.html renders these once each into <title>, the meta description, the
    canonical link and the Open Graph and Twitter card tags.
    """

    title: str
    description: str
    canonical_path: str | None = None
    og_type: str = "website"
    # Without one, the card is a plain summary.
    image: SocialImage | None = None

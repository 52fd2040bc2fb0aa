"""Every page type of the site, as (name, path) pairs over the demo catalog.

The HTML checker and the accessibility checks walk this list; a new page type
belongs here.
"""

from django.core.management import call_command

PAGES = [
    ("home", "/"),
    ("directory", "/tools/"),
    ("directory search", "/tools/?q=review&sort=score"),
    ("directory with a bad filter", "/tools/?category=nope&entry=cheap"),
    ("category", "/categories/developer-tools/"),
    ("tool with a full panel", "/tools/patchwright/"),
    ("tool without takes", "/tools/echoquill/"),
    ("tool possibly out of date", "/tools/moorhen/"),
    ("compare", "/compare/patchwright-vs-moorhen/"),
    ("compare with an empty panel", "/compare/vernacle-vs-echoquill/"),
    ("compare through a reviewer's lens", "/compare/patchwright-vs-moorhen/?lens=skeptic"),
    ("compare with weights and a note", "/compare/patchwright-vs-moorhen/?builder=3&creator=9"),
    ("picker", "/compare/"),
    ("picker with errors", "/compare/?a=patchwrite&b=patchwright"),
    ("picker with several matches", "/compare/?a=review&b=moorhen"),
    ("alternatives", "/tools/patchwright/alternatives/"),
    ("verdict history", "/tools/patchwright/history/"),
    ("alternatives, too few to index", "/tools/swatchling/alternatives/"),
    ("panel", "/panel/"),
    ("persona", "/panel/skeptic/"),
    ("how we review", "/panel/how-we-review/"),
    ("not found", "/compare/nope-vs-nada/"),
    ("not found with a corrected pair", "/compare/patchwrite-vs-moorhn/"),
    ("bad request", "/tools/?q=%00"),
    ("bookmarks", "/bookmarks/"),
    ("vote without JavaScript", "/votes/tools/patchwright/?next=/tools/patchwright/"),
    ("pick without JavaScript", "/votes/compare/patchwright-vs-moorhen/"),
    ("bookmark without JavaScript", "/bookmarks/tools/patchwright/"),
    ("report a problem with a listing", "/tools/patchwright/report/"),
    ("report a problem on a compare page", "/compare/patchwright-vs-moorhen/report/"),
    ("newsletter sign-up", "/newsletter/"),
    ("newsletter archive", "/newsletter/archive/"),
    ("newsletter issue", "/newsletter/archive/2026-W47/"),
]


def demo_catalog_load():
    """The demo catalog, which has every kind of panel the pages must show, and a sent digest."""
    from django.utils import timezone

    from newsletter.models import DigestIssue
    from newsletter.services import digest_compose

    call_command("load_demo", verbosity=0)
    issue, _ = digest_compose(week="2026-W47")
    DigestIssue.objects.filter(pk=issue.pk).update(
        intro="A week of coding agents and quieter writing tools.", sent_at=timezone.now()
    )

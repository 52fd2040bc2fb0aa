"""Editors see the community totals and may remove one visitor's votes."""

from django.db import migrations

from tools.editors import editors_grant, editors_revoke

PERMISSIONS = {
    "app_label": "votes",
    "codenames": ["view_vote", "delete_vote", "view_tooltally", "view_pairtally"],
}


def grant(apps, schema_editor):
    editors_grant(apps, **PERMISSIONS)


def revoke(apps, schema_editor):
    editors_revoke(apps, **PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("votes", "0001_votes_picks_bookmarks_and_tallies"),
        ("tools", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

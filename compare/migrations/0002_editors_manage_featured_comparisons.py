"""Editors pick the featured comparisons, so the Editors group may manage them."""

from django.db import migrations

from tools.editors import editors_grant, editors_revoke

PERMISSIONS = {
    "app_label": "compare",
    "codenames": [f"{action}_featuredcomparison" for action in ("add", "change", "delete", "view")],
}


def grant(apps, schema_editor):
    editors_grant(apps, **PERMISSIONS)


def revoke(apps, schema_editor):
    editors_revoke(apps, **PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("compare", "0001_featured_comparison"),
        ("tools", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

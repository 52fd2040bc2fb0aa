"""Editors compose, preview and send digests, and see the subscriber list."""

from django.db import migrations

from tools.editors import editors_grant, editors_revoke

PERMISSIONS = {
    "app_label": "newsletter",
    "codenames": [
        *(f"{action}_{model}" for model in ("digestissue", "digestitem")
          for action in ("add", "change", "delete", "view")),
        "view_subscriber",
    ],
}


def grant(apps, schema_editor):
    editors_grant(apps, **PERMISSIONS)


def revoke(apps, schema_editor):
    editors_revoke(apps, **PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_subscribers_digests_deliveries"),
        ("tools", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

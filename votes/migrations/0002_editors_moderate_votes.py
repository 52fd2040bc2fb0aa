"""Editors see the community totals and may remove one visitor's votes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_vote", "delete_vote", "view_tooltally", "view_pairtally"]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config("votes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="votes", codename__in=CODENAMES)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="votes", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("votes", "0001_votes_picks_bookmarks_and_tallies"),
        ("tools", "0002_editors_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

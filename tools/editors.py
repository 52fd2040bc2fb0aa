"""The Editors group's permissions, granted by each app's data migration."""

from django.contrib.auth.management import create_permissions

EDITORS_GROUP = "Editors"


def editors_grant(apps, *, app_label: str, codenames: list[str]) -> None:
    """Give the Editors group these permissions of one app (creating both if needed)."""
    # Permissions are normally created after all migrations have run.
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )


def editors_revoke(apps, *, app_label: str, codenames: list[str]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=EDITORS_GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )

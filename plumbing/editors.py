"""The Editors group: one list of what editors may do, applied in one place.

After every `migrate` (and every test-database flush) the group is made to
hold exactly these permissions, so adding a model to the list needs no data
migration and nothing else ever grants or revokes them.
"""

from django.apps import apps as global_apps

EDITORS_GROUP = "Editors"

ALL_ACTIONS = ("add", "change", "delete", "view")

# app label → model → the actions editors may take on it.
EDITOR_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    # The catalog, and the featured comparisons on the home and picker pages.
    "tools": {"category": ALL_ACTIONS, "tool": ALL_ACTIONS, "featuredcomparison": ALL_ACTIONS},
    # The panel's takes.
    "reviews": {"panelreview": ALL_ACTIONS},
    # Moderation: read votes and remove one visitor's votes (counters follow).
    "votes": {
        "vote": ("view", "delete"),
        "tooltally": ("view",),
        "pairtally": ("view",),
    },
    # Shaping and sending the digest, and seeing who subscribed.
    "newsletter": {
        "digestissue": ALL_ACTIONS,
        "digestitem": ALL_ACTIONS,
        "subscriber": ("view",),
    },
}


def editor_codenames() -> dict[str, set[str]]:
    """app label → the permission codenames editors hold in it."""
    return {
        app_label: {f"{action}_{model}" for model, actions in models.items() for action in actions}
        for app_label, models in EDITOR_PERMISSIONS.items()
    }


def editors_group_sync(*, apps=global_apps) -> None:
    """Create the Editors group if needed and give it exactly EDITOR_PERMISSIONS. Idempotent."""
    from django.db.models import Q

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, codenames in editor_codenames().items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(Permission.objects.filter(wanted))


def editors_group_sync_after_migrate(sender, *, apps=global_apps, using="default", **kwargs):
    if using == "default":
        editors_group_sync(apps=apps)

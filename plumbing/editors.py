"""The staff groups: one list each of what its members may do, applied in one place.

After every `migrate` (and every test-database flush) each group is made to
hold exactly its permissions, so adding a model to a list needs no data
migration and nothing else ever grants or revokes them.

Editors run the catalog, the panel and the digest. Subscribers' addresses are
not theirs to see: the "Subscriber managers" group holds that, and an admin
adds to it only the people who must.
"""

from django.apps import apps as global_apps
from django.db.models import Q

EDITORS_GROUP = "Editors"
SUBSCRIBER_MANAGERS_GROUP = "Subscriber managers"

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
    # Readers' reports: read them, resolve or dismiss them (the admin's actions), delete spam.
    "reports": {"report": ("view", "change", "delete")},
    # Shaping and sending the digest.
    "newsletter": {"digestissue": ALL_ACTIONS, "digestitem": ALL_ACTIONS},
}

# Seeing and exporting the subscriber list.
SUBSCRIBER_MANAGER_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "newsletter": {"subscriber": ("view",)},
}

GROUPS = {
    EDITORS_GROUP: EDITOR_PERMISSIONS,
    SUBSCRIBER_MANAGERS_GROUP: SUBSCRIBER_MANAGER_PERMISSIONS,
}


def codenames_of(permissions: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, set[str]]:
    """app label → the permission codenames a group holds in it."""
    return {
        app_label: {f"{action}_{model}" for model, actions in models.items() for action in actions}
        for app_label, models in permissions.items()
    }


def staff_groups_sync(*, apps=global_apps) -> None:
    """Create each staff group if needed and give it exactly its permissions. Idempotent."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        wanted = Q(pk__in=[])
        for app_label, codenames in codenames_of(permissions).items():
            wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(wanted))


def staff_groups_sync_after_migrate(sender, *, apps=global_apps, using="default", **kwargs):
    if using == "default":
        staff_groups_sync(apps=apps)

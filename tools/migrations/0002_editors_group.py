"""The Editors group: exactly the permissions to manage categories, tools and reviews."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_MODELS = [("tools", "category"), ("tools", "tool"), ("reviews", "panelreview")]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they
    # exist now so the group can hold them on a fresh database.
    for app_label in {app_label for app_label, _ in EDITOR_MODELS}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editors")
    codenames = [f"{action}_{model}" for _, model in EDITOR_MODELS for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label__in=["tools", "reviews"], codename__in=codenames
    )
    group.permissions.set(permissions)


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editors").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tools", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]

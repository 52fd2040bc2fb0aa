"""Once the Editors group's permissions; now kept by plumbing.editors after every migrate.

This migration stays so that the ones depending on it still apply; it no
longer changes anything, and reversing it leaves the group alone.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tools", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = []

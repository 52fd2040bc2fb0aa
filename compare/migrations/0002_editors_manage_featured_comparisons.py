"""Once the Editors group's permissions; now kept by plumbing.editors after every migrate.

This migration stays so that the ones depending on it still apply; it no
longer changes anything, and reversing it leaves the group alone.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("compare", "0001_featured_comparison"),
        ("tools", "0002_editors_group"),
    ]

    operations = []

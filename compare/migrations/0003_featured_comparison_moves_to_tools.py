"""FeaturedComparison now lives in tools/ (tools 0004); its table stays as it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("compare", "0002_editors_manage_featured_comparisons"),
        ("tools", "0004_featured_comparison_moves_to_tools"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="FeaturedComparison")],
        ),
    ]

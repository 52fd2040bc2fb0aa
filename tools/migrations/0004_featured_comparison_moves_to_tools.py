"""FeaturedComparison moves from compare/ to tools/, so that the apps below
the project package can read it. Its table keeps its name: nothing in the
database changes but the content type's app label."""

import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="tools", model="featuredcomparison").exists():
        ContentType.objects.filter(app_label="compare", model="featuredcomparison").update(
            app_label="tools"
        )


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="compare", model="featuredcomparison").exists():
        ContentType.objects.filter(app_label="tools", model="featuredcomparison").update(
            app_label="compare"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("tools", "0003_tool_logo"),
        ("compare", "0002_editors_manage_featured_comparisons"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FeaturedComparison",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("note", models.CharField(blank=True, help_text="Optional: one or two sentences on why this pair is worth a look.", max_length=240, verbose_name="editor's note")),
                        ("position", models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are shown first.")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("left", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="tools.tool")),
                        ("right", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="tools.tool")),
                    ],
                    options={
                        "db_table": "compare_featuredcomparison",
                        "ordering": ["position", "-created_at"],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("left", models.F("right")), _negated=True), name="featured_comparison_two_different_tools", violation_error_message="Pick two different tools."),
                            models.UniqueConstraint(django.db.models.functions.comparison.Least("left", "right"), django.db.models.functions.comparison.Greatest("left", "right"), name="featured_comparison_unique_pair", violation_error_message="This pair is already featured."),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]

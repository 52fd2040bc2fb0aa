from django.db import migrations, models
from django.db.models import Max, OuterRef, Subquery


def panel_changed_at_fill(apps, schema_editor):
    # The newest take's time is the best record of when each panel last
    # changed; a tool without takes has none (a removed take left no trace).
    Tool = apps.get_model("tools", "Tool")
    PanelReview = apps.get_model("reviews", "PanelReview")
    newest_take = (
        PanelReview.objects.filter(tool=OuterRef("pk"))
        .order_by()
        .values("tool")
        .annotate(newest=Max("updated_at"))
        .values("newest")
    )
    Tool.objects.update(panel_changed_at=Subquery(newest_take))


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0010_tool_in_category_by_score"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="tool",
            name="panel_changed_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="panel last changed"
            ),
        ),
        migrations.RunPython(panel_changed_at_fill, migrations.RunPython.noop),
    ]

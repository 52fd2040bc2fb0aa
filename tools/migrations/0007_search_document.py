from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations
from django.db.models import OuterRef, Subquery


def search_index():
    return GinIndex(fields=["search_document"], name="tool_search_document")


def postgresql_forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Tool = apps.get_model("tools", "Tool")
    Category = apps.get_model("tools", "Category")
    # The expression index 0005 built is replaced by the stored column's index.
    schema_editor.execute('DROP INDEX IF EXISTS "tool_search"')
    category_name = Subquery(Category.objects.filter(pk=OuterRef("category_id")).values("name"))
    Tool.objects.update(
        search_document=SearchVector("name", weight="A", config="english")
        + SearchVector("tagline", weight="B", config="english")
        + SearchVector(category_name, weight="B", config="english")
        + SearchVector("description", weight="C", config="english")
    )
    schema_editor.add_index(Tool, search_index())


def postgresql_backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Tool = apps.get_model("tools", "Tool")
        schema_editor.remove_index(Tool, search_index())
        old = SearchVector("name", weight="A", config="english") + SearchVector(
            "tagline", weight="B", config="english"
        )
        old += SearchVector("description", weight="C", config="english")
        schema_editor.add_index(Tool, GinIndex(old, name="tool_search"))


class Migration(migrations.Migration):
    dependencies = [
        ("tools", "0006_category_published_tool_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="tool",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(postgresql_forwards, postgresql_backwards),
    ]

from django.db import migrations

BATCH = 2000


def take_history_backfill(apps, schema_editor):
    """Give each take already on file one record, so its next change has a before.

    Dated when the take was added (the values are those it has now); marked as a
    backfill, so the history never states a score or verdict it cannot vouch for.
    """
    PanelReview = apps.get_model("reviews", "PanelReview")
    HistoricalPanelReview = apps.get_model("reviews", "HistoricalPanelReview")
    batch = []
    for take in PanelReview.objects.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(
            HistoricalPanelReview(
                id=take.pk,
                tool_id=take.tool_id,
                persona=take.persona,
                score=take.score,
                verdict=take.verdict,
                take=take.take,
                created_at=take.created_at,
                updated_at=take.updated_at,
                history_date=take.created_at,
                history_type="+",
                source="backfill",
            )
        )
        if len(batch) == BATCH:
            HistoricalPanelReview.objects.bulk_create(batch)
            batch = []
    HistoricalPanelReview.objects.bulk_create(batch)


def take_history_unfill(apps, schema_editor):
    apps.get_model("reviews", "HistoricalPanelReview").objects.filter(source="backfill").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_panel_review_history"),
    ]

    operations = [
        migrations.RunPython(take_history_backfill, take_history_unfill),
    ]

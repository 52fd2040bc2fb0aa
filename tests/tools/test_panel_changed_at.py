"""Tool.panel_changed_at: when a take was last added, changed or removed, kept with the takes."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from reviews.models import PanelReview
from tests.factories import PanelReviewFactory, ToolFactory
from tools.catalog import catalog_export, catalog_import
from tools.models import Tool

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.make_aware(datetime.datetime(2025, 1, 1, 12, 0))


def changed_at(tool):
    return Tool.objects.values_list("panel_changed_at", flat=True).get(pk=tool.pk)


def set_long_ago(tool):
    # Within a test's transaction PostgreSQL's now() stands still, so a change is
    # seen against a time set well before it (its takes' too, as they would be).
    PanelReview.objects.filter(tool=tool).update(updated_at=LONG_AGO)
    Tool.objects.filter(pk=tool.pk).update(panel_changed_at=LONG_AGO)


def test_a_tool_that_never_had_a_take_has_no_panel_change():
    assert changed_at(ToolFactory()) is None


def test_adding_a_take_stamps_the_panel_change():
    tool = ToolFactory()
    before = timezone.now() - datetime.timedelta(minutes=5)
    PanelReviewFactory(tool=tool)
    assert changed_at(tool) > before


@pytest.mark.parametrize("change", ["score", "verdict", "take"])
def test_changing_a_take_moves_the_panel_change(change):
    take = PanelReviewFactory(score=80, verdict="ship")
    set_long_ago(take.tool)
    setattr(take, change, {"score": 20, "verdict": "skip", "take": "Changed my mind."}[change])
    take.save()
    assert changed_at(take.tool) > LONG_AGO


def test_removing_the_last_take_keeps_the_removal_time():
    take = PanelReviewFactory()
    set_long_ago(take.tool)
    take.delete()
    tool = Tool.objects.get(pk=take.tool_id)
    assert tool.take_count == 0
    assert tool.panel_changed_at > LONG_AGO


def test_saving_the_tool_itself_leaves_the_panel_change_alone():
    tool = PanelReviewFactory().tool
    set_long_ago(tool)
    tool.refresh_from_db()
    tool.pricing = "Now $12 per month"
    tool.save()
    assert changed_at(tool) == LONG_AGO


def test_a_save_from_a_stale_instance_does_not_take_the_panel_change_back():
    tool = ToolFactory()
    stale = Tool.objects.get(pk=tool.pk)  # loaded before any take
    take = PanelReviewFactory(tool=tool)
    stale.save()  # writes the None it holds; the recount brings it up to the take
    assert changed_at(tool) is not None
    assert changed_at(tool) >= take.updated_at - datetime.timedelta(seconds=1)


def test_an_import_that_changes_no_take_leaves_the_panel_change_alone():
    tool = PanelReviewFactory().tool
    document = catalog_export()
    set_long_ago(tool)
    catalog_import(document=document)
    assert changed_at(tool) == LONG_AGO


def test_an_import_that_changes_a_take_moves_the_panel_change():
    tool = PanelReviewFactory(score=80).tool
    document = catalog_export()
    document["tools"][0]["reviews"][0]["score"] = 55
    set_long_ago(tool)
    catalog_import(document=document)
    assert changed_at(tool) > LONG_AGO


def test_the_migration_fills_it_from_each_tools_newest_take():
    with_takes = ToolFactory()
    PanelReviewFactory(tool=with_takes, persona="builder")
    PanelReviewFactory(tool=with_takes, persona="skeptic")
    newest = timezone.make_aware(datetime.datetime(2026, 5, 4, 9, 30))
    PanelReview.objects.filter(tool=with_takes, persona="builder").update(updated_at=LONG_AGO)
    PanelReview.objects.filter(tool=with_takes, persona="skeptic").update(updated_at=newest)
    without_takes = ToolFactory()
    Tool.objects.update(panel_changed_at=None)

    migration = importlib.import_module("tools.migrations.0011_tool_panel_changed_at")
    migration.panel_changed_at_fill(apps, None)

    assert changed_at(with_takes) == newest
    assert changed_at(without_takes) is None

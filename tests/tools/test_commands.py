import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import timezone

from reviews.models import PanelReview
from tools.catalog import catalog_export
from tools.management.commands.load_demo import DEMO_CATALOG, DEMO_HISTORY
from tools.models import FeaturedComparison, Tool

DOCUMENT = {
    "categories": [{"slug": "writing", "name": "Writing"}],
    "tools": [
        {
            "slug": "draftwell",
            "name": "Draftwell",
            "category": "writing",
            "tagline": "First drafts from rough notes",
            "description": "Turns notes into prose.",
            "pricing": "Free",
            "entry": "free",
            "reviews": [{"persona": "builder", "score": 70, "verdict": "ship", "take": "Neat."}],
        }
    ],
}


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_reads_a_file_and_says_what_it_created(db, tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(DOCUMENT))
    out, _ = run("import_catalog", str(path))
    assert "created 2: category writing, tool draftwell" in out
    assert Tool.objects.filter(slug="draftwell").exists()
    out, _ = run("import_catalog", str(path))
    assert "created 0" in out
    assert "unchanged 2" in out


def test_import_reads_standard_input(db, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(DOCUMENT)))
    run("import_catalog", "-")
    assert Tool.objects.filter(slug="draftwell").exists()


def test_a_broken_file_lists_every_problem_exits_non_zero_and_changes_nothing(db, tmp_path):
    broken = json.loads(json.dumps(DOCUMENT))
    broken["tools"][0]["reviews"][0]["score"] = 140
    broken["tools"][0]["category"] = "cooking"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_catalog", str(path), stdout=io.StringIO(), stderr=err)
    assert "tools[0].reviews[0].score: Must be between 0 and 100." in err.getvalue()
    assert "tools[0].category: unknown category 'cooking'" in err.getvalue()
    assert not Tool.objects.exists()


def test_malformed_json_is_refused_with_its_line(db, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"tools": [\n  {"slug": }\n]}')
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_catalog", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().startswith("line 2, column")


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_catalog", str(tmp_path / "nope.json"))


def test_dry_run_reports_but_writes_nothing(db, tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(DOCUMENT))
    out, _ = run("import_catalog", str(path), "--dry-run")
    assert "(dry run) created 2" in out
    assert not Tool.objects.exists()


def test_export_writes_standard_output_or_a_file(db, tmp_path):
    run("import_catalog", str(_write(tmp_path, DOCUMENT)))
    out, _ = run("export_catalog")
    assert json.loads(out) == catalog_export()
    target = tmp_path / "backup.json"
    run("export_catalog", str(target))
    assert json.loads(target.read_text()) == json.loads(out)


def _write(tmp_path, document):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document))
    return path


def test_demo_catalog_loads_once_and_then_leaves_the_catalog_alone(db):
    out, _ = run("load_demo")
    document = json.loads(DEMO_CATALOG.read_text())
    assert out.strip() == (
        f"Loaded the demo catalog: {len(document['categories'])} categories, "
        f"{len(document['tools'])} tools, {len(document['featured'])} featured comparisons."
    )
    counts = (Tool.objects.count(), PanelReview.objects.count())
    assert counts[0] >= 12
    Tool.objects.filter(slug=Tool.objects.first().slug).update(tagline="Edited by an editor")
    out, _ = run("load_demo")
    assert "demo not loaded" in out
    assert (Tool.objects.count(), PanelReview.objects.count()) == counts
    assert Tool.objects.filter(tagline="Edited by an editor").count() == 1


def test_demo_catalog_has_the_variety_the_pages_need(db):
    document = json.loads(DEMO_CATALOG.read_text())
    assert len(document["tools"]) >= 12
    assert len({tool["category"] for tool in document["tools"]}) >= 3
    run("load_demo")
    panels = [tool.panel for tool in Tool.objects.with_panel().published()]
    assert any(panel.takes == 5 for panel in panels)
    assert any(0 < panel.takes < 5 for panel in panels)
    assert any(panel.ship_percent == 50 for panel in panels)
    assert any(panel.takes and panel.skip > panel.ship for panel in panels)
    assert any(panel.takes == 0 for panel in panels)
    assert set(Tool.objects.values_list("entry", flat=True)) == {"free", "paid", "open-source"}
    # A newcomer's home page and picker lead to comparisons the editors chose.
    featured = FeaturedComparison.objects.published()
    assert featured.count() >= 4
    assert all(pair.note for pair in featured)


def test_create_editor_makes_a_staff_account_in_the_editors_group(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "correct-horse-battery")
    out, _ = run("create_editor", "maya")
    user = get_user_model().objects.get(username="maya")
    assert "Created editor maya" in out
    assert user.is_staff
    assert not user.is_superuser
    assert user.has_perm("tools.change_tool")
    assert user.has_perm("reviews.add_panelreview")
    assert not user.has_perm("auth.change_user")


def test_create_editor_refuses_a_weak_password(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="too short"):
        run("create_editor", "maya")


def test_the_demo_panel_has_a_past_dated_back_from_the_day_it_loads(client, db):
    run("load_demo")
    history = json.loads(DEMO_HISTORY.read_text())
    today = timezone.localdate()
    flipped = next(r for r in history["revisions"] if r["tool"] == "patchwright")
    html = client.get("/tools/patchwright/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    changed_on = today - datetime.timedelta(days=flipped["days_ago"])
    assert f"Skeptic moved from skip to ship · {changed_on:%-d %b %Y}" in text
    assert f"Score rose from {flipped['before']['score']} to 71" in text
    # The tool's panel last changed with its newest revision; untouched tools when
    # their takes were first written; a tool without takes never.
    tools = {tool.slug: tool for tool in Tool.objects.all()}
    assert timezone.localdate(tools["patchwright"].panel_changed_at) == changed_on
    added_on = today - datetime.timedelta(days=history["takes_added_days_ago"])
    assert timezone.localdate(tools["stubforge"].panel_changed_at) == added_on
    assert tools["echoquill"].panel_changed_at is None
    # The numbers are the catalog's own: the past is only history.
    assert tools["patchwright"].panel.ship == 5

"""Lighthouse (npm, mobile) scores the compare page at least 95 in each category."""

import json
import os
import statistics
import subprocess
from pathlib import Path

from django.conf import settings

from tests.pages import demo_catalog_load

LIGHTHOUSE = Path(settings.BASE_DIR) / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)


def lighthouse_report(url: str, path: Path, attempts: int = 3) -> dict:
    """One Lighthouse run. Its trace recording sometimes fails in headless Chromium
    (NO_NAVSTART, "Please run Lighthouse again"): such a run is tried again."""
    for _ in range(attempts):
        result = lighthouse_run(url, path)
        if result.returncode == 0 or "Please run Lighthouse again" not in result.stderr:
            break
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(path.read_text())


def lighthouse_run(url: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={path}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def test_compare_page_scores_at_least_95_on_mobile(live_server, transactional_db, tmp_path):
    assert LIGHTHOUSE.exists(), "Lighthouse is missing: run `make test` (it runs npm ci)."
    demo_catalog_load()
    url = f"{live_server.url}/compare/patchwright-vs-moorhen/"
    reports = [lighthouse_report(url, tmp_path / "1.json")]
    if any(reports[0]["categories"][name]["score"] < 0.95 for name in CATEGORIES):
        # The performance score is timed on a shared machine: judge a dip by the
        # median of three runs, as Lighthouse's own guidance suggests.
        reports += [lighthouse_report(url, tmp_path / f"{run}.json") for run in (2, 3)]
    scores = {
        name: statistics.median(report["categories"][name]["score"] for report in reports)
        for name in CATEGORIES
    }
    failing_audits = sorted(
        {
            f"{audit['id']}: {audit['title']} ({audit['score']})"
            for report in reports
            for audit in report["audits"].values()
            if audit.get("score") is not None
            and audit["score"] < 0.9
            and audit.get("scoreDisplayMode") in ("binary", "numeric")
        }
    )
    print("Lighthouse scores:", scores, failing_audits)
    assert all(score >= 0.95 for score in scores.values()), (scores, failing_audits)

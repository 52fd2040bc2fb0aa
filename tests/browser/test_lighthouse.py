"""Lighthouse (npm, mobile) scores the compare page at least 95 in each category."""

import json
import os
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


def test_compare_page_scores_at_least_95_on_mobile(live_server, transactional_db, tmp_path):
    assert LIGHTHOUSE.exists(), "Lighthouse is missing: run `make test` (it runs npm ci)."
    demo_catalog_load()
    report = tmp_path / "report.json"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            f"{live_server.url}/compare/patchwright-vs-moorhen/",
            "--output=json",
            f"--output-path={report}",
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
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads(report.read_text())
    scores = {name: data["categories"][name]["score"] for name in CATEGORIES}
    failing_audits = [
        f"{audit['id']}: {audit['title']} ({audit['score']})"
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 0.9
        and audit.get("scoreDisplayMode") in ("binary", "numeric")
    ]
    print("Lighthouse scores:", scores, failing_audits)
    assert all(score >= 0.95 for score in scores.values()), (scores, failing_audits)

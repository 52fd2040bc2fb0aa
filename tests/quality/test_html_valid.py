"""Every page type passes the Nu HTML checker (npm vnu-jar), run once over all of them."""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from tests.pages import PAGES, demo_catalog_load

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(files: list[Path]) -> list[dict]:
    assert VNU_JAR.exists(), "The HTML checker is missing: run `make test` (it runs npm ci)."
    assert shutil.which("java"), "The HTML checker needs Java (apt-get install default-jre)."
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    # The checker exits 0 for valid files and 1 when it reports errors; anything
    # else (no Java, a crash, a bad flag) is a failure of the check itself.
    assert result.returncode in (0, 1), f"the HTML checker failed: {result.stderr[-2000:]}"
    messages = json.loads(result.stderr)["messages"] if result.stderr.strip() else []
    assert bool(messages) == (result.returncode == 1), (result.returncode, messages)
    return messages


def test_every_page_type_is_valid_html(client, db, tmp_path):
    demo_catalog_load()
    files = {}
    for name, path in PAGES:
        response = client.get(path)
        assert response.status_code in (200, 400, 404), (name, response.status_code)
        file = tmp_path / f"{len(files):02d}.html"
        file.write_bytes(response.content)
        files[file.name] = path

    errors = vnu_errors(sorted(tmp_path.glob("*.html")))

    report = [
        f"{files[error['url'].rsplit('/', 1)[-1]]}:{error.get('lastLine')}: {error['message']}"
        for error in errors
    ]
    assert report == []


def test_the_checker_catches_invalid_html(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!doctype html><html lang="en"><title>x</title><div hx-get="/x"><p>unclosed</div>'
    )
    assert vnu_errors([broken])

"""Screenshots of pages at phone and desktop widths, light and dark.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:8000 / /tools/patchwright/

Saves <outdir>/<page>_<width>_<scheme>.png (outdir: $SHOTS_DIR or /tmp/shots).
"""

import os
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


def main(base_url, paths):
    outdir = Path(os.environ.get("SHOTS_DIR", "/tmp/shots"))
    outdir.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for path in paths:
            name = re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_") or "home"
            for width in WIDTHS:
                for scheme in SCHEMES:
                    page = browser.new_page(
                        viewport={"width": width, "height": 900}, color_scheme=scheme
                    )
                    page.goto(base_url.rstrip("/") + path)
                    target = outdir / f"{name}_{width}_{scheme}.png"
                    page.screenshot(path=target, full_page=True)
                    page.close()
                    print(target)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:] or ["/"])

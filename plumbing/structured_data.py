"""schema.org JSON-LD: the editorial panel as an author, graphs and their <script> block."""

import json

from django.conf import settings
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe


def editorial_panel() -> dict:
    return {"@type": "Organization", "name": f"{settings.SITE_NAME} editorial panel"}


def graph(*items: dict) -> dict:
    return {"@context": "https://schema.org", "@graph": list(items)}


def json_ld_script(data: dict):
    # The same escaping as json_script: "<", ">" and "&" become \u escapes, so
    # a take containing "</script>" cannot end the block early.
    payload = json.dumps(data, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')

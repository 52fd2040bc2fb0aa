"""Settings come from the environment; these run a fresh interpreter for each case."""

import os
import subprocess
import sys

from django.conf import settings


def settings_in(**environ):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
        "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, "
        "'age': s.DATABASES['default']['CONN_MAX_AGE']}))"
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"}
    }
    env |= {"DJANGO_SETTINGS_MODULE": "compare.settings", **environ}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def test_development_defaults_need_nothing_configured():
    result = settings_in()
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.sqlite3"' in result.stdout
    assert "LocMemCache" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    result = settings_in(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_come_from_the_environment():
    result = settings_in(
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="verdicts.example,www.verdicts.example",
        DATABASE_URL="postgres://app@db.example:5432/verdicts",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert result.returncode == 0, result.stderr
    assert '"engine": "django.db.backends.postgresql"' in result.stdout
    assert "RedisCache" in result.stdout
    assert '"hosts": ["verdicts.example", "www.verdicts.example"]' in result.stdout
    assert '"age": 600' in result.stdout


def test_a_malformed_boolean_is_refused():
    result = settings_in(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr

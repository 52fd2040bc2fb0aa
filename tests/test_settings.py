"""Settings come from the environment; these run a fresh interpreter for each case."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

# What a deployment configures, and what only this test run has set: a fresh
# interpreter starts without any of them unless a test names it.
CONFIGURED = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "EMAIL_URL",
    "SITE_URL",
    "PROXY_SETS_FORWARDED_PROTO",
    # Set by the browser tests for their own process; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def fresh_environ(**environ):
    """This process's environment without anything a deployment configures, plus `environ`."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURED}
    return env | {"DJANGO_SETTINGS_MODULE": "compare.settings", **environ}


def run_fresh(*args, **environ):
    """Run `python ARGS` in the project with only `environ` configured."""
    return subprocess.run(
        [sys.executable, *args],
        env=fresh_environ(**environ),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
    )


def settings_in(**environ):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], "
        "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, "
        "'age': s.DATABASES['default']['CONN_MAX_AGE']}))"
    )
    return run_fresh("-c", code, **environ)


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
        EMAIL_URL="smtp://mailer.example:587?tls=1",
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


# The production environment docs/operations.md documents, against this machine's services.
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-" + "x" * 40,
    "ALLOWED_HOSTS": "verdicts.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp://127.0.0.1:2525",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
}


def manage_in(*args, **environ):
    return run_fresh("manage.py", *args, **environ)


def test_the_documented_production_environment_passes_check_deploy():
    result = manage_in("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_rate_limits_would_be_per_process():
    environ = {key: value for key, value in PRODUCTION.items() if key != "REDIS_URL"}
    result = manage_in("check", "--deploy", "--fail-level", "WARNING", **environ)
    assert result.returncode != 0
    assert "plumbing.W001" in result.stderr


def test_check_deploy_warns_when_tasks_would_run_inside_requests():
    environ = {key: value for key, value in PRODUCTION.items() if key != "TASKS_BACKEND"}
    result = manage_in("check", "--deploy", "--fail-level", "WARNING", **environ)
    assert result.returncode != 0
    assert "plumbing.W002" in result.stderr


def test_production_refuses_to_start_without_a_mailer():
    environ = {key: value for key, value in PRODUCTION.items() if key != "EMAIL_URL"}
    result = manage_in("check", **environ)
    assert result.returncode != 0
    assert "EMAIL_URL must be set" in result.stderr


def settings_value(expression, **environ):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print(repr({expression}))"
    )
    result = run_fresh("-c", code, **environ)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_hsts_is_a_year_with_subdomains_and_preload_is_opt_in():
    value = "(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD)"
    assert settings_value(value, **PRODUCTION) == "(31536000, True, False)"
    assert settings_value(value, **PRODUCTION, SECURE_HSTS_PRELOAD="true") == (
        "(31536000, True, True)"
    )


def test_forwarded_proto_is_believed_only_when_a_proxy_is_said_to_set_it():
    header = "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)"
    assert settings_value(header, **PRODUCTION) == "None"
    assert settings_value(header, **PRODUCTION, PROXY_SETS_FORWARDED_PROTO="true") == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )


def test_the_admin_address_can_be_moved_and_robots_txt_does_not_name_it():
    code = "__import__('django.urls', fromlist=['reverse']).reverse('admin:index')"
    assert settings_value(code, ADMIN_URL="backstage") == "'/backstage/'"
    robots = (
        "__import__('django.test', fromlist=['Client']).Client()"
        ".get('/robots.txt').content.decode()"
    )
    assert "admin" not in settings_value(robots, ADMIN_URL="backstage", ALLOWED_HOSTS="testserver")


# Stands in for the virtualenv's python and gunicorn under `make run` and `make serve`:
# the task worker (which sends every email) prints the base its links are built on,
# using the real settings; the server waits for it, then says what SITE_URL it got.
FAKE_TOOL = textwrap.dedent(
    """\
    #!/bin/sh
    case "$*" in
      *db_worker*) "$REAL_PYTHON" -c "$WORKER_CODE" >> "$LOG" ;;
      *runserver*|*compare.wsgi*)
        for _ in $(seq 100); do grep -q '^worker' "$LOG" 2>/dev/null && break; sleep 0.1; done
        echo "server $SITE_URL" >> "$LOG" ;;
      -c*) exec "$REAL_PYTHON" "$@" ;;
    esac
    """
)


WORKER_CODE = (
    "import django; django.setup(); from newsletter.emails import absolute; "
    "print('worker', absolute('/newsletter/'))"
)


def make_in(tmp_path, target, **environ):
    """Run `make TARGET HOST_PORT=127.0.0.1:8123` with fake tools; what they saw, line by line."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("python", "gunicorn"):
        (bin_dir / name).write_text(FAKE_TOOL)
        (bin_dir / name).chmod(0o755)
    stamp = tmp_path / "installed"  # newer than pyproject.toml: nothing to install
    stamp.touch()
    log = tmp_path / "log"
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            target,
            "HOST_PORT=127.0.0.1:8123",
            f"VENV={tmp_path}",
            f"PY={bin_dir / 'python'}",
            f"STAMP={stamp}",
        ],
        env=fresh_environ(
            REAL_PYTHON=sys.executable, WORKER_CODE=WORKER_CODE, LOG=str(log), **environ
        ),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return sorted(log.read_text().splitlines())


@pytest.mark.parametrize("target", ["run", "serve"])
def test_make_run_and_serve_put_email_links_on_the_host_and_port_they_serve(tmp_path, target):
    assert make_in(tmp_path, target) == [
        "server http://127.0.0.1:8123",
        "worker http://127.0.0.1:8123/newsletter/",
    ]


def test_make_run_keeps_a_site_url_set_in_the_environment(tmp_path):
    assert make_in(tmp_path, "run", SITE_URL="https://verdicts.example") == [
        "server https://verdicts.example",
        "worker https://verdicts.example/newsletter/",
    ]

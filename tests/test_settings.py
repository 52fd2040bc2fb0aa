"""Settings come from the environment; these run a fresh interpreter for each case."""

import os
import subprocess
import sys

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
    "PROXY_SETS_FORWARDED_PROTO",
    # Set by the browser tests for their own process; a deployment never has it.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def run_fresh(*args, **environ):
    """Run `python ARGS` in the project with only `environ` configured."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIGURED}
    env |= {"DJANGO_SETTINGS_MODULE": "compare.settings", **environ}
    return subprocess.run(
        [sys.executable, *args],
        env=env,
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

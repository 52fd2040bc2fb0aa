import os

import pytest
from django.conf import settings as django_settings
from django.db import connection


def ci_database_problem(*, environ, vendor):
    """Why this run must stop: CI has to exercise PostgreSQL, never a silent SQLite."""
    if environ.get("CI") == "true" and vendor != "postgresql":
        return (
            f"CI=true but the tests would run on {vendor}: set DATABASE_URL to the "
            "PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test)."
        )
    return None


@pytest.fixture(scope="session", autouse=True)
def _ci_runs_on_postgresql():
    problem = ci_database_problem(environ=os.environ, vendor=connection.vendor)
    if problem:
        pytest.exit(problem, returncode=1)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    # An in-memory SQLite database is one connection shared by every thread of
    # the live server, and its requests run in parallel: a file gives
    # each request its own connection, as PostgreSQL does.
    database = django_settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("database") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Tests render pages without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _digest_retries_without_pauses(settings):
    # A put-off copy is retried at once in tests; the rounds and the order stay real.
    settings.DIGEST_RETRY_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    # Redis outlives a test; every test starts from empty caches.
    from django.core.cache import caches

    for alias in ("default", "chrome"):
        caches[alias].clear()
    return


def pytest_report_header(config):
    return f"database: {connection.vendor}; CI={os.environ.get('CI', '')}"


@pytest.fixture
def editor_client(db, client):
    """A client logged in as an editor: staff, in the Editors group, nothing more."""
    from tools.services import editor_create

    user, _ = editor_create(username="ed", password="a-long-test-password")
    client.force_login(user)
    return client


@pytest.fixture
def subscriber_manager_client(db, client):
    """A client logged in as staff in the Subscriber managers group, nothing more."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from plumbing.editors import SUBSCRIBER_MANAGERS_GROUP

    user = get_user_model().objects.create_user("lists", password="a-long-test-password")
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=SUBSCRIBER_MANAGERS_GROUP))
    client.force_login(user)
    return client


@pytest.fixture
def lazy_loads_raise(monkeypatch):
    """Querysets raise instead of lazily loading a relation (Django 6.1 fetch modes).

    Query-count tests use it: a page that would load related objects one by
    one (an N+1 in waiting) fails at once, whatever the catalog size.
    """
    import django.db.models.query
    from django.db.models import FETCH_RAISE

    monkeypatch.setattr(django.db.models.query, "DEFAULT_FETCH_MODE", FETCH_RAISE)


@pytest.fixture
def pair(db):
    """Patchwright (with a take) and Moorhen, one category: /compare/moorhen-vs-patchwright/."""
    from tests.factories import PanelReviewFactory, ToolFactory

    left = ToolFactory(name="Patchwright", slug="patchwright")
    right = ToolFactory(name="Moorhen", slug="moorhen", category=left.category)
    PanelReviewFactory(tool=left)
    return left, right

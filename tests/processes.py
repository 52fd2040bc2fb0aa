"""Run the project's own commands as separate processes against the test database.

For the tests where a second process is the point: a task worker, two sends at
once, a send killed for real, rate limits counted by two processes.
"""

import os
import socket
import subprocess
import sys
from urllib.parse import quote

from django.conf import settings
from django.db import connection


def free_port() -> int:
    """A loopback port nothing listens on just now, for a server the test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The URL of the database this test runs on, for a process of its own."""
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        login = quote(database["USER"] or "", safe="")
        if database["PASSWORD"]:
            login += ":" + quote(database["PASSWORD"], safe="")
        return (
            f"postgres://{login}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}"
            f"/{database['NAME']}"
        )
    return f"sqlite:///{database['NAME']}"


def project_env(**environ) -> dict[str, str]:
    """This process's environment on the test database, with `environ` on top."""
    return {**os.environ, "DATABASE_URL": database_url(), "CONN_MAX_AGE": "0", **environ}


def manage(*args, **environ) -> subprocess.Popen:
    """Start `manage.py ARGS` in its own process; its output is text on pipes."""
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=project_env(**environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

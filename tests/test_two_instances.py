"""Two real app servers on one PostgreSQL and one Redis behave as one site.

Two gunicorn processes (DEBUG off, as in production) serve on their own ports
from the test database and a shared Redis. A reader's vote through one and
its change through the other are one vote; the rate limit counts both; an
editor's change replaces the cached page in both at once.
"""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import redis
from django.conf import settings

from tests.processes import free_port, project_env
from votes.models import ToolTally

pytestmark = pytest.mark.django_db(transaction=True)

COMPARE = "/compare/moorhen-vs-patchwright/"
REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/1"


class Browser:
    """A reader's cookies across both servers (one site), sent by hand: the servers
    mark them Secure, as production does, and this test speaks plain HTTP."""

    def __init__(self):
        self.cookies = {}

    def request(self, base, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(base + path, data=body)
        if self.cookies:
            request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read().decode()

    def vote(self, base, slug, value):
        _, island = self.request(base, f"/votes/tools/{slug}/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', island).group(1)
        return self.request(
            base, f"/votes/tools/{slug}/", {"csrfmiddlewaretoken": token, "vote": value}
        )[0]


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def two_servers(tmp_path):
    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2).flushdb()
    except redis.ConnectionError as error:
        pytest.fail(f"This test needs a Redis server at {REDIS} (set REDIS_URL): {error}")
    environ = project_env(
        DEBUG="false",
        SECRET_KEY="two-instances-" + "k" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        EMAIL_URL="console:",
        REDIS_URL=REDIS,
        STATIC_ROOT=str(tmp_path / "static"),
        VOTE_RATE_PER_IP="6",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="0",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=settings.BASE_DIR,
        env=environ,
        check=True,
    )
    servers, bases = [], []
    for _ in range(2):
        port = free_port()
        servers.append(
            subprocess.Popen(
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "-c",
                    "deploy/gunicorn.conf.py",
                    "compare.wsgi",
                ],
                cwd=settings.BASE_DIR,
                env={**environ, "BIND": f"127.0.0.1:{port}"},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base, server in zip(bases, servers, strict=True):
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                        if answer.status == 200:
                            break
                except OSError:
                    pass
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the server did not come up"
                time.sleep(0.1)
        yield bases
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(20)


def test_a_vote_through_either_server_is_one_vote(pair, two_servers):
    first, second = two_servers
    reader = Browser()
    assert reader.vote(first, "moorhen", "ship") == 302
    assert reader.vote(second, "moorhen", "skip") == 302  # the same reader changes it
    tally = ToolTally.objects.get(tool__slug="moorhen")
    assert (tally.ship_count, tally.skip_count) == (0, 1)


def test_the_rate_limit_counts_the_requests_to_both_servers(pair, two_servers):
    # Six votes an address may cast in the window (VOTE_RATE_PER_IP), whichever
    # server takes them: the seventh and eighth are refused.
    reader = Browser()
    answers = [
        reader.vote(two_servers[index % 2], "moorhen", ("ship", "skip")[index % 2])
        for index in range(8)
    ]
    assert answers == [302] * 6 + [429] * 2


def test_an_editors_change_replaces_the_cached_page_in_both(pair, two_servers, settings):
    stranger = Browser()
    for base in two_servers:
        status, html = stranger.request(base, COMPARE)
        assert status == 200
        assert "Patchwright" in html
    # The editor's save in this process bumps the catalog version in the shared Redis.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
    }
    left, _ = pair
    left.name = "Patchwright Pro"
    left.save()
    for base in two_servers:
        assert "Patchwright Pro" in stranger.request(base, COMPARE)[1], base

"""
Browser tests: Debian's Chromium driven by Playwright against the live server.

Every page a test opens fails the test on a console error or an uncaught
exception (a Content-Security-Policy violation shows up there) and on any
request that leaves the live server: pages make no third-party requests.
"""

import os
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

from tests.factories import CategoryFactory, PanelReviewFactory, ToolFactory

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: run `make test`.")
    # Playwright's sync API keeps an event loop running in this thread; the
    # Django code the tests call directly (factories) is synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page_problems():
    return []


@pytest.fixture
def new_page(browser, live_server, transactional_db, page_problems):
    """Open pages on the live server; each collects its console errors and stray requests.

    It asks for the database first so that its pages close before the database
    is emptied: a late htmx request must not meet a half-torn-down test.
    """
    contexts = []
    server_host = urlsplit(live_server.url).netloc

    def open_page(*, width=1280, height=900, javascript=True, color_scheme="light"):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            color_scheme=color_scheme,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)

        def guard(route):
            url = route.request.url
            if urlsplit(url).netloc == server_host or url.startswith("data:"):
                route.continue_()
            else:
                page_problems.append(f"third-party request: {url}")
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error" and page_problems.append(f"console error: {message.text}")
            ),
        )
        page.on("pageerror", lambda error: page_problems.append(f"page error: {error}"))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert page_problems == []


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def pair(transactional_db):
    """Relaykit and Batonette, one take each: the pair the island tests vote and pick on."""
    category = CategoryFactory(name="Developer Tools")
    for name, slug in [("Relaykit", "relaykit"), ("Batonette", "batonette")]:
        tool = ToolFactory(name=name, slug=slug, category=category)
        PanelReviewFactory(tool=tool, persona="builder", score=80, verdict="ship")

"""The site header: the page's section marked, and the search field."""

import re

import pytest
from django.test import RequestFactory
from django.urls import resolve

from compare.context_processors import nav_section


def header_in(html):
    return re.search(r'<header class="site-header">.*?</header>', html, re.S)[0]


def header_of(client, path):
    response = client.get(path)
    assert response.status_code in (200, 404), (path, response.status_code)
    return header_in(response.content.decode())


def marked(header) -> dict[str, str]:
    """Each main link's text → its aria-current value, for the links that carry one."""
    links = re.findall(r'<a href="[^"]+" aria-current="(\w+)">(\w+)</a>', header)
    return {text: current for current, text in links}


@pytest.fixture
def shelf(pair):
    left, _ = pair
    return left


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/tools/", {"Tools": "page"}),
        ("/tools/?q=patch&sort=votes", {"Tools": "page"}),
        ("/tools/patchwright/", {"Tools": "true"}),
        ("/categories/{category}/", {"Tools": "true"}),
        ("/compare/", {"Compare": "page"}),
        ("/compare/moorhen-vs-patchwright/", {"Compare": "true"}),
        ("/panel/", {"Panel": "page"}),
        ("/panel/skeptic/", {"Panel": "true"}),
        ("/panel/how-we-review/", {"Panel": "true"}),
        ("/", {}),
        ("/newsletter/", {}),
        ("/bookmarks/", {}),
    ],
)
def test_the_header_marks_the_section_the_page_is_in(client, shelf, path, expected):
    header = header_of(client, path.format(category=shelf.category.slug))
    assert marked(header) == expected
    assert header.count("aria-current") == len(expected)


def test_each_section_gets_its_own_cached_header_in_one_process(client, shelf):
    # The header is kept per process: one page's marker must never show on another's.
    visits = [
        ("/tools/", {"Tools": "page"}),
        ("/panel/", {"Panel": "page"}),
        ("/tools/patchwright/", {"Tools": "true"}),
        ("/", {}),
        ("/tools/", {"Tools": "page"}),
        ("/compare/moorhen-vs-patchwright/", {"Compare": "true"}),
        ("/panel/skeptic/", {"Panel": "true"}),
    ]
    assert [marked(header_of(client, path)) for path, _ in visits] == [
        expected for _, expected in visits
    ]


def test_a_missing_page_inside_a_section_is_marked_inside_it(client, db):
    assert marked(header_of(client, "/tools/no-such-tool/")) == {"Tools": "true"}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/tools/", ("tools", "page")),
        ("/categories/writing/", ("tools", "true")),
        ("/compare/", ("compare", "page")),
        ("/compare/a-vs-b/", ("compare", "true")),
        ("/panel/", ("reviews", "page")),
        ("/panel/builder/", ("reviews", "true")),
        ("/", ("", "")),
        ("/newsletter/", ("", "")),
    ],
)
def test_nav_section_reads_the_resolved_url(path, expected):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    assert nav_section(request) == expected


def test_nav_section_without_a_resolved_url_is_no_section():
    assert nav_section(RequestFactory().get("/tools/")) == ("", "")


def test_the_header_search_is_a_plain_get_form_to_the_directory(client, db):
    header = header_of(client, "/")
    form = re.search(r"<form [^>]*>.*?</form>", header, re.S)[0]
    assert 'method="get"' in form
    assert 'action="/tools/"' in form
    assert 'role="search"' in form
    assert '<label class="visually-hidden" for="site-search-q">Search tools</label>' in form
    assert re.search(r'<input type="search" name="q" id="site-search-q"', form)
    assert "csrfmiddlewaretoken" not in form
    assert "hx-" not in form  # works the same with or without JavaScript


def test_searching_from_the_header_lands_on_the_directory_results(client, shelf):
    response = client.get("/tools/", {"q": "patchwright"})
    html = response.content.decode()
    assert re.findall(r'<h3 class="tool-card__name"><a href="[^"]+">([^<]+)</a>', html) == [
        "Patchwright"
    ]
    # The directory's own field carries the words; the header's stays empty (it is cached).
    assert 'id="id_q" value="patchwright"' in html
    assert "value=" not in re.search(r'<input type="search"[^>]*>', header_in(html))[0]

import pytest
from django.core import mail, signing
from django.test import Client, override_settings
from django.utils import timezone

from newsletter.models import DigestIssue, DigestItem, Subscriber, SubscriberStatus
from newsletter.tokens import CONFIRM_MAX_AGE, confirmation_token
from tests.newsletter.conftest import link_token, subscriber_create

HTMX = {"HX-Request": "true"}


@pytest.fixture
def posted(client, django_capture_on_commit_callbacks):
    """POST to the sign-up form and run what waits for the commit (the confirmation email)."""

    def post(data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletter/", data, **kwargs)

    return post


# The block on every page and the island


@pytest.mark.parametrize("path", ["/", "/tools/", "/newsletter/archive/"])
def test_pages_carry_the_block_with_a_plain_link_but_no_form_token_or_cookie(client, db, path):
    response = client.get(path)
    html = response.content.decode()
    assert "Weekly AI Tool Verdicts" in html
    assert "Get the next comparison in your inbox" in html
    assert '<input type="hidden" name="newsletter" value="1" data-island>' in html
    assert 'data-hx-get="/islands/" data-hx-trigger="load"' in html
    assert '<a class="button" href="/newsletter/">' in html
    assert 'href="/newsletter/archive/"' in html
    assert " hx-" not in html  # data-hx-* only
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies


def test_the_form_island_is_a_private_fragment_with_its_own_token(client, db):
    response = client.get("/newsletter/", headers=HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'name="email"' in html
    assert "csrfmiddlewaretoken" in html
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]
    assert "HX-Request" in response.headers["Vary"]


def test_the_sign_up_page_works_without_javascript_and_hides_the_block(client, db):
    response = client.get("/newsletter/", headers={"Referer": "http://testserver/panel/"})
    html = response.content.decode()
    assert "<h1>Weekly AI Tool Verdicts</h1>" in html
    assert 'method="post" action="/newsletter/"' in html
    assert 'name="source" value="/panel/"' in html
    assert "Get the next comparison in your inbox" not in html
    assert "no-store" in response.headers["Cache-Control"]


# Signing up


@pytest.mark.parametrize("headers", [HTMX, {}])
def test_sign_up_answers_the_same_whatever_the_address_was(db, posted, headers):
    subscriber_create("known@example.com")
    subscriber_create(
        "waiting@example.com", SubscriberStatus.PENDING, confirmation_sent_at=timezone.now()
    )
    subscriber_create("gone@example.com", SubscriberStatus.UNSUBSCRIBED)
    answers = set()
    for email in (
        "new@example.com",
        "known@example.com",
        "waiting@example.com",
        "gone@example.com",
    ):
        response = posted({"email": email}, headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        answers.add(html.replace(email, "EMAIL"))
        assert "Check your inbox." in html
    assert len(answers) == 1
    assert sorted(message.to[0] for message in mail.outbox) == [
        "gone@example.com",
        "new@example.com",
    ]


def test_signing_up_from_a_page_records_that_page(client, db):
    client.post(
        "/newsletter/",
        {"email": "a@example.com"},
        headers={**HTMX, "HX-Current-URL": "http://testserver/compare/a-vs-b/?x=1"},
    )
    client.post("/newsletter/", {"email": "b@example.com", "source": "/tools/"})
    client.post("/newsletter/", {"email": "c@example.com", "source": "https://elsewhere.example/"})
    sources = dict(Subscriber.objects.values_list("email", "source"))
    assert sources == {
        "a@example.com": "/compare/a-vs-b/",
        "b@example.com": "/tools/",
        "c@example.com": "/newsletter/",
    }


@pytest.mark.parametrize("email", ["", "not-an-address", "a@b"])
def test_a_bad_address_is_a_clear_form_error(client, db, email):
    response = client.post("/newsletter/", {"email": email}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200  # the form again, with its error
    assert "Enter a valid email address" in html or "Enter your email address." in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()


def test_the_honeypot_turns_bots_away_quietly(db, posted):
    response = posted({"email": "bot@example.com", "website": "spam.example"})
    assert "Check your inbox." in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not mail.outbox


@override_settings(RATE_LIMITS={"newsletter-sign-up": {"window": 3600, "ip": 2}})
def test_sign_ups_are_rate_limited_per_client_address(client, db):
    statuses = [
        client.post("/newsletter/", {"email": f"r{index}@example.com"}, headers=HTMX).status_code
        for index in range(3)
    ]
    assert statuses == [200, 200, 429]
    other = client.post(
        "/newsletter/", {"email": "r9@example.com"}, REMOTE_ADDR="10.0.0.9", headers=HTMX
    )
    assert other.status_code == 200
    assert Subscriber.objects.count() == 3


def test_sign_up_needs_a_csrf_token(db):
    response = Client(enforce_csrf_checks=True).post("/newsletter/", {"email": "a@example.com"})
    assert response.status_code == 403


# Confirming


def test_a_get_shows_a_button_and_only_the_post_confirms(client, db):
    subscriber_create("a@example.com", SubscriberStatus.PENDING)
    link = f"/newsletter/confirm/{link_token('a@example.com')}/"
    page = client.get(link)
    assert page.status_code == 200
    assert "Confirm my subscription" in page.content.decode()
    assert set(page.headers["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert '<meta name="robots" content="noindex">' in page.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING
    confirmed = client.post(link)
    assert "You're subscribed" in confirmed.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED
    assert "You're subscribed" in client.post(link).content.decode()  # twice: harmless


def test_an_expired_link_offers_a_fresh_one(client, db, monkeypatch, posted):
    subscriber_create(
        "a@example.com", SubscriberStatus.PENDING, confirmation_sent_at=timezone.now()
    )
    link = f"/newsletter/confirm/{link_token('a@example.com')}/"
    later = timezone.now().timestamp() + CONFIRM_MAX_AGE + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    page = client.post(link)
    html = page.content.decode()
    assert page.status_code == 410
    assert "This link has expired" in html
    assert 'value="a@example.com"' in html
    assert Subscriber.objects.get().status == SubscriberStatus.PENDING

    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timezone.timedelta(days=4))
    posted({"email": "a@example.com"})
    assert [message.to for message in mail.outbox] == [["a@example.com"]]


def test_a_link_for_an_address_that_unsubscribed_since_is_refused(client, db):
    subscriber_create("a@example.com", SubscriberStatus.UNSUBSCRIBED)
    link = f"/newsletter/confirm/{link_token('a@example.com')}/"
    page = client.post(link)
    assert page.status_code == 410
    assert "This link no longer works" in page.content.decode()
    assert Subscriber.objects.get().status == SubscriberStatus.UNSUBSCRIBED


def test_a_tampered_or_unknown_confirmation_link_is_a_404(client, db):
    assert client.get("/newsletter/confirm/nonsense/").status_code == 404
    assert client.post(f"/newsletter/confirm/{link_token('x@example.com')}/").status_code == 404


# Unsubscribing


def test_the_one_click_post_unsubscribes_without_cookie_or_token(db):
    subscriber = subscriber_create("a@example.com")
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "You're unsubscribed" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.UNSUBSCRIBED


def test_a_get_only_shows_the_button_and_an_unknown_link_is_a_404(client, db):
    subscriber = subscriber_create("a@example.com")
    assert client.get("/newsletter/unsubscribe/unknown/").status_code == 404
    assert client.post("/newsletter/unsubscribe/unknown/").status_code == 404
    page = client.get(f"/newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    html = page.content.decode()
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert "csrfmiddlewaretoken" not in html
    subscriber.refresh_from_db()
    assert subscriber.status == SubscriberStatus.CONFIRMED


def test_only_the_unsubscribe_view_is_exempt_from_csrf(db):
    subscriber = subscriber_create("a@example.com", SubscriberStatus.PENDING)
    strict = Client(enforce_csrf_checks=True)
    link = f"/newsletter/confirm/{confirmation_token(subscriber)}/"
    assert strict.post(link).status_code == 403


# The archive


@pytest.fixture
def issues(db):
    sent = DigestIssue.objects.create(week="2026-W47", intro="Quiet week.", sent_at=timezone.now())
    DigestItem.objects.create(
        issue=sent,
        kind="featured",
        title="Inkwell vs Quillpad",
        path="/compare/inkwell-vs-quillpad/",
    )
    DigestIssue.objects.create(week="2026-W48", intro="Not yet sent.")
    return sent


@pytest.mark.parametrize("issue_count", [1, 12])
def test_the_archive_lists_sent_issues_in_a_fixed_number_of_queries(
    lazy_loads_raise, client, issues, django_assert_max_num_queries, issue_count
):
    for index in range(issue_count - 1):
        DigestIssue.objects.create(week=f"2025-W{index + 1:02d}", sent_at=timezone.now())
    with django_assert_max_num_queries(1):
        response = client.get("/newsletter/archive/")
    html = response.content.decode()
    assert "16 to 22 November 2026" in html
    assert 'href="/newsletter/archive/2026-W47/"' in html
    assert "Not yet sent." not in html
    assert not response.cookies


def test_an_issue_page_shows_the_issue_as_sent(
    lazy_loads_raise, client, issues, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/newsletter/archive/2026-W47/")
    html = response.content.decode()
    assert "<h1>16 to 22 November 2026</h1>" in html
    assert '<a href="/compare/inkwell-vs-quillpad/">Inkwell vs Quillpad</a>' in html
    assert "Quiet week." in html
    assert not response.cookies
    assert client.get("/newsletter/archive/2026-W48/").status_code == 404  # not sent
    assert client.get("/newsletter/archive/nonsense/").status_code == 404

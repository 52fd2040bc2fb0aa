"""Editors' logins: five wrong passwords lock the account out from that address for an hour."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from tools.services import editor_create

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a-long-test-password"


def log_in(client, password, *, ip="203.0.113.7"):
    return client.post(
        LOGIN, {"username": "maya", "password": password}, REMOTE_ADDR=ip, follow=False
    )


def test_five_wrong_passwords_lock_the_account_out_from_that_address(db):
    editor_create(username="maya", password=PASSWORD)
    client = Client()
    for _ in range(5):
        assert log_in(client, "guess").status_code in (200, 429)
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="maya")
    assert attempt.failures_since_start >= 5
    assert attempt.ip_address == "203.0.113.7"

    # The same account from another address is not locked out.
    elsewhere = Client()
    assert log_in(elsewhere, PASSWORD, ip="198.51.100.4").status_code == 302
    assert "_auth_user_id" in elsewhere.session


def test_four_wrong_passwords_then_the_right_one_logs_in(db):
    editor_create(username="maya", password=PASSWORD)
    client = Client()
    for _ in range(4):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 302


def test_a_lockout_lasts_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(hours=1) == settings.AXES_COOLOFF_TIME

"""EMAIL_URL → the default mailer (compare/settings.py parses it with urllib.parse)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from compare.settings import email_url_mailer


def test_without_email_url_mail_goes_to_the_console():
    assert email_url_mailer("") == {"BACKEND": "django.core.mail.backends.console.EmailBackend"}


def test_smtp_with_starttls_and_an_escaped_password():
    mailer = email_url_mailer(
        "smtp://postmaster%40verdicts.example:p%40ss%2Fword@mail.example:587?tls=1"
    )
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "username": "postmaster@verdicts.example",
        "password": "p@ss/word",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 30,
    }


@pytest.mark.parametrize("url", ["smtp://mail.example:465?ssl=1", "smtps://mail.example"])
def test_implicit_tls(url):
    options = email_url_mailer(url)["OPTIONS"]
    assert (options["port"], options["use_ssl"], options["use_tls"]) == (465, True, False)


def test_plain_smtp_defaults_to_port_25_without_login():
    options = email_url_mailer("smtp://localhost")["OPTIONS"]
    assert (options["host"], options["port"], options["username"]) == ("localhost", 25, "")


def test_anything_but_smtp_is_refused():
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL must look like"):
        email_url_mailer("http://mail.example")


def test_console_on_purpose():
    assert email_url_mailer("console:") == {
        "BACKEND": "django.core.mail.backends.console.EmailBackend"
    }

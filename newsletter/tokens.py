"""The signed, expiring token in a confirmation link. Plain Python over Django's signing."""

from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
# How long a confirmation link works; the emails and pages say "three days".
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3


def confirmation_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=CONFIRM_SALT, compress=True)


def confirmation_email(token: str, *, max_age: int | None = CONFIRM_MAX_AGE) -> str:
    """The address a confirmation token is for.

    Raises signing.SignatureExpired for an old token and signing.BadSignature
    for one that was not made here. With max_age=None an expired token still
    names its address (to offer a fresh link).
    """
    return signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)["email"]

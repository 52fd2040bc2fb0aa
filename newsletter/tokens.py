"""The signed, expiring token in a confirmation link. Plain Python over Django's signing.

A token names the subscriber by number, never by address, and is bound to
the sign-up it was sent for: it carries when the address last unsubscribed
(nothing, for one that never has). A link sent before an unsubscribe no
longer matches once the address unsubscribes, even after it signs up again.
"""

from dataclasses import dataclass

from django.core import signing

CONFIRM_SALT = "newsletter.confirm.v2"
# How long a confirmation link works; the emails and pages say "three days".
CONFIRM_MAX_AGE = 60 * 60 * 24 * 3


@dataclass(frozen=True)
class ConfirmationClaim:
    subscriber_id: int
    # The subscriber's unsubscribed_at when the link was sent, as ISO text ("" for never).
    unsubscribed_at: str

    def matches(self, subscriber) -> bool:
        """Whether the subscriber is still in the sign-up this link was sent for."""
        return subscriber.pk == self.subscriber_id and self.unsubscribed_at == _stamp(subscriber)


def _stamp(subscriber) -> str:
    return subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else ""


def confirmation_token(subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "u": _stamp(subscriber)}, salt=CONFIRM_SALT)


def confirmation_claim(token: str, *, max_age: int | None = CONFIRM_MAX_AGE) -> ConfirmationClaim:
    """What a confirmation token says.

    Raises signing.SignatureExpired for an old token and signing.BadSignature
    for one that was not made here. With max_age=None an expired token still
    says whom it was for (to offer a fresh link).
    """
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    try:
        return ConfirmationClaim(subscriber_id=int(data["s"]), unsubscribed_at=str(data["u"]))
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("Not a confirmation token.") from error

"""The newsletter's work off the request path, as tasks of Django's tasks framework.

With the immediate backend (development, the default) `.enqueue()` runs a task
in place; with a queue backend (django_tasks_db in production) the worker,
`manage.py db_worker`, picks it up (docs/operations.md). Arguments are JSON:
ids and strings, never model instances.
"""

import logging
from dataclasses import asdict
from datetime import timedelta

from django.conf import settings
from django.tasks import task
from django.tasks.backends.immediate import ImmediateBackend
from django.utils import timezone

from newsletter.models import DigestIssue
from newsletter.services import (
    Outcome,
    confirmation_send,
    digest_send,
    smtp_outcome,
    subscriber_sign_up,
)

logger = logging.getLogger(__name__)


def tasks_queued() -> bool:
    """Whether tasks go to a queue for a worker (True) or run in place (the immediate backend)."""
    return not isinstance(digest_send_task.get_backend(), ImmediateBackend)


@task
def digest_send_task(issue_id: int) -> dict:
    """Send one issue to everyone who has not had it; returns the counts."""
    return asdict(digest_send(issue=DigestIssue.objects.get(pk=issue_id)))


@task
def sign_up_task(email: str, source: str) -> None:
    """A reader's sign-up: record it, and send the confirmation link if one is due."""
    subscriber_id = subscriber_sign_up(email=email, source=source)
    if subscriber_id is not None:
        confirmation_attempt(subscriber_id, attempt=1)


@task
def confirmation_send_task(subscriber_id: int, attempt: int) -> None:
    """A confirmation link that the mail server put off, tried again."""
    confirmation_attempt(subscriber_id, attempt=attempt)


def confirmation_attempt(subscriber_id: int, *, attempt: int) -> None:
    """Send the link; when the server says "not now", queue another try, later each time.

    Tries CONFIRMATION_SEND_ATTEMPTS times in all, the pauses doubling from
    CONFIRMATION_RETRY_SECONDS. A refusal for good (5xx), the last try, or a
    backend that cannot run a task later (the immediate one) is logged, and
    the address stays waiting: signing up again asks for a new link.
    """
    try:
        confirmation_send(subscriber_id=subscriber_id)
    except Exception as error:
        last = attempt >= settings.CONFIRMATION_SEND_ATTEMPTS
        deferrable = confirmation_send_task.get_backend().supports_defer
        if smtp_outcome(error) == Outcome.REFUSED or last or not deferrable:
            logger.exception(
                "The confirmation email to subscriber %s was not sent (try %s)",
                subscriber_id,
                attempt,
            )
            return
        pause = timedelta(seconds=settings.CONFIRMATION_RETRY_SECONDS * 2 ** (attempt - 1))
        logger.warning(
            "The confirmation email to subscriber %s was put off (%s); trying again in %s",
            subscriber_id,
            error,
            pause,
        )
        confirmation_send_task.using(run_after=timezone.now() + pause).enqueue(
            subscriber_id, attempt + 1
        )

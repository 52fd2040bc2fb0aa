"""The digest send as a task of Django's tasks framework, so a worker elsewhere can run it.

With the immediate backend (development, the default) `.enqueue()` runs it in
place; with a queue backend a worker process picks it up (docs/newsletter.md).
Arguments are JSON: the issue's id, not the issue.
"""

from dataclasses import asdict

from django.tasks import task

from newsletter.models import DigestIssue
from newsletter.services import digest_send


@task
def digest_send_task(issue_id: int) -> dict:
    """Send one issue to everyone who has not had it; returns the counts."""
    return asdict(digest_send(issue=DigestIssue.objects.get(pk=issue_id)))

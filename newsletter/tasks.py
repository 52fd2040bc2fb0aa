"""The digest send as a task of Django's tasks framework, so a worker elsewhere can run it."""

from django.tasks import task

from newsletter.models import DigestIssue
from newsletter.services import digest_send


@task
def digest_send_task(issue_id: int) -> dict:
    report = digest_send(issue=DigestIssue.objects.get(pk=issue_id))
    return {"sent": report.sent, "failed": report.failed}

"""Compose (unless an editor already has) and send one week's Weekly AI Tool Verdicts.

Meant for a weekly cron, e.g. every Monday at 07:00 UTC:

    0 7 * * 1  cd /srv/verdicts && .venv/bin/python manage.py send_digest

The week defaults to the one that has just ended. The send runs as a task of
Django's tasks framework: in place with the immediate backend, on a worker with
a queue backend. Running it again for the same week sends nothing new; after a
crash it sends the copies that did not go out, and only those.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from newsletter import selectors
from newsletter.emails import digest_content, digest_message
from newsletter.models import DigestIssue, Subscriber
from newsletter.services import digest_compose
from newsletter.tasks import digest_send_task
from newsletter.weeks import week_bounds, week_of


class Command(BaseCommand):
    help = (
        "Compose the week's digest unless one exists, and send it (as a task) to every "
        "confirmed subscriber who has not had it. Running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--week", help="ISO week, e.g. 2026-W48 (default: the week that has just ended)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the recipient count and one rendered message; change and send nothing.",
        )

    def handle(self, *args, week=None, dry_run=False, verbosity=1, **options):
        week = week or week_of(timezone.now().date() - timedelta(days=7))
        try:
            week_bounds(week)
        except ValueError as error:
            raise CommandError(f"--week: {error}") from error
        if dry_run:
            self.dry_run(week, verbosity)
            return
        # An earlier week's send that stopped (a crash, copies put off) is
        # finished first, so no subscriber misses an issue the cron moved past.
        for unfinished in selectors.digest_issues_unfinished(exclude_week=week):
            self.stdout.write(f"Resuming the unfinished send of {unfinished.week}.")
            self.send(unfinished)
        issue, created = digest_compose(week=week)
        self.describe(issue, created, verbosity)
        if issue.sent_at:
            self.stdout.write(
                f"{issue.week} was sent on {issue.sent_at:%Y-%m-%d %H:%M}; nothing new to send."
            )
            return
        self.send(issue)

    def send(self, issue: DigestIssue):
        result = digest_send_task.enqueue(issue.pk)
        if not result.is_finished:
            self.stdout.write(f"Queued the send of {issue.week} as task {result.id}.")
            return
        if result.errors:
            raise CommandError(
                f"The send of {issue.week} stopped; run the command again to resume it.\n"
                + result.errors[-1].traceback
            )
        counts = result.return_value
        if counts["busy"]:
            self.stdout.write(self.style.WARNING(counts["busy"]))
            return
        if counts["already_sent"]:
            self.stdout.write(f"{issue.week} was sent already; nothing new to send.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Sent {issue.week}: {counts['sent']} sent, {counts['failed']} refused."
            )
        )
        if counts["retrying"]:
            self.stdout.write(
                self.style.WARNING(
                    f"{counts['retrying']} copies of {issue.week} were put off by the mail "
                    "server; the next run of send_digest sends them."
                )
            )

    def dry_run(self, week, verbosity):
        # Compose as the real run would, show it, then roll everything back.
        with transaction.atomic():
            issue, created = digest_compose(week=week)
            self.describe(issue, created, verbosity)
            if issue.sent_at:
                self.stdout.write(f"{issue.week} was sent already; nothing new to send.")
            else:
                count = selectors.digest_recipients_count(issue=issue)
                noun = "subscriber" if count == 1 else "subscribers"
                self.stdout.write(f"Would send {issue.week} to {count} {noun}.")
            example = (
                next(selectors.digest_recipients(issue=issue), None)
                or Subscriber.objects.confirmed().first()
                or Subscriber(email="reader@example.com", unsubscribe_token="example")
            )
            message = digest_message(digest_content(issue), example).message()
            transaction.set_rollback(True)
        if verbosity:
            for header in (
                "From",
                "Reply-To",
                "To",
                "Subject",
                "List-Unsubscribe",
                "List-Unsubscribe-Post",
            ):
                self.stdout.write(f"{header}: {message[header]}")
            self.stdout.write("")
            self.stdout.write(message.get_body(preferencelist=("plain",)).get_content())

    def describe(self, issue: DigestIssue, created: bool, verbosity: int):
        if verbosity:
            verb = "Composed the issue" if created else "Using the existing issue"
            self.stdout.write(f"{verb} for {issue.week} ({issue.items.count()} items).")

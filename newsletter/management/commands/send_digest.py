"""Compose (if needed) and send one week's Weekly AI Tool Verdicts. Safe to run again.

Meant for a weekly cron: the week defaults to the one that has just ended.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from newsletter.models import Subscriber, SubscriberStatus
from newsletter.services import digest_compose, digest_message
from newsletter.tasks import digest_send_task
from newsletter.weeks import week_bounds, week_of


class Command(BaseCommand):
    help = (
        "Compose the week's digest unless an editor already has, and send it to every "
        "confirmed subscriber who has not had it (as a task). Running it again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week, e.g. 2026-W48 (default: last week).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the recipient count and one rendered message; send nothing.",
        )

    def handle(self, *args, week=None, dry_run=False, verbosity=1, **options):
        week = week or week_of(timezone.now().date() - timedelta(days=7))
        try:
            week_bounds(week)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            # Compose as the real run would, then roll it all back.
            with transaction.atomic():
                issue, created = digest_compose(week=week)
                self.report(issue, created, verbosity)
                confirmed = Subscriber.objects.filter(status=SubscriberStatus.CONFIRMED)
                self.stdout.write(f"Would send to {confirmed.count()} confirmed subscribers.")
                example = confirmed.first() or Subscriber(email="reader@example.com")
                self.stdout.write(digest_message(issue, example).message().as_string())
                transaction.set_rollback(True)
            return
        issue, created = digest_compose(week=week)
        self.report(issue, created, verbosity)
        result = digest_send_task.enqueue(issue.pk)
        if result.is_finished:
            outcome = result.return_value
            self.stdout.write(
                self.style.SUCCESS(f"Sent {outcome['sent']}, failed {outcome['failed']}.")
            )
        else:
            self.stdout.write(f"Queued the send as task {result.id}.")

    def report(self, issue, created, verbosity):
        if verbosity:
            verb = "Composed" if created else "Using the existing"
            self.stdout.write(f"{verb} issue for {issue.week} ({issue.items.count()} items).")

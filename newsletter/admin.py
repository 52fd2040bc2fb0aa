"""Editors shape, preview and send the weekly digest and see who subscribed.

Subscribers come in only through double opt-in, so the admin never adds or
edits one; it can export them and suppress an address by hand.
"""

import csv

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.csp import CSP
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from django.views.decorators.csp import csp_override

from newsletter import services
from newsletter.emails import digest_content, digest_message
from newsletter.forms import DigestIssueForm
from newsletter.models import (
    Delivery,
    DeliveryStatus,
    DigestIssue,
    DigestItem,
    Subscriber,
    SubscriberStatus,
)
from newsletter.tasks import digest_send_task, tasks_queued
from newsletter.weeks import week_label, week_of
from plumbing.exports import spreadsheet_safe

FAILURES_SHOWN = 20


def count_of(queryset, constant: str):
    """A subquery counting the rows of `queryset` (all share the value of `constant`)."""
    counted = queryset.order_by().values(constant).annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted), 0)


class Echo:
    """A file-like object whose write returns the line, for streaming a CSV."""

    def write(self, value):
        return value


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at", "source"]
    list_filter = ["status"]
    search_fields = ["email", "source"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "status",
        "source",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    readonly_fields = fields
    actions = ["export_csv", "suppress"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Export the selected subscribers as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        writer = csv.writer(Echo())
        header = ["email", "status", "signed up", "confirmed", "unsubscribed", "signed up on"]

        def rows():
            yield writer.writerow(header)
            for subscriber in queryset.order_by("pk").iterator():
                cells = [
                    subscriber.email,
                    subscriber.status,
                    subscriber.created_at.isoformat(),
                    subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                    subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else "",
                    subscriber.source,
                ]
                yield writer.writerow([spreadsheet_safe(cell) for cell in cells])

        return StreamingHttpResponse(
            rows(),
            content_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="subscribers.csv"'},
        )

    @admin.action(
        description="Unsubscribe the selected addresses (they stay suppressed)",
        permissions=["change"],
    )
    def suppress(self, request, queryset):
        subscribers = queryset.exclude(status=SubscriberStatus.UNSUBSCRIBED)
        count = 0
        for token in subscribers.values_list("unsubscribe_token", flat=True).iterator():
            services.subscriber_unsubscribe(token=token)
            count += 1
        self.message_user(
            request,
            ngettext("Unsubscribed %d address.", "Unsubscribed %d addresses.", count) % count,
            messages.SUCCESS,
        )


class DigestItemInline(admin.TabularInline):
    model = DigestItem
    extra = 0
    fields = ["position", "kind", "title", "summary", "path"]
    verbose_name = "item"
    verbose_name_plural = "items (lower positions come first; tick Delete to drop one)"
    # A summary is a sentence or two; its box is as wide as its column (static/css/admin.css).
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}

    class Media:
        css = {"all": ["css/admin.css"]}


@admin.register(DigestIssue)
class DigestIssueAdmin(admin.ModelAdmin):
    list_display = [
        "week",
        "dates",
        "item_count",
        "progress",
        "sent_count",
        "failed_count",
        "retrying_count",
        "pending_count",
        "previews",
    ]
    inlines = [DigestItemInline]
    actions = ["send", "recompose"]
    form = DigestIssueForm

    class Media:
        # The plain-text preview wraps its long lines (and the items' table fits).
        css = {"all": ["css/admin.css"]}

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["week", "intro"]
        return [
            "week",
            "dates",
            "intro",
            "previews",
            "text_preview",
            "progress",
            ("sent_count", "failed_count", "retrying_count", "pending_count"),
            "failures",
            "sent_at",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The week is what the issue was composed from; it does not change.
        return [
            "week",
            "dates",
            "previews",
            "text_preview",
            "progress",
            "sent_count",
            "failed_count",
            "retrying_count",
            "pending_count",
            "failures",
            "sent_at",
        ]

    def get_inlines(self, request, obj):
        # A new issue's items are composed from its week when it is saved.
        return self.inlines if obj else []

    def get_changeform_initial_data(self, request):
        return {
            "week": week_of(timezone.now().date()),
            **super().get_changeform_initial_data(request),
        }

    def get_queryset(self, request):
        # Each count is its own subquery: joining items and deliveries would
        # multiply their rows.
        deliveries = Delivery.objects.filter(issue=OuterRef("pk"))
        no_copy_yet = ~Exists(
            Delivery.objects.filter(issue=OuterRef(OuterRef("pk")), subscriber=OuterRef("pk"))
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                item_total=count_of(DigestItem.objects.filter(issue=OuterRef("pk")), "issue"),
                sent_total=count_of(deliveries.filter(status=DeliveryStatus.SENT), "issue"),
                failed_total=count_of(deliveries.filter(status=DeliveryStatus.FAILED), "issue"),
                claimed_total=count_of(deliveries.filter(status=DeliveryStatus.CLAIMED), "issue"),
                retry_total=count_of(deliveries.filter(status=DeliveryStatus.RETRY), "issue"),
                waiting_total=count_of(
                    Subscriber.objects.confirmed().filter(no_copy_yet), "status"
                ),
            )
        )

    @admin.display(description="dates")
    def dates(self, issue):
        return week_label(issue.week)

    @admin.display(description="items", ordering="item_total")
    def item_count(self, issue):
        return issue.item_total

    @admin.display(description="send", ordering="sent_at")
    def progress(self, issue):
        """Where the send stands: finished, running now, stopped part-way, or not begun."""
        if issue.sent_at:
            return f"Sent {date_format(timezone.localtime(issue.sent_at), 'j M Y, H:i')}"
        if issue.send_lease_expires_at and issue.send_lease_expires_at > timezone.now():
            return "Sending now"
        if issue.sent_total or issue.failed_total or issue.claimed_total or issue.retry_total:
            return "Stopped part-way: send again to resume"
        return "Not sent"

    @admin.display(description="sent", ordering="sent_total")
    def sent_count(self, issue):
        return issue.sent_total

    @admin.display(description="failed", ordering="failed_total")
    def failed_count(self, issue):
        return issue.failed_total

    @admin.display(description="retrying", ordering="retry_total")
    def retrying_count(self, issue):
        """Copies the mail server put off; the next send_digest run sends them."""
        return issue.retry_total

    @admin.display(description="pending")
    def pending_count(self, issue):
        """Copies still to go: claimed by a run that stopped, and, until the send has
        finished, every confirmed subscriber without one."""
        return issue.claimed_total + (0 if issue.sent_at else issue.waiting_total)

    @admin.display(description="preview")
    def previews(self, issue):
        return format_html(
            '<a href="{}" target="_blank">HTML email</a> · '
            '<a href="{}" target="_blank">plain text</a>',
            reverse("admin:newsletter_digestissue_preview", args=[issue.pk, "html"]),
            reverse("admin:newsletter_digestissue_preview", args=[issue.pk, "text"]),
        )

    @admin.display(description="plain-text version")
    def text_preview(self, issue):
        return format_html("<pre>{}</pre>", self._preview_message(issue).body)

    @admin.display(description="failed recipients")
    def failures(self, issue):
        failed = issue.deliveries.filter(status=DeliveryStatus.FAILED).order_by("pk")[
            :FAILURES_SHOWN
        ]
        if not failed:
            return "None"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                # By number: subscribers' addresses are for Subscriber managers only.
                "",
                "<li>Subscriber #{}: {}</li>",
                ((d.subscriber_id, d.error) for d in failed),
            ),
        )

    def view_on_site(self, issue):
        return issue.get_absolute_url() if issue.sent_at else None

    def _preview_message(self, issue):
        example = Subscriber(email="reader@example.com", unsubscribe_token="preview")
        return digest_message(digest_content(issue), example)

    def get_urls(self):
        return [
            path(
                "<int:issue_id>/preview/<str:kind>/",
                self.admin_site.admin_view(self.preview_view),
                name="newsletter_digestissue_preview",
            ),
            *super().get_urls(),
        ]

    # The email's styles are inline by design; its preview may show them, and nothing else.
    @csp_override({"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE]})
    def preview_view(self, request, issue_id, kind):
        """The issue's email (HTML or plain text) as a subscriber will get it."""
        issue = get_object_or_404(DigestIssue, pk=issue_id)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        message = self._preview_message(issue)
        if kind == "text":
            return HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        return HttpResponse(message.alternatives[0].content)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.digest_items_fill(issue=obj)

    @admin.action(
        description="Send the selected issues (queued for the task worker)", permissions=["change"]
    )
    def send(self, request, queryset):
        # Never in the request: a send of thousands outlives any web worker's timeout.
        if not tasks_queued():
            self.message_user(
                request,
                "No task worker is set up (TASKS_BACKEND), so nothing was sent. "
                "Send from the command line: manage.py send_digest --week <week>.",
                messages.ERROR,
            )
            return
        for issue in queryset.order_by("week"):
            if issue.sent_at:
                self.message_user(
                    request,
                    f"{issue.week} was sent already; nothing new to send.",
                    messages.WARNING,
                )
                continue
            digest_send_task.enqueue(issue.pk)
            self.message_user(
                request,
                f"{issue.week}: queued for the task worker. Its progress shows in the list.",
                messages.SUCCESS,
            )

    @admin.action(
        description="Re-compose the selected unsent issues from their week (replaces the items)",
        permissions=["change"],
    )
    def recompose(self, request, queryset):
        for issue in queryset.order_by("week"):
            if issue.sent_at:
                self.message_user(
                    request, f"{issue.week} was sent; it stays as it was.", messages.WARNING
                )
                continue
            services.digest_recompose(issue=issue)
            self.message_user(request, f"{issue.week}: items composed afresh.", messages.SUCCESS)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every copy of every issue, read-only (editors see the counts on the issue)."""

    list_display = ["issue", "subscriber", "status", "claimed_at", "finished_at", "error"]
    list_filter = ["status", "issue"]
    list_select_related = ["issue", "subscriber"]
    search_fields = ["subscriber__email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

import csv

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html

from newsletter import views
from newsletter.models import DeliveryStatus, DigestIssue, DigestItem, Subscriber
from newsletter.services import digest_items_for_week
from newsletter.tasks import digest_send_task


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at", "source"]
    list_filter = ["status"]
    search_fields = ["email", "source"]
    readonly_fields = [
        "email",
        "status",
        "source",
        "created_at",
        "confirmation_sent_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    actions = ["export_csv"]

    def has_add_permission(self, request):
        # Addresses come in only through double opt-in.
        return False

    @admin.action(description="Export the selected subscribers as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="subscribers.csv"'
        writer = csv.writer(response)
        writer.writerow(["email", "status", "signed up", "confirmed", "unsubscribed", "source"])
        for subscriber in queryset.order_by("pk").iterator():
            writer.writerow(
                [
                    subscriber.email,
                    subscriber.status,
                    subscriber.created_at.isoformat(),
                    subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else "",
                    subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else "",
                    subscriber.source,
                ]
            )
        return response


class DigestItemInline(admin.TabularInline):
    model = DigestItem
    extra = 0
    fields = ["position", "kind", "title", "summary", "path"]


@admin.register(DigestIssue)
class DigestIssueAdmin(admin.ModelAdmin):
    list_display = ["week", "sent_at", "sent_count", "failed_count", "pending_count", "previews"]
    fields = ["week", "intro", "previews", "sent_at"]
    readonly_fields = ["previews", "sent_at"]
    inlines = [DigestItemInline]
    actions = ["send"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_total=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
                failed_total=Count(
                    "deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)
                ),
                pending_total=Count(
                    "deliveries", filter=Q(deliveries__status=DeliveryStatus.CLAIMED)
                ),
            )
        )

    @admin.display(description="sent", ordering="sent_total")
    def sent_count(self, issue):
        return issue.sent_total

    @admin.display(description="failed", ordering="failed_total")
    def failed_count(self, issue):
        return issue.failed_total

    @admin.display(description="pending")
    def pending_count(self, issue):
        return issue.pending_total

    @admin.display(description="preview")
    def previews(self, issue):
        if not issue.pk:
            return "Save the issue to preview it."
        return format_html(
            '<a href="{}" target="_blank">HTML</a> · <a href="{}" target="_blank">plain text</a>',
            reverse("admin:newsletter_digestissue_preview", args=[issue.pk, "html"]),
            reverse("admin:newsletter_digestissue_preview", args=[issue.pk, "text"]),
        )

    def get_urls(self):
        preview = staff_member_required(views.preview)
        return [
            path(
                "<int:issue_id>/preview/<str:kind>/",
                self.admin_site.admin_view(preview),
                name="newsletter_digestissue_preview",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # A new issue starts from the week's automatic selection.
            items = digest_items_for_week(obj.week)
            for item in items:
                item.issue = obj
            DigestItem.objects.bulk_create(items)

    @admin.action(description="Send the selected issues now (as a background task)")
    def send(self, request, queryset):
        for issue in queryset:
            digest_send_task.enqueue(issue.pk)
        self.message_user(
            request, f"Queued {queryset.count()} issue(s) for sending.", messages.SUCCESS
        )

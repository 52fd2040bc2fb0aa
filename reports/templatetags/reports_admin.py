from django import template
from django.urls import reverse

from reports.selectors import open_reports_count

register = template.Library()


@register.inclusion_tag("reports/admin_open_reports.html", takes_context=True)
def open_reports_notice(context):
    """ "3 open reports" on the admin index, for those who may read them (one count query)."""
    if not context["request"].user.has_perm("reports.view_report"):
        return {"count": None}
    return {
        "count": open_reports_count(),
        "url": reverse("admin:reports_report_changelist"),
    }

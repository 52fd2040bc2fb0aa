from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import ValidationError

from newsletter.models import DigestIssue
from newsletter.weeks import week_bounds
from plumbing.forms import HoneypotForm


def site_path(url: str, request) -> str:
    """The path of a URL on this site, or "" for anything else."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.get_host():
        return ""
    path = parts.path
    return path[:200] if path.startswith("/") and not path.startswith("//") else ""


class SignUpForm(HoneypotForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.com.",
        },
    )
    # Without JavaScript: the page that linked to the sign-up page.
    source = forms.CharField(required=False, max_length=200)


def sign_up_form_for(request, data=None) -> SignUpForm:
    """The sign-up form, remembering the page that led here (the island's page, or a referrer)."""
    referer = request.headers.get("Referer", "")
    return SignUpForm(data, initial={"source": site_path(referer, request)})


class DigestIssueForm(forms.ModelForm):
    """The admin's issue form: its week must be a real ISO week (2026-W48)."""

    class Meta:
        model = DigestIssue
        fields = ["week", "intro"]

    def clean_week(self):
        week = self.cleaned_data["week"].upper()
        try:
            week_bounds(week)
        # A week near the end of year 9999 has no following Monday to end on.
        except (ValueError, OverflowError) as error:
            raise ValidationError("Enter an ISO week like 2026-W48.", code="invalid") from error
        return week

from urllib.parse import urlsplit

from django import forms


def site_path(url: str, request) -> str:
    """The path of a URL on this site, or "" for anything else."""
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != request.get_host():
        return ""
    path = parts.path
    return path[:200] if path.startswith("/") and not path.startswith("//") else ""


class SignUpForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.com.",
        },
    )
    # Left empty by people (it is hidden from them); bots that fill every field give
    # themselves away.
    website = forms.CharField(label="Leave this empty", required=False)
    # Without JavaScript: the page that linked to the sign-up page.
    source = forms.CharField(required=False, max_length=200)

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))


def sign_up_form_for(request, data=None) -> SignUpForm:
    """The sign-up form, remembering the page that led here (the island's page, or a referrer)."""
    referer = request.headers.get("Referer", "")
    return SignUpForm(data, initial={"source": site_path(referer, request)})

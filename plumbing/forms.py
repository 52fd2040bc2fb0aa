"""What the readers' forms share: the honeypot field that tells a bot from a person."""

from django import forms


class HoneypotForm(forms.Form):
    """A form with a field people never see (templates/components/honeypot.html).

    Bots that fill every field give themselves away; the view then answers as
    if it had worked, so a bot learns nothing, and does nothing else.
    """

    website = forms.CharField(label="Leave this empty", required=False)

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

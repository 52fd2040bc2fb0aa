from django import forms


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

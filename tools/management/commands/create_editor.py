"""
Create (or update) an editor: a staff account in the Editors group, which may
manage categories, tools and panel reviews in the admin and nothing else.
"""

import getpass
import os

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tools.services import editor_create


class Command(BaseCommand):
    help = "Create a staff account in the Editors group (password prompted, or EDITOR_PASSWORD)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        password = os.environ.get("EDITOR_PASSWORD") or self._prompt_password()
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        user, created = editor_create(username=username, email=email, password=password)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} editor {user.username}. Log in at /admin/.")

    def _prompt_password(self):
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError(
                "No password given (set EDITOR_PASSWORD to run unattended)."
            ) from None
        if first != second:
            raise CommandError("The passwords differ.")
        return first

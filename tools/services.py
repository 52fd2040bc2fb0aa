"""Writes to the catalog that are not plain admin edits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from plumbing.editors import EDITORS_GROUP


@transaction.atomic
def editor_create(*, username: str, email: str = "", password: str):
    """A staff user in the Editors group with this password; returns (user, created)."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    user.email = email or user.email
    user.is_staff = True
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user, created

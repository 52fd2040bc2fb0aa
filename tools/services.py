"""Writes to the catalog that are not plain admin edits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.db.models.functions import Now

from plumbing.editors import EDITORS_GROUP
from reviews.models import PanelReview
from tools.models import Tool
from verdicts.vocabulary import Verdict


def panel_numbers_refresh(*, tool_ids) -> None:
    """Store these tools' panel numbers as their takes stand now (one query per tool).

    Runs on every save and delete of a take (tools/apps.py), inside the same
    transaction, so the stored numbers never disagree with the takes.
    """
    for tool_id in tool_ids:
        numbers = PanelReview.objects.filter(tool_id=tool_id).aggregate(
            take_count=Count("pk"),
            ship_count=Count("pk", filter=Q(verdict=Verdict.SHIP)),
            average_score=Avg("score"),
        )
        takes = numbers["take_count"]
        Tool.objects.filter(pk=tool_id).update(
            **numbers,
            ship_share=numbers["ship_count"] / takes if takes else None,
            updated_at=Now(),  # its pages' cached fragments are stale
        )


def category_tools_touch(*, category_id) -> None:
    """Mark the category's tools changed: their cached fragments show its name."""
    Tool.objects.filter(category_id=category_id).update(updated_at=Now())


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

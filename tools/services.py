"""Writes to the catalog that are not plain admin edits."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Now

from plumbing.editors import EDITORS_GROUP
from reviews.models import PanelReview
from tools.models import Category, Tool, search_vector
from verdicts.vocabulary import Verdict


@transaction.atomic
def panel_numbers_refresh(*, tool_ids) -> None:
    """Store these tools' panel numbers as their takes stand now (one query per tool).

    Runs on every save and delete of a take (tools/apps.py), inside the same
    transaction, so the stored numbers never disagree with the takes.
    """
    for tool_id in tool_ids:
        # Locked first, so of two takes saved at once the later counts the earlier.
        list(Tool.objects.select_for_update().filter(pk=tool_id).values_list("pk"))
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


@transaction.atomic
def category_counts_refresh(*, category_ids) -> None:
    """Store how many published tools these categories have now (two queries).

    Runs on every save and delete of a tool (tools/apps.py), inside the same
    transaction. The rows are locked before counting, so of two tools saved at
    once into one category the later count sees the earlier tool.
    """
    category_ids = sorted({pk for pk in category_ids if pk is not None})
    list(Category.objects.select_for_update().filter(pk__in=category_ids).values_list("pk"))
    published_tools = (
        Tool.objects.published()
        .filter(category=OuterRef("pk"))
        .order_by()
        .values("category")
        .annotate(count=Count("pk"))
        .values("count")
    )
    Category.objects.filter(pk__in=category_ids).update(
        published_tool_count=Coalesce(Subquery(published_tools), 0)
    )


def search_documents_refresh(tools) -> None:
    """Store what these tools (a QuerySet) are searched by, on PostgreSQL (one query).

    Runs on every save of a tool and of a category (tools/apps.py); SQLite
    searches the fields themselves.
    """
    if connection.vendor == "postgresql":
        tools.update(search_document=search_vector())


def category_tools_touch(*, category_id) -> None:
    """Mark the category's tools changed: their cached fragments and search show its name."""
    tools = Tool.objects.filter(category_id=category_id)
    tools.update(updated_at=Now())
    search_documents_refresh(tools)


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

"""Writes to the catalog that are not plain admin edits."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.models import Avg, Count, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Now

from plumbing.editors import EDITORS_GROUP
from plumbing.pagecache import catalog_changed
from reviews.models import PanelReview
from tools.models import Category, Tool, search_vector
from verdicts.vocabulary import Verdict


@transaction.atomic
def panel_numbers_refresh(*, tool_ids, panel_changed: bool = False) -> None:
    """Store these tools' panel numbers as their takes stand now (one query per tool).

    Runs on every save and delete of a take (tools/apps.py), inside the same
    transaction, so the stored numbers never disagree with the takes. Those
    calls say `panel_changed`, which stamps `panel_changed_at` now; a recount
    after a save of the tool only brings it up to its newest take, should the
    save have written an older time from a stale instance.
    """
    for tool_id in tool_ids:
        # Locked first, so of two takes saved at once the later counts the earlier.
        list(Tool.objects.select_for_update().filter(pk=tool_id).values_list("pk"))
        numbers = PanelReview.objects.filter(tool_id=tool_id).aggregate(
            take_count=Count("pk"),
            ship_count=Count("pk", filter=Q(verdict=Verdict.SHIP)),
            average_score=Avg("score"),
            newest_take=Max("updated_at"),
        )
        newest_take = numbers.pop("newest_take")
        takes = numbers["take_count"]
        stored = F("panel_changed_at")
        Tool.objects.filter(pk=tool_id).update(
            **numbers,
            ship_share=numbers["ship_count"] / takes if takes else None,
            panel_changed_at=Now() if panel_changed else _later(stored, newest_take),
            updated_at=Now(),  # its pages' cached fragments are stale
        )


def _later(stored, newest_take):
    """The later of the stored time and the newest take's, either possibly None."""
    if newest_take is None:
        return stored
    # Greatest is None on SQLite when either side is; the stored time may be.
    return Greatest(Coalesce(stored, Value(newest_take)), Value(newest_take))


@transaction.atomic
def pricing_verified_mark(*, tools, on: datetime.date) -> int:
    """Mark these tools' (a QuerySet) pricing and entry tier verified on `on`; how many.

    One update, which sends no signal: it moves their fragments' version and
    the catalog's itself, as a save would.
    """
    count = tools.update(pricing_verified_on=on, updated_at=Now())
    catalog_changed()
    return count


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

"""seed_synthetic: a synthetic catalog whose stored numbers agree with its rows."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Q

from newsletter.models import Subscriber
from tools.models import Tool
from votes.models import ToolTally

pytestmark = pytest.mark.django_db


def test_the_synthetic_catalog_is_consistent_and_a_rerun_replaces_it():
    arguments = ["--tools", "120", "--votes", "3000", "--bookmarks", "200", "--subscribers", "50"]
    if connection.vendor != "postgresql":
        # Its rows are generated inside PostgreSQL; elsewhere it says so.
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("seed_synthetic", *arguments)
        return
    call_command("seed_synthetic", *arguments, stdout=None)
    call_command("seed_synthetic", *arguments, stdout=None)  # replaces, never doubles
    tools = Tool.objects.filter(slug__startswith="synth-")
    assert tools.count() == 120
    assert tools.values("category").distinct().count() == 50
    recount = tools.annotate(
        takes=Count("panel_reviews"),
        ships=Count("panel_reviews", filter=Q(panel_reviews__verdict="ship")),
    )
    for tool in recount:
        assert (tool.take_count, tool.ship_count) == (tool.takes, tool.ships)
    for tally in ToolTally.objects.filter(tool__in=tools):
        votes = tally.tool.votes
        assert tally.ship_count == votes.filter(value="ship").count()
        assert tally.skip_count == votes.filter(value="skip").count()
    assert sum(t.ship_count + t.skip_count for t in ToolTally.objects.all()) == 3000
    assert Subscriber.objects.filter(email__startswith="synth-").count() == 50

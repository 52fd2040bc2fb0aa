import uuid
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import ToolFactory
from votes.models import ToolTally
from votes.services import vote_cast

pytestmark = pytest.mark.django_db


def recount(*args):
    out = StringIO()
    call_command("recount_votes", *args, stdout=out)
    return out.getvalue()


def test_recount_reports_no_drift_when_counters_match():
    vote_cast(visitor=uuid.uuid4(), tool=ToolFactory(), value="ship")
    assert "no drift" in recount()


def test_recount_reports_and_fixes_drift():
    tool = ToolFactory()
    vote_cast(visitor=uuid.uuid4(), tool=tool, value="ship")
    ToolTally.objects.filter(tool=tool).update(ship_count=9)
    out = recount("--dry-run")
    assert f"tool {tool.pk}: stored 9/0, counted 1/0" in out
    assert "not fixed" in out
    assert ToolTally.objects.get(tool=tool).ship_count == 9
    assert "Fixed 1 drifted counters." in recount()
    assert ToolTally.objects.get(tool=tool).ship_count == 1

import uuid

from django.urls import reverse

from tests.factories import ToolFactory
from votes.models import PairTally, ToolTally, Vote
from votes.services import pick_cast, vote_cast


def test_editors_see_vote_totals_per_tool(editor_client):
    tool = ToolFactory(name="Relaykit")
    for value in ["ship", "ship", "skip"]:
        vote_cast(visitor=uuid.uuid4(), tool=tool, value=value)
    html = editor_client.get(reverse("admin:votes_tooltally_changelist")).content.decode()
    assert "Relaykit" in html
    assert '<td class="field-ship_count">2</td>' in html
    assert '<td class="field-total">3</td>' in html


def test_an_editor_removes_one_visitors_votes_and_the_counters_follow(editor_client):
    tool, other = ToolFactory(), ToolFactory()
    spammer, reader = uuid.uuid4(), uuid.uuid4()
    vote_cast(visitor=spammer, tool=tool, value="skip")
    vote_cast(visitor=spammer, tool=other, value="skip")
    pick_cast(visitor=spammer, left=tool, right=other, chosen=other)
    vote_cast(visitor=reader, tool=tool, value="ship")
    one_vote = Vote.objects.filter(visitor=spammer).first()

    response = editor_client.post(
        reverse("admin:votes_vote_changelist"),
        {"action": "remove_visitors_votes", "_selected_action": [one_vote.pk]},
        follow=True,
    )

    assert "Removed 3 votes and picks" in response.content.decode()
    assert list(Vote.objects.values_list("visitor", flat=True)) == [reader]
    tally = ToolTally.objects.get(tool=tool)
    assert (tally.ship_count, tally.skip_count) == (1, 0)
    pair = PairTally.objects.get()
    assert (pair.first_count, pair.second_count) == (0, 0)


def test_votes_cannot_be_edited_or_deleted_row_by_row(editor_client):
    vote_cast(visitor=uuid.uuid4(), tool=ToolFactory(), value="ship")
    vote = Vote.objects.get()
    response = editor_client.post(
        reverse("admin:votes_vote_delete", args=[vote.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Vote.objects.exists()


def test_the_admin_names_the_tallies_in_plain_english(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "Tool tallies" in html
    assert "Pair tallies" in html
    assert "tallys" not in html.lower()

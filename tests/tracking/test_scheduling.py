"""An analyst turns what a mandate's text says about reporting into a reporting obligation with
a due date, in one click; nobody else may. Documents of our own."""

from datetime import date

import pytest

from followup.corpus.actions import do_ingest_file
from followup.errors import Conflict, Forbidden, InvalidInput
from followup.tracking.actions import do_create_obligation_from_item
from followup.tracking.models import Obligation

RESOLUTION = """AG/RES. 3130 (LVI-O/26)

CLEAN RIVERS

THE GENERAL ASSEMBLY,

CONSIDERING that shared rivers need joint care;

RESOLVES:

1. To instruct the General Secretariat to report annually to the Permanent Council on river cleaning, starting no later than March 31, 2027.

2. To request the Permanent Council to review river cleaning before the fifty-seventh regular session of the General Assembly.

3. To thank the delegations for their work.
"""


@pytest.fixture
def mandates(tmp_path, parties):
    path = tmp_path / "rivers.txt"
    path.write_text(RESOLUTION)
    document = do_ingest_file(path).document
    assert document.genre == "resolution"
    return list(document.items.filter(kind="mandate").order_by("start"))


def test_an_analyst_turns_a_deadline_and_reporting_into_an_obligation(people, parties, mandates):
    dated = mandates[0]
    assert dated.fields["deadline"]["date"] == "2027-03-31"
    assert dated.fields["reporting"]["every_months"] == 12
    obligation = do_create_obligation_from_item(people["analyst"], dated.pk)
    assert (
        obligation.item_id,
        obligation.party,
        obligation.due_on,
        obligation.cycle_months,
        obligation.fulfilled_by,
    ) == (dated.pk, parties["secretariat"], date(2027, 3, 31), 12, None)
    with pytest.raises(Conflict):
        do_create_obligation_from_item(people["analyst"], dated.pk)


def test_a_session_gives_no_due_date_and_only_analysts_may_schedule(people, mandates):
    session_only, thanks = mandates[1], mandates[2]
    with pytest.raises(InvalidInput) as refused:
        do_create_obligation_from_item(people["analyst"], session_only.pk)
    assert refused.value.field == "due_on"
    with pytest.raises(InvalidInput):
        do_create_obligation_from_item(people["analyst"], thanks.pk)
    for who in ("haiti", "cso", "public"):
        with pytest.raises(Forbidden):
            do_create_obligation_from_item(people[who], mandates[0].pk)
    assert not Obligation.objects.exists()


def test_the_item_page_offers_the_button_to_analysts_and_the_click_sets_the_obligation(
    client, people, mandates
):
    dated = mandates[0]
    page = f"/items/{dated.pk}/"
    button = "Set a reporting obligation due 2027-03-31"
    public = client.get(page).content.decode()
    assert button not in public
    assert "report annually to the Permanent Council" in public
    assert client.post(f"/items/{dated.pk}/obligation/").status_code == 403
    client.force_login(people["analyst"])
    assert button in client.get(page).content.decode()
    answer = client.post(f"/items/{dated.pk}/obligation/", follow=True)
    shown = answer.content.decode()
    assert "General Secretariat must report on it by 2027-03-31." in shown
    assert "General Secretariat is due to report by 2027-03-31" in shown
    assert list(Obligation.objects.values_list("item_id", "due_on", "cycle_months")) == [
        (dated.pk, date(2027, 3, 31), 12)
    ]


def test_the_document_page_and_the_search_show_the_genre(client, mandates):
    document = mandates[0].document
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert '?genre=resolution">Resolution</a>' in page
    body = client.get("/api/items/search/", {"genre": "resolution"}).json()
    assert body["total"] == len(document.items.all())
    assert body["facets"]["genre"] == [{"value": "resolution", "count": body["total"]}]
    assert client.get("/api/items/search/", {"genre": "press_release"}).json()["total"] == 0

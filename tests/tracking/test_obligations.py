"""Setting and changing due dates from the web app: one item, several parties at once."""

from datetime import date

import pytest

from followup.tracking.actions import do_create_obligation
from followup.tracking.models import Obligation
from tests.web.pages import links, texts

pytestmark = pytest.mark.django_db


def test_an_analyst_sets_a_due_date_for_several_parties(client, people, items, parties):
    item = items["civil_registry"]
    client.force_login(people["analyst"])
    form = client.get("/obligations/", {"item": item.pk})
    assert texts(form, "input[name=item]") == [""]
    assert f'value="{item.pk}"' in form.content.decode()  # from the item's page link
    response = client.post(
        "/obligations/",
        {
            "item": item.pk,
            "parties": [parties["HT"].pk, parties["MX"].pk],
            "due_on": "2030-06-30",
            "cycle_months": "12",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/obligations/?item={item.pk}"
    assert sorted(
        Obligation.objects.values_list("party__name", "item_id", "due_on", "cycle_months")
    ) == [
        ("Haiti", item.pk, date(2030, 6, 30), 12),
        ("Mexico", item.pk, date(2030, 6, 30), 12),
    ]
    page = client.get(response["Location"])
    assert texts(page, ".messages li") == ["Due date set for 2 parties."]
    assert texts(page, "table.list tbody tr") == [
        f"Haiti 2030-06-30 every 12 months {item.text} Change",
        f"Mexico 2030-06-30 every 12 months {item.text} Change",
    ]


def test_setting_a_date_again_moves_the_open_obligation(client, people, items, parties):
    item = items["civil_registry"]
    first = do_create_obligation(
        people["analyst"], item_id=item.pk, party_id=parties["HT"].pk, due_on=date(2030, 1, 1)
    )
    client.force_login(people["analyst"])
    client.post(
        "/obligations/", {"item": item.pk, "parties": [parties["HT"].pk], "due_on": "2030-03-01"}
    )
    assert list(Obligation.objects.values_list("pk", "due_on", "cycle_months")) == [
        (first.pk, date(2030, 3, 1), None)
    ]


def test_a_due_date_on_an_action_is_refused_with_the_reason(client, people, parties, items):
    client.force_login(people["analyst"])
    page = client.post(
        "/obligations/", {"item": 999999, "parties": [parties["HT"].pk], "due_on": "2030-03-01"}
    )
    assert page.status_code == 400
    assert texts(page, "ul.errorlist li") == ["no mandate or recommendation with id 999999"]
    assert not Obligation.objects.exists()


def test_an_analyst_changes_and_removes_an_obligation(client, people, items, parties):
    obligation = do_create_obligation(
        people["analyst"],
        item_id=items["whistleblowers"].pk,
        party_id=parties["MX"].pk,
        due_on=date(2030, 1, 1),
    )
    client.force_login(people["analyst"])
    page = client.get("/obligations/")
    assert links(page, "table.list a[href^='/obligations/']") == [f"/obligations/{obligation.pk}/"]
    response = client.post(
        f"/obligations/{obligation.pk}/", {"due_on": "2031-02-28", "cycle_months": "6"}
    )
    assert response.status_code == 302
    obligation.refresh_from_db()
    assert (obligation.due_on, obligation.cycle_months) == (date(2031, 2, 28), 6)
    client.post(f"/obligations/{obligation.pk}/", {"delete": "1"})
    assert not Obligation.objects.exists()
    assert texts(client.get("/obligations/"), ".messages li") == [
        "The due date was changed.",
        "The obligation was removed.",
    ]


def test_parties_neither_set_nor_change_due_dates(client, people, items, parties):
    obligation = do_create_obligation(
        people["analyst"],
        item_id=items["whistleblowers"].pk,
        party_id=parties["HT"].pk,
        due_on=date(2030, 1, 1),
    )
    client.force_login(people["haiti"])
    assert client.post(f"/obligations/{obligation.pk}/", {"delete": "1"}).status_code == 403
    response = client.post(
        "/obligations/",
        {"item": items["whistleblowers"].pk, "parties": [parties["HT"].pk], "due_on": "2020-01-01"},
    )
    assert response.status_code == 403
    assert list(Obligation.objects.values_list("due_on", flat=True)) == [date(2030, 1, 1)]

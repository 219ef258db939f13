"""The policy of measures and State questionnaires, role by role (the columns, described in
conftest.py): analysts write for every State, a focal point for their own; a questionnaire not
sent to a user's State answers 404 like a missing one."""

from datetime import timedelta

import pytest
from django.utils import timezone

from followup.measures.questionnaires import do_create_questionnaire, do_send_questionnaire
from followup.policy import measures

from .conftest import ROLES, by_role, hidden, main_of, no, ok, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(everyone, parties):
    haiti, mexico = parties["HT"].country, parties["MX"].country
    questionnaire = do_create_questionnaire(
        everyone["analyst"],
        title="Regional consultation on measures",
        questions=[{"text": "How many people were repatriated?", "kind": "number"}],
    )
    do_send_questionnaire(
        everyone["analyst"],
        questionnaire,
        countries=[haiti],
        due_on=timezone.localdate() + timedelta(days=30),
    )
    return {"Haiti": haiti, "Mexico": mexico, "sent to Haiti": questionnaire, None: None}


SECRETARIAT_ONLY = [no, no, no, no, no, no, no, ok, ok]
# fmt: off
# columns: anonymous unverified public own_state other_state own_org other_org analyst admin
TABLE = [
    ("record_measure", "Haiti", [no, no, no, ok, no, no, no, ok, ok]),
    ("record_measure", "Mexico", [no, no, no, no, ok, no, no, ok, ok]),
    ("answer_questionnaire", "Haiti", [no, no, no, ok, no, no, no, ok, ok]),
    ("import_measures", None, SECRETARIAT_ONLY),
    ("manage_questionnaires", None, SECRETARIAT_ONLY),
    ("list_questionnaires", None, [no, no, no, ok, ok, no, no, ok, ok]),
    ("view_questionnaire", "sent to Haiti", [hidden, hidden, hidden, ok, hidden, hidden, hidden, ok, ok]),
    ("view_questionnaire", None, [hidden] * 9),
]
# fmt: on
TABLED = {row[0] for row in TABLE}


@pytest.mark.parametrize(("action", "obj", "expected"), TABLE)
def test_each_action_for_each_role(everyone, objects, action, obj, expected):
    got = [outcome(everyone[role], action, objects[obj]) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


def test_every_action_of_the_part_is_in_the_table():
    assert {action.name for action in measures.ACTIONS} == TABLED


def test_refusals_name_the_reason(everyone, objects):
    from followup.errors import Forbidden
    from followup.policy import ensure_permission

    with pytest.raises(Forbidden, match=r"^You may only report for your own State\.$"):
        ensure_permission(everyone["other_state"], "record_measure", objects["Haiti"])
    with pytest.raises(Forbidden, match=r"^Only secretariat analysts may do this\.$"):
        ensure_permission(everyone["public"], "record_measure", objects["Haiti"])


def test_pages_and_api_answer_a_hidden_questionnaire_like_a_missing_one(client, everyone, objects):
    client.force_login(everyone["other_state"])
    shown = objects["sent to Haiti"].pk
    hidden_page = client.get(f"/measures/questionnaires/{shown}/")
    missing_page = client.get(f"/measures/questionnaires/{shown + 1000}/")
    assert hidden_page.status_code == missing_page.status_code == 404
    assert main_of(hidden_page) == main_of(missing_page)
    assert client.get("/api/measures/questionnaires").json() == []
    client.force_login(everyone["own_state"])
    assert client.get(f"/measures/questionnaires/{shown}/").status_code == 200

"""The policy of petitions, precautionary measures and friendly settlements, role by role.
Its roles are assignments of the Commission, so its columns are its own:

    anonymous     not signed in
    public        a signed-in reader with no role in the petitions system
    petitioner    the applicant of the files below
    other         another petitioner
    registry      registry staff
    lawyer        the section lawyer for Colombia (the State of the files below)
    lawyer_pe     the section lawyer for Peru
    commissioner  a commissioner
    agent         Colombia's State agent (sees only what was transmitted to Colombia)
    agent_pe      Peru's State agent
    analyst       a secretariat analyst (no role here)
    admin         an administrator (acts as registry staff)
"""

import pytest

from followup.petitions import actions
from followup.petitions.models import Assignment
from followup.policy import petitions
from tests.petitions.conftest import FACTS_ES, file_request

from .conftest import by_role, hidden, no, ok, outcome

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "public",
    "petitioner",
    "other",
    "registry",
    "lawyer",
    "lawyer_pe",
    "commissioner",
    "agent",
    "agent_pe",
    "analyst",
    "admin",
]


@pytest.fixture
def roles(everyone, django_user_model):
    def user(name):
        return django_user_model.objects.create_user(name, f"{name}@example.org", "pw-tests-1")

    people = {name: user(name) for name in ROLES[2:10]}
    actions.do_register_petitioner(
        people["petitioner"], kind="organization", name="Colectivo Tierra Viva", country_code="CO"
    )
    actions.do_register_petitioner(people["other"], kind="person", name="Otro Peticionario")
    for name, role, country in [
        ("registry", Assignment.REGISTRY, None),
        ("lawyer", Assignment.LAWYER, "CO"),
        ("lawyer_pe", Assignment.LAWYER, "PE"),
        ("commissioner", Assignment.COMMISSIONER, None),
        ("agent", Assignment.STATE_AGENT, "CO"),
        ("agent_pe", Assignment.STATE_AGENT, "PE"),
    ]:
        Assignment.objects.create(user=people[name], role=role, country_id=country)
    return people | {
        "anonymous": None,
        "public": everyone["public"],
        "analyst": everyone["analyst"],
        "admin": everyone["admin"],
    }


@pytest.fixture
def files(roles):
    """A draft, a request under evaluation, and a request granted (so transmitted to Colombia)."""
    draft = actions.do_save_draft(
        roles["petitioner"], token="draft-1", state="CO", title="Borrador", facts=FACTS_ES
    )
    submitted = file_request(roles["petitioner"], token="tok-1")
    granted = file_request(roles["petitioner"], token="tok-2")
    actions.do_decide(
        roles["lawyer"], granted.pk, "grant", document_text="Resolución: se otorgan medidas."
    )
    granted.refresh_from_db()
    return {"draft": draft, "submitted": submitted, "granted": granted, None: None}


H = hidden
STAFF = [no, no, no, no, ok, ok, ok, ok, no, no, no, ok]
# fmt: off
# columns: anonymous public petitioner other registry lawyer lawyer_pe commissioner agent agent_pe analyst admin
TABLE = [
    ("file_petition", None, [no, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok]),
    ("view_petition", "draft", [H, H, ok, H, H, H, H, H, H, H, H, H]),
    ("view_petition", "submitted", [H, H, ok, H, ok, ok, H, ok, H, H, H, ok]),
    ("view_petition", "granted", [H, H, ok, H, ok, ok, H, ok, ok, H, H, ok]),
    ("view_petition", None, [H] * 12),
    ("edit_petition_draft", "draft", [H, H, ok, H, H, H, H, H, H, H, H, H]),
    ("edit_petition_draft", "submitted", [H, H, no, H, no, no, H, no, H, H, H, no]),
    ("see_confidential_identities", "granted", [H, H, ok, H, ok, ok, H, ok, no, H, H, ok]),
    ("write_to_petition", "submitted", [H, H, ok, H, ok, ok, H, ok, H, H, H, ok]),
    ("write_to_petition", "granted", [H, H, ok, H, ok, ok, H, ok, ok, H, H, ok]),
    ("transmit_petition", "granted", [H, H, no, H, ok, ok, H, ok, no, H, H, ok]),
    ("decide_initial_review", "submitted", [H, H, no, H, ok, ok, H, no, H, H, H, ok]),
    ("decide_petition", "granted", [H, H, no, H, no, ok, H, ok, no, H, H, no]),
    ("adopt_petition_report", "granted", [H, H, no, H, no, no, H, ok, no, H, H, no]),
    ("manage_settlement", "granted", [H, H, no, H, no, ok, H, ok, no, H, H, no]),
    ("triage_requests", None, STAFF),
    ("triage_requests", "submitted", [H, H, no, H, ok, ok, H, ok, H, H, H, ok]),
    ("view_review_queues", None, STAFF),
    ("extend_deadlines", None, [no, no, no, no, ok, no, no, no, no, no, no, ok]),
]
# fmt: on
TABLED = {row[0] for row in TABLE}


@pytest.mark.parametrize(("action", "obj", "expected"), TABLE)
def test_each_action_for_each_role(roles, files, action, obj, expected):
    got = [outcome(roles[role], action, files[obj]) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


def test_every_action_of_the_part_is_in_the_table():
    assert {action.name for action in petitions.ACTIONS} == TABLED


@pytest.mark.parametrize(
    ("decision", "action"),
    [
        ("grant", "decide_petition"),
        ("request_information", "decide_initial_review"),
        ("merits_report", "adopt_petition_report"),
    ],
)
def test_a_decision_is_the_action_of_who_takes_it(files, decision, action):
    assert petitions.decision_action(files["submitted"], decision) == action


def test_a_refused_decision_over_the_api_answers_in_the_one_error_form(client, roles, files):
    client.force_login(roles["registry"])
    refused = client.post(
        f"/api/petitions/{files['granted'].pk}/decisions",
        {"decision": "lift", "document_text": "Se levantan las medidas."},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "You may not take this decision on this file."},
    )
    client.force_login(roles["agent_pe"])
    hidden_file = client.get(f"/api/petitions/{files['granted'].pk}")
    missing_file = client.get(f"/api/petitions/{files['granted'].pk + 1000}")
    assert hidden_file.status_code == missing_file.status_code == 404
    assert hidden_file.json() == missing_file.json() == {"detail": "No such file."}


def test_a_refusal_on_a_page_is_the_sites_error_page(client, roles, files):
    client.force_login(roles["public"])
    page = client.get("/petitions/triage/")
    assert page.status_code == 403
    html = page.content.decode()
    assert "<nav" in html
    assert "Only the Commission&#x27;s staff triage requests." in html

"""The policy of the consultation portal, role by role (the columns, described in conftest.py):
taking part needs a confirmed address and the phase that opens the activity; a hidden proposal
is seen by its author and the moderators only, and answers 404 like a missing one."""

import pytest
from django.utils import timezone

from followup.consult.actions import (
    ConsultationDraft,
    ProposalDraft,
    do_comment,
    do_create_consultation,
    do_create_proposal,
    do_moderate,
)
from followup.policy import consult
from tests.consult.conftest import move_to, phases_around

from .conftest import ROLES, by_role, hidden, main_of, no, ok, outcome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def _consultation(analyst, slug, phase, **extra):
    return do_create_consultation(
        analyst,
        ConsultationDraft(
            slug=slug,
            title={"en": f"Consultation {slug}"},
            phases=phases_around(timezone.localdate(), phase),
            **extra,
        ),
    )


@pytest.fixture
def objects(everyone, parties):
    """A consultation taking proposals, one taking supports (with a proposal, its comment, and a
    proposal hidden by a moderator, both by the public reader) and one open to a listed
    organization only."""
    analyst, author = everyone["analyst"], everyone["public"]
    proposals = _consultation(analyst, "schools", "proposals")
    support = _consultation(analyst, "water", "proposals")
    proposal = do_create_proposal(author, support, ProposalDraft("Rain tanks", "In every school."))
    shown = do_create_proposal(author, support, ProposalDraft("Wells", "In every village."))
    comment = do_comment(author, shown.pk, "Cheaper than wells.")
    do_moderate(analyst, action="hide", target=f"proposal:{proposal.pk}", reason="duplicate")
    move_to(support, "support")
    organizations = _consultation(analyst, "cso-only", "proposals", participation="organizations")
    organizations.organizations.add(parties["cso"])
    proposal.refresh_from_db()
    return {
        "proposals phase": proposals,
        "support phase": support,
        "organizations only": organizations,
        "proposal": shown,
        "hidden proposal": proposal,
        "comment": comment,
        None: None,
    }


EVERYONE = [ok] * 9
TAKING_PART = [no, no, ok, ok, ok, ok, ok, ok, ok]
SECRETARIAT_ONLY = [no, no, no, no, no, no, no, ok, ok]
# fmt: off
# columns: anonymous unverified public own_state other_state own_org other_org analyst admin
TABLE = [
    ("view_proposal", "proposal", EVERYONE),
    ("view_proposal", "hidden proposal", [hidden, hidden, ok, hidden, hidden, hidden, hidden, ok, ok]),
    ("view_proposal", None, [hidden] * 9),
    ("view_comment", "comment", EVERYONE),
    ("create_proposal", "proposals phase", TAKING_PART),
    ("create_proposal", "support phase", [no] * 9),
    ("create_proposal", "organizations only", [no, no, no, no, no, ok, no, no, no]),
    ("comment", "support phase", TAKING_PART),
    ("vote_comment", "comment", TAKING_PART),
    ("support_proposal", "proposal", TAKING_PART),
    ("support_proposal", "hidden proposal", [hidden, hidden, ok, hidden, hidden, hidden, hidden, ok, ok]),
    ("flag_content", "proposal", TAKING_PART),
    ("withdraw_proposal", "proposal", [no, no, ok, no, no, no, no, ok, ok]),
    ("run_consultation", None, SECRETARIAT_ONLY),
    ("review_proposal", "proposal", SECRETARIAT_ONLY),
    ("moderate", None, SECRETARIAT_ONLY),
    ("manage_project", "proposal", SECRETARIAT_ONLY),
]
# fmt: on
TABLED = {row[0] for row in TABLE}


@pytest.mark.parametrize(("action", "obj", "expected"), TABLE)
def test_each_action_for_each_role(everyone, objects, action, obj, expected):
    got = [outcome(everyone[role], action, objects[obj]) for role in ROLES]
    assert by_role(ROLES, got) == by_role(ROLES, expected)


def test_every_action_of_the_part_is_in_the_table():
    assert {action.name for action in consult.ACTIONS} == TABLED


def test_a_blocked_account_may_read_but_no_longer_take_part(everyone, objects):
    do_moderate(everyone["analyst"], action="block", target=f"user:{everyone['own_state'].pk}")
    haiti = everyone["own_state"]
    assert outcome(haiti, "view_proposal", objects["proposal"]) == ok
    assert outcome(haiti, "comment", objects["support phase"]) == no


def test_a_hidden_proposal_is_a_missing_one_on_the_page(client, everyone, objects):
    client.force_login(everyone["other_state"])
    hidden_page = client.get(f"/consult/proposals/{objects['hidden proposal'].pk}/")
    missing_page = client.get("/consult/proposals/99999999/")
    assert hidden_page.status_code == missing_page.status_code == 404
    assert main_of(hidden_page) == main_of(missing_page)
    client.force_login(everyone["public"])  # its author still reads it
    assert client.get(f"/consult/proposals/{objects['hidden proposal'].pk}/").status_code == 200


def test_an_unverified_account_reads_but_cannot_propose_on_the_api(client, everyone, objects):
    client.force_login(everyone["unverified"])
    slug = objects["proposals phase"].slug
    assert client.get(f"/consult/{slug}/").status_code == 200
    refused = client.post(
        f"/api/consult/consultations/{slug}/proposals",
        {"title": "Solar pumps", "body": "For every school."},
        content_type="application/json",
    )
    assert (refused.status_code, refused.json()) == (
        403,
        {"detail": "confirm your e-mail address first: follow the link we sent you"},
    )

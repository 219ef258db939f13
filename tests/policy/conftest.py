"""The roles every table of the policy's tests has as its columns, and how a cell is read.

    anonymous    not signed in
    unverified   a registered reader who has not yet confirmed their e-mail address
    public       a registered reader whose address is confirmed
    own_state    Haiti's focal point (the reports below are Haiti's unless marked cso)
    other_state  Mexico's focal point
    own_org      a member of the organization that files the "cso" reports
    other_org    a member of another organization
    analyst      a secretariat analyst
    admin        an administrator

A cell is ``ok`` (allowed), ``no`` (403, refused with a reason) or ``hidden`` (404, worded as for
an object that does not exist).
"""

import pytest

from followup.errors import Forbidden, NotFound
from followup.policy import ensure_permission
from followup.tracking.models import Party, Profile
from tests.tracking import conftest as tracking
from tests.tracking.conftest import make_user

# The tracking tests' parties, items, people and reports, shared by every table here.
parties, items, people, file_report = (
    tracking.parties,
    tracking.items,
    tracking.people,
    tracking.file_report,
)
uploads = tracking.uploads  # autouse: uploaded files go to a temporary folder

ROLES = [
    "anonymous",
    "unverified",
    "public",
    "own_state",
    "other_state",
    "own_org",
    "other_org",
    "analyst",
    "admin",
]
ok, no, hidden = "ok", 403, 404


@pytest.fixture(autouse=True)
def english():
    """Refusals are asserted in English whatever language a page left active."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def everyone(people, parties, django_user_model):
    from followup.corpus.models import Body

    body = Body.objects.create(name="Observatorio Ciudadano", acronym="OC", kind="civil_society")
    other_org = Party.objects.create(kind=Party.ORGANIZATION, name=body.name, body=body)
    unverified = make_user(django_user_model, "newcomer", Profile.PUBLIC)
    unverified.profile.email_verified = False
    unverified.profile.save(update_fields=["email_verified"])
    return {
        "anonymous": None,
        "unverified": unverified,
        "public": people["public"],
        "own_state": people["haiti"],
        "other_state": people["mexico"],
        "own_org": people["cso"],
        "other_org": make_user(
            django_user_model, "observer", Profile.ORGANIZATION_MEMBER, other_org
        ),
        "analyst": people["analyst"],
        "admin": django_user_model.objects.create_superuser(
            "root", "root@example.org", "pw-root-2024!"
        ),
    }


def outcome(user, action, obj=None):
    try:
        ensure_permission(user, action, obj)
    except NotFound:
        return hidden
    except Forbidden:
        return no
    return ok


def by_role(roles, values) -> dict:
    return dict(zip(roles, values, strict=True))


def main_of(page) -> str:
    """A page's own content, without the frame around it."""
    html = page.content.decode()
    return html[html.index("<main") : html.index("</main>")]

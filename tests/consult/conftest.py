from datetime import timedelta

import pytest
from django.utils import timezone

from followup.consult import core
from followup.consult.actions import (
    ConsultationDraft,
    ProposalDraft,
    do_create_consultation,
    do_create_proposal,
)
from followup.tracking.models import Profile
from tests.tracking.conftest import make_user


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def verify_email(user):
    user.profile.email_verified = True
    user.profile.save()


@pytest.fixture
def citizens(django_user_model, db):
    """An analyst, five citizens whose e-mail is verified, and one who has not verified it."""
    people = {"analyst": make_user(django_user_model, "analyst", Profile.ANALYST)}
    for n in range(1, 6):
        people[f"citizen{n}"] = make_user(django_user_model, f"citizen{n}", Profile.PUBLIC)
        verify_email(people[f"citizen{n}"])
    people["unverified"] = make_user(django_user_model, "unverified", Profile.PUBLIC)
    people["unverified"].profile.email_verified = False
    people["unverified"].profile.save(update_fields=["email_verified"])
    return people


def phases_around(today, current: str):
    """Phases laid out so that ``current`` is open today."""
    order = ["information", "proposals", "support", "review", "implementation"]
    at = order.index(current)
    start = today - timedelta(days=10 * at + 5)
    return [
        core.Phase(kind, start + timedelta(days=10 * i), start + timedelta(days=10 * i + 9))
        for i, kind in enumerate(order)
    ]


@pytest.fixture
def open_consultation(citizens):
    """A consultation whose phase can be moved: ``open_consultation(phase)``."""

    def make(phase="proposals", threshold=3, slug="water"):
        return do_create_consultation(
            citizens["analyst"],
            ConsultationDraft(
                slug=slug,
                title={"en": "Water for rural schools", "es": "Agua para escuelas rurales"},
                description={"en": "What should member states do first?"},
                phases=phases_around(timezone.localdate(), phase),
                support_threshold=threshold,
            ),
        )

    return make


def move_to(consultation, phase):
    from followup.consult.models import Phase

    Phase.objects.filter(consultation=consultation).delete()
    Phase.objects.bulk_create(
        Phase(consultation=consultation, kind=p.kind, starts_on=p.starts_on, ends_on=p.ends_on)
        for p in phases_around(timezone.localdate(), phase)
    )


@pytest.fixture
def proposal(citizens, open_consultation):
    consultation = open_consultation("proposals")
    made = do_create_proposal(
        citizens["citizen1"],
        consultation,
        ProposalDraft(
            "Cisternas de lluvia en cada escuela",
            "Instalar **cisternas** para recoger agua de lluvia en las escuelas rurales.",
        ),
    )
    return made


@pytest.fixture
def items(tmp_path, db):
    from followup.corpus.actions import do_ingest_file

    path = tmp_path / "mandates.txt"
    path.write_text(
        "WATER: Schools\n\n1. Guarantee safe drinking water in every rural school. "
        "(Plan of Action on Water, Santo Domingo, 2024).\n"
    )
    return {"mandate": do_ingest_file(path).document.items.get(kind="mandate")}

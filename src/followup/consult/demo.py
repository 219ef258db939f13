"""A demo consultation with proposals, debate and supports in several languages, and a call
whose selected proposal became a project, so every page of the portal shows something."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from followup.corpus.models import Item
from followup.tracking.demo import create_demo_user
from followup.tracking.models import Profile

from . import actions, core
from .models import Consultation, Expert, Proposal

CITIZENS = ["ana", "joao", "claire", "miguel", "sofia", "kemar"]
PROPOSALS = [
    # author, title, body, supporters (indices into CITIZENS)
    ("ana", "Cisternas de agua de lluvia en las escuelas rurales",
     "Cada escuela rural sin red de agua debería tener una **cisterna** y un plan de "
     "mantenimiento a cargo de la comunidad.\n\n- costo bajo\n- obra en una estación seca", [1, 2, 3, 4]),
    ("joao", "Hortas escolares com irrigação por gotejamento",
     "As escolas podem produzir parte da merenda com hortas irrigadas por gotejamento, "
     "usando pouca água e ensinando agricultura.", [0, 3]),
    ("claire", "Des filtres à eau dans chaque salle de classe",
     "Des filtres céramiques simples rendent l'eau potable; les élèves apprennent à les "
     "entretenir.", [0, 1, 5]),
    ("kemar", "Report school water quality online every month",
     "Publish the results of monthly water tests for every school as open data, so parents "
     "and inspectors can act.", [2]),
    ("miguel", "Brigadas juveniles para reparar tuberías escolares",
     "Formar brigadas de jóvenes que reparen fugas en las escuelas, con un pequeño estipendio.", []),
]  # fmt: skip
COMMENTS = [
    (0, "joao", "for", "Em minha região as cisternas funcionaram bem em postos de saúde."),
    (0, "kemar", "against", "Cisterns need cleaning: who pays for maintenance after year one?"),
    (0, "claire", "for", "Un comité de parents peut s'en charger, comme pour la cantine."),
    (2, "ana", "neutral", "¿Cuánto dura un filtro cerámico con uso diario?"),
]


@transaction.atomic
def do_seed_consult_demo(analyst, password: str) -> None:
    """Seed once: nothing happens if a consultation already exists."""
    if Consultation.objects.exists():
        return
    users = _citizens(password)
    today = timezone.localdate()
    water = actions.do_create_consultation(
        analyst,
        actions.ConsultationDraft(
            slug="water-for-rural-schools",
            title={"en": "Water for rural schools", "es": "Agua para las escuelas rurales",
                   "pt": "Água para as escolas rurais", "fr": "De l'eau pour les écoles rurales"},
            description={
                "en": "What should member states do first so that every rural school has safe water?",
                "es": "¿Qué deberían hacer primero los Estados miembros para que cada escuela rural tenga agua segura?",
                "pt": "O que os Estados membros devem fazer primeiro para que cada escola rural tenha água segura?",
                "fr": "Que doivent faire d'abord les États membres pour que chaque école rurale ait de l'eau potable ?",
            },
            phases=_phases(today, "proposals", "support"),
            support_threshold=5,
            themes=["education"],
        ),
    )  # fmt: skip
    Expert.objects.create(consultation=water, user=users["kemar"])
    proposals = [
        actions.do_create_proposal(users[author], water, actions.ProposalDraft(title, body))
        for author, title, body, _supporters in PROPOSALS
    ]
    for index, author, stance, body in COMMENTS:
        actions.do_comment(users[author], proposals[index].pk, body, stance)
    _open_support(water, today)
    for (_a, _t, _b, supporters), proposal in zip(PROPOSALS, proposals, strict=True):
        for supporter in supporters:
            actions.do_support(users[CITIZENS[supporter]], proposal.pk)
    _call_with_a_project(analyst, users, today)


def _citizens(password: str) -> dict:
    users = {}
    for name in CITIZENS:
        user = create_demo_user(name, password)
        Profile.objects.create(user=user, role=Profile.PUBLIC, email_verified=True)
        users[name] = user
    return users


def _phases(today, *kinds):
    """Consecutive phases of 30 days, the first of ``kinds`` open today."""
    start = today - timedelta(days=10)
    return [
        core.Phase(kind, start + timedelta(days=30 * i), start + timedelta(days=30 * i + 29))
        for i, kind in enumerate(kinds)
    ]


def _open_support(consultation, today) -> None:
    """Move the demo consultation on to its support phase (proposals were taken earlier)."""
    proposals, support = consultation.phases.order_by("starts_on")
    proposals.starts_on, proposals.ends_on = today - timedelta(days=40), today - timedelta(days=11)
    support.starts_on, support.ends_on = today - timedelta(days=10), today + timedelta(days=20)
    proposals.save(update_fields=["starts_on", "ends_on"])
    support.save(update_fields=["starts_on", "ends_on"])


def _call_with_a_project(analyst, users, today) -> None:
    call = actions.do_create_consultation(
        analyst,
        actions.ConsultationDraft(
            slug="digital-civil-registry-challenge",
            kind="challenge",
            title={"en": "Digital civil registry challenge",
                   "es": "Desafío de registro civil digital"},
            description={"en": "Solutions that bring birth registration to remote communities."},
            phases=_phases(today, "proposals", "selection"),
            uses_jury=True,
        ),
    )  # fmt: skip
    proposal = actions.do_create_proposal(
        users["sofia"],
        call,
        actions.ProposalDraft(
            "Registro de nacimientos desde la clínica rural",
            "Las clínicas rurales registran el nacimiento en una tableta sin conexión y lo "
            "sincronizan cuando hay señal.",
        ),
    )
    actions.do_review_proposal(analyst, proposal.pk, state=Proposal.ACCEPTED)
    mandates = list(Item.objects.filter(kind="mandate").values_list("pk", flat=True)[:1])
    project = actions.do_create_project(
        analyst,
        proposal.pk,
        actions.ProjectDraft(
            "Birth registration in rural clinics", budget=180000, currency="USD",
            funding_source="Regional development fund", implements=mandates,
        ),
    )  # fmt: skip
    actions.do_add_milestone(analyst, project.pk, "Pilot in two provinces", today + timedelta(90))
    pilot = actions.do_add_result(analyst, project.pk, "Pilot", weight=2)
    actions.do_add_result(
        analyst, project.pk, "Tablets delivered", parent_id=pilot.pk, progress=100
    )
    actions.do_add_result(analyst, project.pk, "Staff trained", parent_id=pilot.pk, progress=40)
    actions.do_add_result(analyst, project.pk, "National roll-out plan", weight=1, progress=10)

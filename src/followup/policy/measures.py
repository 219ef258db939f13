"""Measures, the daily panel and State questionnaires: everyone reads; secretariat analysts
write; a State's focal points record only their own State's measures and answer only the
questionnaires sent to it (one sent to other States is ``questionnaire: not found``)."""

from __future__ import annotations

from django.apps import apps
from django.utils.translation import gettext as _

from .base import FOCAL_POINT, Action, analysts, everyone, is_analyst, party_id_of, role_of


def own_country(user):
    """The State (a corpus Country) a focal point acts for, if any."""
    party_id = party_id_of(user)
    if role_of(user) != FOCAL_POINT or party_id is None:
        return None
    parties = apps.get_model("tracking", "Party").objects.select_related("country")
    party = parties.filter(pk=party_id, kind="state").first()
    return party.country if party else None


def visible_questionnaires(user, questionnaires):
    """All of them for analysts; those sent to their State for a focal point; none otherwise."""
    if is_analyst(user):
        return questionnaires
    mine = own_country(user)
    return questionnaires.filter(recipients__country=mine) if mine else questionnaires.none()


def _for_own_state(user, country) -> str | None:
    """Analysts record for any State; a focal point for their own (obj: the Country)."""
    if is_analyst(user):
        return None
    mine = own_country(user)
    if mine is not None and country is not None and mine.pk == country.pk:
        return None
    if mine is not None:
        return _("You may only report for your own State.")
    return _("Only secretariat analysts may do this.")


def _may_list_questionnaires(user, obj) -> str | None:
    if is_analyst(user) or own_country(user) is not None:
        return None
    return _("Only secretariat analysts and State focal points see questionnaires.")


def _sees_questionnaire(user, questionnaire) -> bool:
    return questionnaire is not None and (
        visible_questionnaires(
            user, type(questionnaire).objects.filter(pk=questionnaire.pk)
        ).exists()
    )


def _analysts_only() -> str:
    return _("Only secretariat analysts may do this.")


ACTIONS = (
    Action(
        "record_measure",
        "record, change or remove a State's measure or restriction (obj: the Country)",
        _for_own_state,
    ),
    Action("import_measures", "import a measures file", analysts(_analysts_only)),
    Action(
        "manage_questionnaires",
        "write and send questionnaires, read and export every answer",
        analysts(_analysts_only),
    ),
    Action("list_questionnaires", "see the questionnaires one may read", _may_list_questionnaires),
    Action(
        "view_questionnaire",
        "read a questionnaire (obj: the Questionnaire)",
        everyone,
        sees=_sees_questionnaire,
        missing=lambda: _("questionnaire: not found"),
    ),
    Action(
        "answer_questionnaire",
        "answer a questionnaire for a State (obj: the Country)",
        _for_own_state,
    ),
)

"""Who may do what with measures: named actions, one check. Public reads; secretariat analysts
write; a State's focal points write only their own State's measures and answers.

Roles and parties come from followup.policy; a refusal is its Forbidden (403), answered in one place.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from followup.corpus.models import Country
from followup.errors import Forbidden
from followup.policy import is_analyst, party_id_of, role_of
from followup.tracking.models import Party, Profile

VIEW = "measures.view"
RECORD_MEASURE = "measures.record_measure"
IMPORT_FILE = "measures.import_file"
MANAGE_QUESTIONNAIRES = "measures.manage_questionnaires"
ANSWER_QUESTIONNAIRE = "measures.answer_questionnaire"
ACTIONS = (VIEW, RECORD_MEASURE, IMPORT_FILE, MANAGE_QUESTIONNAIRES, ANSWER_QUESTIONNAIRE)


class MeasuresForbidden(Forbidden):
    """The user may not do this: a 403 with a message for a person (translated)."""


def own_country(user) -> Country | None:
    """The State a focal point acts for, if any."""
    party_id = party_id_of(user)
    if role_of(user) != Profile.FOCAL_POINT or party_id is None:
        return None
    party = Party.objects.select_related("country").filter(pk=party_id, kind=Party.STATE).first()
    return party.country if party else None


def may(user, action: str, *, country: Country | None = None) -> bool:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action}")
    if action == VIEW:
        return True
    if is_analyst(user):
        return True
    if action in (RECORD_MEASURE, ANSWER_QUESTIONNAIRE):
        mine = own_country(user)
        return mine is not None and country is not None and mine.pk == country.pk
    return False


def ensure_permission(user, action: str, *, country: Country | None = None) -> None:
    if may(user, action, country=country):
        return
    if action in (RECORD_MEASURE, ANSWER_QUESTIONNAIRE) and own_country(user) is not None:
        raise MeasuresForbidden(_("You may only report for your own State."))
    raise MeasuresForbidden(_("Only secretariat analysts may do this."))


def countries_for(user):
    """The countries whose measures a user may record."""
    if is_analyst(user):
        return Country.objects.all()
    mine = own_country(user)
    return Country.objects.filter(pk=mine.pk) if mine else Country.objects.none()

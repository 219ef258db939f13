"""Friendly settlements clause by clause, reported through the tracking workflow; monitoring,
batches and similar cases."""

from datetime import date

import pytest

from followup.errors import Forbidden, InvalidInput
from followup.petitions import actions, queries
from followup.petitions.core.settlements import agreement_compliance
from followup.petitions.core.similarity import rank_similar, rights_overlap
from followup.policy.petitions import petitions_visible_to
from followup.tracking.actions import do_create_report, do_ensure_parties, do_transition_report
from followup.tracking.models import Party, Profile

from .conftest import file_request

AGREEMENT = (
    "Acuerdo de solución amistosa.\n\n"
    "Primera. El Estado creará un protocolo nacional de búsqueda de personas desaparecidas.\n"
    "Segunda. El Estado otorgará becas de estudio a los hijos de la víctima."
)
STRUCTURAL = "El Estado creará un protocolo nacional de búsqueda de personas desaparecidas."
INDIVIDUAL = "El Estado otorgará becas de estudio a los hijos de la víctima."


def test_an_agreement_is_total_only_when_every_clause_is():
    assert agreement_compliance([("structural", "total"), ("individual", "total")]).level == "total"
    partial = agreement_compliance([("structural", "total"), ("individual", None)])
    assert (partial.level, partial.advanced, partial.by_kind["individual"]["pending"]) == (
        "partial",
        1,
        1,
    )
    assert (
        agreement_compliance([("structural", "pending"), ("individual", "non_compliance")]).level
        == "pending"
    )
    assert agreement_compliance([("structural", "non_compliance")]).level == "non_compliance"
    assert agreement_compliance([]).level == "pending"


@pytest.fixture
def agreement(people):
    do_ensure_parties()
    petition = file_request(people["ana"], token="fs", kind="petition")
    actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    actions.do_decide(people["lawyer"], petition.pk, "open_negotiation")
    actions.do_decide(people["lawyer"], petition.pk, "sign_agreement", document_text=AGREEMENT)
    return petition


def test_clauses_are_quoted_from_the_agreement_and_typed(people, agreement):
    clause = actions.do_add_clause(
        people["lawyer"], agreement.pk, text=STRUCTURAL, kind="structural"
    )
    assert (clause.number, clause.item.kind, clause.item.text) == (1, "recommendation", STRUCTURAL)
    with pytest.raises(InvalidInput, match="text: quote the clause as written in the agreement"):
        actions.do_add_clause(
            people["lawyer"], agreement.pk, text="Una cláusula inventada.", kind="individual"
        )
    with pytest.raises(InvalidInput, match="kind: structural or individual"):
        actions.do_add_clause(people["lawyer"], agreement.pk, text=INDIVIDUAL, kind="mixed")
    with pytest.raises(Forbidden):
        actions.do_add_clause(people["registry"], agreement.pk, text=INDIVIDUAL, kind="individual")


def _publish(user, analyst, party, item, level):
    report = do_create_report(
        user,
        party_id=party.pk,
        item_ids=[item.pk],
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        compliance=level,
        narrative="Informe sobre la cláusula.",
    )
    for step in ("submit", "validate", "publish"):
        do_transition_report(user if step == "submit" else analyst, report.pk, step)


def test_a_clause_report_changes_the_agreements_compliance_beside_each_sides_account(
    people, agreement
):
    from django.contrib.auth import get_user_model

    structural = actions.do_add_clause(
        people["lawyer"],
        agreement.pk,
        text=STRUCTURAL,
        kind="structural",
        women=0,
        men=0,
        children=0,
    )
    individual = actions.do_add_clause(
        people["lawyer"], agreement.pk, text=INDIVIDUAL, kind="individual", children=3
    )
    analyst = get_user_model().objects.create_user("analista", "a@example.org", "pw-for-tests-1")
    Profile.objects.create(user=analyst, role=Profile.ANALYST)
    focal = get_user_model().objects.create_user("enlace", "e@example.org", "pw-for-tests-1")
    state = Party.objects.get(country_id="CO")
    Profile.objects.create(user=focal, role=Profile.FOCAL_POINT, party=state)
    petitioners = Party.objects.get(name="Colectivo Tierra Viva")
    secretariat = Party.objects.get(kind=Party.SECRETARIAT)

    assert queries.settlement_compliance(agreement)["agreement"]["secretariat"].level == "pending"
    _publish(focal, analyst, state, structural.item, "total")
    _publish(focal, analyst, state, individual.item, "total")
    _publish(people["ana"], analyst, petitioners, individual.item, "partial")
    _publish(analyst, analyst, secretariat, structural.item, "total")
    compliance = queries.settlement_compliance(agreement)
    assert {side: c.level for side, c in compliance["agreement"].items()} == {
        "secretariat": "partial",
        "state": "total",
        "petitioner": "partial",
    }
    _publish(analyst, analyst, secretariat, individual.item, "total")
    assert queries.settlement_compliance(agreement)["agreement"]["secretariat"].level == "total"
    assert [row["levels"] for row in queries.settlement_compliance(agreement)["rows"]] == [
        {"secretariat": "total", "state": "total", "petitioner": None},
        {"secretariat": "total", "state": "total", "petitioner": "partial"},
    ]


def test_monitoring_is_recorded_on_measures_in_force_only(people):
    request = file_request(people["ana"])
    with pytest.raises(InvalidInput, match="monitoring concerns precautionary measures in force"):
        actions.do_record_monitoring(
            people["lawyer"], request.pk, kind="letter", on=date(2026, 3, 1)
        )
    actions.do_decide(
        people["lawyer"],
        request.pk,
        "grant",
        document_text="Resolución de otorgamiento de medidas cautelares.",
    )
    actions.do_record_monitoring(
        people["lawyer"], request.pk, kind="working_meeting", on=date(2026, 3, 1)
    )
    assert queries.monitoring_counts(2026) == {"working_meeting": 1}
    assert queries.portfolio()["total"] == 1


def test_similarity_blends_facts_and_rights():
    assert rights_overlap(["ACHR-4", "ACHR-5"], ["ACHR-5"]) == 0.5
    ranked = rank_similar(
        [1.0, 0.0],
        ["ACHR-4"],
        [(1, ["ACHR-4"]), (2, ["ACHR-8"]), (3, ["ACHR-4"])],
        [[0.9, 0.436], [0.9, 0.436], [0.0, 1.0]],
    )
    assert [(pk, score) for pk, score, _f, _r in ranked] == [(1, 0.93), (2, 0.63)]


def test_a_batch_joins_cases_the_analyst_sees(people):
    first = file_request(people["ana"], token="b1", kind="petition")
    second = file_request(people["ana"], token="b2", kind="petition")
    batch = actions.do_record_batch(
        people["lawyer"], name="Desalojos de Río Claro", petition_ids=[first.pk, second.pk]
    )
    assert sorted(batch.petitions.values_list("pk", flat=True)) == [first.pk, second.pk]
    with pytest.raises(InvalidInput, match="a batch joins at least two cases"):
        actions.do_record_batch(people["lawyer"], name="Uno", petition_ids=[first.pk])
    assert petitions_visible_to(people["agent_pe"]).count() == 0


def test_statistics_are_open_data_without_identities(client, people):
    request = file_request(people["ana"])
    actions.do_decide(
        people["lawyer"],
        request.pk,
        "grant",
        document_text="Resolución de otorgamiento de medidas cautelares.",
    )
    file_request(people["ana"], token="second", kind="petition")
    year = request.submitted_at.year
    stats = client.get(f"/api/petitions/statistics/precautionary/{year}").json()
    assert stats == {
        "in_force": 1,
        "in_force_by_state": {"CO": 1},
        "beneficiaries_by_group": {"collective": 1, "man": 1},
        "decided": 1,
        "share_under_90_days": 1.0,
        "share_same_month": 1.0,
        "median_days": 0.0,
        "monitoring": {},
    }
    backlog = client.get("/api/petitions/statistics/backlog").json()
    assert backlog == [
        {"kind": "petition", "year": year, "stage": "initial_review", "count": 1},
        {"kind": "precautionary", "year": year, "stage": "granted", "count": 1},
    ]
    assert "Mateo" not in str(stats) + str(backlog)

"""Decisions along the stages: history, transmission, deadlines, resolutions, recommendations,
the bulk extension of deadlines, queues with a fixed number of queries, and the year's figures."""

from datetime import timedelta

import pytest
from click.testing import CliRunner
from django.utils import timezone

from followup.corpus.models import Item
from followup.errors import Forbidden, InvalidInput
from followup.petitions import actions, queries
from followup.petitions.models import Deadline, StageChange

from .conftest import file_request

RESOLUTION = "Resolución 12/26. Se otorgan medidas cautelares para proteger la vida e integridad del beneficiario."


def test_opening_for_processing_transmits_to_the_state_and_opens_its_deadline(people, settings):
    petition = file_request(people["ana"], token="t", kind="petition")
    change = actions.do_decide(
        people["registry"], petition.pk, "open_for_processing", comment="Cumple requisitos"
    )
    petition.refresh_from_db()
    assert (petition.stage, petition.transmitted_at is not None) == ("processing", True)
    deadline = Deadline.objects.get()
    expected = change.at.date() + timedelta(
        days=settings.FOLLOWUP_PETITIONS_DEADLINE_DAYS["state_response"]
    )
    assert (deadline.key, deadline.party, deadline.due_on) == ("state_response", "state", expected)
    assert [(c.decision, c.from_stage, c.to_stage) for c in StageChange.objects.order_by("id")] == [
        ("submit", "", "initial_review"),
        ("open_for_processing", "initial_review", "processing"),
    ]


def test_a_decision_out_of_order_is_refused_and_changes_nothing(people):
    petition = file_request(people["ana"], token="t", kind="petition")
    with pytest.raises(
        InvalidInput, match="begin_admissibility cannot be taken in the stage initial_review"
    ):
        actions.do_decide(people["lawyer"], petition.pk, "begin_admissibility")
    petition.refresh_from_db()
    assert petition.stage == "initial_review"
    assert StageChange.objects.count() == 1


def test_granting_stores_the_reasoned_resolution_as_a_corpus_document(people):
    request = file_request(people["ana"])
    with pytest.raises(InvalidInput, match="document_text: this decision needs its reasoned text"):
        actions.do_decide(people["lawyer"], request.pk, "grant")
    change = actions.do_decide(people["lawyer"], request.pk, "grant", document_text=RESOLUTION)
    assert change.document.text.endswith(RESOLUTION)
    assert change.document.title == f"{request.reference} grant"
    request.refresh_from_db()
    assert (request.stage, request.first_decided_at) == ("granted", change.at)


def test_a_merits_report_turns_its_recommendations_into_tracked_items(people):
    petition = file_request(people["ana"], token="m", kind="petition")
    for user, decision in (("registry", "open_for_processing"), ("lawyer", "begin_admissibility")):
        actions.do_decide(people[user], petition.pk, decision)
    actions.do_decide(
        people["commissioner"],
        petition.pk,
        "admissible",
        document_text="Informe de admisibilidad sobre los hechos.",
    )
    recommendations = [
        "Reparar integralmente a las víctimas.",
        "Investigar los hechos con debida diligencia.",
    ]
    report = "Informe de fondo.\n\n1. " + recommendations[0] + "\n2. " + recommendations[1]
    change = actions.do_decide(
        people["commissioner"],
        petition.pk,
        "merits_report",
        document_text=report,
        recommendations=recommendations,
    )
    items = Item.objects.filter(document=change.document).order_by("start")
    assert [(i.kind, i.text, change.document.text[i.start : i.end]) for i in items] == [
        ("recommendation", r, r) for r in recommendations
    ]
    assert [list(i.countries.values_list("code", flat=True)) for i in items] == [["CO"], ["CO"]]


def test_a_closed_settlement_negotiation_returns_to_the_stage_it_left(people):
    petition = file_request(people["ana"], token="s", kind="petition")
    actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    actions.do_decide(people["lawyer"], petition.pk, "open_negotiation")
    actions.do_decide(
        people["lawyer"],
        petition.pk,
        "sign_agreement",
        document_text="Acuerdo de solución amistosa firmado.",
    )
    actions.do_decide(
        people["lawyer"],
        petition.pk,
        "close_negotiation",
        comment="A solicitud de los peticionarios",
    )
    petition.refresh_from_db()
    assert petition.stage == "processing"


def test_one_action_extends_every_open_deadline_with_its_reason(people):
    first = file_request(people["ana"], token="a", kind="petition")
    second = file_request(people["ana"], token="b", kind="petition")
    for petition in (first, second):
        actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    actions.do_send_communication(people["agent_co"], second.pk, text="Respuesta del Estado.")
    before = dict(Deadline.objects.values_list("petition_id", "due_on"))
    with pytest.raises(Forbidden):
        actions.do_extend_deadlines(people["lawyer"], days=30, reason="Emergencia sanitaria")
    extension = actions.do_extend_deadlines(
        people["registry"], days=30, reason="Emergencia sanitaria"
    )
    after = dict(Deadline.objects.values_list("petition_id", "due_on"))
    assert extension.deadlines_extended == 1
    assert after == {first.pk: before[first.pk] + timedelta(days=30), second.pk: before[second.pk]}


def test_overdue_responses_are_listed(people):
    petition = file_request(people["ana"], token="o", kind="petition")
    actions.do_decide(people["registry"], petition.pk, "open_for_processing")
    later = timezone.now().date() + timedelta(days=91)
    assert [d.petition_id for d in queries.overdue_deadlines(later)] == [petition.pk]
    assert list(queries.overdue_deadlines()) == []


def test_the_triage_queue_puts_the_urgent_request_first(people):
    calm = file_request(
        people["ana"],
        token="c",
        title="Pensión",
        facts="Solicitud sobre un trámite de pensión pendiente desde hace meses.",
    )
    urgent = file_request(people["ana"], token="u")
    actions.do_triage(people["lawyer"], calm.pk, {"threat_to_life": 1})
    from followup.policy.petitions import petitions_visible_to

    rows = queries.triage_queue(petitions_visible_to(people["lawyer"]))
    assert [r["petition"].pk for r in rows] == [urgent.pk, calm.pk]


@pytest.mark.parametrize("url", ["/petitions/review/", "/petitions/triage/", "/petitions/backlog/"])
def test_queue_pages_take_the_same_number_of_queries_whatever_their_length(client, people, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["registry"])
    counts = []
    for batch in range(2):
        for n in range(3 + batch * 7):
            file_request(
                people["ana"], token=f"{batch}-{n}", kind="petition" if n % 2 else "precautionary"
            )
        with CaptureQueriesContext(connection) as queries_run:
            assert client.get(url).status_code == 200
        counts.append(len(queries_run))
    assert counts[0] == counts[1]


def test_the_figures_of_a_year_on_the_page_and_the_command(client, people):
    decisions = ["open_for_processing", "not_open", "not_open", "request_information"]
    for n, decision in enumerate(decisions):
        petition = file_request(people["ana"], token=f"f{n}", kind="petition")
        actions.do_decide(people["registry"], petition.pk, decision)
    year = timezone.now().year
    sentence = (
        f"4 petitions evaluated in {year} — 0 received in {year - 2}, 0 in {year - 1} and 4 in {year} — "
        "25% opened for processing, 50% not opened, 25% asked for more information."
    )
    assert sentence in client.get(f"/petitions/figures/?year={year}").content.decode()
    spanish = client.get(
        f"/petitions/figures/?year={year}", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert f"4 peticiones evaluadas en {year}" in spanish
    from followup.cli import main

    result = CliRunner().invoke(
        main, ["petitions", "figures", "--year", str(year)], catch_exceptions=False
    )
    assert result.output.strip() == sentence
    french = CliRunner().invoke(
        main, ["petitions", "figures", "--year", str(year), "--language", "fr"]
    )
    assert french.output.startswith(f"4 pétitions évaluées en {year}")
    assert client.get(f"/api/petitions/figures/{year}").json()["not_processed_count"] == 2

"""State questionnaires: the secretariat asks, each focal point answers for their own State,
measure answers enter the log with the answer as their source, and responses are tracked."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from followup.errors import Forbidden
from followup.measures.actions import InvalidMeasure
from followup.measures.models import Answer, DailyValue, Measure
from followup.measures.questionnaires import (
    do_answer,
    do_create_questionnaire,
    do_send_questionnaire,
    responses,
)

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"text": "Did schools close nationwide?", "kind": "measure", "indicator": "C1"},
    {"text": "How many people were repatriated?", "kind": "number"},
    {
        "text": "Is there a protocol for migrants in transit?",
        "kind": "choice",
        "choices": ["yes", "no"],
    },
    {"text": "When did the emergency decree enter into force?", "kind": "date"},
    {"text": "Other measures for vulnerable groups", "kind": "text"},
]


@pytest.fixture
def consultation(people):
    people["mexico"].email = "focal@sre.example.mx"
    people["mexico"].save()
    questionnaire = do_create_questionnaire(
        people["analyst"], title="Regional consultation on measures", questions=QUESTIONS
    )
    mexico = people["mexico"].profile.party.country
    haiti = people["haiti"].profile.party.country
    do_send_questionnaire(
        people["analyst"],
        questionnaire,
        countries=[mexico, haiti],
        due_on=date.today() - timedelta(days=1),
    )
    return questionnaire, mexico, haiti


def test_only_analysts_build_and_send(people):
    with pytest.raises(Forbidden):
        do_create_questionnaire(people["mexico"], title="x", questions=[])
    with pytest.raises(InvalidMeasure, match=r"questions\[1\]\.indicator"):
        do_create_questionnaire(
            people["analyst"], title="x", questions=[{"kind": "measure", "indicator": "Z9"}]
        )


def test_sending_tells_the_focal_points(consultation):
    assert sorted(message.to for message in mail.outbox) == [
        ["focal@sre.example.mx"],
        ["haiti@example.org"],
    ]
    assert all("Regional consultation on measures" in message.subject for message in mail.outbox)


def test_a_measure_answer_becomes_a_measure_with_the_answer_as_source(people, consultation):
    questionnaire, mexico, _ = consultation
    question = questionnaire.questions.get(order=1)
    answer = do_answer(
        people["mexico"],
        question,
        country=mexico,
        value={
            "value": 3,
            "flag": 1,
            "start_date": "2020-03-23",
            "end_date": "2020-06-30",
            "notes": "Acuerdo 02/03/20",
        },
    )
    measure = Measure.objects.get(answer=answer)
    assert (
        measure.jurisdiction.code,
        measure.indicator,
        measure.value,
        measure.flag,
        measure.source_kind,
    ) == ("MEX", "C1", 3.0, 1, "answer")
    assert (
        DailyValue.objects.get(jurisdiction__code="MEX", indicator="C1", day=date(2020, 4, 1)).value
        == 3
    )
    # Answering again replaces the measure; it is not logged twice.
    do_answer(
        people["mexico"],
        question,
        country=mexico,
        value={"value": 2, "flag": 1, "start_date": "2020-03-23"},
    )
    assert list(
        Measure.objects.filter(answer__question=question).values_list("value", flat=True)
    ) == [2.0]


def test_focal_points_answer_only_for_their_own_state(people, consultation):
    questionnaire, mexico, haiti = consultation
    question = questionnaire.questions.get(order=2)
    with pytest.raises(Forbidden):
        do_answer(people["mexico"], question, country=haiti, value=10)
    with pytest.raises(Forbidden):
        do_answer(people["public"], question, country=mexico, value=10)
    assert Answer.objects.count() == 0


@pytest.mark.parametrize(
    ("order", "value", "field"),
    [
        (1, {"value": 9, "start_date": "2020-03-23"}, "value"),
        (2, "many", "value"),
        (3, "maybe", "value"),
        (4, "2020-02-30", "value"),
    ],
)
def test_answers_are_checked_by_kind(people, consultation, order, value, field):
    questionnaire, mexico, _ = consultation
    with pytest.raises(InvalidMeasure) as error:
        do_answer(
            people["mexico"], questionnaire.questions.get(order=order), country=mexico, value=value
        )
    assert error.value.field == field
    assert Answer.objects.count() == 0


def test_response_tracking_shows_who_answered_and_who_is_late(people, consultation, client):
    questionnaire, mexico, _ = consultation
    for question, value in zip(
        questionnaire.questions.all(),
        [{"value": 1, "start_date": "2020-03-16"}, 1200, "yes", "2020-03-17", "Shelters"],
        strict=True,
    ):
        do_answer(people["mexico"], question, country=mexico, value=value)
    assert {
        (r.country.iso3, r.answered, r.questions, r.complete, r.late)
        for r in responses(questionnaire)
    } == {
        ("MEX", 5, 5, True, False),
        ("HTI", 0, 5, False, True),
    }
    client.force_login(people["analyst"])
    page = client.get(
        reverse("measures:questionnaire_detail", args=[questionnaire.pk])
    ).content.decode()
    assert "late" in page
    text = client.get(
        reverse("measures:questionnaire_export", args=[questionnaire.pk, "csv"])
    ).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["country"], r["kind"]) for r in rows] == [
        ("MX", "measure"),
        ("MX", "number"),
        ("MX", "choice"),
        ("MX", "date"),
        ("MX", "text"),
    ]


def test_pages_per_role(people, consultation, client):
    questionnaire, mexico, _ = consultation
    url = reverse("measures:questionnaire_detail", args=[questionnaire.pk])
    missing = reverse("measures:questionnaire_detail", args=[questionnaire.pk + 1000])
    # Not sent to them: answered as a questionnaire that does not exist.
    assert client.get(url).status_code == client.get(missing).status_code == 404
    client.force_login(people["public"])
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("measures:questionnaire_export", args=[questionnaire.pk, "csv"])
        ).status_code
        == 403
    )
    client.force_login(people["mexico"])
    assert client.get(url).status_code == 200
    question = questionnaire.questions.get(order=2)
    client.post(url, {f"q{question.pk}": "350"})
    assert Answer.objects.get(question=question, country=mexico).value == {"number": 350.0}
    assert (
        client.get(
            reverse("measures:questionnaire_export", args=[questionnaire.pk, "csv"])
        ).status_code
        == 403
    )


def test_answers_over_the_api_per_role(people, consultation, client):
    questionnaire, _, _ = consultation
    question = questionnaire.questions.get(order=2)
    body = {"question_id": question.pk, "country": "MEX", "value": 42}
    assert (
        client.post("/api/measures/answers", body, content_type="application/json").status_code
        == 401
    )
    client.force_login(people["haiti"])
    assert (
        client.post("/api/measures/answers", body, content_type="application/json").status_code
        == 403
    )
    assert [q["title"] for q in client.get("/api/measures/questionnaires").json()] == [
        "Regional consultation on measures"
    ]
    client.force_login(people["public"])
    assert client.get("/api/measures/questionnaires").json() == []
    client.force_login(people["mexico"])
    response = client.post("/api/measures/answers", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["value"] == {"number": 42.0}

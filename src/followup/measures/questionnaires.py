"""State questionnaires: the secretariat asks, each State's focal points answer for their State;
an answer about a measure becomes a measure in the log with the answer as its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from followup.corpus.models import Country
from followup.policy import ensure_permission

from .actions import InvalidMeasure, _check_measure, do_rebuild_panel, national_jurisdiction
from .codebook import CodebookError, latest
from .models import Answer, Measure, Question, Questionnaire, QuestionnaireRecipient


def do_create_questionnaire(
    user, *, title: str, introduction: str = "", questions: list[dict]
) -> Questionnaire:
    ensure_permission(user, "manage_questionnaires")
    if not title.strip():
        raise InvalidMeasure("title", "a questionnaire needs a title")
    kinds = {kind for kind, _ in Question.KINDS}
    for number, question in enumerate(questions, start=1):
        if question.get("kind") not in kinds:
            raise InvalidMeasure(f"questions[{number}].kind", f"one of {', '.join(sorted(kinds))}")
        if question["kind"] == "choice" and not question.get("choices"):
            raise InvalidMeasure(
                f"questions[{number}].choices", "a choice question lists its choices"
            )
        if question["kind"] == "measure":
            try:
                latest(question.get("codebook") or "oxcgrt").indicator(
                    question.get("indicator", "")
                )
            except CodebookError as err:
                raise InvalidMeasure(f"questions[{number}].indicator", str(err)) from err
    with transaction.atomic():
        questionnaire = Questionnaire.objects.create(title=title.strip(), introduction=introduction)
        Question.objects.bulk_create(
            Question(
                questionnaire=questionnaire,
                order=number,
                text=q.get("text", ""),
                kind=q["kind"],
                choices=q.get("choices") or [],
                codebook=(q.get("codebook") or "oxcgrt") if q["kind"] == "measure" else "",
                indicator=q.get("indicator", "") if q["kind"] == "measure" else "",
            )
            for number, q in enumerate(questions, start=1)
        )
    return questionnaire


def do_send_questionnaire(
    user, questionnaire: Questionnaire, *, countries: list[Country], due_on: date
) -> int:
    """Send to the chosen States, with a due date; their focal points are told by e-mail."""
    from followup.tracking.models import Profile

    ensure_permission(user, "manage_questionnaires")
    with transaction.atomic():
        created = 0
        for country in countries:
            _, new = QuestionnaireRecipient.objects.update_or_create(
                questionnaire=questionnaire, country=country, defaults={"due_on": due_on}
            )
            created += new
        if questionnaire.due_date is None or questionnaire.due_date < due_on:
            questionnaire.due_date = due_on
            questionnaire.save(update_fields=["due_date"])
    emails = list(
        Profile.objects.filter(
            role=Profile.FOCAL_POINT, party__country__in=countries, user__is_active=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    subject = f"Questionnaire: {questionnaire.title}"
    body = f'Your State is asked to answer "{questionnaire.title}" by {due_on.isoformat()}.'
    # One message each: focal points of different States do not see each other's addresses.
    send_mass_mail([(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails])
    return created


def _clean_value(question: Question, value) -> dict:
    if question.kind == "choice":
        if value not in question.choices:
            raise InvalidMeasure("value", f"one of {', '.join(map(str, question.choices))}")
        return {"choice": value}
    if question.kind == "number":
        try:
            return {"number": float(value)}
        except (TypeError, ValueError):
            raise InvalidMeasure("value", "a number") from None
    if question.kind == "date":
        try:
            return {"date": date.fromisoformat(str(value)).isoformat()}
        except ValueError:
            raise InvalidMeasure("value", "a date, YYYY-MM-DD") from None
    if question.kind == "text":
        return {"text": str(value or "").strip()}
    if not isinstance(value, dict):
        raise InvalidMeasure("value", "a measure: value, flag, start_date, end_date, notes")
    return {
        "value": value.get("value"),
        "flag": value.get("flag"),
        "start_date": str(value.get("start_date") or ""),
        "end_date": str(value.get("end_date") or ""),
        "notes": str(value.get("notes") or ""),
        "population_targeted": str(value.get("population_targeted") or ""),
    }


def do_answer(user, question: Question, *, country: Country, value) -> Answer:
    """Record (or replace) a State's answer; a measure answer becomes a measure in the log."""
    ensure_permission(user, "answer_questionnaire", country)
    if not QuestionnaireRecipient.objects.filter(
        questionnaire=question.questionnaire, country=country
    ).exists():
        raise InvalidMeasure("country", "the questionnaire was not sent to this State")
    cleaned = _clean_value(question, value)
    measure_values = None
    if question.kind == "measure":
        book = latest(question.codebook or "oxcgrt")
        try:
            start = date.fromisoformat(cleaned["start_date"])
            end = date.fromisoformat(cleaned["end_date"]) if cleaned["end_date"] else None
        except ValueError:
            raise InvalidMeasure("start_date", "a date, YYYY-MM-DD") from None
        measure_values = {
            "codebook": book.name,
            "codebook_version": book.version,
            "indicator": question.indicator,
            "value": None if cleaned["value"] in (None, "") else float(cleaned["value"]),
            "flag": None if cleaned["flag"] in (None, "") else int(cleaned["flag"]),
            "start_date": start,
            "end_date": end,
            "notes": cleaned["notes"],
            "population_targeted": cleaned["population_targeted"],
            "source_kind": "answer",
            "answer": "pending",
        }
        _check_measure(measure_values)
    with transaction.atomic():
        answer, _ = Answer.objects.update_or_create(
            question=question, country=country, defaults={"value": cleaned, "answered_by": user}
        )
        if measure_values is not None:
            jurisdiction = national_jurisdiction(country)
            Measure.objects.filter(answer=answer).delete()
            measure_values["answer"] = answer
            Measure.objects.create(jurisdiction=jurisdiction, recorded_by=user, **measure_values)
            do_rebuild_panel([jurisdiction.pk])
    return answer


@dataclass(frozen=True)
class Response:
    country: Country
    due_on: date
    answered: int
    questions: int

    @property
    def complete(self) -> bool:
        return self.answered >= self.questions

    @property
    def late(self) -> bool:
        return not self.complete and self.due_on < timezone.localdate()


def responses(questionnaire: Questionnaire) -> list[Response]:
    """Who answered how many questions, and who is late."""
    total = questionnaire.questions.count()
    counts: dict[str, int] = {}
    for country_id in Answer.objects.filter(question__questionnaire=questionnaire).values_list(
        "country_id", flat=True
    ):
        counts[country_id] = counts.get(country_id, 0) + 1
    return [
        Response(r.country, r.due_on, counts.get(r.country_id, 0), total)
        for r in questionnaire.recipients.select_related("country")
    ]

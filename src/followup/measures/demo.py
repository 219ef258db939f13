"""Demo measures: an illustrative log for three States, their cases, a restriction, a point of
entry and a questionnaire, so every measures page has something to show. The figures are
invented for the demo; they describe no real State."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from followup.corpus.models import Country

from .actions import do_record_measures, national_jurisdiction
from .mobility import do_record_point_status, do_record_restriction
from .models import Measure, PointOfEntry, Questionnaire, SituationRecord
from .questionnaires import do_create_questionnaire, do_send_questionnaire

SOURCE = "https://www.oas.org/en/"
# (country, indicator, value, flag, first day, last day) — a spring of closures, then easing.
LOG = [
    (iso3, code, value, flag, start, end)
    for iso3, shift in (("MEX", 0), ("HTI", 5), ("PER", -3))
    for code, value, flag, start, end in (
        ("C1", 3, 1, 20, 120),
        ("C1", 1, 1, 121, 180),
        ("C2", 2, 1, 25, 100),
        ("C3", 2, 1, 18, 150),
        ("C4", 4, 1, 22, 110),
        ("C4", 2, 0, 111, 180),
        ("C5", 1, 0, 30, 90),
        ("C6", 2, 1, 26, 75),
        ("C6", 1, 0, 76, 140),
        ("C7", 1, 1, 28, 120),
        ("C8", 3, None, 15, 180),
        ("E1", 1, 0, 40, 180),
        ("E2", 1, None, 45, 150),
        ("H1", 2, 1, 10, 180),
        ("H2", 1, None, 12, 60),
        ("H2", 2, None, 61, 180),
        ("H3", 1, None, 20, 180),
        ("H6", 2, 1, 60, 180),
        ("H7", 0, None, 0, 180),
        ("H8", 1, 1, 35, 180),
    )
    for start, end in [(start + shift, end + shift)]
]
DAY0 = date(2020, 2, 1)


@transaction.atomic
def do_seed_measures_demo() -> int:
    """Seed once; returns the number of measures in the demo log."""
    if Measure.objects.filter(source_url=SOURCE).exists():
        return Measure.objects.filter(source_url=SOURCE).count()
    analyst = get_user_model().objects.filter(is_superuser=True).first()
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["MEX", "HTI", "PER", "USA"])}
    do_record_measures(
        analyst,
        [
            (
                national_jurisdiction(countries[iso3]),
                {
                    "indicator": code,
                    "value": value,
                    "flag": flag,
                    "start_date": DAY0 + timedelta(days=max(start, 0)),
                    "end_date": DAY0 + timedelta(days=end),
                    "source_kind": "url",
                    "source_url": SOURCE,
                },
            )
            for iso3, code, value, flag, start, end in LOG
        ],
    )
    for iso3, growth in (("MEX", 0.11), ("HTI", 0.08), ("PER", 0.12)):
        place = national_jurisdiction(countries[iso3])
        cases, deaths = 5.0, 0.0
        for offset in range(30, 181):
            rate = growth if offset < 75 else growth / 3
            cases *= 1 + rate
            deaths = cases * 0.03
            SituationRecord.objects.update_or_create(
                jurisdiction=place,
                day=DAY0 + timedelta(days=offset),
                defaults={
                    "confirmed_cases": round(cases),
                    "confirmed_deaths": round(deaths),
                    "source": "demo",
                },
            )
    do_record_restriction(
        analyst,
        imposing=countries["PER"],
        affected=countries["MEX"],
        kind="total_entry_restriction",
        start_date=date(2020, 3, 16),
        end_date=date(2020, 7, 15),
        source_url=SOURCE,
    )
    airport, _ = PointOfEntry.objects.get_or_create(
        country=countries["MEX"],
        name="Aeropuerto Internacional de la Ciudad de México",
        defaults={"kind": "airport", "latitude": 19.436, "longitude": -99.072},
    )
    do_record_point_status(
        analyst, airport, since=date(2020, 3, 20), status="partially_operational"
    )
    do_record_point_status(analyst, airport, since=date(2020, 7, 1), status="fully_operational")
    if not Questionnaire.objects.exists():
        questionnaire = do_create_questionnaire(
            analyst,
            title="Regional consultation: measures taken during the emergency",
            questions=[
                {"text": "School closures", "kind": "measure", "indicator": "C1"},
                {
                    "text": "Protocols for migrants in transit",
                    "kind": "choice",
                    "choices": ["yes", "no"],
                },
                {"text": "Other measures for groups in vulnerable situations", "kind": "text"},
            ],
        )
        do_send_questionnaire(
            analyst,
            questionnaire,
            countries=[countries["MEX"], countries["HTI"]],
            due_on=timezone.localdate() + timedelta(days=30),
        )
    return Measure.objects.filter(source_url=SOURCE).count()

"""Mobility restrictions, points of entry and stranded migrants: writes (``do_*``) and the
picture on one date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q

from followup.corpus.models import Country
from followup.policy import ensure_permission

from .actions import InvalidMeasure
from .models import PointOfEntry, PointOfEntryStatus, StrandedMigrants, TravelRestriction


def do_record_restriction(
    user, *, imposing: Country, affected: Country | None, kind: str, start_date: date, **values
) -> TravelRestriction:
    """Restrictions are the imposing State's measures: its focal points or analysts record them."""
    ensure_permission(user, "record_measure", imposing)
    if kind not in dict(TravelRestriction.KINDS):
        raise InvalidMeasure("kind", ", ".join(dict(TravelRestriction.KINDS)))
    unknown = set(values.get("conditions") or []) - set(dict(TravelRestriction.CONDITIONS_LIST))
    if unknown:
        raise InvalidMeasure("conditions", f"unknown condition {sorted(unknown)[0]}")
    end = values.get("end_date")
    if end and end < start_date:
        raise InvalidMeasure("end_date", "the end date is before the start date")
    return TravelRestriction.objects.create(
        imposing=imposing, affected=affected, kind=kind, start_date=start_date, **values
    )


def do_record_point_status(
    user, point: PointOfEntry, *, since: date, status: str, **values
) -> PointOfEntryStatus:
    ensure_permission(user, "record_measure", point.country)
    if status not in dict(PointOfEntryStatus.STATUSES):
        raise InvalidMeasure("status", ", ".join(dict(PointOfEntryStatus.STATUSES)))
    with transaction.atomic():
        record, _ = PointOfEntryStatus.objects.update_or_create(
            point=point, since=since, defaults={"status": status, **values}
        )
    return record


def in_force(on: date) -> Q:
    return Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))


@dataclass
class MobilityPicture:
    on: date
    restricting_its_people: list[TravelRestriction]
    it_restricts: list[TravelRestriction]
    points: list[tuple[PointOfEntry, PointOfEntryStatus | None]]
    stranded: StrandedMigrants | None


def picture(country: Country, on: date) -> MobilityPicture:
    """Who restricts entry of the country's people on a date, whom it restricts, the status of
    its points of entry and the latest count of stranded migrants."""
    restrictions = TravelRestriction.objects.filter(in_force(on)).select_related(
        "imposing", "affected"
    )
    points = list(PointOfEntry.objects.filter(country=country))
    statuses: dict[int, PointOfEntryStatus] = {}
    for status in PointOfEntryStatus.objects.filter(point__in=points, since__lte=on).order_by(
        "since"
    ):
        statuses[status.point_id] = status
    return MobilityPicture(
        on,
        list(
            restrictions.filter(Q(affected=country) | Q(affected__isnull=True)).exclude(
                imposing=country
            )
        ),
        list(restrictions.filter(imposing=country)),
        [(point, statuses.get(point.pk)) for point in points],
        StrandedMigrants.objects.filter(country=country, day__lte=on).order_by("-day").first(),
    )


def date_range(country: Country) -> tuple[date, date] | None:
    days = [
        d
        for d in (
            *TravelRestriction.objects.filter(
                Q(imposing=country) | Q(affected=country)
            ).values_list("start_date", flat=True),
            *PointOfEntryStatus.objects.filter(point__country=country).values_list(
                "since", flat=True
            ),
        )
    ]
    return (min(days), max(days)) if days else None

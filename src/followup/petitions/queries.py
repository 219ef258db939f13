"""Reads for the queues, backlog and figures: a fixed number of queries, whatever the size."""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone

from .core.figures import age_in_days, decision_times, review_figures
from .core.stages import machine
from .core.triage import priority
from .models import Deadline, Petition, StageChange

INITIAL_DECISIONS = ("open_for_processing", "not_open", "request_information")


def review_queue(petitions, today: date | None = None, limit: int = 200) -> list[dict]:
    """Petitions awaiting initial review, oldest first, with their age and whether they are past
    the review target."""
    today = today or timezone.now().date()
    target = settings.FOLLOWUP_PETITIONS_REVIEW_TARGET_DAYS
    rows = (
        petitions.filter(kind=Petition.PETITION, stage="initial_review")
        .select_related("state")
        .order_by("submitted_at", "id")[:limit]
    )
    return [
        {
            "petition": p,
            "age": (age := age_in_days(p.submitted_at.date(), today)),
            "late": age > target,
            "target": target,
        }
        for p in rows
    ]


def triage_queue(petitions, today: date | None = None, limit: int = 200) -> list[dict]:
    """Requests under evaluation, urgent ones first, then by score and days waiting. The order
    is computed in Python over a bounded window of the oldest and the highest-scored requests,
    so the database work does not grow with the whole backlog."""
    today = today or timezone.now().date()
    waiting = petitions.filter(kind=Petition.PRECAUTIONARY, stage="evaluation").select_related(
        "state"
    )
    window = {
        p.pk: p
        for query in (
            waiting.filter(urgent=True).order_by("submitted_at")[:limit],
            waiting.order_by("-combined_score", "submitted_at")[:limit],
            waiting.order_by("submitted_at")[:limit],
        )
        for p in query
    }
    rows = []
    for p in window.values():
        days = age_in_days(p.submitted_at.date(), today)
        rows.append(
            {
                "petition": p,
                "days": days,
                "priority": priority(p.combined_score, days, urgent=p.urgent),
            }
        )
    rows.sort(key=lambda r: (-r["priority"], r["petition"].submitted_at))
    return rows[:limit]


def backlog(petitions) -> list[dict]:
    """Open files by year of receipt and stage, in one grouped query."""
    open_stages = {
        kind: machine(kind).open_stages() for kind in (Petition.PETITION, Petition.PRECAUTIONARY)
    }
    rows = (
        petitions.filter(submitted_at__isnull=False)
        .filter(
            Q(kind=Petition.PETITION, stage__in=open_stages[Petition.PETITION])
            | Q(kind=Petition.PRECAUTIONARY, stage__in=open_stages[Petition.PRECAUTIONARY])
        )
        .annotate(year=ExtractYear("submitted_at"))
        .values("kind", "year", "stage")
        .annotate(count=Count("id"))
        .order_by("kind", "year", "stage")
    )
    return list(rows)


def _year_bounds(year: int):
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), tz),
        timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), tz),
    )


def year_review_figures(year: int):
    """The initial review of a year: every initial-review decision taken in it."""
    start, end = _year_bounds(year)
    rows = StageChange.objects.filter(
        decision__in=INITIAL_DECISIONS, at__gte=start, at__lt=end, petition__kind=Petition.PETITION
    ).values_list("petition__submitted_at", "decision")
    return review_figures(year, ((received.date(), decision) for received, decision in rows))


def year_decision_times(year: int):
    """Precautionary-measure requests first decided in the year, from request to decision."""
    start, end = _year_bounds(year)
    rows = Petition.objects.filter(
        kind=Petition.PRECAUTIONARY, first_decided_at__gte=start, first_decided_at__lt=end
    ).values_list("submitted_at", "first_decided_at")
    return decision_times((s.date(), d.date()) for s, d in rows)


def portfolio():
    """Measures in force by State, with beneficiaries by group."""
    in_force = Petition.objects.filter(kind=Petition.PRECAUTIONARY, stage="granted")
    by_state = list(
        in_force.values("state__code", "state__name_en")
        .annotate(count=Count("id"))
        .order_by("-count")
    )
    by_group = list(
        in_force.values(group=F("people__group")).annotate(count=Count("people")).order_by("group")
    )
    return {"total": in_force.count(), "by_state": by_state, "by_group": by_group}


def overdue_deadlines(today: date | None = None):
    today = today or timezone.now().date()
    return Deadline.objects.filter(met_at=None, due_on__lt=today).select_related(
        "petition", "petition__state"
    )


def settlement_compliance(petition: Petition) -> dict:
    """Each clause's latest published level by the Commission's secretariat, the State and the
    petitioners, and the agreement's compliance computed from its clauses for each of them."""
    from followup.tracking.models import NOT_REPORTED, ItemStatus, Party

    from .core.settlements import agreement_compliance

    clauses = list(petition.clauses.select_related("item"))
    parties = {
        "secretariat": Party.objects.filter(kind=Party.SECRETARIAT).first(),
        "state": Party.objects.filter(country_id=petition.state_id).first(),
        "petitioner": Party.objects.filter(name=petition.petitioner.name[:300]).first(),
    }
    party_ids = {side: party.pk for side, party in parties.items() if party}
    # The latest reporting period's level (statuses of later periods come last and win).
    levels = {
        (s.item_id, s.party_id): s.compliance
        for s in ItemStatus.objects.filter(
            item__in=[c.item_id for c in clauses], party_id__in=party_ids.values()
        )
        .exclude(compliance=NOT_REPORTED)
        .order_by("period", "assessed_at", "pk")
    }
    rows = [
        {
            "clause": c,
            "levels": {side: levels.get((c.item_id, pk)) for side, pk in party_ids.items()},
        }
        for c in clauses
    ]
    agreement = {
        side: agreement_compliance((row["clause"].kind, row["levels"].get(side)) for row in rows)
        for side in parties
    }
    return {"rows": rows, "agreement": agreement, "parties": parties}


def decision_rows(year: int):
    """Precautionary requests first decided in the year, for the time-to-decision export."""
    start, end = _year_bounds(year)
    return (
        Petition.objects.filter(
            kind=Petition.PRECAUTIONARY, first_decided_at__gte=start, first_decided_at__lt=end
        )
        .select_related("state")
        .order_by("first_decided_at")
    )


def monitoring_counts(year: int) -> dict:
    from .models import MonitoringActivity

    return dict(
        MonitoringActivity.objects.filter(on__year=year)
        .values_list("kind")
        .annotate(count=Count("id"))
        .order_by()
    )


SIMILAR_STAGES = ("processing", "admissibility", "merits")


def similar_cases(petition: Petition, visible, limit: int = 10, window: int = 500) -> list[dict]:
    """The open cases most similar in facts and rights to one at admissibility or merits, among
    the ``window`` most recent the analyst sees."""
    from followup.classify.embeddings import embed

    from .core.similarity import rank_similar

    candidates = list(
        visible.filter(kind=Petition.PETITION, stage__in=SIMILAR_STAGES)
        .exclude(pk=petition.pk)
        .order_by("-submitted_at")
        .only("id", "facts", "rights", "reference", "title", "stage")[:window]
    )
    if not candidates:
        return []
    vectors = embed([petition.facts] + [c.facts for c in candidates])
    ranked = rank_similar(
        vectors[0],
        petition.rights,
        [(c.pk, c.rights) for c in candidates],
        vectors[1:],
        limit=limit,
    )
    by_id = {c.pk: c for c in candidates}
    return [
        {"petition": by_id[pk], "score": score, "facts": facts, "rights": rights}
        for pk, score, facts, rights in ranked
    ]

"""What waits for each role: the secretariat's queue (reports to review, overdue obligations,
items to review, recent ingestions) and a party's desk (its drafts, returned reports, due
dates, the items assigned to it). Reads only; each list is one query, each count one."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from followup.corpus.models import Document, ImplementationLink, IngestFailure, Item, ItemLabel, Job
from followup.policy import PARTY_ROLES, SECRETARIAT_ROLES, role_of

from .models import Obligation, Report

DUE_SOON_DAYS = 30  # a due date this close is "upcoming" on a party's desk and in its menu
NEW_DAYS = 14  # documents ingested this recently are "new extractions" to review
REVIEWED_KINDS = ("mandate", "recommendation")
SHOWN = 10  # rows of each list on a home page


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def labels_to_review():
    """Machine labels of mandates and recommendations no analyst has confirmed."""
    return ItemLabel.objects.filter(source=ItemLabel.MACHINE, item__kind__in=REVIEWED_KINDS)


def targets_without_decisions():
    """Mandates and recommendations on which no implementation evidence was decided yet."""
    decided = ImplementationLink.objects.filter(target=OuterRef("pk"))
    return Item.objects.filter(kind__in=REVIEWED_KINDS).exclude(Exists(decided))


def analyst_queue(today: date | None = None) -> dict:
    today = _today(today)
    submitted = (
        Report.objects.filter(state=Report.SUBMITTED)
        .select_related("party")
        .prefetch_related("items")
        .order_by("updated_at", "id")
    )
    overdue = (
        Obligation.objects.filter(fulfilled_by=None, due_on__lt=today)
        .select_related("party", "item")
        .order_by("due_on", "id")
    )
    since = timezone.now() - timedelta(days=NEW_DAYS)
    new_documents = (
        Document.objects.filter(ingested_at__gte=since, superseded_by__isnull=True)
        .annotate(
            new_items=Count(
                "items",
                filter=Q(
                    items__kind__in=REVIEWED_KINDS,
                    items__origin=Item.MACHINE,
                    items__edited_by=None,
                ),
            )
        )
        .filter(new_items__gt=0)
        .order_by("-ingested_at", "-id")
    )
    return {
        "submitted": submitted[:SHOWN],
        "submitted_count": submitted.count(),
        "overdue": overdue[:SHOWN],
        "overdue_count": overdue.count(),
        "new_documents": new_documents[:SHOWN],
        "labels_count": labels_to_review().count(),
        "undecided_count": targets_without_decisions().count(),
        "ingestions": Job.objects.filter(kind=Job.INGEST)
        .select_related("document")
        .order_by("-created_at", "-id")[:SHOWN],
        "failures": IngestFailure.objects.order_by("-failed_at", "-id")[:SHOWN],
    }


def party_desk(party, today: date | None = None) -> dict:
    today = _today(today)
    reports = Report.objects.filter(party=party).prefetch_related("items")
    open_obligations = (
        Obligation.objects.filter(party=party, fulfilled_by=None)
        .select_related("item")
        .order_by("due_on", "id")
    )
    assigned = (
        Item.objects.filter(obligations__party=party)
        .annotate(
            open_obligations=Count("obligations", filter=Q(obligations__fulfilled_by=None)),
            reports_filed=Count("reports", filter=Q(reports__party=party), distinct=True),
        )
        .order_by("document_id", "start", "id")
        .distinct()
    )
    return {
        "party": party,
        "drafts": reports.filter(state=Report.DRAFT).order_by("-updated_at", "-id"),
        "returned": reports.filter(state=Report.RETURNED).order_by("-updated_at", "-id"),
        "due": open_obligations[: SHOWN * 2],
        "today": today,
        "due_soon": today + timedelta(days=DUE_SOON_DAYS),
        "assigned": assigned[: SHOWN * 2],
        "assigned_count": assigned.count(),
    }


def menu_counts(user, today: date | None = None) -> dict:
    """The counts shown beside the menu's entries: two queries for an analyst, two for a
    party's member, none for anyone else. (Labels to review are counted on the home page
    only: a count over every label is too dear for every page.)"""
    role = role_of(user)
    today = _today(today)
    if role in SECRETARIAT_ROLES:
        return {
            "role": "secretariat",
            "submitted": Report.objects.filter(state=Report.SUBMITTED).count(),
            "overdue": Obligation.objects.filter(fulfilled_by=None, due_on__lt=today).count(),
        }
    if role in PARTY_ROLES and user.profile.party_id:
        party_id = user.profile.party_id
        reports = Report.objects.filter(party_id=party_id).aggregate(
            drafts=Count("pk", filter=Q(state=Report.DRAFT)),
            returned=Count("pk", filter=Q(state=Report.RETURNED)),
        )
        due = Obligation.objects.filter(
            party_id=party_id, fulfilled_by=None, due_on__lte=today + timedelta(days=DUE_SOON_DAYS)
        ).count()
        return {"role": "party", **reports, "to_finish": sum(reports.values()), "due": due}
    return {}

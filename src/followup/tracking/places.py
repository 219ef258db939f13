"""What the tracking app knows about a country or a body, for their pages: the obligations of
the country's State, the reports that assess it (its State's, and civil society's or the
secretariat's naming it), its compliance period by period, and a body's units."""

from __future__ import annotations

from django.db.models import Count, Q

from followup.corpus.models import Body, Country
from followup.policy import visible_reports

from .compliance import compliance_over_time
from .models import NOT_REPORTED, ItemStatus, Obligation, Party, Report


def country_obligations(country: Country, limit: int = 100) -> list[dict]:
    """The State's obligations, latest period first, each with whether it was reported on."""
    obligations = list(
        Obligation.objects.filter(party__country=country)
        .select_related("item", "fulfilled_by")
        .order_by("-period", "due_on", "pk")[:limit]
    )
    missing = set(
        ItemStatus.objects.filter(
            country=country, party__country=country, compliance=NOT_REPORTED
        ).values_list("item_id", "period")
    )
    return [
        {"obligation": o, "not_reported": (o.item_id, o.period) in missing} for o in obligations
    ]


def country_reports(country: Country, user, limit: int = 50):
    """Reports the user may see that assess the country, newest first."""
    return (
        Report.objects.filter(visible_reports(user))
        .filter(Q(party__country=country) | Q(countries=country))
        .distinct()
        .select_related("party", "party__country", "party__body")
        .prefetch_related("items", "countries")
        .order_by("-period_end", "-updated_at", "-pk")[:limit]
    )


def country_compliance(country: Country) -> list[tuple[str, str, list]]:
    """(kind, label, rows by reporting period) for the State and for the others who assess it."""
    return [
        (kind, label, rows)
        for kind, label in Party.KINDS
        if (rows := compliance_over_time(party_kind=kind, country=country.code))
    ]


def body_units(body: Body) -> list[Body]:
    """The body's units at every depth (children, their children ...), by name."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Body.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = [], list(children.get(body.pk, []))
    while todo:
        pk = todo.pop()
        if pk in found or pk == body.pk:
            continue  # a loop in the registry's parents: each unit once
        found.append(pk)
        todo.extend(children.get(pk, []))
    return list(
        Body.objects.filter(pk__in=found)
        .select_related("parent")
        .annotate(item_count=Count("items"))
        .order_by("name")
    )

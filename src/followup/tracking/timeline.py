"""Follow-up over time: for one mandate or recommendation, every party's published assessments
(States, civil society, the secretariat) reporting period by reporting period, each with its
evidence, and who owed a report for a period and filed none. Reads only; a handful of queries
whatever the number of reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Obligation, Party, Report
from .periods import reporting_period


@dataclass
class Assessment:
    report: Report
    latest: bool  # the party's latest for the period; earlier ones were superseded by it

    @property
    def party(self) -> Party:
        return self.report.party

    @property
    def countries(self) -> list:
        return list(self.report.countries.all())

    @property
    def evidence(self) -> list:
        return list(self.report.evidence.all())

    @property
    def links(self) -> list:
        return list(self.report.links.all())


@dataclass
class Owed:
    """A party due to report on the item for the period that has published nothing for it."""

    party: Party
    due_on: object


@dataclass
class Period:
    period: int
    columns: dict[str, list[Assessment]] = field(default_factory=dict)
    owed: dict[str, list[Owed]] = field(default_factory=dict)

    def column(self, kind: str) -> tuple[list[Assessment], list[Owed]]:
        return self.columns.get(kind, []), self.owed.get(kind, [])

    @property
    def by_kind(self) -> list[tuple[str, str, list[Assessment], list[Owed]]]:
        """(kind, label, assessments, owed) for each kind of party, in the order of Party.KINDS."""
        return [(kind, label, *self.column(kind)) for kind, label in Party.KINDS]


def item_timeline(item) -> list[Period]:
    """The item's reporting periods, latest first; in each, the assessments of each kind of
    party, newest first, the latest of each party marked."""
    reports = (
        Report.objects.filter(items=item, state=Report.PUBLISHED)
        .select_related("party", "party__country", "party__body")
        .prefetch_related("countries", "evidence", "links")
        .order_by("-published_at", "-pk")
    )
    periods: dict[int, Period] = {}
    seen = set()
    for report in reports:
        period = reporting_period(report.period_end)
        entry = periods.setdefault(period, Period(period))
        key = (period, report.party_id)
        entry.columns.setdefault(report.party.kind, []).append(Assessment(report, key not in seen))
        seen.add(key)
    obligations = (
        Obligation.objects.filter(item=item)
        .select_related("party", "party__country", "party__body")
        .order_by("due_on", "pk")
    )
    owed_seen = set()
    for obligation in obligations:
        key = (obligation.period, obligation.party_id)
        if key in seen or key in owed_seen:
            continue
        owed_seen.add(key)
        entry = periods.setdefault(obligation.period, Period(obligation.period))
        entry.owed.setdefault(obligation.party.kind, []).append(
            Owed(obligation.party, obligation.due_on)
        )
    return [periods[p] for p in sorted(periods, reverse=True)]

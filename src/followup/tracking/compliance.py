"""Compliance: how many items stand at each status, per country, instrument, summit, theme or
pillar, and how published assessments changed over time. One GROUP BY query per view."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.db.models.functions import ExtractYear

from followup.taxonomies import load_taxonomy

from .models import COMPLIANCE, COMPLIANCE_CODES, ItemStatus, Party, Report

DIMENSIONS = ("country", "instrument", "summit", "theme", "pillar", "party_kind")


@dataclass
class Row:
    key: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, status: str) -> float:
        return self.counts.get(status, 0) / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "total": self.total,
            "counts": {s: self.counts.get(s, 0) for s in COMPLIANCE_CODES},
            "shares": {s: round(self.share(s), 4) for s in COMPLIANCE_CODES},
        }


def compliance_by(
    dimension: str, *, party_kind: str = Party.STATE, language: str = "en"
) -> list[Row]:
    """Latest published statuses of items, counted by ``dimension``; States' assessments by default."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"by: unknown dimension {dimension!r}; one of {', '.join(DIMENSIONS)}")
    statuses = ItemStatus.objects.all()
    if dimension != "party_kind":
        statuses = statuses.filter(party__kind=party_kind)
    if dimension in ("theme", "pillar"):
        taxonomy = "themes" if dimension == "theme" else "pillars"
        labels = {label.id: label.label(language) for label in load_taxonomy(taxonomy)}
        grouped = (
            statuses.filter(item__labels__taxonomy=taxonomy)
            .values("item__labels__label", "compliance")
            .annotate(n=Count("id"))
        )
        return _rows(
            (
                g["item__labels__label"],
                labels.get(g["item__labels__label"], g["item__labels__label"]),
                g["compliance"],
                g["n"],
            )
            for g in grouped
        )
    key, label = {
        "country": ("party__country__code", "party__country__name_" + language[:2]),
        "instrument": ("item__instrument__id", "item__instrument__name"),
        "summit": ("item__instrument__summit", "item__instrument__summit"),
        "party_kind": ("party__kind", "party__kind"),
    }[dimension]
    grouped = statuses.values(key, label, "compliance").annotate(n=Count("id"))
    return _rows(
        (str(g[key] or ""), str(g[label] or "—"), g["compliance"], g["n"]) for g in grouped
    )


def _rows(groups) -> list[Row]:
    rows: dict[str, Row] = {}
    for key, label, status, n in groups:
        row = rows.setdefault(key, Row(key, label))
        row.counts[status] = row.counts.get(status, 0) + n
    return sorted(rows.values(), key=lambda r: (-r.total, r.label))


def compliance_over_time(*, party_kind: str = Party.STATE) -> list[Row]:
    """Published assessments by the year of publication and status."""
    grouped = (
        Report.objects.filter(state=Report.PUBLISHED, party__kind=party_kind)
        .annotate(year=ExtractYear("published_at"))
        .values("year", "compliance")
        .annotate(n=Count("id"))
    )
    rows = _rows((str(g["year"]), str(g["year"]), g["compliance"], g["n"]) for g in grouped)
    return sorted(rows, key=lambda r: r.key)


def status_columns(item) -> dict[str, list]:
    """An item's latest published assessments, one column per kind of party, each with history."""
    columns: dict[str, list] = defaultdict(list)
    published = (
        Report.objects.filter(items=item, state=Report.PUBLISHED)
        .select_related("party")
        .order_by("-published_at")
    )
    latest_seen = set()
    for report in published:
        entry = {"report": report, "latest": report.party_id not in latest_seen}
        latest_seen.add(report.party_id)
        columns[report.party.kind].append(entry)
    return {kind: columns.get(kind, []) for kind, _label in Party.KINDS}


STATUS_LABELS = dict(COMPLIANCE)

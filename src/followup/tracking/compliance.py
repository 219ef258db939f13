"""Compliance: how items stand for the parties in a reporting period, counted by country,
instrument, summit, theme, pillar or kind of party, and period by period. Each view is one
GROUP BY over the statuses table (tracking.models.ItemStatus, kept by the actions), read from
an index made for it, with no join; labels are looked up afterwards in the small tables they
live in (countries, instruments, label sets)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from followup.corpus.models import Country, Instrument
from followup.taxonomies import load_taxonomy

from .models import COMPLIANCE, STANDING_CODES, ItemStatus, LabelSet, Party, Report

DIMENSIONS = [
    ("country", gettext_lazy("Country")),
    ("instrument", gettext_lazy("Instrument")),
    ("summit", gettext_lazy("Summit")),
    ("theme", gettext_lazy("Theme")),
    ("pillar", gettext_lazy("Pillar")),
    ("party_kind", gettext_lazy("Kind of party")),
    ("period", gettext_lazy("Reporting period")),
]
DIMENSION_CODES = [code for code, _label in DIMENSIONS]
# Old addresses: "year" grouped by the year of publication; it now means the reporting period.
ALIASES = {"year": "period"}


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
            "counts": {s: self.counts.get(s, 0) for s in STANDING_CODES},
            "shares": {s: round(self.share(s), 4) for s in STANDING_CODES},
        }


def dimension_of(by: str) -> str:
    """The dimension a ``by`` names (an alias included); ValueError naming the choices."""
    dimension = ALIASES.get(by, by)
    if dimension not in DIMENSION_CODES:
        raise ValueError(f"by: unknown dimension {by!r}; one of {', '.join(DIMENSION_CODES)}")
    return dimension


def periods(*, party_kind: str | None = None) -> list[int]:
    """The reporting periods with a status, latest first: one index lookup per period and
    kind of party (an index skip scan), however many statuses there are."""
    found = set()
    for kind in [party_kind] if party_kind else [code for code, _label in Party.KINDS]:
        statuses = ItemStatus.objects.filter(party_kind=kind)
        period = statuses.aggregate(first=Max("period"))["first"]
        while period is not None:
            found.add(period)
            period = statuses.filter(period__lt=period).aggregate(next=Max("period"))["next"]
    return sorted(found, reverse=True)


def latest_period(*, party_kind: str | None = None) -> int | None:
    """The latest reporting period with a status (of the kind of party), by the index."""
    kinds = [party_kind] if party_kind else [code for code, _label in Party.KINDS]
    latest = [
        ItemStatus.objects.filter(party_kind=kind).aggregate(latest=Max("period"))["latest"]
        for kind in kinds
    ]
    return max((p for p in latest if p is not None), default=None)


def compliance_by(
    dimension: str,
    *,
    party_kind: str = Party.STATE,
    period: int | None = None,
    country: str | None = None,
    language: str = "en",
) -> list[Row]:
    """How items stand in ``period`` (the latest by default), counted by ``dimension``; States'
    assessments by default. By period, every period; by kind of party, every kind. ``country``
    keeps the assessments of one country (a State's own, or those civil society names)."""
    dimension = dimension_of(dimension)
    language = (language or "en")[:2]
    statuses = ItemStatus.objects.all()
    if dimension != "party_kind":
        statuses = statuses.filter(party_kind=party_kind)
    if dimension != "period":
        if period is None:
            period = latest_period(party_kind=None if dimension == "party_kind" else party_kind)
        statuses = statuses.filter(period=period)
    if country:
        statuses = statuses.filter(country_id=country)
    if dimension in ("theme", "pillar"):
        return _by_label("themes" if dimension == "theme" else "pillars", statuses, language)
    column = {
        "country": "country_id",
        "instrument": "instrument_id",
        "summit": "instrument_id",
        "party_kind": "party_kind",
        "period": "period",
    }[dimension]
    grouped = list(statuses.values_list(column, "compliance").annotate(n=Count("*")).order_by())
    if dimension == "summit":  # grouped by instrument, then folded into the instruments' summits
        summits = dict(
            Instrument.objects.filter(pk__in={key for key, _s, _n in grouped}).values_list(
                "pk", "summit"
            )
        )
        grouped = [(summits.get(key) or None, status, n) for key, status, n in grouped]
    labels = _labels(dimension, {key for key, _status, _n in grouped} - {None}, language)
    rows = _rows(
        ("" if key is None else str(key), labels.get(key) or _none_label(dimension), status, n)
        for key, status, n in grouped
    )
    return sorted(rows, key=lambda r: r.key) if dimension == "period" else rows


def _labels(dimension: str, keys: set, language: str) -> dict:
    """What a person reads for each key of a dimension, in their language."""
    if dimension == "country":
        return dict(Country.objects.filter(code__in=keys).values_list("code", "name_" + language))
    if dimension == "instrument":
        return {pk: str(i) for pk, i in Instrument.objects.in_bulk(keys).items()}
    if dimension == "party_kind":
        return {code: str(label) for code, label in Party.KINDS}
    return {key: str(key) for key in keys}


def _none_label(dimension: str) -> str:
    if dimension == "country":
        return _("No country named")
    return "—"


def _by_label(taxonomy: str, statuses, language: str) -> list[Row]:
    """Statuses counted by the combination of labels their item has (one small key each),
    then each combination's counts added to each of its labels of the taxonomy."""
    labels = {label.id: label.label(language) for label in load_taxonomy(taxonomy)}
    grouped = list(
        statuses.exclude(label_set=None)
        .values_list("label_set_id", "compliance")
        .annotate(n=Count("*"))
        .order_by()
    )
    sets = LabelSet.objects.in_bulk({key for key, _status, _n in grouped})
    return _rows(
        (label, labels.get(label, label), status, n)
        for key, status, n in grouped
        for label in sets[key].labels.get(taxonomy, [])
    )


def _rows(groups) -> list[Row]:
    rows: dict[str, Row] = {}
    for key, label, status, n in groups:
        row = rows.setdefault(key, Row(key, label))
        row.counts[status] = row.counts.get(status, 0) + n
    return sorted(rows.values(), key=lambda r: (-r.total, r.label))


def compliance_over_time(*, party_kind: str = Party.STATE, country: str | None = None) -> list[Row]:
    """How items stood in each reporting period (not the year of publication)."""
    return compliance_by("period", party_kind=party_kind, country=country)


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

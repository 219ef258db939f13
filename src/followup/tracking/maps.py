"""Compliance by country as a map of the Americas: an inline SVG drawn on the server from the
boundaries shipped in ``followup.geo`` (no tile server, no script). Each country with assessed
items is coloured by its level (the status most of its items stand at) and named for screen
readers; the others are drawn grey, as background. The page's table is the full fallback."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from followup.corpus.models import Country
from followup.geo import americas, map_height, outline

WIDTH = 560


@dataclass(frozen=True)
class Level:
    """Where a country stands: the level most of its items stand at, and how many do."""

    code: str
    name: str
    level: str
    label: str
    count: int
    total: int

    @property
    def description(self) -> str:
        return ngettext(
            "%(name)s: %(label)s (%(count)s of %(total)s item)",
            "%(name)s: %(label)s (%(count)s of %(total)s items)",
            self.total,
        ) % {"name": self.name, "label": self.label, "count": self.count, "total": self.total}


@dataclass(frozen=True)
class ComplianceMap:
    svg: str
    levels: list[Level]  # every country with assessed items, drawn or not
    undrawn: list[Level]  # those too small to draw at this scale, listed beside the map
    legend: list[tuple[str, str]]  # (status code, label), the whole scale


def level_of(counts: dict[str, int], statuses) -> tuple[str, int] | None:
    """The status most items stand at, and how many; None when none is counted. Statuses are
    listed best first, and a tie goes to the lower one, so that a tie never flatters a country."""
    best = None
    for code, _label in statuses:
        n = counts.get(code, 0)
        if n and (best is None or n >= best[1]):
            best = (code, n)
    return best


def compliance_map(rows, statuses, *, title: str) -> ComplianceMap:
    """``rows`` are compliance rows by country (key: ISO 3166 code, counts by status);
    ``statuses`` the (code, label) pairs they count, best first."""
    labels = dict(statuses)
    shapes = americas()
    countries = {c.code: c for c in Country.objects.filter(code__in=[r.key for r in rows if r.key])}
    levels = []
    for row in rows:
        country, found = countries.get(row.key), level_of(row.counts, statuses)
        if country is None or found is None:
            continue  # not a country (an organization's assessment of none) or nothing counted
        code, n = found
        levels.append(Level(country.code, country.name, code, str(labels[code]), n, row.total))
    iso3 = {level.code: countries[level.code].iso3 for level in levels}
    drawn = {iso3[level.code]: level for level in levels if iso3[level.code] in shapes}
    codes = dict(Country.objects.filter(iso3__in=shapes).values_list("iso3", "code"))
    return ComplianceMap(
        svg=_svg(shapes, drawn, codes, title),
        levels=levels,
        undrawn=sorted((lv for lv in levels if iso3[lv.code] not in shapes), key=lambda v: v.name),
        legend=[(code, str(label)) for code, label in statuses],
    )


def _svg(shapes, drawn: dict[str, Level], codes: dict[str, str], title: str) -> str:
    height = map_height(WIDTH)
    description = _(
        "Each country is coloured by the level of compliance most of its items stand at; "
        "countries in grey have no published assessment. The table gives every figure."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="group" '
        'aria-labelledby="compliance-map-title compliance-map-desc" class="chart map compliance-map">',
        f'<title id="compliance-map-title">{escape(title)}</title>',
        f'<desc id="compliance-map-desc">{escape(description)}</desc>',
        f'<rect width="{WIDTH}" height="{height}" class="sea"/>',
        '<g aria-hidden="true">',
    ]
    for iso3, rings in sorted(shapes.items()):
        if iso3 not in drawn:
            parts.append(
                f'<path d="{outline(rings, WIDTH)}" class="no-data" data-country="{codes.get(iso3, "")}"/>'
            )
    parts.append("</g>")
    for iso3, level in sorted(drawn.items(), key=lambda pair: pair[1].name):
        label = escape(level.description)
        parts.append(
            f'<path d="{outline(shapes[iso3], WIDTH)}" class="status-{level.level}" '
            f'data-country="{level.code}" role="img" aria-label="{label}"><title>{label}</title></path>'
        )
    parts.append("</svg>")
    return "".join(parts)

"""Charts as SVG strings, drawn on the server (no script, no CDN): line charts of daily series
and a timeline of measures. Plain Python; text is escaped here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from followup.geo import map_height, outline

PALETTE = ("#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#4b5563")


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[date, float | None]]


def _ticks(first: date, last: date, count: int = 5) -> list[date]:
    span = (last - first).days
    if span <= 0:
        return [first]
    return [
        date.fromordinal(first.toordinal() + round(span * n / (count - 1))) for n in range(count)
    ]


def line_chart(
    series: Sequence[Series],
    *,
    title: str,
    y_max: float | None = 100.0,
    width: int = 720,
    height: int = 280,
    y_label: str = "",
) -> str:
    """A line chart of daily values; gaps (None) break the line. Scales to its container."""
    left, right, top, bottom = 48, 12, 28, 36
    days = [d for s in series for d, v in s.points if v is not None]
    values = [v for s in series for _, v in s.points if v is not None]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart" preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    if not days:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle">—</text></svg>')
        return "".join(parts)
    first, last = min(days), max(days)
    top_value = y_max if y_max is not None else max(max(values), 1) * 1.05
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: date) -> float:
        span = max((last - first).days, 1)
        return left + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return top + plot_h * (1 - value / top_value)

    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = top_value * fraction
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#e5e7eb"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end">{_number(value)}</text>'
        )
    for tick in _ticks(first, last):
        parts.append(
            f'<text x="{x(tick):.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">{tick.isoformat()}</text>'
        )
    if y_label:
        parts.append(f'<text x="{left}" y="16" font-size="12">{escape(y_label)}</text>')
    for number, one in enumerate(series):
        colour = PALETTE[number % len(PALETTE)]
        for segment in _segments(one.points):
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in segment)
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}">'
                f"<title>{escape(one.label)}</title></polyline>"
            )
        legend_x = left + 8 + number * 150
        parts.append(
            f'<rect x="{legend_x}" y="{height - 14}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{legend_x + 14}" y="{height - 5}" font-size="11">{escape(one.label[:22])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _number(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M"
    if value >= 1_000:
        return f"{value / 1_000:.0f}k"
    return f"{value:.0f}"


def _segments(points: Sequence[tuple[date, float | None]]) -> list[list[tuple[date, float]]]:
    segments: list[list[tuple[date, float]]] = [[]]
    for day, value in sorted(points, key=lambda p: p[0]):
        if value is None:
            if segments[-1]:
                segments.append([])
            continue
        segments[-1].append((day, value))
    return [s for s in segments if s]


@dataclass(frozen=True)
class Bar:
    row: str
    start: date
    end: date
    strength: float  # 0..1 of the indicator's scale
    label: str


def timeline(bars: Sequence[Bar], *, title: str, first: date, last: date, width: int = 720) -> str:
    """One row per indicator, one bar per measure, darker for a stricter value."""
    rows = list(dict.fromkeys(bar.row for bar in bars))
    row_h, left, top = 18, 48, 8
    height = top + row_h * max(len(rows), 1) + 24
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return left + (width - left - 12) * (min(max(day, first), last) - first).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for number, row in enumerate(rows):
        parts.append(
            f'<text x="4" y="{top + number * row_h + 13}" font-size="11">{escape(row)}</text>'
        )
    for bar in bars:
        number = rows.index(bar.row)
        opacity = 0.15 + 0.85 * max(0.0, min(bar.strength, 1.0))
        bar_w = max(x(bar.end) - x(bar.start) + (width - left) / span, 1)
        parts.append(
            f'<rect x="{x(bar.start):.1f}" y="{top + number * row_h + 2}" width="{bar_w:.1f}" '
            f'height="{row_h - 4}" fill="#1f5fa8" fill-opacity="{opacity:.2f}">'
            f"<title>{escape(bar.label)}</title></rect>"
        )
    parts.append(
        f'<text x="{left}" y="{height - 6}" font-size="11">{first.isoformat()}</text>'
        f'<text x="{width - 12}" y="{height - 6}" font-size="11" text-anchor="end">{last.isoformat()}</text></svg>'
    )
    return "".join(parts)


def shade(value: float | None, maximum: float = 100.0) -> str:
    """A blue ramp for 0..maximum; grey for no data."""
    if value is None:
        return "#d1d5db"
    t = max(0.0, min(value / maximum, 1.0))
    low, high = (239, 246, 255), (30, 58, 138)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def choropleth(
    shapes: dict[str, list],
    values: dict[str, float | None],
    names: dict[str, str],
    *,
    title: str,
    width: int = 560,
) -> str:
    """Countries coloured by value; each outline carries its name and value as a tooltip."""
    height = map_height(width)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" class="chart map">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#f8fafc"/>',
    ]
    for iso3, rings in sorted(shapes.items()):
        value = values.get(iso3)
        label = f"{names.get(iso3, iso3)}: {'—' if value is None else f'{value:.2f}'}"
        parts.append(
            f'<path d="{outline(rings, width)}" fill="{shade(value)}" stroke="#64748b" stroke-width="0.5" '
            f'data-iso3="{iso3}"><title>{escape(label)}</title></path>'
        )
    parts.append("</svg>")
    return "".join(parts)

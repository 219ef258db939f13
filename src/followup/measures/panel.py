"""The measures log and the daily panel, in plain Python.

A measure holds one value of one indicator from a start date to an end date (or ongoing). The panel
is derived: for each day the value of the measure in force. Daily rows (an OxCGRT file) become a
log by cutting each indicator's days into runs of one value and flag.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .indices import Reading

INTRODUCED, EXTENDED, TIGHTENED, EASED, PHASED_OUT = (
    "introduced",
    "extended",
    "tightened",
    "eased",
    "phased_out",
)
LOG_TYPES = (INTRODUCED, EXTENDED, TIGHTENED, EASED, PHASED_OUT)


@dataclass(frozen=True)
class Run:
    start: date
    end: date
    value: float
    flag: int | None
    log_type: str
    notes: str = ""


def log_type_after(previous: Run | None, value: float, flag: int | None, contiguous: bool) -> str:
    """What a new value says about the policy before it: a higher value tightens, a lower one
    eases, 0 phases out; the same value made general (flag 0 → 1) or resumed after a gap extends."""
    if previous is None:
        return INTRODUCED
    if value == 0:
        return PHASED_OUT
    if value > previous.value:
        return TIGHTENED
    if value < previous.value:
        return EASED
    if (previous.flag, flag) == (0, 1) or not contiguous:
        return EXTENDED
    return EASED if (previous.flag, flag) == (1, 0) else EXTENDED


def runs_from_days(days: Iterable[tuple[date, Reading, str]]) -> list[Run]:
    """Cut one indicator's (day, reading, notes) into runs of consecutive days with one value and
    flag. A missing day ends a run: the panel keeps it missing."""
    runs: list[Run] = []
    current: dict | None = None
    previous: Run | None = None
    for day, reading, notes in sorted(days, key=lambda d: d[0]):
        same = (
            current is not None
            and day == current["end"] + timedelta(days=1)
            and (reading.value, reading.flag) == (current["value"], current["flag"])
        )
        if same:
            current["end"] = day
            if notes and notes not in current["notes"]:
                current["notes"].append(notes)
            continue
        if current is not None:
            previous = _close(current)
            runs.append(previous)
        contiguous = previous is not None and day == previous.end + timedelta(days=1)
        current = {
            "start": day,
            "end": day,
            "value": reading.value,
            "flag": reading.flag,
            "log_type": log_type_after(previous, reading.value, reading.flag, contiguous),
            "notes": [notes] if notes else [],
        }
    if current is not None:
        runs.append(_close(current))
    return runs


def _close(current: dict) -> Run:
    return Run(
        current["start"],
        current["end"],
        current["value"],
        current["flag"],
        current["log_type"],
        "\n".join(current["notes"]),
    )


@dataclass(frozen=True)
class LoggedMeasure:
    """What the panel needs of a stored measure."""

    id: int
    start: date
    end: date | None
    value: float | None
    flag: int | None


def expand(measures: Iterable[LoggedMeasure], through: date) -> dict[date, LoggedMeasure]:
    """The measure in force on each day. Where measures overlap, the one that started later wins
    (it is the newer decision), ties going to the later record."""
    in_force: dict[date, LoggedMeasure] = {}
    for measure in sorted(measures, key=lambda m: (m.start, m.id)):
        last = min(measure.end or through, through)
        for day in days_between(measure.start, last):
            in_force[day] = measure
    return in_force


def days_between(first: date, last: date) -> Iterator[date]:
    for offset in range((last - first).days + 1):
        yield first + timedelta(days=offset)

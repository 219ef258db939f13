"""OxCGRT's policy indices, computed from indicator values alone.

Methodology: OxCGRT "Calculation of policy indices" (documentation_and_codebook.md, v1 June 2023).
A sub-index is I = 100 × (v − 0.5 (F − f)) / N, and 0 when v is 0 or missing; an index is the mean
of its components' sub-indices, and no index is given when more than one component is missing.
Pure functions over plain data: ``{indicator code: Reading | None}`` per day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Reading:
    """One indicator on one day: its ordinal value and, where the indicator has one, its flag."""

    value: float | None
    flag: int | None = None


@dataclass(frozen=True)
class Scale:
    """What the index needs to know of an indicator: its maximum and whether it has a flag."""

    maximum: int
    has_flag: bool


# The ordinal indicators that enter the indices (OxCGRT's table of N_j and F_j).
SCALES: dict[str, Scale] = {
    "C1": Scale(3, True),
    "C2": Scale(3, True),
    "C3": Scale(2, True),
    "C4": Scale(4, True),
    "C5": Scale(2, True),
    "C6": Scale(3, True),
    "C7": Scale(2, True),
    "C8": Scale(4, False),
    "E1": Scale(2, True),
    "E2": Scale(2, False),
    "H1": Scale(2, True),
    "H2": Scale(3, False),
    "H3": Scale(2, False),
    "H6": Scale(4, True),
    "H7": Scale(5, True),
    "H8": Scale(3, True),
}

CONTAINMENT = ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8")
INDICES: dict[str, tuple[str, ...]] = {
    "stringency": (*CONTAINMENT, "H1"),
    "containment_health": (*CONTAINMENT, "H1", "H2", "H3", "H6", "H7", "H8"),
    "government_response": (*CONTAINMENT, "E1", "E2", "H1", "H2", "H3", "H6", "H7", "H8"),
    "economic_support": ("E1", "E2"),
}
LEGACY_STRINGENCY = "legacy_stringency"
ALL_INDICES = (*INDICES, LEGACY_STRINGENCY)

# How many days at the end of a series the "for display" version may fill from the last good day.
DISPLAY_WINDOW_DAYS = 7

Day = Mapping[str, Reading | None]


def sub_index(reading: Reading | None, scale: Scale) -> float:
    if reading is None or not reading.value:
        return 0.0
    if not scale.has_flag:
        return 100.0 * reading.value / scale.maximum
    # A value without its flag is scored as general (flag 1): OxCGRT leaves no such rows, and
    # treating it as targeted would lower an index on a recording gap.
    flag = 1 if reading.flag is None else reading.flag
    return 100.0 * (reading.value - 0.5 * (1 - flag)) / scale.maximum


def present(reading: Reading | None) -> bool:
    return reading is not None and reading.value is not None


# Which components count as missing, and how many may be. OxCGRT's published files show two
# refinements of "no index when more than one component is missing" (OxCGRT_withnotes_2023.csv):
# the government response index is given whenever the containment and health index is, missing
# E1/E2 scored 0 (Beijing, January 2023); the two-component economic support index needs both
# (Yunnan, January 2023).
COUNTED_FOR_MISSING: dict[str, tuple[str, ...]] = {
    **INDICES,
    "government_response": INDICES["containment_health"],
}
MISSING_ALLOWED = {"stringency": 1, "containment_health": 1, "government_response": 1}


def components_present(day: Day, name: str) -> int:
    return sum(1 for code in INDICES[name] if present(day.get(code)))


def policy_index(day: Day, name: str) -> float | None:
    """The mean sub-index of the index's components; None when more than one is missing."""
    counted = COUNTED_FOR_MISSING[name]
    if sum(1 for code in counted if not present(day.get(code))) > MISSING_ALLOWED.get(name, 0):
        return None
    components = INDICES[name]
    return sum(sub_index(day.get(code), SCALES[code]) for code in components) / len(components)


def legacy_sub_index(reading: Reading | None, scale: Scale) -> float:
    """The first (pre-April 2020) formula: a flag adds a full step, (v + f) / (N + 1)."""
    if reading is None or not reading.value:
        return 0.0
    if not scale.has_flag:
        return 100.0 * reading.value / scale.maximum
    flag = 1 if reading.flag is None else reading.flag
    return 100.0 * (reading.value + flag) / (scale.maximum + 1)


def legacy_stringency(day: Day) -> float | None:
    """Seven components, as the old S1–S7: the higher of C3/C4 and of C6/C7."""
    if sum(1 for code in INDICES["stringency"] if not present(day.get(code))) > 1:
        return None

    def score(code: str) -> float:
        return legacy_sub_index(day.get(code), SCALES[code])

    return (
        score("C1")
        + score("C2")
        + max(score("C3"), score("C4"))
        + score("C5")
        + max(score("C6"), score("C7"))
        + score("C8")
        + score("H1")
    ) / 7


def day_indices(day: Day) -> dict[str, float | None]:
    """Every index for one day's readings."""
    values = {name: policy_index(day, name) for name in INDICES}
    values[LEGACY_STRINGENCY] = legacy_stringency(day)
    return values


def for_display(
    series: Sequence[tuple[date, float | None, int]], as_of: date
) -> list[float | None]:
    """OxCGRT's "display" version of one index series of (date, value, components present).

    Over the seven days up to ``as_of`` (the day the data are compiled, normally today), a day with
    fewer components than another day of that window is rejected, and a day without a value takes
    the last good value before it: recent data arrive in parts, the display smooths over that.
    Earlier days are shown as computed, which is why OxCGRT's final files show the display version
    equal to the raw one.
    """
    if not series:
        return []
    window_start = as_of - timedelta(days=DISPLAY_WINDOW_DAYS - 1)
    most_in_window = max((n for d, v, n in series if d >= window_start), default=0)
    shown: list[float | None] = []
    last_good: float | None = None
    for day, value, count in series:
        if day < window_start:
            shown.append(value)
        else:
            good = value is not None and count >= most_in_window
            shown.append(value if good else last_good)
        if value is not None and (day < window_start or count >= most_in_window):
            last_good = value
    return shown


# Vaccine-differentiated policies (OxCGRT from 2021): E (everyone), NV (non-vaccinated), V
# (vaccinated). The NV index reads NV where present and E otherwise; V likewise.
NON_VACCINATED, VACCINATED = "non_vaccinated", "vaccinated"


def vaccination_variants(
    nonvaccinated: float | None, vaccinated: float | None, share_vaccinated: float | None
) -> dict[str, float | None]:
    """Simple and population-weighted averages of the NV and V versions of one index."""
    if nonvaccinated is None or vaccinated is None:
        return {"simple_average": None, "weighted_average": None}
    weighted = None
    if share_vaccinated is not None:
        weighted = nonvaccinated * (1 - share_vaccinated) + vaccinated * share_vaccinated
    return {"simple_average": (nonvaccinated + vaccinated) / 2, "weighted_average": weighted}

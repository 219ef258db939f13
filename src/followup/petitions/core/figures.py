"""Figures of the initial review and of precautionary measures, computed from plain rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

# The outcome of an initial review, from the decision taken on it.
OUTCOMES = {
    "open_for_processing": "processed",
    "not_open": "not_processed",
    "request_information": "more_information",
}


@dataclass
class ReviewFigures:
    """Petitions evaluated at initial review in a year, by year of receipt and by outcome."""

    year: int
    evaluated: int = 0
    received: Counter = field(default_factory=Counter)  # offset (0, -1, -2, "older") -> count
    outcomes: Counter = field(default_factory=Counter)

    def share(self, outcome: str) -> float:
        return self.outcomes[outcome] / self.evaluated if self.evaluated else 0.0

    def percent(self, outcome: str) -> int:
        return round(100 * self.share(outcome))

    def as_dict(self) -> dict:
        return {
            "year": self.year,
            "evaluated": self.evaluated,
            "received_two_years_before": self.received[-2],
            "received_year_before": self.received[-1],
            "received_same_year": self.received[0],
            "received_earlier": self.received["older"],
            **{f"{o}_count": self.outcomes[o] for o in OUTCOMES.values()},
            **{f"{o}_share": round(self.share(o), 4) for o in OUTCOMES.values()},
        }


def review_figures(year: int, evaluations) -> ReviewFigures:
    """``evaluations``: (date received, decision) for each initial-review decision taken in the
    year. A petition asked for more information and then decided counts once per decision, as
    each is an evaluation."""
    figures = ReviewFigures(year)
    for received_on, decision in evaluations:
        outcome = OUTCOMES.get(decision)
        if outcome is None:
            continue
        figures.evaluated += 1
        offset = received_on.year - year
        figures.received[offset if offset >= -2 else "older"] += 1
        figures.outcomes[outcome] += 1
    return figures


@dataclass
class DecisionTimes:
    """Time from request to first decision on precautionary measures decided in a period."""

    decided: int = 0
    under_90_days: int = 0
    same_month: int = 0
    days: list = field(default_factory=list)

    def share_under_90(self) -> float:
        return self.under_90_days / self.decided if self.decided else 0.0

    def share_same_month(self) -> float:
        return self.same_month / self.decided if self.decided else 0.0

    def median_days(self) -> float | None:
        if not self.days:
            return None
        ordered = sorted(self.days)
        middle = len(ordered) // 2
        return (
            float(ordered[middle])
            if len(ordered) % 2
            else (ordered[middle - 1] + ordered[middle]) / 2
        )


def decision_times(pairs) -> DecisionTimes:
    """``pairs``: (date received, date of the first decision) of each decided request."""
    times = DecisionTimes()
    for received_on, decided_on in pairs:
        days = (decided_on - received_on).days
        times.decided += 1
        times.days.append(days)
        times.under_90_days += days < 90
        times.same_month += (received_on.year, received_on.month) == (
            decided_on.year,
            decided_on.month,
        )
    return times


def age_in_days(received_on: date, today: date) -> int:
    return max(0, (today - received_on).days)

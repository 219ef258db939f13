"""The consultation portal's rules on plain data: phases, progress roll-up, ranking, Markdown.

Nothing here touches the database, so each rule can be tested on values alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import nh3
from markdown_it import MarkdownIt

# The phases a consultation may go through, in order (CONSUL's budgets and Decidim's processes
# show the same sequence). A call for solutions may skip "support" and let a jury select.
PHASES = ("information", "proposals", "debate", "support", "review", "selection", "implementation")
# What each phase opens: the phase named on the left allows the activity on the right.
ACTIVITIES = {
    "propose": {"proposals"},
    "comment": {"proposals", "debate", "support"},
    "support": {"support"},
}


@dataclass(frozen=True)
class Phase:
    kind: str
    starts_on: date
    ends_on: date

    def is_open(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class PhaseError(ValueError):
    """A consultation's phases are not a valid sequence; the message names the phase."""


def check_phases(phases: Sequence[Phase]) -> None:
    """Phases must be known, in the canonical order, each ending on or after it starts, and
    none overlapping the next (one activity at a time keeps the rules readable to citizens)."""
    previous: Phase | None = None
    for phase in phases:
        if phase.kind not in PHASES:
            raise PhaseError(f"{phase.kind}: not a phase; phases are {', '.join(PHASES)}")
        if phase.ends_on < phase.starts_on:
            raise PhaseError(f"{phase.kind}: ends before it starts")
        if previous is not None:
            if PHASES.index(phase.kind) <= PHASES.index(previous.kind):
                raise PhaseError(f"{phase.kind}: must come after {previous.kind}")
            if phase.starts_on <= previous.ends_on:
                raise PhaseError(f"{phase.kind}: starts before {previous.kind} ends")
        previous = phase


def current_phase(phases: Iterable[Phase], day: date) -> str | None:
    for phase in phases:
        if phase.is_open(day):
            return phase.kind
    return None


def allows(phases: Iterable[Phase], activity: str, day: date) -> bool:
    return current_phase(phases, day) in ACTIVITIES[activity]


@dataclass
class Result:
    """A project's result; leaves carry their own progress, parents take their children's."""

    progress: float = 0.0
    weight: float | None = None
    children: list[Result] | None = None


def rolled_up_progress(result: Result) -> float:
    """Decidim's accountability rule: a parent's progress is Σ progress × weight of its
    children over Σ weight, or their plain mean when no child carries a weight."""
    if not result.children:
        return result.progress
    values = [(rolled_up_progress(child), child.weight) for child in result.children]
    weights = [weight for _progress, weight in values if weight]
    if not weights:
        return sum(progress for progress, _weight in values) / len(values)
    total = sum(weights)
    return sum(progress * (weight or 0) for progress, weight in values) / total


def hot_score(supports: int, comments: int, published: datetime, now: datetime) -> float:
    """Recent activity outranks old totals: a Hacker-News-style decay on supports and comments."""
    hours = max((now - published).total_seconds() / 3600, 0)
    return (supports + 0.5 * comments) / math.pow(hours + 2, 1.5)


def threshold_progress(supports: int, threshold: int) -> int:
    """Percent of the support threshold reached, for the progress bar (at most 100)."""
    if threshold <= 0:
        return 100
    return min(100, supports * 100 // threshold)


_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# Headings above h3 would compete with the page's own headings.
_HEADING_DOWN = {"h1": "h3", "h2": "h4"}


def render_markdown(text: str) -> str:
    """Markdown to safe HTML: raw HTML in the source is escaped by the parser, and the result
    goes through nh3 (Ammonia) so that no script, handler or unsafe URL can reach a page."""
    html = _MARKDOWN.render(text)
    for big, small in _HEADING_DOWN.items():
        html = html.replace(f"<{big}>", f"<{small}>").replace(f"</{big}>", f"</{small}>")
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "td": {"align"}, "th": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )

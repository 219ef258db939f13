"""The stages of a petition or a precautionary-measure request as an explicit state machine.

The machine is data (``data/stages.yaml``): stages with their labels, and decisions with the
stages they may be taken from and the one they lead to. ``decide`` checks a decision against the
file's current stage and returns what must happen; storing it is the Django app's job.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data import DATA, DataFileError, labels_of, read_yaml

KINDS = ("petition", "precautionary")
SAME, PREVIOUS = "same", "previous"
PARTIES = ("state", "petitioner")


class InvalidDecision(ValueError):
    """A decision that does not exist, or cannot be taken from the file's current stage."""


@dataclass(frozen=True)
class Stage:
    id: str
    labels: dict
    final: bool = False

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Decision:
    id: str
    sources: tuple[str, ...]
    target: str  # a stage id, SAME or PREVIOUS
    labels: dict
    deadline: str = ""  # the key of the deadline it opens, if any
    party: str = ""  # who owes the response
    transmits: bool = False
    document: bool = False
    recommendations: bool = False

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@dataclass(frozen=True)
class Outcome:
    """What a decision does to a file: where it goes, and what it opens or sends."""

    decision: Decision
    source: str
    target: str

    @property
    def moves(self) -> bool:
        return self.source != self.target


@dataclass(frozen=True)
class Machine:
    kind: str
    stages: dict
    initial: str
    decisions: dict

    def stage(self, stage_id: str) -> Stage:
        return self.stages[stage_id]

    def is_final(self, stage_id: str) -> bool:
        return self.stages[stage_id].final

    def open_stages(self) -> list[str]:
        return [s for s, stage in self.stages.items() if not stage.final]

    def available(self, stage_id: str) -> list[Decision]:
        """The decisions that may be taken from a stage, in the order of the data file."""
        return [d for d in self.decisions.values() if stage_id in d.sources]

    def decide(self, stage_id: str, decision_id: str, previous: str = "") -> Outcome:
        """The outcome of taking ``decision_id`` on a file in ``stage_id``; ``previous`` is the
        stage it was in before, for decisions that return there."""
        decision = self.decisions.get(decision_id)
        if decision is None:
            raise InvalidDecision(
                f"decision: no decision {decision_id!r}; one of {', '.join(self.decisions)}"
            )
        if stage_id not in decision.sources:
            raise InvalidDecision(
                f"decision: {decision_id} cannot be taken in the stage {stage_id}; "
                f"only in {', '.join(decision.sources)}"
            )
        target = decision.target
        if target == SAME:
            target = stage_id
        elif target == PREVIOUS:
            if previous not in self.stages or previous == stage_id:
                raise InvalidDecision(
                    f"decision: {decision_id} returns to the previous stage, and there is none"
                )
            target = previous
        return Outcome(decision, stage_id, target)


def _machine(kind: str, spec, name: str) -> Machine:  # noqa: C901
    if not isinstance(spec, dict):
        raise DataFileError(f"{name}, {kind}: expected stages, initial and decisions")
    stages = {}
    for stage_id, entry in (spec.get("stages") or {}).items():
        where = f"{name}, {kind}, stage {stage_id}"
        if not isinstance(entry, dict):
            raise DataFileError(f"{where}: expected labels")
        stages[stage_id] = Stage(stage_id, labels_of(entry, where), bool(entry.get("final")))
    if spec.get("initial") not in stages:
        raise DataFileError(f"{name}, {kind}: initial stage {spec.get('initial')!r} is not a stage")
    decisions = {}
    for decision_id, entry in (spec.get("decisions") or {}).items():
        where = f"{name}, {kind}, decision {decision_id}"
        if not isinstance(entry, dict):
            raise DataFileError(f"{where}: expected from, to and labels")
        sources = tuple(entry.get("from") or ())
        unknown = [s for s in sources if s not in stages]
        if not sources or unknown:
            raise DataFileError(f"{where}: from names unknown stages {unknown or '(none)'}")
        if stages[sources[0]].final or any(stages[s].final for s in sources):
            raise DataFileError(f"{where}: a decision cannot be taken from a final stage")
        target = entry.get("to")
        if target not in stages and target not in (SAME, PREVIOUS):
            raise DataFileError(f"{where}: to {target!r} is not a stage, same or previous")
        party = entry.get("party", "")
        if bool(entry.get("deadline")) != bool(party) or (party and party not in PARTIES):
            raise DataFileError(f"{where}: a deadline needs a party (state or petitioner)")
        decisions[decision_id] = Decision(
            decision_id,
            sources,
            target,
            labels_of(entry, where),
            deadline=entry.get("deadline", ""),
            party=party,
            transmits=bool(entry.get("transmits")),
            document=bool(entry.get("document")),
            recommendations=bool(entry.get("recommendations")),
        )
    return Machine(kind, stages, spec["initial"], decisions)


@lru_cache(maxsize=4)
def load_machines(path: Path = DATA / "stages.yaml") -> dict[str, Machine]:
    spec = read_yaml(path)
    if not isinstance(spec, dict) or set(spec) != set(KINDS):
        raise DataFileError(f"{path.name}: expected the machines {', '.join(KINDS)}")
    return {kind: _machine(kind, spec[kind], path.name) for kind in KINDS}


def machine(kind: str) -> Machine:
    return load_machines()[kind]

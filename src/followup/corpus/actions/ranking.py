"""Fitting the ranking of implementation evidence on graded pairs and on analysts' decisions.

Graded pairs name items by document file name and character span (as the benchmark's data
does), so a file of grades survives re-extraction: a stored item stands for the graded span
it overlaps by half or more."""

from __future__ import annotations

from pathlib import Path

import yaml

from followup.link.evidence import features
from followup.link.ranking import MODEL_FILE, Ranker, RankingError, fit, save_ranker

from ..models import ImplementationLink, Item
from .links import candidate_pool

GRADE_LABEL = {2: 1.0, 1: 0.5}
Sample = tuple[int, int, dict[str, float], float]  # target id, action id, features, label


class SpanIndex:
    """Stored items by document, to resolve graded spans."""

    def __init__(self):
        self.by_document: dict[str, list[tuple[int, int, int]]] = {}
        for pk, name, start, end in Item.objects.values_list(
            "pk", "document__file_name", "start", "end"
        ):
            self.by_document.setdefault(name, []).append((pk, start, end))

    def items(self, span: dict) -> set[int]:
        found = set()
        for pk, start, end in self.by_document.get(span["doc"], []):
            overlap = min(end, span["end"]) - max(start, span["start"])
            if overlap > 0 and overlap >= 0.5 * max(end - start, span["end"] - span["start"]):
                found.add(pk)
        return found


def load_graded(path: Path) -> list[dict]:
    try:
        entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        raise RankingError(f"{Path(path).name}: cannot be read ({err})") from err
    for number, entry in enumerate(entries, start=1):
        for key in ("target", "actions"):
            if key not in entry:
                raise RankingError(f"{Path(path).name}, entry {number}: no {key!r}")
        for span in (entry["target"], *entry["actions"]):
            missing = [k for k in ("doc", "start", "end") if k not in span]
            if missing or span.get("grade", 2) not in GRADE_LABEL:
                raise RankingError(
                    f"{Path(path).name}, entry {number}: a span needs doc, start, end"
                    f" and a grade of 1 or 2 ({span})"
                )
    return entries


def target_samples(target: Item, labels: dict[int, float]) -> list[Sample]:
    """Every candidate of the target's pool with its label (0 when not graded)."""
    own, pairs, _, _ = candidate_pool(target)
    found = {c.id for c, _ in pairs}
    samples = [(target.pk, c.id, features(own, c, s), labels.get(c.id, 0.0)) for c, s in pairs]
    missing = [pk for pk in labels if pk not in found]
    if missing:  # graded actions neither index proposed: learn from them too
        from followup.search.related import vectors_of

        from .links import _candidates

        items = list(
            Item.objects.filter(pk__in=missing).select_related(
                "document", "instrument", "actor_body__parent__parent"
            )
        )
        extra = _candidates(items)
        vectors = vectors_of([target.pk, *missing])
        base = vectors.get(target.pk)
        for pk in missing:
            if pk in extra:
                similarity = (
                    float(base @ vectors[pk]) if base is not None and pk in vectors else 0.0
                )
                samples.append((target.pk, pk, features(own, extra[pk], similarity), labels[pk]))
    return samples


def graded_samples(entries: list[dict], spans: SpanIndex | None = None) -> list[Sample]:
    spans = spans or SpanIndex()
    samples = []
    for entry in entries:
        kind = entry["target"].get("kind")
        targets = Item.objects.filter(pk__in=spans.items(entry["target"]))
        target = (targets.filter(kind=kind) if kind else targets).first()
        if target is None:
            continue
        labels: dict[int, float] = {}
        for span in entry["actions"]:
            for pk in spans.items(span):
                labels[pk] = max(labels.get(pk, 0.0), GRADE_LABEL[span["grade"]])
        samples += target_samples(target, labels)
    return samples


def decision_samples() -> list[Sample]:
    """Analysts' confirmations (1) and rejections (0), with the candidates of those targets."""
    samples = []
    decided: dict[int, dict[int, float]] = {}
    for target_id, action_id, decision in ImplementationLink.objects.values_list(
        "target_id", "action_id", "decision"
    ):
        label = 1.0 if decision == ImplementationLink.CONFIRMED else 0.0
        decided.setdefault(target_id, {})[action_id] = label
    for target in Item.objects.filter(pk__in=list(decided)):
        samples += [
            s for s in target_samples(target, decided[target.pk]) if s[1] in decided[target.pk]
        ]
    return samples


def do_train_ranking(graded: Path | None = None, output: Path = MODEL_FILE) -> Ranker:
    """Fit the ranking on a file of graded pairs and on the analysts' decisions; save it."""
    samples = graded_samples(load_graded(graded)) if graded else []
    decisions = decision_samples()
    ranker = fit([(f, y) for _, _, f, y in samples + decisions])
    ranker.fitted_on.update(graded_pairs=len(samples), analyst_decisions=len(decisions))
    save_ranker(ranker, output)
    return ranker

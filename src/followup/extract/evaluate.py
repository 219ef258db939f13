"""Scoring extracted items against gold annotations (see the gold GUIDELINES).

A predicted item matches a gold item of the same kind and document when the token F1 of their
normalized texts (lower-cased, punctuation stripped) is at least 0.5; pairs are matched one to
one, best score first. Precision, recall and F1 per kind; field accuracy on matched pairs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

MATCH_THRESHOLD = 0.5
# Fields compared on matched pairs, and the kinds that carry each.
SCORED_FIELDS = ("actor", "countries", "status", "source", "value", "date", "name", "acronym")
_PUNCTUATION = re.compile(r"[^\w\s]")


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").lower()
    return _PUNCTUATION.sub(" ", text).split()


def token_f1(a: str | list[str], b: str | list[str]) -> float:
    ta = Counter(tokens(a) if isinstance(a, str) else a)
    tb = Counter(tokens(b) if isinstance(b, str) else b)
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    precision, recall = common / sum(ta.values()), common / sum(tb.values())
    return 2 * precision * recall / (precision + recall)


def match_items(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one (predicted index, gold index, score) pairs, best score first."""
    predicted_tokens = [tokens(p["text"]) for p in predicted]
    gold_tokens = [tokens(g["text"]) for g in gold]
    candidates = []
    for i, pt in enumerate(predicted_tokens):
        for j, gt in enumerate(gold_tokens):
            score = token_f1(pt, gt)
            if score >= MATCH_THRESHOLD:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_p, used_g, pairs = set(), set(), []
    for score, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j, score))
    return pairs


def same_field(name: str, predicted, gold) -> bool:
    if name == "countries":
        return sorted(predicted or []) == sorted(gold or [])
    if name == "value":
        if predicted is None or gold is None:
            return predicted == gold
        return abs(float(predicted) - float(gold)) <= 1e-6 * max(1.0, abs(float(gold)))
    if name == "source":
        predicted, gold = predicted or {}, gold or {}
        return all(
            _norm(predicted.get(k)) == _norm(gold.get(k))
            for k in ("instrument", "summit", "place", "year")
        )
    return _norm(predicted) == _norm(gold)


def _norm(value):
    if isinstance(value, str):
        return " ".join(tokens(value)) or None
    return value


@dataclass
class KindScore:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {
            "predicted": self.predicted,
            "gold": self.gold,
            "matched": self.matched,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fields": {
                name: round(ok / total, 4)
                for name, (ok, total) in sorted(self.fields.items())
                if total
            },
        }


def score(predicted: list[dict], gold: list[dict]) -> dict[str, KindScore]:
    """Scores per kind; both lists hold gold-schema records with ``doc`` and ``kind``."""
    groups: dict[tuple[str, str], tuple[list, list]] = defaultdict(lambda: ([], []))
    for record in predicted:
        groups[(record["doc"], record["kind"])][0].append(record)
    for record in gold:
        groups[(record["doc"], record["kind"])][1].append(record)
    scores: dict[str, KindScore] = defaultdict(KindScore)
    for (_doc, kind), (preds, golds) in groups.items():
        kind_score = scores[kind]
        kind_score.predicted += len(preds)
        kind_score.gold += len(golds)
        for i, j, _ in match_items(preds, golds):
            kind_score.matched += 1
            for name in SCORED_FIELDS:
                if name in golds[j]:
                    tally = kind_score.fields[name]
                    tally[0] += same_field(name, preds[i].get(name), golds[j][name])
                    tally[1] += 1
    return dict(sorted(scores.items()))


def field_accuracy(scores: dict[str, KindScore]) -> dict[str, float]:
    """Accuracy of each field over all kinds that carry it."""
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind_score in scores.values():
        for name, (ok, total) in kind_score.fields.items():
            totals[name][0] += ok
            totals[name][1] += total
    return {name: round(ok / total, 4) for name, (ok, total) in sorted(totals.items()) if total}


def read_gold(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path.name}, line {number}: not JSON ({err.msg})") from err
        if not isinstance(record, dict) or not {"doc", "kind", "text"} <= set(record):
            raise ValueError(f"{path.name}, line {number}: needs doc, kind and text")
        records.append(record)
    return records


def evaluate_folder(gold_path: Path, docs_dir: Path) -> dict:
    """Run the extraction on every document the gold file names and score it."""
    from followup.extract import extract
    from followup.read import ReadError, read_path

    gold = read_gold(gold_path)
    predicted, problems = [], []
    for name in sorted({g["doc"] for g in gold}):
        try:
            document = read_path(docs_dir / name)
        except ReadError as err:
            problems.append(f"{name}: {err}; its gold items count as missed")
            continue
        predicted += [item.as_record(name) for item in extract(document)]
    scores = score(predicted, gold)
    return {
        "documents": len({g["doc"] for g in gold}),
        "kinds": {kind: kind_score.as_dict() for kind, kind_score in scores.items()},
        "fields": field_accuracy(scores),
        "problems": problems,
    }

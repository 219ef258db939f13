"""Scoring extracted items against gold annotations (see the gold GUIDELINES).

A predicted item matches a gold item of the same kind and document when the token F1 of their
normalized texts (lower-cased, punctuation stripped) is at least 0.5; pairs are matched one to
one, best score first. Precision, recall and F1 per kind; field accuracy on matched pairs.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
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


def _report(predicted: list[dict], gold: list[dict], problems: list[str]) -> dict:
    scores = score(predicted, gold)
    return {
        "documents": len({g["doc"] for g in gold}),
        "kinds": {kind: kind_score.as_dict() for kind, kind_score in scores.items()},
        "fields": field_accuracy(scores),
        "problems": problems,
    }


def _predict(names: list[str], docs_dir: Path, extract_document) -> tuple[list[dict], list[str]]:
    from followup.read import ReadError, read_path

    predicted, problems = [], []
    for name in names:
        try:
            document = read_path(docs_dir / name)
        except ReadError as err:
            problems.append(f"{name}: {err}; its gold items count as missed")
            continue
        predicted += [item.as_record(name) for item in extract_document(document)]
    return predicted, problems


def evaluate_folder(gold_path: Path, docs_dir: Path) -> dict:
    """Run the extraction on every document the gold file names and score it."""
    from followup.extract import extract

    gold = read_gold(gold_path)
    predicted, problems = _predict(sorted({g["doc"] for g in gold}), docs_dir, extract)
    return _report(predicted, gold, problems)


def fold_of(doc: str, folds: int) -> int:
    """A document's fold: fixed by its name, so every run splits the same way."""
    return zlib.crc32(doc.encode("utf-8")) % folds


def no_training(_training: list[tuple[dict, Path]]):
    """What the extraction learns from annotated documents today: nothing; the rules are
    fixed, so every fold extracts with them."""
    from followup.extract import extract

    return extract


def cross_validate(
    tuned: tuple[Path, Path],
    held_out: tuple[Path, Path],
    *,
    folds: int = 5,
    fit=no_training,
) -> dict:
    """Two columns: the documents the rules were written against (``tuned``: gold file and
    folder), and the held-out documents nobody tuned on, scored by document-level
    cross-validation: the held-out documents are split into ``folds`` by name, and each fold is
    extracted by what ``fit`` learns from the gold items of every other document (tuned ones
    included) -- a document's items are never scored by a model that saw it."""
    tuned_gold, held_gold = read_gold(tuned[0]), read_gold(held_out[0])
    located = [(g, tuned[1]) for g in tuned_gold] + [(g, held_out[1]) for g in held_gold]
    tuned_predicted, tuned_problems = _predict(
        sorted({g["doc"] for g in tuned_gold}), tuned[1], fit(located)
    )
    tuned_report = _report(tuned_predicted, tuned_gold, tuned_problems)
    held_names = sorted({g["doc"] for g in held_gold})
    predicted, problems = [], []
    for fold in range(folds):
        names = [n for n in held_names if fold_of(n, folds) == fold]
        if not names:
            continue
        training = [(g, d) for g, d in located if g["doc"] not in names]
        fold_predicted, fold_problems = _predict(names, held_out[1], fit(training))
        predicted += fold_predicted
        problems += fold_problems
    held_report = _report(predicted, held_gold, problems)
    held_report["folds"] = folds
    return {"tuned": tuned_report, "held_out": held_report}

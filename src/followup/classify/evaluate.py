"""Measuring the classifier: SDG relevance on the public benchmark (cross-validated), and
population groups against the gold annotations."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

# The benchmark's published leaderboard (accuracy, %), to place our figure.
LEADERBOARD = {
    "AFD SDG Prospector": 88,
    "GPT-4o": 87,
    "text2sdg": 83,
    "JRC SDG Mapper": 77,
    "OSDG v1": 70,
}


def sdg_report(rows: list[dict] | None = None) -> dict:
    from .sdg import benchmark_rows, cross_validate, examples

    rows = rows if rows is not None else benchmark_rows()
    x, y, goal = examples(rows)
    report = cross_validate(x, y, goal)
    report["leaderboard"] = LEADERBOARD
    return report


SPANISH_SUBSET = Path(__file__).parent / "data" / "sdg_benchmark_es.csv"


def sdg_spanish_report() -> dict:
    """Accuracy on our Spanish translation of 102 benchmark texts (6 per SDG), beside the
    accuracy on the same texts in English; the model is fitted without any of them."""
    import csv

    import numpy as np

    from .sdg import benchmark_rows, examples, fit, probabilities

    with open(SPANISH_SUBSET, encoding="utf-8") as handle:
        spanish = [
            {"id": r["id"], "text": r["text"], "sdg": int(r["sdg"]), "label": r["label"] == "True"}
            for r in csv.DictReader(handle)
        ]
    held_out = {r["id"] for r in spanish}
    english_all = benchmark_rows()
    train = [r for r in english_all if r["id"] not in held_out]
    english = [r for r in english_all if r["id"] in held_out]
    model = fit(*examples(train)[:2])
    scores = {}
    for language, rows in (("es", spanish), ("en", english)):
        x, y, _ = examples(rows)
        scores[language] = round(
            float(((probabilities(x, model) >= 0.5) == y.astype(bool)).mean()), 4
        )
    return {
        "texts": len(spanish),
        "accuracy_es": scores["es"],
        "accuracy_en_same_texts": scores["en"],
        "trained_on": len(train),
        "labels_true": int(np.sum([r["label"] for r in spanish])),
    }


def groups_report(gold_path: Path) -> dict:
    """Micro and macro F1 of the population groups of gold items that carry a `groups` field."""
    from followup.taxonomies import keyword_labels

    counts = Counter()
    per_label: dict[str, Counter] = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if "groups" not in record:
            continue
        predicted, true = (
            set(keyword_labels("population_groups", record["text"])),
            set(record["groups"]),
        )
        for label in predicted | true:
            tally = per_label.setdefault(label, Counter())
            tally["tp"] += label in predicted and label in true
            tally["fp"] += label in predicted and label not in true
            tally["fn"] += label in true and label not in predicted
        counts["texts"] += 1
    totals = Counter()
    for tally in per_label.values():
        totals.update(tally)
    macro = [_f1(t) for t in per_label.values() if t["tp"] + t["fn"]]
    return {
        "texts": counts["texts"],
        "micro_f1": round(_f1(totals), 4),
        "macro_f1": round(sum(macro) / len(macro), 4) if macro else 0.0,
        "per_group": {label: round(_f1(t), 4) for label, t in sorted(per_label.items())},
    }


def _f1(tally: Counter) -> float:
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

"""Retrieval quality on the shared corpus (seed and dev documents), in one run:

- search: nDCG@10 of full-text only, semantic only and the fused ranking, over the graded
  queries of data/search_queries.yaml (EN/ES/PT/FR, short and long);
- cross-language: the overlap of the top ten of the same need asked in two languages
  (data/query_pairs.yaml);
- implementation evidence: recall@10 of the actions graded 2 and nDCG@10 of the suggestions,
  beside the embedding-only ranking, over the targets of data/evidence.yaml.

    .venv/bin/python benchmarks/retrieval.py              # ingests into a throw-away database
    .venv/bin/python benchmarks/retrieval.py --existing   # the configured database, as it is

Gold items are named by document file name and character span, so the figures survive small
changes of extraction: a retrieved item stands for the gold span it overlaps by half or more.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CORPUS = Path(os.environ.get("FOLLOWUP_CORPUS", HERE.resolve().parents[1] / "shared" / "corpus"))


def load(name: str):
    return yaml.safe_load((HERE / "data" / name).read_text(encoding="utf-8"))


def dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(retrieved_gains: list[float], ideal_gains: list[float], k: int = 10) -> float:
    ideal = dcg(sorted(ideal_gains, reverse=True)[:k])
    return dcg(retrieved_gains[:k]) / ideal if ideal else 0.0


class Gold:
    """Gold spans resolved to the stored items that overlap them."""

    def __init__(self):
        from followup.corpus.models import Item

        self.items_by_doc: dict[str, list[tuple[int, int, int]]] = {}
        for pk, name, start, end in Item.objects.values_list(
            "pk", "document__file_name", "start", "end"
        ):
            self.items_by_doc.setdefault(name, []).append((pk, start, end))

    def items(self, span: dict) -> set[int]:
        found = set()
        for pk, start, end in self.items_by_doc.get(span["doc"], []):
            overlap = min(end, span["end"]) - max(start, span["start"])
            if overlap > 0 and overlap >= 0.5 * max(end - start, span["end"] - span["start"]):
                found.add(pk)
        return found

    def judge(self, relevant: list[dict]) -> tuple[dict[int, tuple[int, int]], list[float]]:
        """item id -> (gold number, grade), and the ideal gains."""
        by_item = {}
        for number, span in enumerate(relevant):
            for pk in self.items(span):
                if by_item.get(pk, (0, 0))[1] < span["grade"]:
                    by_item[pk] = (number, span["grade"])
        return by_item, [float(s["grade"]) for s in relevant]


def gains(ranking: list[int], by_item: dict[int, tuple[int, int]]) -> list[float]:
    """Gain of each retrieved item; a gold span found twice (copies) counts once."""
    seen, result = set(), []
    for pk in ranking:
        number, grade = by_item.get(pk, (None, 0))
        if number is not None and number not in seen:
            seen.add(number)
            result.append(float(grade))
        else:
            result.append(0.0)
    return result


def lexical_ranking(text: str, k: int = 10) -> list[int]:
    from followup.search.bridge import bridge
    from followup.search.service import filtered_items
    from followup.search.text import parse_query

    query = bridge(parse_query(text))
    if query.empty:
        return []
    items = filtered_items(query, {}, [], any_concept=True).order_by("-rank", "id")
    return list(items.values_list("pk", flat=True)[:k])


def semantic_ranking(text: str, k: int = 10) -> list[int]:
    from followup.search.semantic import nearest

    return [pk for pk, _ in nearest(text, k)]


def fused_ranking(text: str, k: int = 10) -> list[int]:
    from followup.search.service import search

    return [item.pk for item in search(text, page_size=k).items]


def measure_search(gold: Gold) -> None:
    queries = load("search_queries.yaml")
    totals = {"full-text only": [], "semantic only": [], "fused": []}
    for entry in queries:
        by_item, ideal = gold.judge(entry["relevant"])
        for label, ranking in (
            ("full-text only", lexical_ranking),
            ("semantic only", semantic_ranking),
            ("fused", fused_ranking),
        ):
            totals[label].append(ndcg(gains(ranking(entry["query"]), by_item), ideal))
    print(f"search: {len(queries)} graded queries, nDCG@10")
    for label, values in totals.items():
        print(f"  {label:<16} {sum(values) / len(values):.3f}")


def measure_pairs() -> None:
    pairs = load("query_pairs.yaml")
    overlaps = []
    for first, second in pairs:
        a, b = fused_ranking(first), fused_ranking(second)
        overlaps.append(len(set(a) & set(b)) / max(1, min(len(a), len(b))))
    print(
        f"cross-language: {len(pairs)} query pairs, mean top-10 overlap {sum(overlaps) / len(overlaps):.3f}"
    )


def embedding_only(target, k: int = 10) -> list[int]:
    from followup.corpus.actions.links import EVIDENCE_KINDS
    from followup.corpus.models import Item
    from followup.search.semantic import similar_items

    near = similar_items(target, 300)
    kinds = dict(Item.objects.filter(pk__in=[pk for pk, _ in near]).values_list("pk", "kind"))
    return [pk for pk, _ in near if kinds.get(pk) in EVIDENCE_KINDS][:k]


def suggested(target, k: int = 10, ranker=None) -> list[int]:
    from followup.corpus.actions.links import suggestions_for

    return [row["item"].pk for row in suggestions_for(target, k, ranker=ranker)]


FOLDS = 5


def fold_rankers(entries: list[dict]) -> dict[int, object]:
    """Target entry number -> a ranking fitted on the other folds' targets only."""
    from followup.corpus.actions.ranking import graded_samples
    from followup.link.ranking import fit

    per_entry = [graded_samples([entry]) for entry in entries]
    rankers = {}
    for fold in range(FOLDS):
        training = [
            (f, y)
            for number, samples in enumerate(per_entry)
            if number % FOLDS != fold
            for _, _, f, y in samples
        ]
        ranker = fit(training)
        rankers.update({n: ranker for n in range(len(entries)) if n % FOLDS == fold})
    return rankers


def measure_evidence(gold: Gold) -> None:
    from followup.corpus.models import Item
    from followup.link.ranking import Ranker

    entries = load("evidence.yaml")
    rankers = fold_rankers(entries)
    # the hand-set weights the project started from, as a fixed reference
    hand_set = Ranker(
        {"meaning": 6.0, "words": 2.0, "themes": 1.5, "sdgs": 0.5, "groups": 0.5,
         "countries": 1.0, "bodies": 0.5, "after": 0.5, "before": -0.5},
        -4.0,
    )  # fmt: skip
    results = {
        "embedding only": ([], []),
        "fused, hand-set weights": ([], []),
        f"fused, learned ({FOLDS}-fold by target)": ([], []),
    }
    used = 0
    for number, entry in enumerate(entries):
        targets = gold.items(entry["target"])
        target = Item.objects.filter(pk__in=targets, kind=entry["target"]["kind"]).first()
        if target is None:
            continue
        used += 1
        by_item, ideal = gold.judge(entry["actions"])
        implementing = {n for n, s in enumerate(entry["actions"]) if s["grade"] == 2}
        rankings = (
            embedding_only(target),
            suggested(target, ranker=hand_set),
            suggested(target, ranker=rankers[number]),
        )
        for label, found in zip(results, rankings, strict=True):
            recalls, ndcgs = results[label]
            ndcgs.append(ndcg(gains(found, by_item), ideal))
            if implementing:
                hit = {by_item[pk][0] for pk in found if pk in by_item}
                recalls.append(len(hit & implementing) / len(implementing))
    print(f"implementation evidence: {used} of {len(entries)} graded targets found")
    for label, (recalls, ndcgs) in results.items():
        print(
            f"  {label:<34} recall@10 of grade 2 {sum(recalls) / len(recalls):.3f}"
            f"   nDCG@10 {sum(ndcgs) / len(ndcgs):.3f}"
        )


def ingest_corpus() -> None:
    from followup.corpus.actions import do_ingest_file, do_load_registries

    do_load_registries()
    paths = sorted((CORPUS / "seeds").glob("*.txt")) + sorted((CORPUS / "dev").glob("*.txt"))
    if not paths:
        raise SystemExit(f"no documents in {CORPUS} (set FOLLOWUP_CORPUS)")
    for path in paths:
        do_ingest_file(path)
    print(f"ingested {len(paths)} documents")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--existing", action="store_true", help="use the configured database")
    args = parser.parse_args()
    os.environ.setdefault("FOLLOWUP_DATA_DIR", tempfile.mkdtemp())
    from followup.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test.utils import setup_test_environment

    name = None
    if not args.existing:
        setup_test_environment()
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        if not args.existing:
            ingest_corpus()
        gold = Gold()
        measure_search(gold)
        measure_pairs()
        measure_evidence(gold)
    finally:
        if name:
            connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())

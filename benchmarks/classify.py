"""Classification and linking throughput on 10,000 items, against embedding alone in the same run.

    .venv/bin/python benchmarks/classify.py [--items 10000]

Items are the seed documents' extracted items, repeated. Embedding (the baseline) is the
model's forward pass; classification adds the SDG model and the lexicons; linking ranks
implementation evidence from an index of the same vectors.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import SEEDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    import numpy as np

    from followup.classify import classify_many
    from followup.classify.embeddings import embed
    from followup.extract import extract
    from followup.link.evidence import Candidate, rank
    from followup.link.vectors import build_index
    from followup.read import read_path

    seeds = [
        i.text
        for p in sorted(SEEDS.glob("*.txt"))
        for i in extract(read_path(p))
        if i.kind in ("mandate", "recommendation", "action", "event")
    ]
    texts = [seeds[n % len(seeds)] for n in range(args.items)]
    embed(texts[:10])  # load the model outside the timings

    started = time.perf_counter()
    vectors = embed(texts)
    embedding = time.perf_counter() - started

    started = time.perf_counter()
    classify_many(texts, vectors)
    classification = time.perf_counter() - started

    index = build_index(np.arange(len(texts)), vectors)
    candidates = {n: Candidate(n) for n in range(len(texts))}
    started = time.perf_counter()
    for n in range(len(texts)):
        near = index.search(vectors[n], 50)
        rank(candidates[n], [(candidates[i], s) for i, s in near], k=10)
    linking = time.perf_counter() - started

    print(f"{args.items:,} items ({len(seeds):,} distinct seed texts)")
    print(f"embedding alone (baseline):          {args.items / embedding:9,.0f} texts/s")
    print(
        f"classification (given the vectors):  {args.items / classification:9,.0f} texts/s  {classification / embedding:5.2f}x embedding time"
    )
    print(
        f"linking, top 10 evidence per item:   {args.items / linking:9,.0f} texts/s  {linking / embedding:5.2f}x embedding time"
    )
    print(
        f"embedding + classification + linking: {args.items / (embedding + classification + linking):8,.0f} texts/s"
    )


if __name__ == "__main__":
    main()

"""A benchmark corpus: the seed documents repeated (each copy made unique) to a target size."""

from __future__ import annotations

import os
from pathlib import Path

SEEDS = Path(
    os.environ.get(
        "FOLLOWUP_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"
    )
)


def build_corpus(folder: Path, target_bytes: int) -> list[Path]:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seed documents in {SEEDS} (set FOLLOWUP_SEEDS)")
    texts = [(p.stem, p.read_bytes()) for p in seeds]
    paths, total, copy = [], 0, 0
    while total < target_bytes:
        for stem, data in texts:
            path = folder / f"{stem}-{copy}.txt"
            path.write_bytes(data + f"\n\nCopy {copy} for the benchmark.\n".encode())
            paths.append(path)
            total += path.stat().st_size
        copy += 1
    return paths


def megabytes(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / 1e6

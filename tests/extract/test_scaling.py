"""Extraction work grows linearly with a document's size: the work per MB on a 5 MB document
is bounded by the work per MB on a 0.5 MB one. Work is counted, not timed: the number of
Python function calls (each ``any()`` over earlier spans, each heading walked back over is a
call), which a cost growing with the square of the size multiplies tenfold between the two."""

import cProfile
import pstats

import pytest

from followup.extract import extract
from followup.read import read_bytes
from tests.conftest import seed_paths

from .test_kinds import REPORT_EN, REPORT_ES


def one_document(target_bytes: int) -> bytes:
    """The seed documents (or, without them, our own reports) joined and repeated into one."""
    sources = [p.read_bytes() for p in seed_paths()] or [REPORT_EN.encode(), REPORT_ES.encode()]
    parts, total, copy = [], 0, 0
    while total < target_bytes:
        for data in sources:
            part = data + f"\n\nPart {copy}.\n\n".encode()
            parts.append(part)
            total += len(part)
        copy += 1
    return b"".join(parts)


def calls_per_megabyte(target_bytes: int) -> float:
    data = one_document(target_bytes)
    document = read_bytes(data, "large.txt")
    profile = cProfile.Profile()
    profile.runcall(extract, document)
    return pstats.Stats(profile).total_calls / (len(data) / 1e6)


@pytest.mark.slow
def test_work_per_megabyte_does_not_grow_with_the_document():
    small, large = calls_per_megabyte(500_000), calls_per_megabyte(5_000_000)
    assert large <= 1.3 * small, (small, large)

"""How well the readers rebuild documents: block boundaries, block text, extraction, OCR.

    .venv/bin/python benchmarks/read_layout.py [--no-ocr]

For each layout fixture (tests/read/fixtures: one source per language rendered by
LibreOffice and by PyMuPDF, one and two columns, as DOCX, and rasterized for OCR) it prints:

- block F1: block starts found vs the source's, after aligning the two texts (letters and
  digits only, so spacing and punctuation do not count), within two characters;
- similarity: mean character similarity (difflib ratio) of each source block with the block
  read at its place; kinds: share of matched blocks read as the right kind;
- extraction F1 of the items found in the PDF against those found in the DOCX of the same
  document (the DOCX is the reference: 1.000 means the PDF loses nothing);
- for the scans, the character error rate of OCR against the source text.
"""

from __future__ import annotations

import argparse
import sys
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.read.layout_sources import FIXTURES, HELD_OUT, LANGUAGES, load_source

from followup.extract import extract
from followup.read import read_path

RENDERINGS = ("lo-1col.pdf", "lo-2col.pdf", "mu-1col.pdf", "mu-2col.pdf", "lo.docx")
_TOLERANCE = 2


def _stream(texts: list[str]) -> tuple[str, list[int]]:
    chars: list[str] = []
    starts = []
    for text in texts:
        starts.append(len(chars))
        chars.extend(c.lower() for c in text if c.isalnum())
    return "".join(chars), starts


def _mapper(predicted: str, expected: str):
    matcher = SequenceMatcher(None, predicted, expected, autojunk=False)
    blocks = matcher.get_matching_blocks()

    def to_expected(position: int) -> int:
        for a, b, size in blocks:
            if a <= position < a + size:
                return b + position - a
            if a > position:
                return b
        return len(expected)

    return to_expected


def block_scores(expected, predicted) -> dict:
    """Boundary precision/recall/F1, mean block similarity and kind agreement."""
    exp_stream, exp_starts = _stream([b[1] for b in expected])
    pred_stream, pred_starts = _stream([b[1] for b in predicted])
    to_expected = _mapper(pred_stream, exp_stream)
    mapped = [to_expected(start) for start in pred_starts]
    unmatched = dict(enumerate(exp_starts))
    hits, kinds_right = 0, 0
    pairs = {}
    for pred_index, position in enumerate(mapped):
        best = min(unmatched, key=lambda i: abs(unmatched[i] - position), default=None)
        if best is not None and abs(unmatched[best] - position) <= _TOLERANCE:
            hits += 1
            pairs[best] = pred_index
            kinds_right += expected[best][0] == predicted[pred_index][0]
            del unmatched[best]
    precision = hits / len(predicted) if predicted else 0.0
    recall = hits / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    similarity = []
    for exp_index, (_, text) in enumerate(expected):
        pred_index = pairs.get(exp_index)
        read = predicted[pred_index][1] if pred_index is not None else ""
        similarity.append(SequenceMatcher(None, " ".join(text.split()), read).ratio())
    return {
        "f1": f1,
        "similarity": sum(similarity) / len(similarity),
        "kinds": kinds_right / hits if hits else 0.0,
    }


def read_blocks(path: Path) -> list[tuple[str, str]]:
    document = read_path(path)
    return [
        (b.kind, " ".join(document.block_text(b).split()))
        for b in document.blocks
        if b.kind != "list"
    ]


def items_of(path: Path) -> set[tuple[str, str]]:
    return {(i.kind, " ".join(i.text.split())) for i in extract(read_path(path))}


def _f1(found: set, reference: set) -> tuple[int, int, int]:
    return len(found & reference), len(found), len(reference)


_SAME_FOR_A_READER = str.maketrans("’‘“”", "''\"\"")


def character_error_rate(read: str, reference: str) -> float:
    """Edits over the reference's length; curly and straight quotes count as the same."""
    read = " ".join(read.translate(_SAME_FOR_A_READER).split())
    reference = " ".join(reference.translate(_SAME_FOR_A_READER).split())
    matcher = SequenceMatcher(None, read, reference, autojunk=False)
    edits = sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    return edits / len(reference)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-ocr", action="store_true", help="skip the scans (slow)")
    args = parser.parse_args()
    print(f"{'fixture':<30} {'blocks':>6} {'F1':>6} {'sim':>6} {'kinds':>6} {'extr F1':>8}")
    measure("overall (rules tuned on these)", LANGUAGES)
    measure("overall (held out)", HELD_OUT)
    if not args.no_ocr:
        rates = [ocr_error_rate(language) for language in LANGUAGES]
        print(f"OCR overall CER {_mean(rates):.4f}")


def ocr_error_rate(language: str) -> float:
    """Page by page, the words OCR recognizes on the scan against the text layer of the PDF it
    was rasterized from, both in page order (headers, notes and all): recognition errors only,
    not layout."""
    import pymupdf

    from followup.read import ReadLimits
    from followup.read.document import ReadContext
    from followup.read.ocr import PageOcr
    from followup.read.pdf import _rows, page_lines

    document = read_path(FIXTURES / f"{language}-scan.pdf")  # language choice and confidence
    ocr = PageOcr(ReadContext(ReadLimits()))
    ocr.language = document.metadata["ocr_language"]
    edits = length = 0
    with (
        pymupdf.open(FIXTURES / f"{language}-lo-1col.pdf") as original,
        pymupdf.open(FIXTURES / f"{language}-scan.pdf") as scan,
    ):
        for number, page in enumerate(scan):
            lines = _rows(ocr.page_lines(page, number))
            # The same order on both sides: rows top to bottom, each left to right.
            reference = " ".join(
                ln.text or " ".join(" ".join(row) for row in ln.table or [])
                for ln in _rows(page_lines(original[number]))
            )
            rate = character_error_rate(" ".join(ln.text for ln in lines), reference)
            reference_length = len(" ".join(reference.split()))
            edits += rate * reference_length
            length += reference_length
    meta = document.metadata
    print(
        f"{language}-scan.pdf  CER {edits / length:.4f}  language {meta['ocr_language']}  "
        f"confidence {meta['ocr_confidence']}"
    )
    return edits / length


def measure(label: str, names) -> None:
    totals = {"f1": [], "similarity": [], "kinds": []}
    extraction = [0, 0, 0]
    for name in names:
        expected = [(b.kind, b.text) for b in load_source(name).expected()]
        docx_items = items_of(FIXTURES / f"{name}-lo.docx")
        for rendering in RENDERINGS:
            path = FIXTURES / f"{name}-{rendering}"
            scores = block_scores(expected, read_blocks(path))
            for key in totals:
                totals[key].append(scores[key])
            extr = ""
            if path.suffix == ".pdf":
                hits, found, reference = _f1(items_of(path), docx_items)
                extraction = [
                    extraction[0] + hits,
                    extraction[1] + found,
                    extraction[2] + reference,
                ]
                extr = f"{2 * hits / (found + reference):.3f}" if found + reference else "-"
            print(
                f"{path.name:<30} {len(expected):>6} {scores['f1']:>6.3f} "
                f"{scores['similarity']:>6.3f} {scores['kinds']:>6.3f} {extr:>8}"
            )
    hits, found, reference = extraction
    print(
        f"{label:<30} {'':>6} {_mean(totals['f1']):>6.3f} {_mean(totals['similarity']):>6.3f} "
        f"{_mean(totals['kinds']):>6.3f} {2 * hits / max(found + reference, 1):>8.3f}"
    )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


if __name__ == "__main__":
    main()

"""PDFs rebuilt into the blocks of the document they were made from.

The fixtures are rendered from tests/read/fixtures/sources (LibreOffice and PyMuPDF, one and
two columns, with running headers, footers, page numbers and footnotes; see make_fixtures.py).
"""

import pytest

from followup.read import ReadError, ReadLimits, read_bytes, read_path
from followup.read.layout import Line, Page, blocks_from_pages, join_lines
from tests.read.layout_sources import FIXTURES, LANGUAGES, load_source

RENDERINGS = ("lo-1col.pdf", "lo-2col.pdf", "mu-1col.pdf", "mu-2col.pdf", "lo.docx")


def _read(language, rendering):
    document = read_path(FIXTURES / f"{language}-{rendering}")
    return document, [b for b in document.blocks if b.kind != "list"]


_AMBIGUOUS_HYPHEN = pytest.mark.xfail(
    strict=True,
    reason="'on-' ends a line before 'line': a hyphen before a word not known to follow one "
    "and not spelled hyphenated elsewhere is taken for a break ('online')",
)


@pytest.mark.parametrize(
    ("language", "rendering"),
    [
        pytest.param(language, rendering, marks=_AMBIGUOUS_HYPHEN)
        if (language, rendering) == ("pt", "mu-2col.pdf")
        else (language, rendering)
        for language in LANGUAGES
        for rendering in RENDERINGS
    ],
)
def test_every_rendering_gives_back_the_blocks_of_its_source(language, rendering):
    document, blocks = _read(language, rendering)
    expected = load_source(language).expected()
    assert [(b.kind, document.block_text(b).replace("\n", " ")) for b in blocks] == [
        (e.kind, e.text.replace("\n", " ")) for e in expected
    ]
    assert [b.level for b in blocks if b.kind in ("heading", "list_item")] == [
        e.level for e in expected if e.kind in ("heading", "list_item")
    ]


@pytest.mark.parametrize("rendering", ["lo-1col.pdf", "lo-2col.pdf", "lo.docx"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_list_numbers_are_the_items_markers_not_loose_text(language, rendering):
    _, blocks = _read(language, rendering)
    expected = load_source(language).expected()
    assert [b.marker for b in blocks if b.kind == "list_item"] == [
        e.marker for e in expected if e.kind == "list_item"
    ]
    assert [b.marker for b in blocks if b.kind == "list_item"][:5] == ["1.", "a)", "b)", "2.", "3."]


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_running_headers_footers_and_page_numbers_are_gone(rendering):
    source = load_source("es")
    document, _ = _read("es", rendering)
    assert source.header not in [document.block_text(b) for b in document.blocks]
    assert f"{source.footer} ·" not in document.text
    assert "Página" not in document.text


@pytest.mark.parametrize("rendering", RENDERINGS)
def test_footnotes_are_blocks_linked_to_the_block_that_calls_them(rendering):
    document, _ = _read("pt", rendering)
    notes = document.blocks_of("footnote")
    assert [(n.marker, document.block_text(document.blocks[n.parent])[:40]) for n in notes] == [
        ("1", "A Secretaria de Cúpulas preparou este re"),
        ("2", "Dezesseis Estados membros apresentaram o"),
    ]
    assert "Cúpula e indica" in document.text  # the call is not left in the sentence
    assert document.text.endswith(
        "[1] Os mandatos constam da declaração da Cúpula, seções três e quatro.\n\n"
        "[2] Dois destes acordos foram assinados durante o período do relatório."
    )


def _line(x0, y0, text, size=10.0, page=0, width=200):
    return Line(x0, y0, x0 + width, y0 + size * 1.2, size, False, text, page)


def test_two_columns_are_read_left_then_right():
    page = Page(0, 600, 800, [])
    left = ["The Council met in", "June and approved", "the plan of action."]
    right = ["The States will", "report on the plan", "every two years."]
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        page.lines += [_line(50, 200 + row * 12, a), _line(320, 200 + row * 12, b)]
    blocks = blocks_from_pages([page])
    assert [(b.kind, b.content) for b in blocks] == [
        ("paragraph", "The Council met in June and approved the plan of action."),
        ("paragraph", "The States will report on the plan every two years."),
    ]


def test_page_numbers_and_repeated_running_lines_are_dropped():
    pages = []
    for number in range(2):
        pages.append(
            Page(
                number,
                600,
                800,
                [
                    _line(50, 30, f"Annual Report {2024} · Page {number + 1}", size=8),
                    _line(50, 200, f"Body text of page {number + 1} ends here."),
                    _line(290, 770, str(number + 1), size=8, width=10),
                ],
            )
        )
    assert [b.content for b in blocks_from_pages(pages)] == [
        "Body text of page 1 ends here.",
        "Body text of page 2 ends here.",
    ]


def test_a_paragraph_broken_by_a_page_goes_on_mid_sentence():
    pages = [
        Page(0, 600, 800, [_line(50, 600, "The Commission approved the")]),
        Page(1, 600, 800, [_line(50, 100, "report in its second session.")]),
    ]
    assert [b.content for b in blocks_from_pages(pages)] == [
        "The Commission approved the report in its second session."
    ]


@pytest.mark.parametrize(
    ("line", "following", "joined"),
    [
        ("the imple-", "mentation of", "the implementation of"),
        ("la coope-", "ración regional", "la cooperación regional"),
        ("e publicá-", "las nos", "e publicá-las nos"),
        ("il faut peut-", "être agir", "il faut peut-être agir"),
        ("the 2024-", "2025 cycle", "the 2024- 2025 cycle"),
        ("Latin-", "American States", "Latin- American States"),
    ],
)
def test_words_hyphenated_at_a_line_end_are_joined_again(line, following, joined):
    assert join_lines(line, following) == joined


def test_a_hyphenated_word_the_document_spells_elsewhere_keeps_its_hyphen():
    assert join_lines("a follow-", "up report", frozenset({"follow-up"})) == "a follow-up report"
    assert (
        join_lines("the non-", "binding text", frozenset({"non-binding"})) == "the non-binding text"
    )


def _pdf_with_a_scanned_page() -> bytes:
    import pymupdf

    pdf = pymupdf.open()
    pdf.new_page(width=300, height=200).insert_text((30, 50), "The Council approved the plan.")
    picture = pymupdf.open()
    picture.new_page(width=300, height=200).insert_text((30, 50), "A scanned annex.")
    png = picture[0].get_pixmap(dpi=100).tobytes("png")
    pdf.new_page(width=300, height=200).insert_image(pymupdf.Rect(0, 0, 300, 200), stream=png)
    return pdf.tobytes()


def test_a_page_that_cannot_be_read_by_ocr_is_left_out_with_a_warning():
    document = read_bytes(_pdf_with_a_scanned_page(), "annex.pdf", ReadLimits(ocr=False))
    assert document.text == "The Council approved the plan."
    assert document.warnings == ["page 2: the file has no text layer and OCR is turned off"]
    assert document.metadata == {}


def test_a_pdf_of_scans_alone_fails_with_the_reason_when_ocr_is_off():
    scan = (FIXTURES / "en-scan.pdf").read_bytes()
    with pytest.raises(ReadError, match=r"the PDF has no text \(page 1: .* OCR is turned off\)"):
        read_bytes(scan, "scan.pdf", ReadLimits(ocr=False))

"""Scanned pages and images read with Tesseract, in the language the text is written in."""

import os

import pytest

from followup.read import ReadError, ReadLimits, read_bytes
from followup.read.ocr import tesseract_available

pytestmark = pytest.mark.skipif(
    not tesseract_available() and not os.environ.get("CI"),
    reason="Tesseract is not installed here (CI installs it and runs these tests)",
)

SPANISH = [
    ("Informe de seguimiento", 18),
    ("La Secretaría presentó el informe anual sobre", 12),
    ("la aplicación de los mandatos de la Cumbre.", 12),
    ("1. Fortalecer la cooperación regional.", 12),
    ("2. Informar cada dos años sobre los avances.", 12),
]


def _page_image(lines, dpi=200) -> bytes:
    """A page of text rendered as a grey image, as a scanner would give it."""
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page(width=420, height=220)
    y = 40
    for text, size in lines:
        page.insert_text(
            (40 if not text[0].isdigit() else 52, y), text, fontsize=size, fontname="tiro"
        )
        y += size * 1.9 if size > 12 else size * 1.35
        y += 10 if text.endswith(".") and not text[0].isdigit() else 0
    return page.get_pixmap(dpi=dpi, colorspace="gray").tobytes("png")


def _scanned_pdf(png: bytes) -> bytes:
    import pymupdf

    pdf = pymupdf.open()
    page = pdf.new_page(width=420, height=220)
    page.insert_image(page.rect, stream=png)
    return pdf.tobytes()


def test_an_image_is_read_by_ocr_in_its_language():
    document = read_bytes(_page_image(SPANISH), "escaneo.png")
    assert [
        (b.kind, b.marker, document.block_text(b)) for b in document.blocks if b.kind != "list"
    ] == [
        ("heading", "", "Informe de seguimiento"),
        (
            "paragraph",
            "",
            "La Secretaría presentó el informe anual sobre la aplicación de los mandatos de la Cumbre.",
        ),
        ("list_item", "1.", "Fortalecer la cooperación regional."),
        ("list_item", "2.", "Informar cada dos años sobre los avances."),
    ]
    assert document.language == "es"
    assert document.metadata["ocr"] is True
    assert document.metadata["ocr_language"] == "spa"
    assert document.metadata["ocr_pages"] == [1]
    assert 85 <= document.metadata["ocr_confidence"] <= 100


def test_a_pdf_page_without_a_text_layer_is_read_by_ocr():
    french = [("Le Secrétariat a présenté le rapport annuel.", 12)]
    document = read_bytes(_scanned_pdf(_page_image(french)), "scan.pdf")
    assert document.text == "Le Secrétariat a présenté le rapport annuel."
    assert document.metadata["ocr_language"] == "fra"


def test_ocr_can_be_turned_off_and_then_says_why_nothing_was_read():
    with pytest.raises(ReadError, match="no text layer and OCR is turned off"):
        read_bytes(_page_image(SPANISH), "escaneo.png", ReadLimits(ocr=False))


def test_an_image_too_large_to_ocr_is_refused():
    with pytest.raises(ReadError, match=r"the image is too large \(\d+×\d+\)"):
        read_bytes(_page_image(SPANISH), "escaneo.png", ReadLimits(max_image_pixels=1000))


def test_a_broken_image_is_a_read_error():
    with pytest.raises(ReadError, match="not a readable image"):
        read_bytes(b"\x89PNG\r\n\x1a\nbroken", "broken.png")

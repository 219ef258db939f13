"""Hostile and broken files end in a ReadError that says why, never another exception."""

import io
import zipfile

import pytest

from followup.read import ReadError, ReadLimits, read_bytes, read_path
from followup.read.assemble import assemble
from followup.read.document import RawBlock
from tests.read.layout_sources import FIXTURES

BROKEN = FIXTURES / "broken"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("nested.html", "the HTML is nested more than 512 levels deep"),
        ("laughs.docx", r"the \.docx file declares XML entities in word/document\.xml \(refused\)"),
        ("bomb.docx", r"looks like a zip bomb \(word/media/padding.bin inflates 1,029 times\)"),
        ("many-pages.pdf", "the PDF is damaged"),
    ],
)
def test_hostile_files_are_refused_with_the_reason(name, reason):
    with pytest.raises(ReadError, match=reason):
        read_path(BROKEN / name)


def test_the_limits_are_settings_the_caller_passes():
    two_pages = FIXTURES / "en-lo-1col.pdf"
    with pytest.raises(ReadError, match=r"the PDF has 2 pages \(more than 1\)"):
        read_path(two_pages, ReadLimits(max_pdf_pages=1))
    with pytest.raises(ReadError, match="nested more than 3 levels"):
        read_bytes(
            b"<div><div><div><div>deep</div></div></div></div>",
            "p.html",
            ReadLimits(max_nesting_depth=3),
        )
    docx = (FIXTURES / "en-lo.docx").read_bytes()
    with pytest.raises(ReadError, match=r"would inflate to .* bytes"):
        read_bytes(docx, "r.docx", ReadLimits(max_uncompressed_bytes=10_000))


def test_limits_come_from_a_settings_mapping_and_unknown_names_are_refused():
    limits = ReadLimits.from_mapping({"max_pdf_pages": "20", "ocr": "0"})
    assert (limits.max_pdf_pages, limits.ocr) == (20, False)
    with pytest.raises(ValueError, match="unknown read limits: max_pages"):
        ReadLimits.from_mapping({"max_pages": 3})


def test_a_docx_that_lies_about_its_sizes_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    data = bytearray(out.getvalue())
    with pytest.raises(ReadError, match=r"not a valid \.docx file"):
        read_bytes(bytes(data[:-30]), "cut.docx")


def test_nul_bytes_and_lone_surrogates_never_leave_a_reader():
    document = read_bytes("Informe anual\n\nLa Comisión\x00 aprobó el informe.".encode(), "a.txt")
    assert document.text == "Informe anual\n\nLa Comisión aprobó el informe."
    assert document.warnings == ["1 control characters or invalid code points were removed"]
    warnings = []
    text, _ = assemble([RawBlock("paragraph", "Le rapport\ud800 annuel\x00.")], warnings.append)
    assert text == "Le rapport annuel."
    assert warnings == ["2 control characters or invalid code points were removed"]


def test_a_file_with_mixed_encodings_is_read_with_a_warning():
    data = "Relatório anual da Comissão.\n".encode() + "Ação da Secretaria.\n".encode("cp1252")
    document = read_bytes(data, "mixed.txt")
    assert document.text == "Relatório anual da Comissão.\n\nAção da Secretaria."
    assert document.warnings == [
        "mixed text encodings: 1 of 3 lines are not UTF-8 and were read as cp1252"
    ]


def test_a_file_in_a_legacy_encoding_says_which_one_was_detected():
    data = "Le Secrétariat général a présenté le rapport sur les États membres.".encode("cp1252")
    document = read_bytes(data, "legacy.txt")
    assert "Secrétariat général" in document.text
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("the file is not UTF-8; it was read as ")


def test_a_utf8_file_has_no_warnings():
    assert read_bytes("Acción y gestión.".encode(), "ok.txt").warnings == []

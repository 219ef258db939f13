import pytest

from followup.read import ReadError, read_bytes, read_path
from tests.files import make_docx, make_encrypted_pdf, make_pdf


def test_html_keeps_headings_paragraphs_and_nested_lists():
    html = b"""<html><head><title>Report</title><style>p{}</style></head><body>
    <nav>Menu</nav><h1>Actions by Pillar</h1><p>The <b>Secretariat</b> acted.</p>
    <ul><li>First action<ul><li>Detail</li></ul></li><li>Second action</li></ul>
    <script>var x = 1;</script></body></html>"""
    document = read_bytes(html, "page.html")
    assert document.title == "Report"
    assert [
        (b.kind, b.level, document.block_text(b)) for b in document.blocks if b.kind != "list"
    ] == [
        ("heading", 1, "Actions by Pillar"),
        ("paragraph", 0, "The Secretariat acted."),
        ("list_item", 0, "First action"),
        ("list_item", 1, "Detail"),
        ("list_item", 0, "Second action"),
    ]
    assert "Menu" not in document.text
    assert "var x" not in document.text


def test_docx_styles_give_headings_and_list_levels():
    data = make_docx(
        [
            ("Title", "Progress Report"),
            ("Heading 2", "Program 1"),
            ("Normal", "The Commission met."),
            ("List Bullet", "One action"),
            ("List Bullet 2", "A detail"),
        ]
    )
    document = read_bytes(data, "report.docx")
    assert [(b.kind, b.level) for b in document.blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
        ("list", 0),
        ("list_item", 0),
        ("list_item", 1),
    ]


def test_pdf_text_is_read_and_wrapped_lines_joined():
    document = read_bytes(
        make_pdf(
            ["ANNUAL REPORT", "The Commission held 12 sessions in 2023 and", "approved 40 reports."]
        ),
        "report.pdf",
    )
    assert [document.block_text(b) for b in document.blocks] == [
        "ANNUAL REPORT",
        "The Commission held 12 sessions in 2023 and approved 40 reports.",
    ]
    assert document.format == "pdf"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "empty"),
        (b"\x00\x01\x02\x03" * 400, "binary.txt", "binary"),
        (b"%PDF-1.4\nthis is not really a pdf", "corrupt.pdf", "corrupt"),
        (b"hello", "fake.pdf", "not a PDF"),
        (b"just text", "letter.docx", "not a zip"),
        (b"PK\x03\x04broken", "broken.docx", "not a"),
        (b"a,b\n1,2", "table.xyz", "unsupported file type .xyz"),
    ],
)
def test_bad_files_raise_a_read_error_with_the_reason(data, name, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, name)


def test_password_protected_pdf_is_refused():
    with pytest.raises(ReadError, match="password-protected"):
        read_bytes(make_encrypted_pdf(["secret text"]), "locked.pdf")


def test_missing_path_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_path(tmp_path / "missing.txt")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Commission approved its annual report on the situation of migrants.", "en"),
        ("La Comisión aprobó su informe anual sobre la situación de las personas migrantes.", "es"),
        ("A Comissão aprovou o seu relatório anual sobre a situação dos migrantes.", "pt"),
        ("La Commission a approuvé son rapport annuel sur la situation des migrants.", "fr"),
    ],
)
def test_language_is_detected_among_the_four(text, language):
    assert read_bytes(text.encode(), "t.txt").language == language

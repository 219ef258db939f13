"""Word documents: numbering from numbering.xml, notes, tracked changes, what is dropped."""

import io
import zipfile

from followup.read import read_bytes, read_path
from tests.read.layout_sources import FIXTURES

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>
  <w:pPr><w:ind w:left="720"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>
  <w:pPr><w:ind w:left="1440"/></w:pPr></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/>
  <w:pPr><w:ind w:left="2160"/></w:pPr></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/>
 <w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>
</w:numbering>"""

STYLES = f"""<w:styles {W}>
<w:style w:type="paragraph" w:styleId="Titulo1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Capitulo"><w:name w:val="Capítulo"/>
 <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Mandato"><w:name w:val="Mandato"/>
 <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def _p(runs: str, style: str = "", num: tuple[int, int] | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num:
        ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


BODY = "".join(
    [
        _p(_r("Informe sobre los mandatos"), "Titulo1"),
        _p(
            '<w:bookmarkStart w:id="0" w:name="_Hlk37276928"/>'
            + _r("La Secretaría presentó el informe")
            + '<w:r><w:footnoteReference w:id="2"/></w:r>'
            + _r(" en la sesión")
            + '<w:commentRangeStart w:id="0"/><w:ins w:id="1" w:author="A">'
            + _r(" ordinaria")
            + '</w:ins><w:del w:id="2" w:author="A"><w:r><w:delText> extraordinaria</w:delText>'
            + '</w:r></w:del><w:commentRangeEnd w:id="0"/>'
            + '<w:r><w:commentReference w:id="0"/></w:r>'
            + _r(" del Consejo (página ")
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _r("3")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _r(").")
            + '<w:bookmarkEnd w:id="0"/>'
        ),
        _p(_r("Mandatos"), "Capitulo"),
        _p(_r("Fortalecer la cooperación regional."), num=(1, 0)),
        _p(_r("Crear una red de laboratorios."), num=(1, 1)),
        _p(_r("Capacitar al personal técnico."), num=(1, 2)),
        _p(_r("Formar a los equipos locales."), num=(1, 1)),
        _p(_r("Promover la participación de la sociedad civil."), "Mandato"),
        _p(_r("Informar cada dos años."), num=(3, 0)),
        _p(_r("Once Estados aprobaron planes."), num=(2, 0)),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Región</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Informes</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>Caribe</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>6</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        _p(_r("Sin numeración."), num=(0, 0)),
    ]
)
FOOTNOTES = f"""<w:footnotes {W}>
<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Véase la resolución del Consejo.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def make_word(**parts: str) -> bytes:
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "word/document.xml": f"<w:document {W}><w:body>{BODY}</w:body></w:document>",
        "word/numbering.xml": NUMBERING,
        "word/styles.xml": STYLES,
        "word/footnotes.xml": FOOTNOTES,
        "word/comments.xml": f'<w:comments {W}><w:comment w:id="0"><w:p>{_r("Revisar esta frase.")}</w:p></w:comment></w:comments>',
        "word/header1.xml": f"<w:hdr {W}>{_p(_r('Organización de los Estados Americanos'))}</w:hdr>",
        "word/footer1.xml": f"<w:ftr {W}>{_p(_r('Página 1 de 2'))}</w:ftr>",
        **parts,
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return out.getvalue()


def test_a_word_document_reads_as_its_reader_sees_it():
    document = read_bytes(make_word(), "informe.docx")
    assert [
        (b.kind, b.level, b.marker, document.block_text(b))
        for b in document.blocks
        if b.kind != "list"
    ] == [
        ("heading", 1, "", "Informe sobre los mandatos"),
        (
            "paragraph",
            0,
            "",
            "La Secretaría presentó el informe en la sesión ordinaria del Consejo (página 3).",
        ),
        ("heading", 2, "", "Mandatos"),
        ("list_item", 0, "1.", "Fortalecer la cooperación regional."),
        ("list_item", 1, "a)", "Crear una red de laboratorios."),
        ("list_item", 2, "(i)", "Capacitar al personal técnico."),
        ("list_item", 1, "b)", "Formar a los equipos locales."),
        ("list_item", 0, "2.", "Promover la participación de la sociedad civil."),
        ("list_item", 0, "4.", "Informar cada dos años."),
        ("list_item", 0, "•", "Once Estados aprobaron planes."),
        ("table", 0, "", "Región | Informes\nCaribe | 6"),
        ("paragraph", 0, "", "Sin numeración."),
        ("footnote", 0, "1", "Véase la resolución del Consejo."),
    ]
    footnote = document.blocks_of("footnote")[0]
    assert document.block_text(document.blocks[footnote.parent]).startswith("La Secretaría")


def test_comments_headers_footers_bookmarks_and_field_codes_never_reach_the_text():
    text = read_bytes(make_word(), "informe.docx").text
    for dropped in (
        "Revisar",
        "Organización",
        "Página 1",
        "_Hlk",
        "bookmark",
        "PAGE",
        "MERGEFORMAT",
        "extraordinaria",
    ):
        assert dropped not in text


def test_numbering_restarts_where_a_new_list_overrides_its_start():
    document = read_path(FIXTURES / "fr-lo.docx")
    markers = [b.marker for b in document.blocks_of("list_item")]
    assert markers == ["1.", "a)", "b)", "2.", "3.", "•", "•", "1.", "2."]


def test_a_docx_without_numbering_or_notes_parts_still_reads():
    data = make_word(**{"word/numbering.xml": "", "word/footnotes.xml": ""})
    files = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {n: archive.read(n) for n in archive.namelist() if archive.read(n)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    document = read_bytes(out.getvalue(), "plain.docx")
    assert [b.marker for b in document.blocks_of("list_item")] == ["•"] * 7
    assert document.blocks_of("footnote") == []

"""Render the layout fixtures from their sources (run by hand; the outputs are committed).

    .venv/bin/python -m tests.read.make_fixtures

For each language: a flat ODT written here, converted by LibreOffice (``soffice --headless``)
to ``LANG-lo-1col.pdf``, ``LANG-lo-2col.pdf`` and ``LANG-lo.docx`` (running header and footer
with the page number, real footnotes, Word numbering); and ``LANG-mu-1col.pdf``,
``LANG-mu-2col.pdf`` laid out by PyMuPDF's Story (header, footer and page number drawn on
every page, footnotes set at the foot of the page that calls them). ``make scans`` follows:
``LANG-scan.pdf``, the LibreOffice one-column PDF rasterized by ``pdftoppm`` (no text layer).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from html import escape
from pathlib import Path

from tests.read.layout_sources import FIXTURES, HELD_OUT, LANGUAGES, Source, load_source

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"'
)
_NOTE = "[^"


def _inline(text: str, source: Source) -> str:
    out, rest = "", text
    while _NOTE in rest:
        before, after = rest.split(_NOTE, 1)
        key, rest = after.split("]", 1)
        out += escape(before) + (
            f'<text:note text:id="ftn{key}" text:note-class="footnote">'
            f"<text:note-citation>{key}</text:note-citation><text:note-body>"
            f'<text:p text:style-name="Footnote">{escape(source.notes[key])}</text:p>'
            "</text:note-body></text:note>"
        )
    return out + escape(rest)


def fodt(source: Source, columns: int) -> str:
    body: list[str] = []
    blocks = source.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            body.append(
                f'<text:h text:style-name="Heading_20_{block.level}" '
                f'text:outline-level="{block.level}">{_inline(block.text, source)}</text:h>'
            )
        elif block.kind == "paragraph":
            body.append(
                f'<text:p text:style-name="Text_20_body">{_inline(block.text, source)}</text:p>'
            )
        elif block.kind == "table":
            rows = [r.split(" | ") for r in block.text.split("\n")]
            cells = "".join(
                "<table:table-row>"
                + "".join(
                    f'<table:table-cell table:style-name="Cell" office:value-type="string">'
                    f"<text:p>{escape(c)}</text:p></table:table-cell>"
                    for c in row
                )
                + "</table:table-row>"
                for row in rows
            )
            body.append(
                f'<table:table table:name="T{i}" table:style-name="Table">'
                f'<table:table-column table:number-columns-repeated="{len(rows[0])}"/>'
                f"{cells}</table:table>"
            )
        else:  # a run of list items, nested by level
            style = "Numbers" if block.marker != "•" else "Bullets"
            run = []
            while i < len(blocks) and blocks[i].kind == "list_item":
                run.append(blocks[i])
                i += 1
            body.append(
                f'<text:list text:style-name="{style}">{_list_xml(run, 0, source)}</text:list>'
            )
            continue
        i += 1
    return _FODT.format(
        ns=_NS,
        columns=columns,
        header=escape(source.header),
        footer=escape(source.footer),
        page={"en": "Page", "es": "Página", "pt": "Página", "fr": "Page"}[source.language],
        body="\n".join(body),
    )


def _list_xml(items, level, source) -> str:
    out = ""
    i = 0
    while i < len(items):
        item = items[i]
        nested = []
        j = i + 1
        while j < len(items) and items[j].level > level:
            nested.append(items[j])
            j += 1
        inner = f"<text:list>{_list_xml(nested, level + 1, source)}</text:list>" if nested else ""
        out += (
            f'<text:list-item><text:p text:style-name="List">{_inline(item.text, source)}</text:p>'
            f"{inner}</text:list-item>"
        )
        i = j
    return out


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns}>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="Liberation Serif" fo:font-family="'Liberation Serif'" fo:font-size="11pt"/></style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.25cm" fo:text-align="justify"/></style:style>
 <style:style style:name="List" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="0.1cm"/></style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"><style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.3cm"/><style:text-properties fo:font-size="17pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"><style:paragraph-properties fo:margin-top="0.35cm" fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="13.5pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Footnote" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
 <style:style style:name="Header" style:family="paragraph"><style:text-properties fo:font-size="9pt"/></style:style>
 <text:list-style style:name="Numbers">
  <text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm" fo:text-indent="-0.6cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-number>
  <text:list-level-style-number text:level="2" style:num-suffix=")" style:num-format="a"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="1.6cm" fo:text-indent="-0.6cm" fo:margin-left="1.6cm"/></style:list-level-properties></text:list-level-style-number>
 </text:list-style>
 <text:list-style style:name="Bullets">
  <text:list-level-style-bullet text:level="1" text:bullet-char="•"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" text:list-tab-stop-position="0.8cm" fo:text-indent="-0.6cm" fo:margin-left="0.8cm"/></style:list-level-properties></text:list-level-style-bullet>
 </text:list-style>
 <text:notes-configuration text:note-class="footnote" style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
</office:styles>
<office:automatic-styles>
 <style:style style:name="Table" style:family="table"><style:table-properties table:align="margins" style:may-break-between-rows="false"/></style:style>
 <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm"><style:columns fo:column-count="{columns}" fo:column-gap="0.8cm"/></style:page-layout-properties>
  <style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.4cm"/></style:footer-style>
 </style:page-layout>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{header}</text:p></style:header>
  <style:footer><text:p text:style-name="Header">{footer} · {page} <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body>
</office:document>
"""


def libreoffice(source: Source, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for columns in (1, 2):
            path = Path(tmp) / f"{name}-lo-{columns}col.fodt"
            path.write_text(fodt(source, columns))
            _soffice(path, "pdf")
            if columns == 1:
                _soffice(path, "docx")
                (Path(tmp) / f"{path.stem}.docx").rename(FIXTURES / f"{name}-lo.docx")
            (Path(tmp) / f"{path.stem}.pdf").rename(FIXTURES / f"{path.stem}.pdf")


def _soffice(path: Path, target: str) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(path.parent), str(path)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def scan(language: str) -> None:
    """The LibreOffice PDF as page images in a PDF without text (what a scanner gives)."""
    import pymupdf

    with tempfile.TemporaryDirectory() as tmp:
        pdf = FIXTURES / f"{language}-lo-1col.pdf"
        subprocess.run(["pdftoppm", "-r", "200", "-mono", "-png", str(pdf), f"{tmp}/p"], check=True)
        out = pymupdf.open()
        for image in sorted(Path(tmp).glob("p-*.png")):
            page = out.new_page(width=419.5, height=595.3)
            page.insert_image(page.rect, filename=str(image))
        out.save(FIXTURES / f"{language}-scan.pdf", deflate=True, garbage=3)


def broken() -> None:
    """Hostile files a reader must refuse with the reason (kept as ingest-file keeps its own)."""
    import zipfile

    folder = FIXTURES / "broken"
    folder.mkdir(exist_ok=True)
    (folder / "nested.html").write_text(
        "<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>"
    )
    docx = (FIXTURES / "en-lo.docx").read_bytes()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
            for i in range(1, 10)
        )
        + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
    for name, replace in (("laughs.docx", laughs.encode()), ("bomb.docx", None)):
        out = io.BytesIO()
        with (
            zipfile.ZipFile(io.BytesIO(docx)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
        ):
            for item in source.infolist():
                data = source.read(item)
                if item.filename == "word/document.xml" and replace is not None:
                    data = replace
                target.writestr(item.filename, data)
            if replace is None:  # 50 MB of zeros inflating from 50 kB
                with target.open("word/media/padding.bin", "w", force_zip64=True) as member:
                    for _ in range(50):
                        member.write(bytes(1024 * 1024))
        (folder / name).write_bytes(out.getvalue())
    (folder / "many-pages.pdf").write_bytes(_many_pages_pdf(10_000))


def _many_pages_pdf(pages: int) -> bytes:
    """A page tree that names one page object ``pages`` times (a few kB for any count)."""
    per_node = 100
    nodes = pages // per_node
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join([b"4 0 R"] * nodes), pages),
        b"<< /Type /Page /Parent 4 0 R /MediaBox [0 0 200 200] >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [%s] /Count %d >>"
        % (b" ".join([b"3 0 R"] * per_node), per_node),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


if __name__ == "__main__":
    from tests.read.story import story_pdf

    for name in LANGUAGES + HELD_OUT:
        source = load_source(name)
        libreoffice(source, name)
        for columns in (1, 2):
            (FIXTURES / f"{name}-mu-{columns}col.pdf").write_bytes(story_pdf(source, columns))
        if name in LANGUAGES:
            scan(name)
    broken()

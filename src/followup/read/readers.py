"""One reader per file format. Each turns bytes into raw blocks and a title, or raises ReadError."""

from __future__ import annotations

import io
import zipfile
from typing import ClassVar

from .document import RawBlock
from .errors import ReadError
from .plain import parse_plain
from .text import clean_inline, collapse, decode


class Reader:
    EXTENSIONS: tuple[str, ...] = ()
    format = ""

    def read(self, data: bytes) -> tuple[list[RawBlock], str]:
        """Return the raw blocks and the title the file declares itself ('' if none)."""
        raise NotImplementedError


class TextReader(Reader):
    EXTENSIONS = (".txt", ".text")
    format = "txt"

    def read(self, data):
        return parse_plain(decode(data)), ""


class MarkdownReader(Reader):
    EXTENSIONS = (".md", ".markdown")
    format = "md"

    def read(self, data):
        return parse_plain(decode(data), markdown=True), ""


class HtmlReader(Reader):
    EXTENSIONS = (".html", ".htm", ".xhtml")
    format = "html"
    _SKIP = frozenset(
        {"script", "style", "noscript", "template", "nav", "head", "svg", "form", "button"}
    )
    _HEADINGS: ClassVar[dict[str, int]] = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
    _BLOCKS = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "blockquote",
            "pre",
            "tr",
            "dd",
            "dt",
            "figcaption",
            "caption",
            "address",
            "main",
            "header",
            "footer",
            "aside",
            "table",
        }
    )

    def read(self, data):
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(clean_inline(decode(data)))
        title_node = tree.css_first("title")
        title = collapse(title_node.text()) if title_node else ""
        blocks: list[RawBlock] = []
        if tree.body is not None:
            self._walk(tree.body, blocks, [], depth=0)
        return blocks, title

    def _walk(self, node, blocks, inline, depth):
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                inline.append(child.text(deep=False))
            elif tag in self._SKIP or tag.startswith("#"):
                continue
            elif tag == "br":
                inline.append(" ")
            elif tag in self._HEADINGS:
                self._flush(blocks, inline)
                blocks.append(RawBlock("heading", child.text(separator=" "), self._HEADINGS[tag]))
            elif tag in ("ul", "ol"):
                self._flush(blocks, inline)
                self._walk_list(child, blocks, depth + 1, ordered=tag == "ol")
            elif tag in self._BLOCKS or tag == "td" or tag == "th":
                if tag in ("td", "th"):
                    inline.append(" ")
                    self._walk(child, blocks, inline, depth)
                    continue
                self._flush(blocks, inline)
                self._walk(child, blocks, inline, depth)
                self._flush(blocks, inline)
            else:
                self._walk(child, blocks, inline, depth)

    def _walk_list(self, list_node, blocks, depth, ordered):
        number = 0
        for item in list_node.iter(include_text=False):
            if item.tag != "li":
                continue
            number += 1
            marker = f"{number}." if ordered else "•"
            inline: list[str] = []
            emitted = False
            # Inside an item everything but a nested list is the item's own text.
            for child in item.iter(include_text=True):
                if child.tag in ("ul", "ol"):
                    if not emitted:
                        blocks.append(RawBlock("list_item", "".join(inline), depth, marker))
                        emitted = True
                    self._walk_list(child, blocks, depth + 1, ordered=child.tag == "ol")
                elif child.tag not in self._SKIP:
                    inline.append(" " + child.text(deep=True, separator=" ") + " ")
            if not emitted:
                blocks.append(RawBlock("list_item", "".join(inline), depth, marker))

    @staticmethod
    def _flush(blocks, inline):
        content = collapse("".join(inline))
        inline.clear()
        if content:
            blocks.append(RawBlock("paragraph", content))


class DocxReader(Reader):
    EXTENSIONS = (".docx",)
    format = "docx"

    def read(self, data):
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ReadError("not a valid .docx file (it is not a zip archive)")
        try:
            document = docx.Document(io.BytesIO(data))
        except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as err:
            raise ReadError(f"not a valid .docx file ({err})") from err
        blocks = [block for p in document.paragraphs if (block := self._block(p))]
        for table in document.tables:
            for row in table.rows:
                cells = [collapse(cell.text) for cell in row.cells]
                blocks.append(RawBlock("paragraph", " | ".join(c for c in cells if c)))
        return blocks, collapse(document.core_properties.title or "")

    @staticmethod
    def _block(paragraph) -> RawBlock | None:
        text = clean_inline(paragraph.text)
        if not text.strip():
            return None
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if style == "Title":
            return RawBlock("heading", text, 1)
        if style.startswith("Heading"):
            level = style.removeprefix("Heading").strip()
            return RawBlock("heading", text, int(level) if level.isdigit() else 1)
        numbering = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if numbering is not None and numbering.ilvl is not None:
            return RawBlock("list_item", text, int(numbering.ilvl.val), "•")
        if style.startswith("List"):  # "List Bullet 2" is the second level
            last = style.split()[-1]
            return RawBlock("list_item", text, int(last) - 1 if last.isdigit() else 0, "•")
        return RawBlock("paragraph", text)


class PdfReader(Reader):
    EXTENSIONS = (".pdf",)
    format = "pdf"

    def read(self, data):
        import pypdfium2 as pdfium

        if not data.lstrip().startswith(b"%PDF"):
            raise ReadError("not a PDF file (no %PDF header)")
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as err:
            raise ReadError(_pdf_reason(err)) from err
        try:
            pages = [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
            title = collapse(pdf.get_metadata_dict().get("Title", "") or "")
        except pdfium.PdfiumError as err:
            raise ReadError(f"the PDF is damaged ({err})") from err
        finally:
            pdf.close()
        text = "\n\n".join(pages)
        if not text.strip():
            raise ReadError("the PDF has no text layer (a scan needs OCR first)")
        return parse_plain(text, wrapped=True), title


def _pdf_reason(err: Exception) -> str:
    message = str(err)
    if "password" in message.lower():
        return "the PDF is password-protected"
    return f"the PDF is corrupt or unreadable ({message})"


READERS: tuple[Reader, ...] = (
    TextReader(),
    MarkdownReader(),
    HtmlReader(),
    DocxReader(),
    PdfReader(),
)
SUPPORTED_EXTENSIONS = tuple(ext for reader in READERS for ext in reader.EXTENSIONS)


def reader_for(file_name: str) -> Reader:
    lowered = file_name.lower()
    for reader in READERS:
        if lowered.endswith(reader.EXTENSIONS):
            return reader
    suffix = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else "(none)"
    raise ReadError(f"unsupported file type {suffix}; supported: {', '.join(SUPPORTED_EXTENSIONS)}")

"""PDF: positioned text from PyMuPDF, one page at a time, rebuilt into blocks by ``layout``.

A page without a text layer (a scan) is read by OCR when Tesseract is installed.
"""

from __future__ import annotations

import re

from .document import RawBlock
from .errors import ReadError
from .layout import Line, Page, blocks_from_pages
from .text import clean_inline, collapse

_SUPERSCRIPT = 1  # PyMuPDF span flag
_BOLD = 16
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")  # symbol-font bullets
_MIN_TEXT_CHARS = 16  # fewer characters than this on a page with an image: a scan


class PdfReader:
    EXTENSIONS = (".pdf",)
    format = "pdf"

    def read(self, data, context):
        import pymupdf

        pymupdf._recommend_layout = False  # else find_tables prints an advert on stdout

        if not data.lstrip().startswith(b"%PDF"):
            raise ReadError("not a PDF file (no %PDF header)")
        try:
            pdf = pymupdf.open(stream=data, filetype="pdf")
        except (pymupdf.FileDataError, RuntimeError, ValueError) as err:
            raise ReadError(f"the PDF is corrupt or unreadable ({err})") from err
        try:
            if pdf.needs_pass:
                raise ReadError("the PDF is password-protected")
            limit = context.limits.max_pdf_pages
            if pdf.page_count > limit:
                raise ReadError(f"the PDF has {pdf.page_count:,} pages (more than {limit:,})")
            if pdf.page_count == 0:
                raise ReadError("the PDF is corrupt or unreadable (it has no pages)")
            pages = list(self._pages(pdf, context))
            title = collapse((pdf.metadata or {}).get("title", "") or "")
        except RuntimeError as err:
            raise ReadError(f"the PDF is damaged ({err})") from err
        finally:
            pdf.close()
        blocks = blocks_from_pages(pages)
        if not blocks:
            reason = next((w for w in context.warnings if "no text layer" in w), "")
            raise ReadError(f"the PDF has no text ({reason})" if reason else "the PDF has no text")
        return blocks, title

    def _pages(self, pdf, context):
        from .ocr import PageOcr

        ocr = PageOcr(context)
        for number in range(pdf.page_count):
            page = pdf.load_page(number)  # one page object alive at a time
            lines = page_lines(page)
            if sum(len(line.text) for line in lines) < _MIN_TEXT_CHARS and page.get_images():
                lines = ocr.page_lines(page, number) or lines
            yield Page(number, page.rect.width, page.rect.height, lines)
            del page
        ocr.finish()


def page_lines(page) -> list[Line]:
    """The page's visual lines; each table found on it stands as one line holding its rows."""
    tables = _tables(page)
    lines: list[Line] = []
    middle = page.rect.width / 2
    for block in page.get_text("dict")["blocks"]:
        block_lines = []
        for raw_line in block.get("lines", []):
            line = _line(raw_line, page.number)
            if line is None or any(_inside(line, box) for box, _ in tables):
                continue
            block_lines.append(line)
        # Within one of PyMuPDF's blocks, pieces on one baseline are one line, however
        # wide a justified word space is.
        lines.extend(_merge_fragments(block_lines, middle, max_gap=page.rect.width))
    lines = _merge_fragments(lines, middle)
    for box, rows in tables:
        lines.append(Line(*box, size=0, bold=False, text="", page=page.number, table=rows))
    return lines


def _tables(page):
    """Ruled tables, each cell's text read from its box (words keep their spaces)."""
    try:
        found = page.find_tables()
    except (RuntimeError, ValueError):
        return []
    tables = []
    for table in found.tables:
        rows = [
            [collapse(page.get_text("text", clip=cell)) if cell else "" for cell in row.cells]
            for row in table.rows
        ]
        if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
            tables.append((tuple(table.bbox), rows))
    return tables


def _inside(line: Line, box) -> bool:
    x0, y0, x1, y1 = box
    middle_x, middle_y = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
    return x0 <= middle_x <= x1 and y0 <= middle_y <= y1


def _line(raw_line, page_number: int) -> Line | None:
    spans = raw_line["spans"]
    if not any(s["text"].strip() for s in spans):
        return None
    body_size = max(s["size"] for s in spans if s["text"].strip())
    text_parts: list[str] = []
    calls: list[str] = []
    for position, span in enumerate(spans):
        text = span["text"]
        raised = span["flags"] & _SUPERSCRIPT or span["size"] < body_size * 0.75
        if raised and position > 0 and re.fullmatch(r"\s*(\d{1,3}|[*†‡])\s*", text):
            calls.append(text.strip())  # a note call: kept as a link, not as text
            continue
        if position and _gap_before(span, spans[position - 1]):
            text_parts.append(" ")
        text_parts.append(text)
    text = collapse(_PRIVATE_USE.sub("•", clean_inline("".join(text_parts))))
    if not text:
        return None
    x0, y0, x1, y1 = raw_line["bbox"]
    spans = [s for s in spans if s["text"].strip()]
    main = max(spans, key=lambda s: len(s["text"]))
    bold = bool(main["flags"] & _BOLD) or "bold" in main["font"].lower()
    return Line(x0, y0, x1, y1, round(main["size"], 1), bold, text, page_number, calls)


def _rows(lines: list[Line]) -> list[Line]:
    """Lines top to bottom, those sharing a baseline (a raised note call aside) left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: (ln.y0 + ln.y1) / 2):
        middle = (line.y0 + line.y1) / 2
        row = rows[-1] if rows else None
        if row and abs(middle - (row[0].y0 + row[0].y1) / 2) < row[0].height * 0.4:
            row.append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.x0)]


def _gap_before(span, previous) -> bool:
    """Words set apart by position rather than by a space character."""
    return span["bbox"][0] - previous["bbox"][2] > span["size"] * 0.15


def _merge_fragments(lines: list[Line], middle: float, max_gap: float = 0) -> list[Line]:
    """Pieces of one visual line (a number and its text after a tab, the words of a justified
    line set one by one) become one; a gap across the middle of the page wider than a word
    space is the gutter between two columns."""
    merged: list[Line] = []
    for line in _rows(lines):
        previous = merged[-1] if merged else None
        gap = line.x0 - previous.x1 if previous is not None else -1
        size = min(previous.size, line.size) if previous is not None else 0
        gutter = previous is not None and previous.x1 < middle < line.x0 and gap > size
        gutter = gutter and not max_gap
        if (
            previous is not None
            and not gutter
            and abs((previous.y0 + previous.y1) / 2 - (line.y0 + line.y1) / 2) < line.height * 0.4
            and 0 <= gap < (max_gap or size * 4)
        ):
            previous.x1 = line.x1
            previous.text = f"{previous.text} {line.text}"
            previous.calls.extend(line.calls)
            previous.size = max(previous.size, line.size) if len(line.text) > 3 else previous.size
            continue
        merged.append(line)
    return merged


__all__ = ["PdfReader", "RawBlock", "page_lines"]

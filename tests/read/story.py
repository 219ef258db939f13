"""The layout fixtures laid out by a PDF library (PyMuPDF's Story) instead of a word processor."""

from __future__ import annotations

import io
import re
from html import escape

from tests.read.layout_sources import Source

_WIDTH, _HEIGHT = 419.5, 595.3  # A5
_MARGIN, _TOP, _NOTES = 42.0, 60.0, 70.0  # the foot of each page is kept for footnotes
_GUTTER = 24.0
_CSS = """
body { font-family: serif; font-size: 11pt; }
h1 { font-size: 17pt; font-weight: bold; margin: 0 0 8pt 0; }
h2 { font-size: 13.5pt; font-weight: bold; margin: 10pt 0 5pt 0; }
p { margin: 0 0 7pt 0; text-align: justify; }
ol, ul { margin: 0 0 7pt 0; } li { margin: 0 0 2pt 0; }
table { border-collapse: collapse; margin: 0 0 7pt 0; }
td { border: 0.5pt solid black; padding: 2pt; }
"""


def _html(source: Source) -> str:
    def inline(text):
        return re.sub(r"\[\^(\d+)\]", r"<sup>\1</sup>", escape(text))

    out, blocks, i = [], source.blocks, 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "heading":
            out.append(f"<h{block.level}>{inline(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            out.append(f"<p>{inline(block.text)}</p>")
        elif block.kind == "table":
            rows = "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r.split(" | ")) + "</tr>"
                for r in block.text.split("\n")
            )
            out.append(f"<table>{rows}</table>")
        else:
            run = []
            while i < len(blocks) and blocks[i].kind == "list_item":
                run.append(blocks[i])
                i += 1
            out.append(_list(run, 0, inline))
            continue
        i += 1
    return "".join(out)


def _list(items, level, inline) -> str:
    letters = items[0].marker[:1].isalpha() and items[0].marker != "•"
    tag = "ul" if items[0].marker == "•" else "ol"
    kind = ' style="list-style-type: lower-alpha"' if letters else ""
    out, i = f"<{tag}{kind}>", 0
    while i < len(items):
        j = i + 1
        while j < len(items) and items[j].level > level:
            j += 1
        nested = _list(items[i + 1 : j], level + 1, inline) if j > i + 1 else ""
        out += f"<li>{inline(items[i].text)}{nested}</li>"
        i = j
    return out + f"</{tag}>"


def story_pdf(source: Source, columns: int) -> bytes:
    import pymupdf

    story = pymupdf.Story(html=_html(source), user_css=_CSS)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    width = (_WIDTH - 2 * _MARGIN - (columns - 1) * _GUTTER) / columns
    more = True
    while more:
        device = writer.begin_page(pymupdf.Rect(0, 0, _WIDTH, _HEIGHT))
        for column in range(columns):
            x0 = _MARGIN + column * (width + _GUTTER)
            more, _ = story.place(pymupdf.Rect(x0, _TOP, x0 + width, _HEIGHT - _NOTES))
            story.draw(device)
            if not more:
                break
        writer.end_page()
    writer.close()
    return _decorate(buffer.getvalue(), source)


def _decorate(pdf_bytes: bytes, source: Source) -> bytes:
    """Running header and footer with the page number, and each page's footnotes at its foot."""
    import pymupdf

    pdf = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    page_word = {"en": "Page", "es": "Página", "pt": "Página", "fr": "Page"}[source.language]
    for page in pdf:
        small = "font-family: sans-serif; font-size: 8.5pt;"
        page.insert_htmlbox(
            pymupdf.Rect(_MARGIN, 28, _WIDTH - _MARGIN, 44),
            f'<p style="{small}">{escape(source.header)}</p>',
        )
        page.insert_htmlbox(
            pymupdf.Rect(_MARGIN, _HEIGHT - 30, _WIDTH - _MARGIN, _HEIGHT - 14),
            f'<p style="{small}">{escape(source.footer)} · {page_word} {page.number + 1}</p>',
        )
        calls = _calls(page)
        if calls:
            notes = "".join(
                f'<p style="{small} margin: 0 0 2pt 0;">{key} {escape(source.notes[key])}</p>'
                for key in calls
                if key in source.notes
            )
            page.insert_htmlbox(
                pymupdf.Rect(_MARGIN, _HEIGHT - _NOTES + 4, _WIDTH - _MARGIN, _HEIGHT - 32), notes
            )
    out = pdf.tobytes(deflate=True, garbage=3)
    pdf.close()
    return out


def _calls(page) -> list[str]:
    calls = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                if span["flags"] & 1 and span["text"].strip().isdigit():
                    calls.append(span["text"].strip())
    return calls

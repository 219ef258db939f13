"""HTML: the page's main content through trafilatura, headings, lists and tables kept.

trafilatura drops navigation, cookie banners, contact boxes, "related links" and footers.
When it finds no main content (a short page, a bare fragment: it then returns at most one
lump of text) the whole body is walked instead, still without scripts, navigation or forms. Nesting is bounded before either parser
sees the page: a page nested deeper than ``max_nesting_depth`` is refused with the reason.
"""

from __future__ import annotations

import re

from .document import RawBlock
from .errors import ReadError
from .text import clean_inline, collapse, decode

_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
# Elements that never hold others, or whose end tag HTML lets one leave out: they do not nest.
_FLAT = {
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"p", b"li", b"td", b"th", b"tr", b"dt", b"dd", b"option",
}  # fmt: skip
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def nesting_depth(data: bytes, limit: int) -> int:
    """The deepest element nesting of the markup, counted up to ``limit + 1``."""
    depth = deepest = 0
    for match in _TAG.finditer(data):
        closing, name, self_closing = match.groups()
        if self_closing or name.lower() in _FLAT:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        deepest = max(deepest, depth)
        if deepest > limit:
            break
    return deepest


class HtmlReader:
    EXTENSIONS = (".html", ".htm", ".xhtml")
    format = "html"

    def read(self, data, context):
        limit = context.limits.max_nesting_depth
        if nesting_depth(data, limit) > limit:
            raise ReadError(f"the HTML is nested more than {limit} levels deep")
        html = clean_inline(decode(data, context.warn))
        blocks = main_content_blocks(html)
        if len(blocks) <= 1:  # no main content found: trafilatura's fallback is one lump
            walked = BodyWalker(limit).blocks(html)
            blocks = walked if len(walked) > len(blocks) else blocks
        return blocks, _title(html)


def _title(html: str) -> str:
    match = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if not match:
        return ""
    from lxml.html import fromstring

    return collapse(fromstring(f"<p>{match.group(1)}</p>").text_content())


def main_content_blocks(html: str) -> list[RawBlock]:
    """Blocks of trafilatura's main content ([] when it finds none)."""
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(
        html,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_links=False,
        include_images=False,
        deduplicate=False,
    )
    if not xml:
        return []
    main = etree.fromstring(xml.encode()).find("main")
    blocks: list[RawBlock] = []
    for element in main if main is not None else []:
        _xml_block(element, blocks)
    return blocks


def _xml_block(element, blocks: list[RawBlock]) -> None:
    if element.tag == "head":
        level = _HEADINGS.get(element.get("rend", ""), 2)
        blocks.append(RawBlock("heading", _text(element), level))
    elif element.tag == "list":
        _xml_list(element, blocks, depth=0)
    elif element.tag == "table":
        rows = [
            " | ".join(c for cell in row.iter("cell") if (c := _text(cell)))
            for row in element.iter("row")
        ]
        blocks.append(RawBlock("table", "\n".join(r for r in rows if r)))
    else:  # p, quote, code and anything trafilatura adds later
        blocks.append(RawBlock("paragraph", _text(element)))


def _xml_list(element, blocks: list[RawBlock], depth: int) -> None:
    ordered = element.get("rend") == "ol"
    for number, item in enumerate(element.iterchildren("item"), start=1):
        own = [item.text or ""]
        nested = []
        for child in item:
            if child.tag == "list":
                nested.append(child)
            else:
                own.append(_text(child))
            own.append(child.tail or "")
        blocks.append(RawBlock("list_item", " ".join(own), depth, f"{number}." if ordered else "•"))
        for child in nested:
            _xml_list(child, blocks, depth + 1)


def _text(element) -> str:
    return collapse(" ".join(element.itertext()))


class BodyWalker:
    """The whole body as blocks, for pages where no main content is found."""

    _SKIP = frozenset(
        {"script", "style", "noscript", "template", "nav", "head", "svg", "form", "button"}
    )
    _BLOCKS = frozenset({
        "p", "div", "section", "article", "blockquote", "pre", "tr", "dd", "dt", "figcaption",
        "caption", "address", "main", "header", "footer", "aside", "table",
    })  # fmt: skip

    def __init__(self, max_depth: int):
        self.max_depth = max_depth

    def blocks(self, html: str) -> list[RawBlock]:
        from selectolax.lexbor import LexborHTMLParser

        tree = LexborHTMLParser(html)
        blocks: list[RawBlock] = []
        if tree.body is not None:
            self._walk(tree.body, blocks, [], depth=0, nesting=0)
        self._flush(blocks, [])
        return blocks

    def _walk(self, node, blocks, inline, depth, nesting):
        if nesting > self.max_depth:
            raise ReadError(f"the HTML is nested more than {self.max_depth} levels deep")
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                inline.append(child.text(deep=False))
            elif tag in self._SKIP or tag.startswith("#"):
                continue
            elif tag == "br":
                inline.append(" ")
            elif tag in _HEADINGS:
                self._flush(blocks, inline)
                blocks.append(RawBlock("heading", child.text(separator=" "), _HEADINGS[tag]))
            elif tag in ("ul", "ol"):
                self._flush(blocks, inline)
                self._walk_list(child, blocks, depth + 1, ordered=tag == "ol")
            elif tag in ("td", "th"):
                inline.append(" ")
                self._walk(child, blocks, inline, depth, nesting + 1)
            elif tag in self._BLOCKS:
                self._flush(blocks, inline)
                self._walk(child, blocks, inline, depth, nesting + 1)
                self._flush(blocks, inline)
            else:
                self._walk(child, blocks, inline, depth, nesting + 1)

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

"""One reader per file format. Each turns bytes into raw blocks and a title, or raises ReadError."""

from __future__ import annotations

from .document import RawBlock, ReadContext
from .errors import ReadError
from .ocr import ImageReader
from .pdf import PdfReader
from .plain import parse_plain
from .text import decode
from .web import HtmlReader
from .word import DocxReader


class Reader:
    EXTENSIONS: tuple[str, ...] = ()
    format = ""

    def read(self, data: bytes, context: ReadContext) -> tuple[list[RawBlock], str]:
        """Return the raw blocks and the title the file declares itself ('' if none)."""
        raise NotImplementedError


class TextReader(Reader):
    EXTENSIONS = (".txt", ".text")
    format = "txt"

    def read(self, data, context):
        return parse_plain(decode(data, context.warn)), ""


class MarkdownReader(Reader):
    EXTENSIONS = (".md", ".markdown")
    format = "md"

    def read(self, data, context):
        return parse_plain(decode(data, context.warn), markdown=True), ""


READERS: tuple[Reader, ...] = (
    TextReader(),
    MarkdownReader(),
    HtmlReader(),
    DocxReader(),
    PdfReader(),
    ImageReader(),
)
SUPPORTED_EXTENSIONS = tuple(ext for reader in READERS for ext in reader.EXTENSIONS)


def reader_for(file_name: str) -> Reader:
    lowered = file_name.lower()
    for reader in READERS:
        if lowered.endswith(reader.EXTENSIONS):
            return reader
    suffix = "." + lowered.rsplit(".", 1)[-1] if "." in lowered else "(none)"
    raise ReadError(f"unsupported file type {suffix}; supported: {', '.join(SUPPORTED_EXTENSIONS)}")

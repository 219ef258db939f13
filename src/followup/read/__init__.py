"""read: bytes -> text with blocks (txt, md, html, pdf, docx), encoding repaired, language detected.

>>> from followup.read import read_bytes
>>> doc = read_bytes(b"REPORT\\n\\n- one\\n- two\\n", "report.txt")
>>> [b.kind for b in doc.blocks]
['heading', 'list', 'list_item', 'list_item']
"""

from __future__ import annotations

from pathlib import Path

from .assemble import assemble
from .config import ReadLimits
from .document import Block, RawBlock, ReadContext, ReadDocument
from .errors import ReadError
from .language import LANGUAGES, detect_language
from .readers import SUPPORTED_EXTENSIONS, reader_for
from .text import remove_unstorable

__all__ = [
    "LANGUAGES",
    "SUPPORTED_EXTENSIONS",
    "Block",
    "RawBlock",
    "ReadDocument",
    "ReadError",
    "ReadLimits",
    "detect_language",
    "read_bytes",
    "read_path",
]


def read_bytes(data: bytes, file_name: str, limits: ReadLimits | None = None) -> ReadDocument:
    """Read one file's bytes; any failure is a ReadError with the reason, never another error."""
    reader = reader_for(file_name)
    context = ReadContext(limits or ReadLimits())
    try:
        raw_blocks, declared_title = reader.read(data, context)
    except RecursionError as err:  # a last guard: the readers bound nesting before this
        raise ReadError("the file is nested too deeply to be read") from err
    except MemoryError as err:
        raise ReadError("the file needs more memory than reading allows") from err
    text, blocks = assemble(raw_blocks, context.warn)
    if not text.strip():
        raise ReadError("no text could be read from the file")
    language, _ = detect_language(text)
    title = remove_unstorable(declared_title)
    return ReadDocument(
        text=text,
        blocks=blocks,
        title=title or _title_from(text, blocks) or Path(file_name).stem,
        language=language,
        file_name=Path(file_name).name,
        format=reader.format,
        warnings=context.warnings,
        metadata=context.metadata,
    )


def read_path(path: str | Path, limits: ReadLimits | None = None) -> ReadDocument:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a directory (use --recursive)") from None
    except OSError as err:
        raise ReadError(f"cannot be opened ({err.strerror})") from err
    return read_bytes(data, path.name, limits)


def _title_from(text: str, blocks: list[Block]) -> str:
    """The first heading, else the start of the first block."""
    for block in blocks[:5]:
        if block.kind == "heading":
            return block.text_in(text)[:300]
    first = blocks[0].text_in(text) if blocks else ""
    return first[:120]

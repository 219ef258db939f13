"""Which line-end hyphens belong to the words (kept) and which break a word (removed)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_FILE = Path(__file__).parent / "data" / "hyphenation.yaml"


@lru_cache(maxsize=1)
def words_after_hyphen() -> frozenset[str]:
    """Every language's words that stand after a hyphen on their own (one set: the language
    of a PDF is only known once its text has been rebuilt)."""
    data = yaml.safe_load(_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{_FILE.name}: expected a mapping of language to words")
    words: set[str] = set()
    for language, entries in data.items():
        if not isinstance(entries, list) or not all(isinstance(w, str) for w in entries):
            raise ValueError(f"{_FILE.name}: {language}: expected a list of words")
        words.update(w.lower() for w in entries)
    return frozenset(words)

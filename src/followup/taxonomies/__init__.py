"""Taxonomies as data files: labels in EN/ES/PT/FR, descriptions, keyword lexicons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent
LANGUAGES = ("en", "es", "pt", "fr")


class TaxonomyError(ValueError):
    pass


@dataclass(frozen=True)
class Label:
    id: str
    labels: dict[str, str]
    description: str = ""
    keywords: tuple[str, ...] = ()
    parent: str = ""

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@lru_cache(maxsize=16)
def load_taxonomy(name: str, folder: Path = HERE) -> tuple[Label, ...]:
    path = folder / f"{name}.yaml"
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except FileNotFoundError:
        raise TaxonomyError(f"no taxonomy file {path.name}") from None
    except yaml.YAMLError as err:
        raise TaxonomyError(f"{path.name}: not valid YAML ({err})") from err
    labels = []
    for index, entry in enumerate(entries, start=1):
        where = f"{path.name}, entry {index}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise TaxonomyError(f"{where}: an id is required")
        names = entry.get("labels") or {}
        missing = [lang for lang in LANGUAGES if not names.get(lang)]
        if missing:
            raise TaxonomyError(f"{where} ({entry['id']}): no label in {', '.join(missing)}")
        labels.append(
            Label(
                id=str(entry["id"]),
                labels=dict(names),
                description=entry.get("description", ""),
                keywords=tuple(entry.get("keywords") or ()),
                parent=entry.get("parent", ""),
            )
        )
    ids = [label.id for label in labels]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise TaxonomyError(f"{path.name}: duplicate ids {sorted(duplicates)}")
    return tuple(labels)


@lru_cache(maxsize=16)
def keyword_patterns(name: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(label id, compiled pattern of its keywords) for each label of a taxonomy."""
    patterns = []
    for label in load_taxonomy(name):
        if not label.keywords:
            continue
        alternatives = sorted(
            (
                re.escape(k.rstrip("*")) + (r"\w*" if k.endswith("*") else "")
                for k in label.keywords
            ),
            key=len,
            reverse=True,
        )
        patterns.append(
            (label.id, re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w-])", re.I))
        )
    return tuple(patterns)


def keyword_labels(name: str, text: str) -> list[str]:
    """Ids of the labels whose keywords occur in ``text``, in taxonomy order."""
    return [label_id for label_id, pattern in keyword_patterns(name) if pattern.search(text)]

"""One validated loader for the petitions data files; errors name the file and the entry."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
LANGUAGES = ("en", "es", "pt", "fr")
REQUIREMENTS = ("seriousness", "urgency", "irreparable_harm")


class DataFileError(ValueError):
    """A data file is missing, not YAML, or has a bad entry; the message names file and entry."""


def read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path.name}: no such data file") from None
    except yaml.YAMLError as err:
        raise DataFileError(f"{path.name}: not valid YAML ({err})") from err


def labels_of(entry: dict, where: str) -> dict[str, str]:
    """The entry's text in each of the four languages; all four are required."""
    missing = [lang for lang in LANGUAGES if not str(entry.get(lang) or "").strip()]
    if missing:
        raise DataFileError(f"{where}: missing text in {', '.join(missing)}")
    return {lang: str(entry[lang]).strip() for lang in LANGUAGES}


@dataclass(frozen=True)
class Right:
    id: str
    instrument: str
    article: str
    labels: dict

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels["en"]


@lru_cache(maxsize=4)
def load_rights(path: Path = DATA / "rights.yaml") -> dict[str, Right]:
    entries = read_yaml(path)
    if not isinstance(entries, list):
        raise DataFileError(f"{path.name}: expected a list of articles")
    rights: dict[str, Right] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, entry {number}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise DataFileError(f"{where}: an article needs an id")
        where = f"{path.name}, {entry['id']}"
        if entry["id"] in rights:
            raise DataFileError(f"{where}: the id is repeated")
        if entry.get("instrument") not in ("ACHR", "ADRDM"):
            raise DataFileError(f"{where}: instrument must be ACHR or ADRDM")
        rights[entry["id"]] = Right(
            entry["id"], entry["instrument"], str(entry.get("article", "")), labels_of(entry, where)
        )
    return rights


@dataclass(frozen=True)
class Indicator:
    id: str
    requirement: str
    weight: float
    scale: int
    question: dict
    guidance: dict


@lru_cache(maxsize=4)
def load_indicators(path: Path = DATA / "indicators.yaml") -> tuple[Indicator, ...]:
    entries = read_yaml(path)
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"{path.name}: expected a list of indicators")
    indicators, seen = [], set()
    for number, entry in enumerate(entries, 1):
        where = f"{path.name}, entry {number}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise DataFileError(f"{where}: an indicator needs an id")
        where = f"{path.name}, {entry['id']}"
        if entry["id"] in seen:
            raise DataFileError(f"{where}: the id is repeated")
        seen.add(entry["id"])
        if entry.get("requirement") not in REQUIREMENTS:
            raise DataFileError(f"{where}: requirement must be one of {', '.join(REQUIREMENTS)}")
        weight, scale = entry.get("weight"), entry.get("scale")
        if not isinstance(weight, int | float) or weight <= 0:
            raise DataFileError(f"{where}: weight must be a positive number")
        if not isinstance(scale, int) or scale < 1:
            raise DataFileError(f"{where}: scale must be a whole number of at least 1")
        indicators.append(
            Indicator(
                entry["id"],
                entry["requirement"],
                float(weight),
                scale,
                labels_of(entry.get("question") or {}, f"{where}, question"),
                labels_of(entry.get("guidance") or {}, f"{where}, guidance"),
            )
        )
    for requirement in REQUIREMENTS:
        if not any(i.requirement == requirement for i in indicators):
            raise DataFileError(f"{path.name}: no indicator for {requirement}")
    return tuple(indicators)


@lru_cache(maxsize=8)
def load_cues(language: str, folder: Path = DATA / "urgency_cues") -> dict[str, tuple[str, ...]]:
    """The urgency cues of a language by category; unknown languages read the English cues."""
    path = folder / f"{language if language in LANGUAGES else 'en'}.yaml"
    entries = read_yaml(path)
    if not isinstance(entries, dict) or not entries:
        raise DataFileError(f"{path.name}: expected categories, each with a list of phrases")
    cues = {}
    for category, phrases in entries.items():
        if not isinstance(phrases, list) or not all(
            isinstance(p, str) and p.strip() for p in phrases
        ):
            raise DataFileError(f"{path.name}, {category}: expected a list of phrases")
        cues[str(category)] = tuple(p.strip() for p in phrases)
    return cues

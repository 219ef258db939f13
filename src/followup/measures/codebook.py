"""Codebooks as data: one YAML file per codebook version in ``codebooks/``, loaded and validated
here. Errors name the file and the entry."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

CODEBOOK_FOLDER = Path(__file__).parent / "codebooks"
LANGUAGES = ("en", "es", "pt", "fr")
KINDS = ("ordinal", "monetary", "count", "text")


class CodebookError(ValueError):
    """A codebook file that cannot be used; the message names the file and entry."""


def _pick(texts: dict[str, str], language: str) -> str:
    return texts.get((language or "en")[:2]) or texts.get("en", "")


@dataclass(frozen=True)
class Level:
    value: int
    meanings: dict[str, str]

    def meaning(self, language: str = "en") -> str:
        return _pick(self.meanings, language)


@dataclass(frozen=True)
class Indicator:
    code: str
    kind: str
    names: dict[str, str]
    descriptions: dict[str, str]
    levels: tuple[Level, ...] = ()
    flag_meanings: dict[int, dict[str, str]] = field(default_factory=dict)
    unit: str = ""
    differentiated: bool = False

    @property
    def has_flag(self) -> bool:
        return bool(self.flag_meanings)

    @property
    def maximum(self) -> int | None:
        return max((level.value for level in self.levels), default=None)

    def name(self, language: str = "en") -> str:
        return _pick(self.names, language)

    def description(self, language: str = "en") -> str:
        return _pick(self.descriptions, language)

    def level(self, value: float | None) -> Level | None:
        return next((lv for lv in self.levels if value is not None and lv.value == value), None)

    def flag_meaning(self, flag: int | None, language: str = "en") -> str:
        return _pick(self.flag_meanings.get(flag, {}), language) if flag is not None else ""

    def check_value(self, value: float | None, flag: int | None) -> str | None:
        """Why this value and flag cannot be recorded under the indicator, or None."""
        if value is None:
            return "a flag without a value" if flag is not None else None
        if self.kind == "ordinal" and self.level(value) is None:
            allowed = ", ".join(str(lv.value) for lv in self.levels)
            return f"value {value:g} is outside the scale of {self.code} ({allowed})"
        if self.kind in ("monetary", "count") and value < 0:
            return f"value {value:g} is negative"
        if flag is not None and flag not in self.flag_meanings:
            return (
                f"flag {flag} is not one of {self.code}'s flags"
                if self.has_flag
                else (f"{self.code} has no flag")
            )
        return None


@dataclass(frozen=True)
class Codebook:
    name: str
    version: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    source: str
    licence: str
    indicators: dict[str, Indicator]

    @property
    def key(self) -> str:
        return f"{self.name}-{self.version}"

    def title(self, language: str = "en") -> str:
        return _pick(self.titles, language)

    def indicator(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            raise CodebookError(f"{self.key}: no indicator {code}") from None


def _texts(entry: dict, key: str, where: str) -> dict[str, str]:
    texts = entry.get(key)
    if not isinstance(texts, dict):
        raise CodebookError(f"{where}: '{key}' must give en, es, pt and fr")
    missing = [lang for lang in LANGUAGES if not texts.get(lang)]
    if missing:
        raise CodebookError(f"{where}: '{key}' has no text in {', '.join(missing)}")
    return {lang: str(texts[lang]) for lang in LANGUAGES}


def _indicator(entry: object, where: str) -> Indicator:
    if not isinstance(entry, dict) or not entry.get("code"):
        raise CodebookError(f"{where}: a code is required")
    code = str(entry["code"])
    where = f"{where} ({code})"
    kind = entry.get("kind")
    if kind not in KINDS:
        raise CodebookError(f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    levels = []
    for number, level in enumerate(entry.get("levels") or [], start=1):
        if not isinstance(level, dict) or not isinstance(level.get("value"), int):
            raise CodebookError(f"{where}, level {number}: an integer value is required")
        levels.append(Level(level["value"], _texts(level, "meanings", f"{where}, level {number}")))
    if kind == "ordinal" and not levels:
        raise CodebookError(f"{where}: an ordinal indicator needs its levels")
    values = [level.value for level in levels]
    if len(set(values)) != len(values):
        raise CodebookError(f"{where}: a level value is repeated")
    flag_meanings = {}
    if entry.get("flag"):
        meanings = (entry["flag"] or {}).get("meanings") or {}
        if sorted(meanings) != [0, 1]:
            raise CodebookError(f"{where}: a flag gives the meanings of 0 and 1")
        flag_meanings = {f: _texts(meanings, f, f"{where}, flag") for f in (0, 1)}
    if kind == "monetary" and not entry.get("unit"):
        raise CodebookError(f"{where}: a monetary indicator needs its unit")
    return Indicator(
        code=code,
        kind=kind,
        names=_texts(entry, "names", where),
        descriptions=_texts(entry, "descriptions", where),
        levels=tuple(levels),
        flag_meanings=flag_meanings,
        unit=str(entry.get("unit") or ""),
        differentiated=bool(entry.get("differentiated")),
    )


def load_codebook(path: Path) -> Codebook:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CodebookError(f"{path.name}: not valid YAML ({err})") from err
    if not isinstance(data, dict):
        raise CodebookError(f"{path.name}: a codebook is a mapping")
    for key in ("codebook", "version", "indicators"):
        if not data.get(key):
            raise CodebookError(f"{path.name}: '{key}' is required")
    name, version = str(data["codebook"]), str(data["version"])
    if path.stem != f"{name}-{version}":
        raise CodebookError(f"{path.name}: the file must be named {name}-{version}.yaml")
    indicators: dict[str, Indicator] = {}
    for number, entry in enumerate(data["indicators"], start=1):
        indicator = _indicator(entry, f"{path.name}, indicator {number}")
        if indicator.code in indicators:
            raise CodebookError(f"{path.name}, indicator {number}: {indicator.code} is repeated")
        indicators[indicator.code] = indicator
    return Codebook(
        name=name,
        version=version,
        titles=_texts(data, "title", path.name),
        descriptions=_texts(data, "description", path.name),
        source=str(data.get("source") or ""),
        licence=str(data.get("licence") or ""),
        indicators=indicators,
    )


@lru_cache(maxsize=4)
def load_codebooks(folder: Path = CODEBOOK_FOLDER) -> dict[str, Codebook]:
    """Every version of every codebook, keyed ``name-version``."""
    books = [load_codebook(path) for path in sorted(folder.glob("*.yaml"))]
    return {book.key: book for book in books}


def latest(name: str, folder: Path = CODEBOOK_FOLDER) -> Codebook:
    """The newest version of a codebook (versions compare as text: use sortable ones)."""
    versions = [book for book in load_codebooks(folder).values() if book.name == name]
    if not versions:
        raise CodebookError(f"no codebook named {name}")
    return max(versions, key=lambda book: book.version)


def get_codebook(name: str, version: str, folder: Path = CODEBOOK_FOLDER) -> Codebook:
    try:
        return load_codebooks(folder)[f"{name}-{version}"]
    except KeyError:
        raise CodebookError(f"no codebook {name} version {version}") from None

"""Countries and bodies as data files, loaded into plain records (no database).

Loading validates in two passes, as followthemoney's model loader does: read every record,
then check references (a body's parent must exist). A bad file raises RegistryError naming
the file, the record and the reason.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent
COUNTRIES_FILE = HERE / "countries.csv"
BODIES_FILE = HERE / "bodies.yaml"
LANGUAGES = ("en", "es", "pt", "fr")
BODY_KINDS = (
    "organ",
    "secretariat",
    "department",
    "state",
    "international_organization",
    "civil_society",
)


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class CountryRecord:
    code: str
    iso3: str
    names: dict[str, str]
    oas_member: bool
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.names["en"]


@dataclass(frozen=True)
class BodyRecord:
    name: str
    kind: str
    acronym: str = ""
    parent: str = ""  # acronym or English name of the parent body
    names: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return self.acronym or self.name


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


@lru_cache(maxsize=4)
def load_countries(path: Path = COUNTRIES_FILE) -> tuple[CountryRecord, ...]:
    records = []
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code = (row.get("code") or "").strip()
            if len(code) != 2 or not code.isalpha() or not code.isupper():
                raise RegistryError(
                    f"{path.name}, line {line}: code {code!r} is not an ISO 3166 alpha-2 code"
                )
            names = {lang: (row.get(f"name_{lang}") or "").strip() for lang in LANGUAGES}
            missing = [lang for lang, name in names.items() if not name]
            if missing:
                raise RegistryError(
                    f"{path.name}, line {line}: {code} has no name in {', '.join(missing)}"
                )
            if row.get("oas_member") not in ("yes", "no"):
                raise RegistryError(f"{path.name}, line {line}: oas_member must be yes or no")
            records.append(
                CountryRecord(
                    code=code,
                    iso3=row["iso3"].strip(),
                    names=names,
                    oas_member=row["oas_member"] == "yes",
                    demonyms=_split(row.get("demonyms", "")),
                    aliases=_split(row.get("aliases", "")),
                )
            )
    return tuple(records)


@lru_cache(maxsize=4)
def load_bodies(path: Path = BODIES_FILE) -> tuple[BodyRecord, ...]:
    with open(path, encoding="utf-8") as handle:
        try:
            entries = yaml.safe_load(handle) or []
        except yaml.YAMLError as err:
            raise RegistryError(f"{path.name}: not valid YAML ({err})") from err
    records = [_body(entry, index, path) for index, entry in enumerate(entries, start=1)]
    keys = {r.key for r in records} | {r.name for r in records}
    for record in records:
        if record.parent and record.parent not in keys:
            raise RegistryError(f"{path.name}: {record.key} has unknown parent {record.parent!r}")
    return tuple(records)


def _body(entry: object, index: int, path: Path) -> BodyRecord:
    where = f"{path.name}, entry {index}"
    if not isinstance(entry, dict):
        raise RegistryError(f"{where}: expected a mapping")
    names = entry.get("names") or {}
    if not names.get("en"):
        raise RegistryError(f"{where}: names.en is required")
    unknown = set(names) - set(LANGUAGES)
    if unknown:
        raise RegistryError(f"{where}: names in unknown languages {sorted(unknown)}")
    kind = entry.get("kind")
    if kind not in BODY_KINDS:
        raise RegistryError(f"{where}: kind {kind!r} is not one of {', '.join(BODY_KINDS)}")
    return BodyRecord(
        name=names["en"],
        kind=kind,
        acronym=entry.get("acronym") or "",
        parent=entry.get("parent") or "",
        names=dict(names),
        aliases=tuple(entry.get("aliases") or ()),
    )

"""Bodies a document defines ("Full Name (ACRONYM)"), resolved acronyms, and parents.

The long form is found as Schwartz & Hearst (2003) do: walk back from the parenthesis,
matching the acronym's letters in order, the first letter at the start of a word. Spanish or
French acronyms of an English name ("DGPE/DEPM", "SACROI COVID-19") are tried part by part,
then fall back to the capitalized phrase before the parenthesis.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from followup.registries import load_bodies

from .lang import words_of_all

_ACRONYM = re.compile(
    r"\((?P<acronym>(?=[^)]*[A-Z][^)]*[A-Z])[A-Z][A-Za-z]*(?:[/&\-][A-Za-z]+)*(?:\s(?:COVID-19|[A-Z]{2,}))?)\)"
)
# Words that make a phrase the name of an organization (as opposed to a system, a plan, a fund...).
ORGANIZATION_HEADS = words_of_all("organization_heads")
# Spans we never take as the start of a long form.
_STOP_BEFORE = words_of_all("name_stop_words")
_LOWER_JOINERS = words_of_all("name_joiners")


@dataclass
class BodyMention:
    start: int  # of the long form
    end: int
    name: str
    acronym: str
    acronym_start: int
    is_organization: bool


@dataclass
class BodyIndex:
    """The bodies a document defines, plus the registry, for resolving acronyms and names."""

    defined: dict[str, BodyMention] = field(default_factory=dict)  # acronym -> first definition
    parents: dict[str, str] = field(default_factory=dict)  # acronym -> parent acronym

    def resolve(self, acronym: str) -> str | None:
        """The full name for an acronym: the document's definition, else the registry's."""
        if acronym in self.defined:
            return self.defined[acronym].name
        for part in acronym.split("/"):
            if part in self.defined:
                return self.defined[part].name
        return registry_names().get(acronym)

    def acronym_for(self, name: str) -> str | None:
        lowered = name.lower()
        for acronym, mention in self.defined.items():
            if mention.name.lower() == lowered:
                return acronym
        return registry_acronyms().get(lowered)

    def known_acronyms(self) -> set[str]:
        return set(self.defined) | set(registry_names())


@lru_cache(maxsize=1)
def registry_names() -> dict[str, str]:
    names = {}
    for body in load_bodies():
        for acronym in (body.acronym, *body.aliases):
            if acronym:
                names.setdefault(acronym, body.name)
    return names


@lru_cache(maxsize=1)
def registry_acronyms() -> dict[str, str]:
    acronyms = {}
    for body in load_bodies():
        if body.acronym:
            for name in body.names.values():
                acronyms.setdefault(name.lower(), body.acronym)
    return acronyms


def find_definitions(text: str) -> list[BodyMention]:
    mentions: list[BodyMention] = []
    for match in _ACRONYM.finditer(text):
        acronym = match.group("acronym")
        if "-" in acronym and acronym.split("-")[0] in {m.acronym for m in mentions}:
            continue  # "IIN-OAS" after "IIN": another spelling of a body already defined
        span = long_form(text, match.start(), acronym)
        if span is None:
            continue
        start, end = span
        name = text[start:end]
        # A registered body is an organization whatever its name's head ("... Fund (UNICEF)").
        known = acronym in registry_names()
        mentions.append(
            BodyMention(
                start, end, name, acronym, match.start("acronym"), known or is_organization(name)
            )
        )
    return mentions


_HARD_BOUNDARY = re.compile(r"[\n()\[\];:—–]|[.!?]\s|,\s(?=[a-z])(?!and\s|y\s|et\s|e\s)")
_ARTICLES = frozenset({"the", "la", "el", "los", "las", "le", "les", "l'"})
_TOKEN = re.compile(r"[^\s,]+")
_OF_THE = re.compile(r"\s(?P<joiner>of|for|de|do|da|du|para)(?:\sthe|\sla|\sl'|\sel|\sa)?\s")
_NO_SPLIT_AFTER = ("office", "oficina", "bureau", "escritório")


def long_form(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    """Span of the full name that ``(ACRONYM)`` at ``paren`` abbreviates, or None."""
    end = paren
    while end > 0 and text[end - 1] == " ":
        end -= 1
    floor = max(0, end - 250)
    boundaries = [m.end() for m in _HARD_BOUNDARY.finditer(text, floor, end)]
    window_start = boundaries[-1] if boundaries else floor
    letters = re.sub(r"s$", "", re.sub(r"\s.*$", "", acronym))
    suffix = acronym.split(" ", 1)[1] if " " in acronym else ""
    if suffix and text.rfind(suffix, window_start, end) > window_start:
        # "... Unit for the COVID-19 pandemic (SACROI COVID-19)": the name runs past its suffix.
        start = _capitalized_run(
            text, window_start, text.rfind(suffix, window_start, end) + len(suffix)
        )
        if start is not None:
            return start, end
    start = _capitalized_run(text, window_start, end)
    if start is not None:
        start = _split_of_the(text, start, end, letters)
        spelled = _spelled_out(text, window_start, end, letters)
        score = _initials_score(text[start:end], letters)
        if score >= 0.4 or spelled is None or _initials_score(text[spelled:end], letters) <= score:
            return start, end
        return spelled, end
    spelled = _spelled_out(text, window_start, end, letters)
    return (spelled, end) if spelled is not None else None


def _capitalized_run(text: str, window_start: int, end: int) -> int | None:  # noqa: C901 -- one branch per kind of token in a name
    """Start of the run of Capitalized words (joiners allowed inside) that ends at ``end``."""
    tokens = list(_TOKEN.finditer(text, window_start, end))
    start = None
    for token in reversed(tokens):
        word = token.group(0)
        if word[:1].isupper() or word[:1].isdigit():
            if start is not None and re.fullmatch(r"[A-Z/]{2,}[’']s", word):
                break  # "RIAC’s Group of Experts": the possessor is another body
            start = token.start()
        elif word.lower() in _ARTICLES and start is not None:
            # "Office of the Special ...": an article inside a name follows a joiner; after
            # anything else it starts the name ("Request the Inter-American Commission ...").
            before = [
                t.group(0).lower() for t in _TOKEN.finditer(text, window_start, token.start())
            ]
            if not before or before[-1] not in _LOWER_JOINERS:
                break
            continue
        elif word.lower() in _LOWER_JOINERS and start is not None:
            continue
        else:
            break
    if start is None:
        return None
    # Drop a leading article and a leading acronym ("The ...", "OAS Executive Secretariat").
    while True:
        first = _TOKEN.match(text, start)
        rest = _TOKEN.search(text, first.end(), end) if first else None
        if not first or not rest:
            return start
        word = first.group(0)
        if (
            word.lower() in _STOP_BEFORE
            or word.lower() in _LOWER_JOINERS
            or re.fullmatch(r"[A-Z/]{2,6}", word)
        ):
            start = rest.start()
        else:
            return start


def _split_of_the(text: str, start: int, end: int, letters: str) -> int:
    """'Executive Secretariat of the Inter-American Committee against Terrorism (CICTE)':
    the acronym names the second body unless its first letter spells the first."""
    name = text[start:end]
    for match in _OF_THE.finditer(name):
        head, tail = name[: match.start()], name[match.end() :]
        if not tail[:1].isupper() or head.lower().startswith(_NO_SPLIT_AFTER):
            continue
        if letters[:1].lower() == head[:1].lower():
            return start
        # "for the" joins a name to its subject ("Secretariat for the ..."), except after a
        # document's name ("Work Plan for the Technical Accompaniment Group (GAT)").
        if match.group("joiner") in ("for", "para") and is_organization(head):
            continue
        if is_organization(tail, strict=True):
            return start + match.end()
    return start


def _initials(name: str) -> str:
    return "".join(part[0] for part in re.findall(r"[^\W\d_]+", name)).lower()


def _initials_score(name: str, letters: str) -> float:
    """Share of the acronym's letters found, in order, among the name's initials."""
    initials, found = _initials(name), 0
    for letter in letters.lower():
        position = initials.find(letter)
        if position >= 0:
            found += 1
            initials = initials[position + 1 :]
    return found / max(1, len(letters))


def _spelled_out(text: str, window_start: int, end: int, letters: str) -> int | None:
    """Schwartz-Hearst: the start of the shortest span whose letters spell the acronym in order,
    the first letter at the start of a word ("national human rights institutions (NHRIs)")."""
    letters = [c.lower() for c in letters if c.isalnum()]
    if len(letters) < 2:
        return None
    index = end - 1
    for position in range(len(letters) - 1, -1, -1):
        letter = letters[position]
        while index >= window_start and (
            text[index].lower() != letter
            or (position == 0 and index > window_start and text[index - 1].isalnum())
        ):
            index -= 1
        if index < window_start:
            return None
        index -= 1
    start = index + 1
    if len(text[start:end].split()) > min(len(letters) + 5, len(letters) * 2):
        return None
    return start


STRONG_HEADS = words_of_all("strong_organization_heads")


def is_organization(name: str, *, strict: bool = False) -> bool:
    heads = STRONG_HEADS if strict else ORGANIZATION_HEADS
    words = {re.sub(r"[’']s$", "", w.lower()) for w in re.findall(r"[\w’']+", name)}
    return bool(words & heads) or bool({w[:-1] for w in words if w.endswith("s")} & heads)


def build_index(text: str, headings: list[tuple[int, int, int]] | None = None) -> BodyIndex:
    """Definitions in ``text``; parents from "X (XA) of the Y (YA)" and from enclosing headings.

    ``headings`` are (start, end, level) of the document's headings, in order.
    """
    index = BodyIndex()
    mentions = find_definitions(text)
    for mention in mentions:
        if mention.is_organization:  # "(ICTs)", "(SIMORE)" abbreviate things, not bodies
            index.defined.setdefault(mention.acronym, mention)
    for first, second in itertools.pairwise(mentions):
        between = text[first.acronym_start + len(first.acronym) + 1 : second.start]
        if re.fullmatch(
            r"\s*(?:of|in|within|under|de|del|de la|da|do|du)(?: the| la| el)?\s*", between
        ):
            index.parents.setdefault(first.acronym, second.acronym)
    for heading_body, unit in _units_under_headings(mentions, headings or []):
        if unit != heading_body:
            index.parents.setdefault(unit, heading_body)
    return index


_UNIT_WORDS = (
    "department",
    "office",
    "unit",
    "section",
    "division",
    "departamento",
    "oficina",
    "unidad",
    "sección",
    "bureau",
    "département",
)


def _units_under_headings(mentions: list[BodyMention], headings: list[tuple[int, int, int]]):
    """A department, office or unit defined in the text under a body's heading sits in that body."""
    for position, (start, end, _level) in enumerate(headings):
        owners = [m for m in mentions if start <= m.start < end and m.is_organization]
        if not owners:
            continue
        section_end = headings[position + 1][0] if position + 1 < len(headings) else None
        for mention in mentions:
            inside = mention.start >= end and (section_end is None or mention.start < section_end)
            if inside and mention.name.lower().startswith(_UNIT_WORDS):
                yield owners[0].acronym, mention.acronym

"""What a mandate or recommendation says about when and how it must be reported on.

``deadline``: a date ("before June 30, 2027", "a más tardar el 1 de marzo de 2027") or a named
session ("before the fifty-fifth regular session of the General Assembly", "en el próximo
período ordinario de sesiones"): ``{"date": "2027-06-30" | None, "session": "..." | None,
"text": "..."}``, the text as written from its cue.

``reporting``: to whom and how often ("report to the Permanent Council", "un informe anual a la
Asamblea General", "faire rapport au Conseil permanent tous les deux ans"): ``{"to": "..." |
None, "every_months": 12 | None, "text": "..."}``. A report cue counts only with an addressee
after it or a period beside it: "prepare a regional report on water" obliges no one to report.

Both are None when the text says nothing. The cues are data (``deadline_cues``,
``session_cues``, ``session_words``, ``reporting_cues``, ``reporting_to_words``,
``reporting_periods``, ``adjective_endings`` in the language files).
"""

from __future__ import annotations

import re

from .dates import find_dates
from .lang import LanguageRules

_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_CLAUSE_END = re.compile(r"[;:.!?]|,\s(?!\d)")
_WINDOW = 9  # tokens a session's name or a report's addressee may take after its cue
_YEAR_ONLY = re.compile(r"^\s*((?:19|20)\d{2})\b")


class _Tokens:
    def __init__(self, text: str):
        self.text = text
        self.spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        self.words = [text[s:e] for s, e in self.spans]
        self.lower = [w.lower() for w in self.words]


def deadline_of(text: str, rules: LanguageRules, year: int | None = None) -> dict | None:
    tokens = _Tokens(text)
    for name in ("deadline_cues", "session_cues"):
        for first, after in rules.phrases_in(tokens.lower, name):
            found = _deadline_after(
                tokens, first, after, rules, year, dates=name == "deadline_cues"
            )
            if found:
                return found
    return None


def _deadline_after(tokens, first, after, rules, year, *, dates: bool) -> dict | None:
    text = tokens.text
    start = tokens.spans[first][0]
    rest_start = tokens.spans[after - 1][1]
    rest = text[rest_start : rest_start + 160]
    if dates:
        mention = next(iter(find_dates(rest, year=year)), None)
        if mention and not rest[: mention.start].strip(" ,"):
            end = rest_start + mention.end
            return {"date": mention.date, "session": None, "text": text[start:end]}
        bare = _YEAR_ONLY.match(rest)
        if bare:
            end = rest_start + bare.end()
            return {"date": bare.group(1), "session": None, "text": text[start:end]}
    session = _session(tokens, after, rules)
    if session is None:
        return None
    name_start, name_end = session
    return {
        "date": None,
        "session": text[name_start:name_end],
        "text": text[start:name_end],
    }


def _session(tokens: _Tokens, at: int, rules: LanguageRules) -> tuple[int, int] | None:
    """'the fifty-fifth regular session of the General Assembly', 'su próximo período ordinario
    de sesiones': up to the last session word of the clause, then the body it belongs to."""
    if at >= len(tokens.words) or _breaks(tokens, at - 1, at):
        return None
    heads = _session_words(tokens, at, rules)
    if heads is None:
        return None
    first, last = heads
    determiners = rules.words("determiners")
    # What qualifies the session ("fifty-fifth regular", "next"): no name of a body, no
    # preposition ("by the General Secretariat at its session" names a body, not a session).
    content = [w for w in tokens.words[at : at + first] if w.lower() not in determiners]
    capitals = [_capitalized(w) for w in content]
    if any(w.lower() in rules.words("name_joiners") for w in content) or (
        any(capitals) and not all(capitals)
    ):
        return None
    head_end = at + last
    while head_end + 1 < len(tokens.words) and rules.ends_with(
        tokens.lower[head_end + 1], "adjective_endings"
    ):
        head_end += 1  # "session ordinaire"
    # The body whose session it is follows "of" ("of the General Assembly", "de la Asamblea").
    after = head_end + 1
    of_body = after < len(tokens.words) and tokens.lower[after] in rules.words("of_words")
    end = _name_end(tokens, after, rules) if of_body else None
    if not content and end is None:
        return None  # "at the meeting": which session is not said
    start = at + (1 if tokens.lower[at] in determiners and last > 0 else 0)
    end = head_end if end is None else end
    return tokens.spans[start][0], tokens.spans[end][1]


def _session_words(tokens: _Tokens, at: int, rules: LanguageRules) -> tuple[int, int] | None:
    """The offsets from ``at`` of the first and last session words of the clause, before any
    name ("período ... de sesiones" has two)."""
    first = last = None
    for offset, word in enumerate(tokens.lower[at : at + _WINDOW]):
        if offset and _breaks(tokens, at + offset - 1, at + offset):
            break
        if last is not None and _capitalized(tokens.words[at + offset]):
            break  # "... session of the General Assembly": the body follows
        if word in rules.words("session_words"):
            first = offset if first is None else first
            last = offset
    return None if last is None else (first, last)


def _elision(word: str) -> int:
    """The length of an elided article that opens a word ("l'" of "l'Assemblée")."""
    for mark in ("'", "’"):
        before, found, _ = word.partition(mark)
        if found and len(before) <= 2:
            return len(before) + 1
    return 0


def _capitalized(word: str) -> bool:
    """'Council', 'l'Assemblée', 'd'Haïti': capitalized, after an elided article."""
    return word.rpartition("'")[2].rpartition("’")[2][:1].isupper()


def _breaks(tokens: _Tokens, before: int, after: int) -> bool:
    """Whether a clause ends between two tokens."""
    if before < 0 or after >= len(tokens.spans):
        return True
    return bool(_CLAUSE_END.search(tokens.text[tokens.spans[before][1] : tokens.spans[after][0]]))


def _name_end(tokens: _Tokens, at: int, rules: LanguageRules) -> int | None:
    """The last token of 'of the General Assembly' / 'de la Asamblea General' after a head, or
    None when no capitalized name follows."""
    joiners = rules.words("name_joiners") | rules.words("determiners")
    position, end = at, None
    while position < len(tokens.words) and position < at + _WINDOW:
        if _breaks(tokens, position - 1, position):
            break
        word = tokens.words[position]
        # A capitalized word, or an adjective after one ("Conseil permanent").
        after_name = end is not None and rules.ends_with(word.lower(), "adjective_endings")
        if _capitalized(word) or after_name:
            end = position
        elif word.lower() not in joiners:
            break
        position += 1
    return end


def reporting_of(text: str, rules: LanguageRules) -> dict | None:
    tokens = _Tokens(text)
    for first, after in rules.phrases_in(tokens.lower, "reporting_cues"):
        addressee = _addressee(tokens, after, rules)
        nearby = tokens.lower[max(0, first - 3) : after + 4]
        months = rules.months_of(nearby)
        if addressee is None and months is None:
            continue
        end = tokens.spans[after - 1][1]
        to = None
        if addressee:
            to = text[addressee[0] : addressee[1]]
            end = max(end, addressee[1])
        period_end = _period_end(tokens, first, after, rules)
        if period_end:
            end = max(end, period_end)
        return {
            "to": to,
            "every_months": months if months is not None else rules.months_of(tokens.lower),
            "text": text[tokens.spans[first][0] : end],
        }
    return None


def _addressee(tokens: _Tokens, at: int, rules: LanguageRules) -> tuple[int, int] | None:
    """'to the Permanent Council', 'a la Asamblea General', 'au Conseil permanent': the name
    after a reporting word, within a few tokens of the cue."""
    for position in range(at, min(at + 5, len(tokens.words))):
        if _breaks(tokens, position - 1, position) and position > at:
            return None
        if tokens.lower[position] in rules.words("reporting_to_words"):
            name_at = position + 1
            while name_at < len(tokens.words) and tokens.lower[name_at] in rules.words(
                "determiners"
            ):
                name_at += 1
            if name_at < len(tokens.words) and _capitalized(tokens.words[name_at]):
                end = _name_end(tokens, name_at, rules)
                if end is not None:
                    return tokens.spans[name_at][0] + _elision(tokens.words[name_at]), tokens.spans[
                        end
                    ][1]
            return None
    return None


def _period_end(tokens: _Tokens, first: int, after: int, rules: LanguageRules) -> int | None:
    """The end of a period phrase right after the cue ("report annually", "informe anual")."""
    for start, end in rules.phrases_in(tokens.lower, "reporting_periods"):
        if after <= start <= after + 3:
            return tokens.spans[end - 1][1]
    return None


def add_obligations(items, rules_for_item, year: int | None) -> None:
    """Set ``deadline`` and ``reporting`` on every mandate and recommendation of ``items``;
    ``rules_for_item`` gives the vocabulary of an item's language."""
    for item in items:
        if item.kind in ("mandate", "recommendation"):
            rules = rules_for_item(item)
            item.fields["deadline"] = deadline_of(item.text, rules, year)
            item.fields["reporting"] = reporting_of(item.text, rules)

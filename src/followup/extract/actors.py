"""Who does or says what: the subject of a sentence (the agent of a passive one), else the last
subject named before it in its paragraph, else the subject of the item that introduces its list,
else the body the section's heading names, else the document's main body."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from .bodies import ORGANIZATION_HEADS, is_organization, registry_acronyms
from .context import DocumentContext
from .countries import find_countries
from .lang import words_of_all

# Sentence openers that are not the subject: skip to the first comma ("In 2020, the IACHR ...").
_OPENER = re.compile(
    r"^(?:in|on|at|with|through|via|within|during|as|building|pursuant|currently|also|likewise|"
    r"furthermore|moreover|additionally|following|after|before|since|for|between|under|thus|"
    r"finally|similarly|nevertheless|however|then|today|recently|more recently|based|given|"
    r"en|el(?=\s\d)|durante|con|mediante|tras|desde|además|asimismo|finalmente|em|com|après|avec|"
    r"depuis|pendant|dans|lors)\b.{0,160}?,\s(?!\d)",  # "On May 5, 2020, the ...": not the date's comma
    re.I,
)
_ARTICLE = re.compile(r"^(?:the|la|el|los|las|le|les|l'|os|as|o|a)\s", re.I)
_SUBJECT_WORD = re.compile(
    r"(?:[ld][’'])?[A-ZÁÉÍÓÚÑ][\w’'/.&-]*|of|for|on|and|the|de|del|la|y|para|sobre|contra|e|do|da|des|du|et|pour|"
    r"sur|in|against|to"
)
# Pronouns and generic subjects that stand for a body named before.
_ANAPHORA = re.compile(
    r"^(?:it|they|this|these|its|their|he|she|ella|él|ellos|elle|il|ils|elles|ele|eles|"
    r"(?:the|this|la|el|le) (?-i:[a-z][\w-]* )?(?:sector|sub-sector|department|secretariat|commission|"
    r"committee|office|unit|organization|program|programme|mechanism|network|platform|body|"
    r"institute|trust|foundation|group|section|rapporteurship|organ|comisión|secretaría)s?\b"
    r"(?!\s(?:of|for|on|against|de|del|pour|sur)\s|\s(?-i:[A-Z(])))",
    re.I,
)
# Words that make a capitalized subject an actor even when it names no known body (things a
# body creates -- a system, a platform, a community, a program -- are not actors).
_ACTOR_WORDS = (ORGANIZATION_HEADS - words_of_all("non_actor_heads")) | words_of_all("actor_words")


# A passive verb: "was established", "were also held", "fue creado", "a été lancée".
_PASSIVE_VERB = (
    r"(?:was|were|has been|have been|had been|is being|are being|will be|fue|fueron|ha sido|"
    r"han sido|será|serán|foi|foram|serão|a été|ont été|sera|seront)\s+(?:\w+\s+)?\w+(?:ed|en|ado|ada|ido|ida|é|ée)\b"
)
# What follows a subject that is acted upon: "(GIEI) for the Ayotzinapa case was revived",
# ", which ..., were held".
_PASSIVE = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:(?:for|of|on|in|de|del|para|sobre)\s[^,.;()]{0,60}?\s)?"
    rf"(?:,[^,]{{0,80}},\s*)?{_PASSIVE_VERB}",
    re.I,
)
# A clause that opens with what is acted upon: "Three new country-specific SACROIs were also
# established", "This mechanism was created".
_PASSIVE_CLAUSE = re.compile(rf"^[^,;:()]{{0,80}}?\s{_PASSIVE_VERB}", re.I)
_AGENT = re.compile(rf"{_PASSIVE_VERB}\s(?:\w+\s)?(?:by|por|pelo|pela|par)\s", re.I)


@dataclass(frozen=True)
class ActedUpon:
    """A passive subject ("the GIEI was established", "This mechanism was created"): the
    sentence says what was done, not who did it; the bodies it names are not the actor."""

    bodies: frozenset[str] = frozenset()
    agent: str | None = None  # "... was approved by the General Assembly"


# Words that may stand beside country names in a State acting: "the Government of Peru".
_STATE_WORDS = frozenset(
    [
        "state",
        "states",
        "government",
        "gobierno",
        "estado",
        "estados",
        "governo",
        "gouvernement",
        "état",
        "états",
        "republic",
        "república",
        "république",
        "of",
        "de",
        "del",
        "the",
        "and",
        "y",
        "e",
        "et",
        "la",
        "el",
        "le",
        "do",
        "da",
        "du",
    ]
)


def _names_states(phrase: str) -> bool:
    """Whether a phrase names only States: "Mexico and Colombia", "Estado de Honduras"."""
    mentions = find_countries(phrase)
    if not mentions:
        return False
    rest = phrase
    for start, end, _ in reversed(mentions):
        rest = rest[:start] + " " + rest[end:]
    words = {re.sub(r"^[ld][’']", "", w).lower() for w in rest.split()}
    return words - {""} <= _STATE_WORDS


_PARTNER_BEFORE = re.compile(
    r"\b(?:with|for|con|para|com|avec|pour)\s(?:the\s|la\s|el\s|a\s|o\s|le\s|les\s)?$", re.I
)


class Actors:
    def __init__(self, context: DocumentContext):
        self.context = context
        self._subjects: dict[int, str | ActedUpon | None] = {}
        self._writes_rare: dict[str, bool] = {}

    @cached_property
    def _acronym_pattern(self) -> re.Pattern | None:
        acronyms = [a for a in self.context.bodies.known_acronyms() if len(a) >= 2]
        if not acronyms:
            return None
        alternatives = "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True)))
        return re.compile(rf"(?<![\w/-])({alternatives})(?![\w-])")

    @cached_property
    def _name_pattern(self) -> re.Pattern | None:
        names = sorted(
            {m.name for m in self.context.bodies.defined.values()}, key=len, reverse=True
        )
        return re.compile("|".join(map(re.escape, names))) if names else None

    @cached_property
    def _short_names(self) -> dict[str, str]:
        """The first word of each defined body's name, when it is distinctive and no other
        body's name starts with it."""
        firsts: dict[str, list[str]] = {}
        for acronym, mention in self.context.bodies.defined.items():
            first = mention.name.split()[0]
            if (
                first[:1].isupper()
                and first.lower() not in _ACTOR_WORDS
                and "-" not in first
                and len(first) > 3
            ):
                firsts.setdefault(first, []).append(acronym)
        return {first: acronyms[0] for first, acronyms in firsts.items() if len(acronyms) == 1}

    @cached_property
    def _sentence_index(self) -> dict[int, int]:
        return {s.start: i for i, s in enumerate(self.context.sentences)}

    def bodies_in(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, acronym) of each body named in a span; a full name hides the acronyms
        inside it ("The OAS International Commission against Impunity (CICIES)" is CICIES)."""
        text = self.context.text
        found, covered_starts, reach = [], [], []  # reach: the furthest end covered so far
        if self._name_pattern:
            by_name = {m.name: a for a, m in self.context.bodies.defined.items()}
            for match in self._name_pattern.finditer(text, start, end):
                found.append((match.start(), by_name[match.group(0)]))
                covered_end = match.end() + len(by_name[match.group(0)]) + 3
                covered_starts.append(match.start())
                reach.append(max(covered_end, reach[-1] if reach else 0))
        if self._acronym_pattern:
            for match in self._acronym_pattern.finditer(text, start, end):
                # Covered when some name starting at or before it reaches past it.
                i = bisect_right(covered_starts, match.start()) - 1
                if i < 0 or reach[i] <= match.start():
                    found.append((match.start(), match.group(1)))
        found.sort()
        # "RIAC’s Group of Experts ... (GTECS)": the possessive only says whose unit it is.
        starts = {position for position, _ in found}
        return [
            (position, acronym)
            for position, acronym in found
            if not (
                text.startswith(("’s ", "'s "), position + len(acronym))
                and position + len(acronym) + 3 in starts
            )
        ]

    def _named_as_head(self, start: int, end: int) -> list[tuple[int, str]]:
        """The bodies of a name or heading that are not a partner or a beneficiary of another:
        "Mechanism ... (in Partnership with OHCHR)", "Seminar for CARICOM State agents"."""
        text = self.context.text
        return [
            (position, acronym)
            for position, acronym in self.bodies_in(start, end)
            if not _PARTNER_BEFORE.search(text, max(start, position - 30), position)
        ]

    @cached_property
    def main_actor(self) -> str | None:
        """The body a document is mostly about: the one it names most."""
        counts = Counter(a for _, a in self.bodies_in(0, len(self.context.text)))
        return counts.most_common(1)[0][0] if counts else None

    def section_actor(self, block_index: int) -> str | None:
        """The body named by the nearest heading above that names one, within the top-level
        section ("DEMOCRACY PILLAR") the block sits in."""
        for heading in self._headings_in_section(block_index):
            bodies = self._named_as_head(heading.start, heading.end)
            if bodies:
                return bodies[0][1]
            title = self.context.document.block_text(heading)
            if (
                is_organization(title)
                and len(title.split()) <= 8
                and not title.isupper()
                and ":" not in title
            ):
                return re.sub(r"^\d+[.)]\s*", "", title)
        return None

    def _headings_in_section(self, block_index: int):
        top = self.context.top_heading_level
        for heading in self.context.headings_before(block_index):
            yield heading
            if heading.level == top:
                return

    def subject(self, start: int, end: int) -> str | None:
        """The body a sentence names as its subject, or None (a pronoun, a passive, a noun)."""
        found = self._subject(start, end)
        return found if isinstance(found, str) else None

    def _subject(self, start: int, end: int) -> str | ActedUpon | None:
        """The subject may follow an opening phrase: "In 2020, the IACHR ...", "Despite the
        crisis, DECO ...", "Ports: The Secretariat of ... (S/CIP) ..."."""
        found = self._first_subject(start, end)
        if isinstance(found, ActedUpon):
            agent = _AGENT.search(self.context.text, start, end)
            return replace(found, agent=agent and self.body_at(agent.end(), end))
        return found

    def _first_subject(self, start: int, end: int) -> str | ActedUpon | None:
        text = self.context.text[start:end]
        acted_upon = None
        for position, offset in enumerate(self._subject_starts(text)):
            if _ANAPHORA.match(text[offset:]):
                return acted_upon or (ActedUpon() if _PASSIVE_CLAUSE.match(text[offset:]) else None)
            # After a later comma or colon, only a known body counts: a free capitalized
            # phrase there is more often a title ("...included: Post-COVID Prospects ...").
            found = self._subject_at(text, start, offset, known_only=position > 0)
            if isinstance(found, str):
                return found
            if position == 0 and not found:
                clause = _PASSIVE_CLAUSE.match(text[offset:])
                if clause:
                    bodies = self.bodies_in(start + offset, start + clause.end())
                    found = ActedUpon(frozenset(acronym for _, acronym in bodies))
            acted_upon = acted_upon or found
        return acted_upon

    def body_at(self, start: int, end: int) -> str | None:
        """The body whose name opens a span: a known body, or a capitalized name that ends in
        an organization word ("the Joint Mechanism")."""
        found = self._subject_at(self.context.text[start:end], start, 0)
        return found if isinstance(found, str) else None

    @staticmethod
    def _subject_starts(text: str) -> list[int]:
        """Where a subject may start: the sentence's start, then after each early comma, colon
        or dash (not a date's comma)."""
        starts = [0]
        opener = _OPENER.match(text)
        if opener:
            starts.insert(0, opener.end())
        starts += [m.end() for m in re.finditer(r"(?:[,:]|\s[–—])\s(?!\d)", text[:160])]
        return list(dict.fromkeys(starts))

    def _subject_at(  # noqa: C901 -- one rule per subject shape, in order
        self, text: str, start: int, offset: int, *, known_only: bool = False
    ) -> str | ActedUpon | None:
        article = _ARTICLE.match(text[offset:])
        subject_start = offset + (article.end() if article else 0)
        words = []
        for word in re.finditer(r"[^\s—–]+", text[subject_start:]):
            token = word.group(0).rstrip(",;:")
            if not _SUBJECT_WORD.fullmatch(token):
                break
            words.append(word)
            if token != word.group(0):
                break
        while words and not re.sub(r"^[ld][’']", "", words[-1].group(0))[:1].isupper():
            words.pop()
        if not words:
            return None
        phrase_end = subject_start + words[-1].end()
        # A sentence's full stop is not part of the name ("... of the Permanent Council.").
        phrase = re.sub(r"(?<=[a-z])\.$", "", text[subject_start:phrase_end].rstrip(",;:"))
        if _PASSIVE.match(text[phrase_end:]):
            bodies = self.bodies_in(start + subject_start, start + phrase_end)
            return ActedUpon(frozenset(acronym for _, acronym in bodies))
        if phrase.endswith(("’s", "'s")) and _PASSIVE_CLAUSE.match(text[subject_start:]):
            return ActedUpon()  # "IOM’s workforce has been mobilized": IOM's own doing
        first = words[0].group(0)
        if (len(words) == 1 and text[phrase_end:].startswith(" of ")) or (
            first.lower().endswith(("tion", "ment", "sion", "ance", "ence"))
            and text[subject_start + words[0].end() :].startswith(" of ")
        ):
            return None  # "Organization of a series of webinars": an activity, not its actor
        bodies = self._named_as_head(start + subject_start, start + phrase_end)
        # A title-case headline is one long capitalized phrase: "IACHR Launches ... Unit."
        headline = not text[phrase_end:].strip() and bodies[:1] == [
            (start + subject_start, phrase.split()[0])
        ]
        if bodies and (headline or not self._names_another_body(phrase, bodies[0][1])):
            return bodies[0][1]
        if len(words) == 1 and not bodies:
            # "Amazon stands ready ...": a short name of a body the document defined
            # ("Amazon Web Services (AWS)"); any other lone word is too generic to be a body.
            return self._short_names.get(phrase)
        if known_only:
            return None
        if _names_states(phrase) and re.match(r"\s[a-záéíóúñ]", text[phrase_end:]):
            return phrase  # "Chile and Uruguay presented ...", "El Estado de Honduras informó ..."
        lowered = {w.lower().strip("’'") for w in phrase.split()}
        if not lowered & _ACTOR_WORDS:
            return bodies[0][1] if bodies else None
        return self._registry_acronym(phrase) or phrase

    @staticmethod
    def _names_another_body(phrase: str, acronym: str) -> bool:
        """'OAS General Secretariat', 'GS/OAS Department of Human Resources': an acronym used as
        a modifier of another body's name."""
        rest = phrase.split(acronym, 1)[-1].strip(" ’'s")
        return phrase.startswith(acronym) and bool({w.lower() for w in rest.split()} & _ACTOR_WORDS)

    def _registry_acronym(self, phrase: str) -> str | None:
        """'OAS General Secretariat' -> 'GS/OAS': the body whose name starts like the phrase
        once a leading acronym is dropped."""
        core = re.sub(r"^[A-Z/]{2,}\s", "", phrase).lower()
        if len(core.split()) < 2:
            return None
        for acronym, mention in self.context.bodies.defined.items():
            if mention.name.lower().startswith(core):
                return acronym
        # The registry's acronym stands for the phrase only when one body fits and the document
        # itself writes that acronym: "Executive Secretariat" alone may be any of several.
        fits = {acronym for name, acronym in registry_acronyms().items() if name.startswith(core)}
        if len(fits) == 1 and self._writes(acronym := fits.pop()):
            return acronym
        return None

    @cached_property
    def _written(self) -> frozenset[str]:
        """Every word the text writes, with each of its '/'-prefixes ("GS/OAS" gives "GS" and
        "GS/OAS"): what an acronym must be to be written, found in one pass over the text."""
        found = set()
        for word in set(re.findall(r"[\w/-]+", self.context.text)):
            if "/" in word:
                parts = word.split("/")
                found.update("/".join(parts[: n + 1]) for n in range(len(parts)))
            else:
                found.add(word)
        return frozenset(found)

    def _writes(self, acronym: str) -> bool:
        """Whether the document writes an acronym as a word of its own."""
        if re.fullmatch(r"[\w/-]+", acronym):
            return acronym in self._written
        found = self._writes_rare.get(acronym)
        if found is None:  # an acronym with a space or '&': searched once
            pattern = rf"(?<![\w/-]){re.escape(acronym)}(?![\w-])"
            found = self._writes_rare[acronym] = re.search(pattern, self.context.text) is not None
        return found

    def _explicit_subject(self, sentence_index: int) -> str | ActedUpon | None:
        if sentence_index not in self._subjects:
            sentence = self.context.sentences[sentence_index]
            self._subjects[sentence_index] = self._subject(sentence.start, sentence.end)
        return self._subjects[sentence_index]

    def actor_for(self, start: int, end: int, block_index: int) -> str | None:
        """The sentence's subject; for a passive sentence its agent ("by the Council"), else
        the section's or the document's body unless that is the one acted upon; otherwise the
        last subject before it in its block, else the body its section's heading names, else
        the document's main body."""
        index = self._sentence_index.get(start)
        if index is None:  # a span that is not a whole sentence
            return self.subject(start, end) or self.section_actor(block_index) or self.main_actor
        own = self._explicit_subject(index)
        if isinstance(own, str):
            return own
        if isinstance(own, ActedUpon) and own.agent:
            return own.agent
        if isinstance(own, ActedUpon):
            # What the sentence did to a body is not that body's doing; the last subject
            # before it is most often the very body acted upon ("The GIEI ... It was created").
            candidates = (
                self._introducing_subject(block_index),
                self.section_actor(block_index),
                self.main_actor,
            )
            return next((c for c in candidates if c and c not in own.bodies), None)
        block_start = self.context.document.blocks[block_index].start
        return (
            self._last_subject(index - 1, block_start)
            or self._introducing_subject(block_index)
            or self.section_actor(block_index)
            or self.main_actor
        )

    def _introducing_subject(self, block_index: int) -> str | None:
        """'Amazon Web Services (AWS): SEDI and AWS ... provide the following:' is who acts in
        the bullets it introduces."""
        introduction = self.context.introduction(block_index)
        return self.subject(introduction.start, introduction.end) if introduction else None

    def _last_subject(self, index: int, since: int) -> str | None:
        while index >= 0 and self.context.sentences[index].start >= since:
            actor = self._explicit_subject(index)
            if isinstance(actor, str):
                return actor
            index -= 1
        return None

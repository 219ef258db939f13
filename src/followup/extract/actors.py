"""Who does or says what: the subject of a sentence, else the body whose section it sits in."""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from .context import DocumentContext

# A phrase at the start of a sentence that is not its subject: "In 2020, ", "On May 5, 2020, ",
# "As part of X, ", "Also, ", "En 2023, ", "Durante 2023, ".
_LEADING_ADVERBIAL = re.compile(
    r"^(?:(?:[A-ZÁÉÍÓÚ][\w’'-]*|\d+)(?:[\s-]+[\w’'./-]+){0,12}?,\s)", re.U
)
_ARTICLE = re.compile(r"^(?:the|la|el|los|las|le|les|l'|os|as|o|a|its|su|sus|son|sa|ses)\s", re.I)
_SUBJECT_WORD = re.compile(
    r"[A-ZÁÉÍÓÚÑ][\w’'/.-]*|of|for|on|and|the|de|del|la|y|para|e|do|da|des|du|et|pour|sur|in|against|to"
)
# Pronouns and generic subjects that stand for the body of the section.
_ANAPHORA = re.compile(
    r"^(?:it|they|this|these|its|their|he|she|ella|él|ellos|elle|il|ils|elles|ele|eles|"
    r"the (?:sector|sub-sector|department|secretariat|commission|committee|office|unit|organization|"
    r"program|programme|mechanism|network|platform|body|institute|trust|foundation|group|section|"
    r"rapporteurship|general secretariat|organ)s?\b)",
    re.I,
)


class Actors:
    def __init__(self, context: DocumentContext):
        self.context = context

    @cached_property
    def _acronym_pattern(self) -> re.Pattern | None:
        acronyms = sorted(self.context.bodies.known_acronyms(), key=len, reverse=True)
        acronyms = [a for a in acronyms if len(a) >= 2]
        if not acronyms:
            return None
        return re.compile(r"(?<![\w/-])(" + "|".join(map(re.escape, acronyms)) + r")(?![\w-])")

    @cached_property
    def _name_pattern(self) -> re.Pattern | None:
        names = sorted(
            {m.name for m in self.context.bodies.defined.values()}, key=len, reverse=True
        )
        if not names:
            return None
        return re.compile("|".join(map(re.escape, names)))

    def bodies_in(self, start: int, end: int) -> list[tuple[int, str]]:
        """(position, acronym) of each body named in a span, by acronym or defined full name."""
        text = self.context.text
        found = []
        if self._acronym_pattern:
            found += [
                (m.start(), m.group(1)) for m in self._acronym_pattern.finditer(text, start, end)
            ]
        if self._name_pattern:
            by_name = {m.name: a for a, m in self.context.bodies.defined.items()}
            found += [
                (m.start(), by_name[m.group(0)])
                for m in self._name_pattern.finditer(text, start, end)
            ]
        return sorted(found)

    @cached_property
    def main_actor(self) -> str | None:
        """The body a document is mostly about: the one it names most."""
        counts = Counter(a for _, a in self.bodies_in(0, len(self.context.text)))
        return counts.most_common(1)[0][0] if counts else None

    def section_actor(self, block_index: int) -> str | None:
        """The first body named in the headings above a block, nearest heading first."""
        for heading in self.context.headings_above(block_index):
            bodies = self.bodies_in(heading.start, heading.end)
            if bodies:
                return bodies[0][1]
        return None

    def subject(self, start: int, end: int) -> tuple[str | None, bool]:
        """(actor, explicit) for a sentence: its subject body, or None when the subject is a
        pronoun or a generic reference (explicit False) that the caller resolves from context."""
        text = self.context.text[start:end]
        offset = 0
        adverbial = _LEADING_ADVERBIAL.match(text)
        if adverbial and len(adverbial.group(0).split()) <= 12:
            offset = adverbial.end()
        head = text[offset:]
        if _ANAPHORA.match(head):
            return None, False
        article = _ARTICLE.match(head)
        subject_start = offset + (article.end() if article else 0)
        words = []
        for word in re.finditer(r"\S+", text[subject_start:]):
            token = word.group(0).rstrip(",;:")
            if not _SUBJECT_WORD.fullmatch(token):
                break
            words.append(word)
            if token != word.group(0):
                break
        while words and not words[-1].group(0)[:1].isupper():
            words.pop()
        if not words:
            bodies = self.bodies_in(start, end)
            return (bodies[0][1], True) if bodies else (None, False)
        phrase_end = subject_start + words[-1].end()
        bodies = self.bodies_in(start + subject_start, start + phrase_end)
        if bodies:
            return bodies[0][1], True
        phrase = text[subject_start:phrase_end].rstrip(",;:")
        return phrase, True

    def actor_for(self, start: int, end: int, block_index: int) -> str | None:
        actor, explicit = self.subject(start, end)
        if explicit and actor:
            return actor
        return (
            self.section_actor(block_index)
            or self._previous_actor(start, block_index)
            or self.main_actor
        )

    def _previous_actor(self, start: int, block_index: int) -> str | None:
        """The last body named earlier in the same block ("The DPS ... It also ...")."""
        block = self.context.document.blocks[block_index]
        bodies = self.bodies_in(block.start, start)
        return bodies[-1][1] if bodies else None

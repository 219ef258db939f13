"""Recommendations: what a body urges, calls on or recommends others to do."""

from __future__ import annotations

import re
import unicodedata

from .actors import Actors
from .context import DocumentContext
from .items import Item
from .pipeline import Extraction, Found, Taken

CUES = re.compile(
    r"\b(?:recommend(?:s|ed|ing|ation|ations)?|urg(?:e|es|ed)|call(?:s|ed)? (?:on|upon|for)|"
    r"encourag(?:es|ed) (?:the |all |member )?(?:states|governments)|exhort(?:s|ed)?|"
    r"it is (?:important|essential|necessary|crucial) that|"
    r"(?:underscored|stressed|emphasized|highlighted|underlined) the (?:importance|need)|"
    r"should|must|^the need (?:for|to|and)|"
    r"recomien(?:da|dan)|recomend(?:ó|aron|ación|aciones)|insta(?:n|ron)?|exhorta(?:n|ron)?|"
    r"llama(?:n|ron)? a|deben|debe|es (?:importante|necesario|fundamental) que|la necesidad de|"
    r"recomenda(?:m|ção|ções)?|devem|deve|é (?:importante|necessário) que|"
    r"recommande(?:nt)?|exhorte(?:nt)?|appelle(?:nt)?|doivent|doit|il est (?:important|essentiel) que)\b",
    re.I,
)
ADDRESSEE = re.compile(
    r"\b(?:(?:OAS |the |los |las |les |os )?(?:member states|states parties|States|Governments|"
    r"governments|Estados(?: Miembros| Membros| Parte)?|gobiernos|États(?: membres)?|gouvernements|"
    r"governos|international cooperation agencies))\b"
)
_HEADING_CUE = re.compile(r"recommend|recomend|recommand|key messages|mensajes clave", re.I)
_REPORTED = re.compile(
    r"\b(?:recommendations? (?:of|from|made by|issued)|follow(?:ed)? up on|implementation of|comply|complied|compliance)\b",
    re.I,
)


def extract_recommendations(context: DocumentContext, actors: Actors, found: Found) -> Extraction:
    """Items of announced lists of recommendations (they take their blocks), then sentences
    that recommend, outside passages taken before."""
    listed = _recommendation_list_items(context, actors)
    taken = [(i.start, i.end) for i in listed]
    own = Taken(taken)
    items = list(listed)
    text = context.text
    for sentence in context.sentences:
        if found.taken.overlaps(sentence.start, sentence.end) or own.overlaps(
            sentence.start, sentence.end
        ):
            continue
        content = sentence.text_in(text)
        block = context.document.blocks[sentence.block]
        under_heading = block.kind == "list_item" and _under_recommendation_heading(
            context, sentence.block
        )
        if not (under_heading or _is_recommendation(content)):
            continue
        items.append(_recommendation(context, actors, sentence.start, sentence.end, sentence.block))
        taken.append((sentence.start, sentence.end))
    return Extraction(items, taken)


def _recommendation(
    context: DocumentContext, actors: Actors, start: int, end: int, block: int
) -> Item:
    content = context.text[start:end]
    return Item(
        "recommendation",
        start,
        end,
        content,
        fields={"actor": actors.actor_for(start, end, block), "addressee": addressee_of(content)},
    )


# Whom a recommendation names after its verb: "urges the Ministry of Health to ...", "recomienda
# a los ministerios de salud fortalecer ...": the words up to "to", "que" or an infinitive.
_ADDRESSED = re.compile(
    r"\b(?:recommends?|recommended|urges?|urged|calls? (?:on|upon)|encourages?|recomienda(?:n)?|"
    r"insta(?:n)?|exhorta(?:n)?|recomenda|exorta|recommande(?:nt)?|exhorte(?:nt)?|invite(?:nt)?)\s"
    r"(?:to\s|a\s|al\s|ao\s|aux\s|à\s|aos?\s|às?\s)?"
    r"(?:the\s|los\s|las\s|les\s|la\s|el\s|os\s|as\s)?(?P<who>[^\W\d][^,;.:]{2,70}?)\s"
    r"(?=to\s|que\s|(?:de|a|à)\s\w+(?:ar|er|ir)\b|\w+(?:ar|er|ir)\b)",
    re.I,
)


def addressee_of(content: str) -> str | None:
    """'States', 'los Estados', 'ministerios de salud', or None when the text names no one."""
    named = ADDRESSEE.search(content)
    if named:
        return named.group(0).removeprefix("the ")
    addressed = _ADDRESSED.search(content)
    return addressed.group("who") if addressed else None


_SUBJECT_START = re.compile(
    r"^(?:(?i:the|a|an|it|they|this|these|its|el|la|los|las|le|les|with|to|in|as|through|also|"
    r"finally|on|during|between|for|from|by|after|con|en|para|por|durante)|[A-Z]{2,})\b"
)
_ANNOUNCES = re.compile(
    r"(?:series of|following|key|main|set of|these|siguientes|serie de|principales) "
    r"(?:recommendations|recomendaciones|recomendações|recommandations)|"
    r"(?:recommendations|recomendaciones|recomendações|recommandations)\s*:",
    re.I,
)


def _recommendation_list_items(context: DocumentContext, actors: Actors) -> list[Item]:
    """Items of a list after an item that announces recommendations ("... established a series
    of recommendations ..."), when they read as instructions, not as reports ("The ...")."""
    items, announced_in = [], None
    for index, block in enumerate(context.document.blocks):
        if block.kind != "list_item":
            announced_in = None if block.kind != "list" else announced_in
            continue
        content = context.document.block_text(block)
        if (
            announced_in == block.parent
            and not _SUBJECT_START.match(content)
            and not content.endswith(":")
        ):
            items.append(_recommendation(context, actors, block.start, block.end, index))
        elif _ANNOUNCES.search(content):
            announced_in = block.parent
        else:
            announced_in = None
    return items


def _is_recommendation(sentence: str) -> bool:
    cue = CUES.search(sentence)
    if not cue or _REPORTED.search(sentence):
        return False
    word = cue.group(0).lower()
    if word in ("should", "must", "deben", "debe", "devem", "deve", "doivent", "doit"):
        # "States must ...": the addressee is the subject of the modal.
        return any(0 <= cue.start() - a.end() <= 25 for a in ADDRESSEE.finditer(sentence))
    # The noun alone ("the recommendations of its report") recommends nothing.
    return not re.match(r"recommendation|recomendaci|recomendaç|recommandation", word)


def _under_recommendation_heading(context: DocumentContext, block_index: int) -> bool:
    heading = context.heading_for(block_index)
    if heading and _HEADING_CUE.search(context.document.block_text(heading)):
        return True
    # A list introduced by "... the following recommendations:" in the paragraph before it.
    blocks = context.document.blocks
    list_index = blocks[block_index].parent
    if list_index is not None and list_index > 0:
        before = blocks[list_index - 1]
        if before.kind == "paragraph" and _HEADING_CUE.search(
            context.document.block_text(before)[-200:]
        ):
            return True
    return False


_WORD_SPAN = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_CLAUSE_BREAK = re.compile(r"[;,:]\s|\s(?:and|y|e|et)\s")
_TITLE_BLOCKS = 4  # a press release's title is one of its first blocks


def extract_release_recommendations(
    context: DocumentContext, actors: Actors, found: Found
) -> Extraction:
    """In a press release, each clause whose verb recommends ("The IACHR urges the State to
    ...", "la CIDH exhorta al Estado", "elle prie instamment ...", "reiterates that ...") is a
    recommendation, in its title as in its sentences; a sentence with two such verbs gives two
    items. A clause starts after the last break (comma, semicolon, colon, "and") before its
    verb, so an introduction ("In this regard, ...") is left out."""
    if context.genre != "press_release":
        return Extraction([])
    items, taken = [], []
    text, blocks = context.text, context.document.blocks
    titles = [
        (b.start, b.end, i) for i, b in enumerate(blocks[:_TITLE_BLOCKS]) if b.kind == "heading"
    ]
    units = titles + [(s.start, s.end, s.block) for s in context.sentences]
    for unit_start, unit_end, block in units:
        if found.taken.overlaps(unit_start, unit_end):
            continue
        content = text[unit_start:unit_end]
        if _REPORTED.search(content):
            continue
        verbs = recommending_verbs_in(content, context.rules_at(block))
        if not verbs:
            continue
        ends = [*verbs[1:], len(content)]
        previous = 0
        for verb, limit in zip(verbs, ends, strict=True):
            start = _clause_start(content, previous, verb)
            end = _clause_start(content, verb, limit) if limit < len(content) else limit
            previous = verb
            clause = content[start:end]
            lead = len(clause) - len(clause.lstrip(" ,;:"))
            trimmed = re.sub(r"(?:[\s,;:]+(?:and|y|e|et))?[\s,;:]*$", "", clause)
            first, last = unit_start + start + lead, unit_start + start + len(trimmed)
            if len(text[first:last].split()) >= 4:
                items.append(_recommendation(context, actors, first, last, block))
        taken.append((unit_start, unit_end))
    return Extraction(items, taken)


def _clause_start(content: str, previous: int, verb: int) -> int:
    """Where the clause of the verb at ``verb`` starts: after the last clause break between
    ``previous`` and it ("..., and urges ...", "; la CIDH exhorta ...")."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(content, previous, verb)]
    return breaks[-1] if breaks else previous


def recommending_verbs_in(content: str, rules) -> list[int]:
    """Offsets of the recommending verbs of a sentence: a word of ``recommending_verbs`` used as
    a verb, its subject just before it (a name, a pronoun, an adverb between them: "The IACHR
    urges", "la Commission interaméricaine exhorte", "elle prie", "also calls on"); after a
    determiner it is a noun ("the recommendations", "un appel"). A verb of
    ``reiterating_verbs`` recommends only what follows "that" ("reiterates that States must"),
    or a call ("reitera su llamado"), not a concern it reiterates."""
    words = list(_WORD_SPAN.finditer(content))
    found = []
    for i, match in enumerate(words):
        word = match.group(0)
        if not word.islower() or not _has_subject(words, i, rules):
            continue
        if rules.is_stem_of(word, "recommending_verbs"):
            found.append(match.start())
        elif rules.is_stem_of(word, "reiterating_verbs"):
            following = [w.group(0).lower() for w in words[i + 1 : i + 4]]
            if any(
                w in rules.words("complementizers") or rules.is_stem_of(w, "recommending_verbs")
                for w in following
            ):
                found.append(match.start())
    return found


def _is_nominal(word: str, rules) -> bool:
    """'recommendations', 'recomendaciones', 'recomendações': a noun made from a verb."""
    plain = _unaccented(word)
    for ending in rules.entries["nominalization_endings"]:
        bare = _unaccented(ending)
        plurals = (bare, bare + "s", bare + "es", bare.replace("cao", "coes"))
        if plain.endswith(plurals):
            return True
    return False


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _has_subject(words, i: int, rules) -> bool:
    """Whether the word at ``i`` has a subject just before it: a pronoun, an auxiliary, or a
    capitalized name, or a conjunction after another clause, with adverbs and at most one
    other word (an adjective that follows its
    noun: "la Commission interaméricaine exhorte") between them."""
    skipped = 0
    for back in range(i - 1, max(i - 5, -1), -1):
        word = words[back].group(0)
        lower = word.lower()
        if lower in rules.words("subject_pronouns") or lower in rules.words("perfect_auxiliaries"):
            return True
        if lower in rules.words("conjunctions") and back == i - 1:
            # "condemns ... and urges": a verb coordinated with the clause before, unless
            # it is a noun ("needs and recommendations").
            return not _is_nominal(words[i].group(0).lower(), rules)
        if lower in rules.function_words:
            return False
        if word[:1].isupper():
            return True
        if lower in rules.words("clause_adverbs") or lower.endswith(("ly", "mente", "ment")):
            continue
        skipped += 1
        if skipped > 1:
            return False
    return False

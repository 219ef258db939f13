"""Actions: what a body did, is doing or will do (an initiative, activity, project, publication).

The words come from the document language's file in ``lang/``; this module holds how they are
read: a verb of activity is a word whose stem is an action verb's, in a past, perfect,
progressive or future form, and the tense of the main clause gives the status.
"""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .items import Item
from .lang import (
    DEFAULT_LANGUAGE,
    LanguageRules,
    languages,
    rules_for,
    rules_for_text,
    tokens_of,
)
from .pipeline import Found

# A press-release headline reports in the present what was done: "IACHR adopts Resolution ...".
_HEADLINE = re.compile(r"^(?:The\s)?[A-Z][A-Z/]{1,9}(?:\sand\s(?:its\s)?[A-Z][\w/]*)?\s[a-z]+s\b")
# "Costa Rica (May 19–24, 2019), to monitor ...": an item of a list of visits, an event.
_VISIT_ITEM = re.compile(r"^(?:[A-Z][\w-]*\s?){1,4}\([^)]*\d{4}\)")


def _endings(rules: LanguageRules, *names: str) -> tuple[str, ...]:
    return tuple(ending for name in names for ending in rules.entries[name])


def has_action_verb(words: list[str], rules: LanguageRules) -> bool:
    return any(rules.is_stem_of(w, "action_verbs") for w in words)


def _verb_form(word: str, previous: str, endings: tuple[str, ...], rules: LanguageRules) -> bool:
    """An action verb with one of ``endings``, not used as an adjective ("the integrated response")."""
    return (
        word.endswith(endings)
        and previous not in rules.words("determiners")
        and rules.is_stem_of(word, "action_verbs")
    )


def activity_verbs(words: list[str], rules: LanguageRules) -> list[str]:
    """Verbs of activity in the past, the perfect, the progressive or the future -- not in the
    present simple that describes what a thing is ("The guide offers ...")."""
    endings = _endings(
        rules, "participle_endings", "past_endings", "gerund_endings", "future_endings"
    )
    irregular, future = rules.words("irregular_past"), rules.words("future_auxiliaries")
    verbs = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        if word in irregular or _verb_form(word, previous, endings, rules):
            verbs.append(word)
        elif word in future and i + 1 < len(words):
            # "will launch", "va a realizar": the verb is one of the next two words.
            following = words[i + 1 : i + 3]
            verbs.append(
                next((w for w in following if rules.is_stem_of(w, "action_verbs")), following[0])
            )
    return verbs


def has_past(words: list[str], rules: LanguageRules) -> bool:
    """A simple past ("launched", "lanzó"), an irregular one ("held"), or a perfect ("has
    published", "a distribué")."""
    past, participle = _endings(rules, "past_endings"), _endings(rules, "participle_endings")
    irregular, participles = rules.words("irregular_past"), rules.words("participles")
    auxiliaries = rules.words("perfect_auxiliaries")
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        if word in irregular or word in participles or _verb_form(word, previous, past, rules):
            return True
        if word in auxiliaries and any(
            w.endswith(participle) or w in participles for w in words[i + 1 : i + 3]
        ):
            return True
    return False


def _is_planned(tokens: list[str], words: list[str], rules: LanguageRules) -> bool:
    """A future, an intention or a plan ("will", "plans to", "está previsto"), or a one-word
    future of an action verb ("realizará", "lançará")."""
    future = _endings(rules, "future_endings")
    return (
        rules.has_phrase(words, "planned_cues")
        or rules.has_phrase(tokens, "planned_cues_exact_case")
        or any(w.endswith(future) and rules.is_stem_of(w, "action_verbs") for w in words)
    )


def _is_ongoing(words: list[str], rules: LanguageRules) -> bool:
    """A progressive ("is preparing"), a continuing verb or adverb ("continues", "currently"),
    work begun before ("has worked to", "has regularly updated"), or "Since ..., X has ..."."""
    if rules.has_phrase(words, "ongoing_cues"):
        return True
    gerund = _endings(rules, "gerund_endings")
    progressive, perfect = (
        rules.words("progressive_auxiliaries"),
        rules.words("perfect_auxiliaries"),
    )
    continuity = rules.words("continuity_adverbs")
    for i, word in enumerate(words):
        following = words[i + 1 : i + 3]
        if gerund and word in progressive and any(w.endswith(gerund) for w in following):
            return True
        if (
            word in perfect
            and following
            and (following[0] in continuity or rules.is_stem_of(following[0], "continuing_verbs"))
        ):
            return True
    return bool(
        words and words[0] in rules.words("since_words") and any(w in perfect for w in words[1:-1])
    )


def _main_clause(tokens: list[str], words: list[str], rules: LanguageRules):
    """The words before the first subordinate clause ("..., which ...", "... que ...")."""
    for i in range(1, len(words)):
        if rules.starts_with_phrase(words[i:], "subordinators"):
            return tokens[:i], words[:i]
    return tokens, words


def status_of(sentence: str, introduction: str = "", rules: LanguageRules | None = None) -> str:
    """planned (future, intended), ongoing (progressive, continuing) or completed (past), read
    from the main clause; a bullet that only names an activity takes the tense of the sentence
    that introduces its list, else ongoing. Without ``rules``, the tense any language's rules
    read, those of the sentence's own language first."""
    if rules is None:
        own = rules_for_text(sentence, rules_for(DEFAULT_LANGUAGE))
        candidates = [own, *(rules_for(c) for c in languages() if c != own.code)]
    else:
        candidates = [rules]
    for candidate in candidates:
        found = tense_of(sentence, candidate) or (
            tense_of(introduction, candidate) if introduction else None
        )
        if found:
            return found
    return "ongoing"


def tense_of(sentence: str, rules: LanguageRules) -> str | None:
    tokens = tokens_of(sentence)
    words = [t.lower() for t in tokens]
    main_tokens, main = _main_clause(tokens, words, rules)
    if not (
        _is_planned(main_tokens, main, rules) or _is_ongoing(main, rules) or has_past(main, rules)
    ):
        main_tokens, main = tokens, words
    if _is_planned(main_tokens, main, rules):
        return "planned"
    if _is_ongoing(main, rules):
        return "ongoing"
    if has_past(main, rules) or _HEADLINE.match(sentence):
        return "completed"
    return None


def _names_an_activity(tokens: list[str], rules: LanguageRules) -> bool:
    """A bullet that names an activity: "Course on migration for ...", "Regional Workshop on ..."
    (an activity noun among its first three words, after capitalized ones only)."""
    words = [t.lower() for t in tokens[:5]]
    found = rules.phrase_at(words, "activity_nouns")
    return found is not None and found <= 2 and all(t[:1].isupper() for t in tokens[:found])


def _activity_of(tokens: list[str], rules: LanguageRules) -> bool:
    """A bullet of an activity list that says what the body did about a gathering:
    "Organization of the Virtual Round Table ...", "Facilitation of a Special Meeting ..."."""
    return (
        len(tokens) > 1
        and tokens[0][:1].isupper()
        and tokens[0].lower().endswith(_endings(rules, "nominalization_endings"))
        and tokens[1].lower() in rules.words("of_words")
    )


def _only_a_gathering(content: str, holds_event: bool, rules: LanguageRules) -> bool:
    """A past gathering and nothing it produced; a planned one is what a body means to do."""
    if not holds_event:
        return False
    tokens = tokens_of(content)
    words = [t.lower() for t in tokens]
    if _is_planned(tokens, words, rules) or any(
        rules.is_stem_of(w, "outcome_verbs") for w in words
    ):
        return False
    # "-ing" forms are as often names ("Monitoring Mechanism", "working visit") as verbs.
    gerund = _endings(rules, "gerund_endings") or ("\0",)
    verbs = [v for v in activity_verbs(words, rules) if not v.endswith(gerund)]
    return all(rules.is_stem_of(v, "gathering_verbs") for v in verbs)


def extract_actions(context: DocumentContext, actors: Actors, found: Found) -> list[Item]:
    """Every sentence of running text that reports an activity and is not already a
    recommendation. A sentence that only reports a dated gathering (a meeting, a visit, a
    session) is an event: it is an action too when it reports what the gathering produced."""
    text = context.text
    sentences_with_events = _sentences_holding(context, found.of_kind("event"))
    items = []
    for number, sentence in enumerate(context.sentences):
        if found.taken.overlaps(sentence.start, sentence.end):
            continue
        content = sentence.text_in(text)
        rules = context.rules_at(sentence.block)
        tokens = tokens_of(content)
        words = [t.lower() for t in tokens]
        block = context.document.blocks[sentence.block]
        if (
            rules.starts_with_phrase(words, "not_action_openers")
            or content.endswith(":")
            or _VISIT_ITEM.match(content)
        ):
            continue
        first_of_item = block.kind == "list_item" and sentence.position == 0
        if _only_a_gathering(content, number in sentences_with_events, rules) and not (
            first_of_item and _activity_of(tokens, rules)
        ):
            continue
        if first_of_item and _names_an_activity(tokens, rules) and len(words) >= 3:
            pass  # a bullet naming an activity
        elif len(words) < 5 or not (
            activity_verbs(words, rules) or (first_of_item and has_action_verb(words, rules))
        ):
            continue
        items.append(
            Item(
                "action",
                sentence.start,
                sentence.end,
                content,
                fields={
                    "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                    "status": status_of(
                        content, _introduction_text(context, sentence.block), rules
                    ),
                },
            )
        )
    return items


def _sentences_holding(context: DocumentContext, events: list[Item]) -> set[int]:
    """The indexes of the sentences that hold an event, found by walking both lists once."""
    holding, spans = set(), sorted((e.start, e.end) for e in events)
    index = 0
    for number, sentence in enumerate(context.sentences):
        while index < len(spans) and spans[index][0] < sentence.start:
            index += 1
        probe = index
        while probe < len(spans) and spans[probe][0] < sentence.end:
            if spans[probe][1] <= sentence.end:
                holding.add(number)
                break
            probe += 1
    return holding


def _introduction_text(context: DocumentContext, block_index: int) -> str:
    introduction = context.introduction(block_index)
    return context.document.block_text(introduction) if introduction else ""

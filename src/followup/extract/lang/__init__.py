"""The words extraction looks for, one data file per language (``en.yaml``, ``es.yaml`` ...).

Code holds the mechanisms (tokens, stems, endings, phrases); each language file holds its
vocabulary under the entries of ``SCHEMA``. A file is loaded once and validated entry by entry:
a missing or unknown entry, a word that is not a string, a phrase where one word is expected or
an unknown stemmer raises ``LanguageFileError`` naming the file and the entry. Adding a
language is adding a file: ``rules_for("it")`` finds ``it.yaml`` beside these.

Words are matched as whole tokens, verbs by their Snowball stem (``launched`` and
``launching`` share the stem of ``launch``; ``Significant`` does not share that of ``sign``),
never by a raw prefix of the word.

    >>> en = rules_for("en")
    >>> en.is_stem_of("launched", "action_verbs"), en.is_stem_of("significant", "action_verbs")
    (True, False)
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import snowballstemmer
import yaml

HERE = Path(__file__).parent
DEFAULT_LANGUAGE = "en"

# Entry -> what it holds. "words": single lower-case tokens matched as written; "stems": words
# matched by their stem; "endings": word endings; "phrases": token sequences ("plans to");
# "periods": a mapping of phrases to a number of months ("annual": 12).
SCHEMA = {
    "action_verbs": "stems",  # verbs that report an activity (infinitive or any form)
    "gathering_verbs": "stems",  # verbs that only say a gathering happened (meet, hold, attend)
    "outcome_verbs": "stems",  # what a gathering produced (adopt, publish, sign)
    "continuing_verbs": "stems",  # perfect + these is work that goes on (has worked, ha trabajado)
    "irregular_past": "words",  # past forms no ending reveals (held, met, hizo)
    "participles": "words",  # irregular past participles (written, done)
    "determiners": "words",  # words before a noun: a verb form after them is an adjective
    "future_auxiliaries": "words",  # will, shall; va, vont
    "perfect_auxiliaries": "words",  # has, have; ha, han; a, ont
    "progressive_auxiliaries": "words",  # is, are; está; est (en train de)
    "continuity_adverbs": "words",  # has regularly/constantly updated
    "since_words": "words",  # "Since then, ... has held" is ongoing
    "subordinators": "phrases",  # where a main clause ends (which, that, so that, que)
    "planned_cues": "phrases",  # will, plans to, is expected to, upcoming
    "planned_cues_exact_case": "phrases",  # cues that are also names when capitalized (may/May)
    "ongoing_cues": "phrases",  # currently, under way, continues
    "activity_nouns": "phrases",  # a bullet opening with one names an activity (workshop, curso)
    "not_action_openers": "phrases",  # boilerplate openings (for more information, contact)
    "of_words": "words",  # "Organization of ...": a nominalized activity
    "past_endings": "endings",
    "participle_endings": "endings",
    "gerund_endings": "endings",
    "future_endings": "endings",  # one-word futures: realizará, lançará, organisera
    "nominalization_endings": "endings",  # -tion, -ción: "Facilitation of a meeting"
    "operative_cues": "phrases",  # what opens a resolution's operative part (resolves, resuelve)
    "infinitive_markers": "words",  # "To instruct ...": the word before an infinitive
    "infinitive_endings": "endings",  # "Encomendar", "Charger": infinitives in one word
    "addressee_prepositions": "words",  # "Solicitar al Consejo": before the body addressed
    # Names of bodies; read from every language at once (see ``words_of_all``).
    "organization_heads": "words",  # a capitalized phrase ending in one names a body
    "strong_organization_heads": "words",  # heads that make a name a body on their own
    "non_actor_heads": "words",  # heads of what a body creates (system, platform), not actors
    "actor_words": "words",  # more words of an acting subject (sector, partners, experts)
    "name_stop_words": "words",  # never the first word of a body's long form (the, by, con)
    "name_joiners": "words",  # lower-case words inside a body's name (of, for, de, pour)
    # Genres (followup.extract.genres): cues read in every language file at once.
    "mandate_verbs": "stems",  # imperatives that open a listed mandate (ensure, foster)
    "preamble_cues": "phrases",  # what opens a resolution's preamble (considering, vistos)
    "mandate_list_cues": "phrases",  # what heads or introduces a list of mandates (mandates)
    "press_release_cues": "phrases",  # what names a press release (press release, communiqué)
    "report_cues": "phrases",  # what names an activity or progress report (progress report)
    "annual_report_cues": "phrases",  # what names an annual report (annual report, informe anual)
    "chapter_words": "words",  # "Chapter IV", "Capítulo V": a chapter's heading opens with one
    "measures_cues": "phrases",  # what names an inventory of measures (measures, medidas)
    # A commission's press release: the verbs of its clauses that recommend (urges, insta).
    "recommending_verbs": "stems",
    "reiterating_verbs": "stems",  # recommend only what follows "that": reiterates that ...
    "complementizers": "words",  # that, que: what opens the clause a verb reiterates
    "subject_pronouns": "words",  # "she urges", "elle exhorte": the verb's subject
    "conjunctions": "words",  # "condemns ... and urges": what joins two verbs
    "clause_adverbs": "words",  # "also urges", "insta además": adverbs between subject and verb
    # Deadlines and reporting of mandates and recommendations (followup.extract.obligations).
    "deadline_cues": "phrases",  # before, by, antes de, avant: a date or a session follows
    "session_cues": "phrases",  # at, en, lors de: a session follows (never a date)
    "session_words": "words",  # "the fifty-fifth regular session": a session's head word
    "reporting_cues": "phrases",  # report to, inform, informe, faire rapport
    "reporting_to_words": "words",  # "report to the Council": the word before the addressee
    "adjective_endings": "endings",  # "Conseil permanent": lower-case words inside a body's name
    "reporting_periods": "periods",  # annual: 12, biennial: 24 (months between two reports)
}
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


class LanguageFileError(ValueError):
    """A language file that cannot be used, with the file and entry at fault."""


def tokens_of(text: str) -> list[str]:
    """The word tokens of a text as written (numbers and punctuation dropped)."""
    return _WORD.findall(text)


def words_of(text: str) -> list[str]:
    """The lower-cased word tokens of a text."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True, eq=False)
class LanguageRules:
    code: str
    stemmer_name: str
    entries: dict[str, tuple]
    path: Path
    _stems: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    # Phrases by their first token, so a sentence is scanned once per entry.
    _phrases: dict[str, dict[str, tuple]] = field(default_factory=dict, repr=False)
    _cache: dict[str, str] = field(default_factory=dict, repr=False)
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def __post_init__(self):
        for name, kind in SCHEMA.items():
            if kind == "stems":
                self._stems[name] = frozenset(self.stem(w) for w in self.entries[name])
            elif kind in ("phrases", "periods"):
                index: dict[str, list] = {}
                for phrase in self.entries[name]:
                    index.setdefault(phrase[0], []).append(phrase)
                self._phrases[name] = {k: tuple(v) for k, v in index.items()}

    def stem(self, word: str) -> str:
        """The Snowball stem of a lower-case word; each distinct word is stemmed once.
        Snowball stemmers keep state while they work, so each thread has its own."""
        found = self._cache.get(word)
        if found is None:
            stemmer = getattr(self._local, "stemmer", None)
            if stemmer is None:
                stemmer = self._local.stemmer = snowballstemmer.stemmer(self.stemmer_name)
            found = self._cache[word] = stemmer.stemWord(word)
        return found

    @cached_property
    def function_words(self) -> frozenset[str]:
        """Short words that say a text is in this language: its determiners, auxiliaries,
        linking words and one-word subordinators."""
        names = (
            "determiners",
            "perfect_auxiliaries",
            "future_auxiliaries",
            "of_words",
            "since_words",
        )
        single = {p[0] for p in self.entries["subordinators"] if len(p) == 1}
        return frozenset().union(single, *(self.entries[n] for n in names))

    def words(self, name: str) -> frozenset[str]:
        return self.entries[name]

    def is_stem_of(self, word: str, name: str) -> bool:
        """Whether a word is a form of one of the entry's words."""
        return self.stem(word) in self._stems[name]

    def ends_with(self, word: str, name: str) -> bool:
        return word.endswith(self.entries[name])

    def phrase_at(self, words: list[str], name: str) -> int | None:
        """The index of the first token where one of the entry's phrases starts, or None."""
        index = self._phrases[name]
        for i, word in enumerate(words):
            for phrase in index.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return i
        return None

    def phrases_in(self, words: list[str], name: str) -> list[tuple[int, int]]:
        """Every (first, after-last) token range where one of the entry's phrases occurs,
        the longest at each token, in text order."""
        index, found = self._phrases[name], []
        for i, word in enumerate(words):
            lengths = [len(p) for p in index.get(word, ()) if tuple(words[i : i + len(p)]) == p]
            if lengths:
                found.append((i, i + max(lengths)))
        return found

    def months_of(self, words: list[str], name: str = "reporting_periods") -> int | None:
        """The months a period entry gives to the first of its phrases in ``words``."""
        for first, last in self.phrases_in(words, name):
            return self.entries[name][tuple(words[first:last])]
        return None

    def has_phrase(self, words: list[str], name: str) -> bool:
        return self.phrase_at(words, name) is not None

    def starts_with_phrase(self, words: list[str], name: str) -> bool:
        first = words[0] if words else ""
        return any(tuple(words[: len(p)]) == p for p in self._phrases[name].get(first, ()))


def load_language_file(path: Path) -> LanguageRules:
    """Read and validate one language file."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LanguageFileError(f"{path.name}: cannot be read ({err})") from err
    if not isinstance(data, dict):
        raise LanguageFileError(f"{path.name}: expected a mapping of entries")
    code, stemmer_name = data.pop("language", None), data.pop("stemmer", None)
    if code != path.stem:
        raise LanguageFileError(f"{path.name}: 'language' must be {path.stem!r}, not {code!r}")
    if stemmer_name not in snowballstemmer.algorithms():
        raise LanguageFileError(f"{path.name}: stemmer {stemmer_name!r} is not a Snowball stemmer")
    unknown = sorted(set(data) - set(SCHEMA))
    if unknown:
        raise LanguageFileError(f"{path.name}: unknown entry {unknown[0]!r}")
    entries = {}
    for name, kind in SCHEMA.items():
        entries[name] = _entry(path, name, kind, data.get(name, []))
    return LanguageRules(code, stemmer_name, entries, path)


def _entry(path: Path, name: str, kind: str, values) -> frozenset | tuple | dict:
    if kind == "periods":
        return _periods(path, name, {} if values == [] else values)
    if not isinstance(values, list):
        raise LanguageFileError(f"{path.name}, {name}: expected a list")
    cleaned = []
    for number, value in enumerate(values, start=1):
        if not isinstance(value, str) or not value.strip():
            raise LanguageFileError(f"{path.name}, {name}, item {number}: {value!r} is not a word")
        value = value.strip() if name.endswith("exact_case") else value.strip().lower()
        if kind in ("words", "stems", "endings") and len(value.split()) != 1:
            raise LanguageFileError(
                f"{path.name}, {name}, item {number}: {value!r} is a phrase; this entry holds words"
            )
        cleaned.append(value)
    if kind == "phrases":
        return tuple(tuple(_WORD.findall(v)) for v in cleaned)
    if kind == "endings":
        return tuple(sorted(set(cleaned), key=len, reverse=True))
    return frozenset(cleaned)


def _periods(path: Path, name: str, values) -> dict[tuple[str, ...], int]:
    """Phrase -> months, e.g. {("every", "two", "years"): 24}."""
    if not isinstance(values, dict):
        raise LanguageFileError(f"{path.name}, {name}: expected a mapping of phrases to months")
    periods = {}
    for phrase, months in values.items():
        words = tuple(_WORD.findall(str(phrase).lower()))
        if not isinstance(phrase, str) or not words:
            raise LanguageFileError(f"{path.name}, {name}: {phrase!r} is not a phrase")
        if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 120:
            raise LanguageFileError(
                f"{path.name}, {name}, {phrase!r}: {months!r} is not a number of months (1-120)"
            )
        periods[words] = months
    return periods


@lru_cache(maxsize=16)
def _load(code: str, directory: Path) -> LanguageRules:
    return load_language_file(directory / f"{code}.yaml")


def rules_for(language: str | None, directory: Path = HERE) -> LanguageRules:
    """The rules of a language, or of English when no file holds that language."""
    code = language if language in _languages(directory) else DEFAULT_LANGUAGE
    return _load(code, directory)


@lru_cache(maxsize=16)
def _languages(directory: Path) -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in directory.glob("*.yaml")))


def languages(directory: Path = HERE) -> list[str]:
    """The codes of the language files in a folder."""
    return list(_languages(directory))


def all_rules(directory: Path = HERE) -> list[LanguageRules]:
    """The rules of every language file: for cues that say what a document is, whatever
    language it is written or was detected in."""
    return [_load(code, directory) for code in languages(directory)]


def words_of_all(name: str, directory: Path = HERE) -> frozenset[str]:
    """One entry's words in every language file: names of bodies of any language appear in
    documents of any language ("the Comisión Interamericana de Mujeres")."""
    return frozenset().union(*(_load(code, directory).words(name) for code in languages(directory)))


def rules_for_text(text: str, default: LanguageRules, directory: Path = HERE) -> LanguageRules:
    """The rules of the language a passage is written in, when it is plainly not the document's
    ("El Estado de Honduras informó ..." quoted in an English report): the language whose
    function words it uses most, by a margin of two; else ``default``."""
    words = words_of(text)
    best, best_count = default, sum(w in default.function_words for w in words)
    for code in languages(directory):
        if code != default.code:
            rules = _load(code, directory)
            count = sum(w in rules.function_words for w in words)
            if count >= best_count + 2 and count > (best_count if best is default else 0):
                best, best_count = rules, count
    return best

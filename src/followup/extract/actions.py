"""Actions: what a body did, is doing or will do (an initiative, activity, project, publication)."""

from __future__ import annotations

import re

from followup.taxonomies import keyword_labels

from .actors import Actors
from .context import DocumentContext
from .items import Item

PLANNED = re.compile(
    r"\b(?:will|shall|would|could|can|(?-i:may)|plans? to|planning to|intends? to|aims? to|envisages?|"
    r"(?:is|are) expected to|(?:is|are|has been|have been) scheduled|to be (?:held|launched|published|convened)|"
    r"(?:is|are) (?:being )?planned|está(?:n)? (?:previst|programad|planificad)[oa]s?|"
    r"stands ready|has the capacity|another plan|the plan is|upcoming|forthcoming|(?:is|are) preparing to|"
    r"va a|van a|prevé|prevén|planea|tiene previsto|se realizará|realizará|llevará|organizará|"
    r"publicará|podrá|podría|irá|será|serán|vai|vão|pretende|prevê|poderá|serão|va|vont|"
    r"prévoit|pourra|sera|seront)\b",
    re.I,
)
ONGOING = re.compile(
    r"\b(?:(?:is|are|am|has been|have been|remains?|está|están|estão|est)\s(?:\w+\s)?\w+(?:ing|ando|iendo|endo|indo)|"
    r"continu(?:es|e|ed|ing)|ongoing|currently|under way|underway|kept up|sigue|siguen|continúa|"
    r"continúan|actualmente|atualmente|actuellement|en cours|"
    # Work that began before and goes on: "has worked to", "has constantly updated", "Since
    # then, MESECVI has held ...".
    r"(?:has|have|ha|han|tem|têm|a|ont)\s(?:worked|begun|started|trabajado|comenzado|trabalhado|travaillé)|"
    r"(?:has|have)\s(?:constantly|periodically|regularly|continuously|consistently|permanently)|"
    r"^(?:since|desde|depuis)\b.*\b(?:has|have|ha|han|tem|têm|ont)\s\w+)\b",
    re.I,
)
# What makes a sentence report a finished activity: a past form of a verb.
# A press-release headline reports in the present what was done: "IACHR adopts Resolution ...".
_HEADLINE = re.compile(r"^(?:The\s)?[A-Z][A-Z/]{1,9}(?:\sand\s(?:its\s)?[A-Z][\w/]*)?\s[a-z]+s\b")
_SUBORDINATE = re.compile(
    r",?\s(?:which|that|how|who|whose|where|whereby|so that|in order to|through which|que|donde|cuyo|dont|où)\s",
    re.I,
)
# Stems of verbs that report an activity, EN/ES/PT/FR. Matched as word prefixes.
ACTION_STEMS = tuple(
    [
        "launch",
        "organiz",
        "organis",
        "hold",
        "held",
        "conduct",
        "develop",
        "publish",
        "implement",
        "provid",
        "sign",
        "present",
        "approv",
        "adopt",
        "train",
        "support",
        "creat",
        "establish",
        "carry",
        "carri",
        "prepar",
        "participat",
        "coordinat",
        "facilitat",
        "promot",
        "strengthen",
        "assist",
        "advis",
        "deliver",
        "distribut",
        "design",
        "build",
        "work",
        "collaborat",
        "partner",
        "host",
        "conven",
        "offer",
        "produc",
        "disseminat",
        "monitor",
        "evaluat",
        "assess",
        "issu",
        "releas",
        "expand",
        "mobiliz",
        "respond",
        "engag",
        "install",
        "adapt",
        "compil",
        "prioritiz",
        "contribut",
        "fund",
        "financ",
        "plan",
        "map",
        "translat",
        "visit",
        "met",
        "meet",
        "broadcast",
        "run",
        "ran",
        "made",
        "make",
        "gave",
        "give",
        "grant",
        "process",
        "submit",
        "decid",
        "lift",
        "send",
        "sent",
        "draft",
        "updat",
        "publiciz",
        "handl",
        "gather",
        "select",
        "renew",
        "resum",
        "continu",
        "increas",
        "improv",
        "maintain",
        "identif",
        "analyz",
        "analys",
        "review",
        "receiv",
        "consult",
        "invit",
        "request",
        "warn",
        "exchang",
        "shar",
        "complet",
        "achiev",
        "consolidat",
        "reduc",
        "extend",
        "join",
        "accompan",
        "attend",
        "appoint",
        "expressed",
        "led",
        "began",
        "focus",
        "activat",
        "upheld",
        "test",
        "digitiz",
        "migrat",
        "bolster",
        "reinforc",
        "equip",
        "lanz",
        "realiz",
        "celebr",
        "desarroll",
        "public",
        "brind",
        "otorg",
        "capacit",
        "apoy",
        "cre",
        "establec",
        "elabor",
        "aprob",
        "firm",
        "particip",
        "coordin",
        "promov",
        "fortalec",
        "puso",
        "recopil",
        "envi",
        "analiz",
        "recib",
        "aument",
        "mejor",
        "logr",
        "consolid",
        "amplí",
        "lanç",
        "desenvolv",
        "apoi",
        "lanc",
        "réalis",
        "développ",
        "publi",
        "soutien",
        # Spanish
        "evalu",
        "examin",
        "convoc",
        "impuls",
        "inici",
        "ejecut",
        "acompañ",
        "asesor",
        "difund",
        "divulg",
        "impart",
        "entreg",
        "suscrib",
        "inaugur",
        "document",
        "ofrec",
        "produj",
        "distribu",
        "diseñ",
        "contribu",
        "trabaj",
        "atend",
        "tramit",
        "solicit",
        "remit",
        "emit",
        "formul",
        "actualiz",
        "sistematiz",
        "gestion",
        "facilit",
        "asist",
        "administr",
        "seleccion",
        "moderniz",
        # Portuguese
        "aprov",
        "assin",
        "avali",
        "receb",
        "ofere",
        "fornec",
        "trein",
        "coorden",
        "adot",
        "trabalh",
        "conclu",
        "promoveu",
        # French
        "présent",
        "approuv",
        "élabor",
        "renforc",
        "évalu",
        "coordonn",
        "accueill",
        "envoy",
        "formé",
    ]
)
_PARTICIPLE_ENDINGS = (
    "ed",
    "en",
    "ing",
    "ó",
    "aron",
    "ado",
    "ada",
    "ados",
    "adas",
    "ido",
    "ida",
    "idos",
    "ando",
    "iendo",
    "ou",
    "aram",
    "é",
    "ée",
    "és",
    "ées",
    "ait",
    "aient",
)
_PAST_ENDINGS = ("ed", "ó", "aron", "ou", "aram")
_GERUND_ENDINGS = ("ing", "ando", "iendo", "endo", "indo")
# Spanish, Portuguese and French futures are one word: "realizará", "lançará", "organisera".
_ACTIVITY_ENDINGS = (
    *_PARTICIPLE_ENDINGS,
    "ará",
    "erá",
    "irá",
    "arán",
    "erán",
    "irán",
    "arão",
    "erão",
    "irão",
    "era",
    "eront",
)
_IRREGULAR_PAST = frozenset(
    [
        "held",
        "met",
        "made",
        "gave",
        "ran",
        "took",
        "sent",
        "led",
        "began",
        "built",
        "brought",
        "won",
        "wrote",
        "spoke",
        "sought",
        "taught",
        "found",
        "chose",
        "drew",
        "undertook",
        "put",
        "carried",
        "hosted",
        "became",
        "kept",
        # Spanish and Portuguese irregular preterites
        "puso",
        "pusieron",
        "hizo",
        "hicieron",
        "tuvo",
        "dio",
        "dieron",
        "produjo",
        "condujo",
        "sostuvo",
        "mantuvo",
        "fez",
        "fizeram",
        "teve",
        "deu",
        "pôs",
    ]
)
_PARTICIPLES = frozenset(["written", "done", "given", "taken", "begun", "made"])
_DETERMINERS = frozenset({"the", "a", "an", "its", "of"})
_FUTURE = frozenset({"will", "shall", "would", "vai", "va", "vont", "van"})
_AUXILIARIES = frozenset({"has", "have", "had", "ha", "han", "a", "ont"})
_WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


def words_of(sentence: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(sentence)]


def has_action_verb(words: list[str]) -> bool:
    return any(w.startswith(ACTION_STEMS) for w in words)


def _verb_form(word: str, previous: str, endings: tuple[str, ...]) -> bool:
    """An action verb with one of ``endings``, not used as an adjective ("the integrated response")."""
    return word.startswith(ACTION_STEMS) and word.endswith(endings) and previous not in _DETERMINERS


def activity_verbs(words: list[str]) -> list[str]:
    """Verbs of activity in the past, the perfect, the progressive or the future -- not in the
    present simple that describes what a thing is ("The guide offers ...")."""
    verbs = []
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        if word in _IRREGULAR_PAST or _verb_form(word, previous, _ACTIVITY_ENDINGS):
            verbs.append(word)
        elif word in _FUTURE and i + 1 < len(words):
            verbs.append(words[i + 1])
    return verbs


def has_activity_form(words: list[str]) -> bool:
    return bool(activity_verbs(words))


def has_past(words: list[str]) -> bool:
    for i, word in enumerate(words):
        previous = words[i - 1] if i else ""
        if (
            word in _IRREGULAR_PAST
            or word in _PARTICIPLES
            or _verb_form(word, previous, _PAST_ENDINGS)
        ):
            return True
        if word in _AUXILIARIES and any(
            w.endswith(("ed", "en", "ado", "ido", "é")) for w in words[i + 1 : i + 3]
        ):
            return True
    return False


# Bullets that name an activity: "Course on migration for ...", "Event on statelessness at ...".
ACTIVITY_NOUN = re.compile(
    r"^(?:[A-Z][\w-]*\s){0,2}(?:conference|event|course|courses|workshop|seminar|webinar|training|"
    r"campaign|activity|activities|meeting|forum|round table|mock courts?|dialogue|launch|"
    r"publication|study|survey|guide|tool|program|project|curso|taller|evento|actividad|reunión|"
    r"campaña|conferencia|seminario|atelier|séminaire|cours|formation|réunion|oficina|evento)\b",
    re.I,
)
# "Costa Rica (May 19–24, 2019), to monitor ...": an item of a list of visits, an event.
_VISIT_ITEM = re.compile(r"^(?:[A-Z][\w-]*\s?){1,4}\([^)]*\d{4}\)")
_NOT_ACTION = re.compile(
    r"^(?:for more information|contact|subscribe|related links|click here|source:|note:|see |"
    r"para más información|pour plus d'informations|the idea|its goal|the aim|the goal|it is hoped|"
    r"the purpose|this content|take |for instance)",
    re.I,
)


# What a gathering produced or taught: "adopted a protocol", "held a training session".
_OUTCOME = re.compile(
    r"\b(?:adopt|approv|launch|publish|prepar|produc|sign|creat|establish|train|draft|aprob|lanz|"
    r"capacit|firm|lanç|assin|adopté|approuv|lancé|publié|signé|créé)",
    re.I,
)
# Verbs that only say a gathering happened: a sentence whose every activity verb is one of
# these reports an event; any other verb ("adopted", "granted", "published") is an action too.
_GATHERING_VERBS = (
    "met",
    "meet",
    "held",
    "hold",
    "took",
    "visit",
    "conduct",
    "organiz",
    "organis",
    "particip",
    "attend",
    "host",
    "conven",
    "ran",
    "gave",
    "celebr",
    "realiz",
    "réalis",
    "reuni",
)


# A bullet of an activity list that says what the body did about a gathering: "Organization
# of the Virtual Round Table ...", "Facilitation of a Special Meeting ...".
_ACTIVITY_OF = re.compile(r"^[A-Z]\w+(?:tion|ment|ción|ção) (?:of|and|de|da|do|del)\b")


def _only_a_gathering(content: str, sentence, events: list[Item]) -> bool:
    """A past gathering and nothing it produced; a planned one is what a body means to do."""
    if not any(sentence.start <= e.start and e.end <= sentence.end for e in events):
        return False
    if PLANNED.search(content) or _OUTCOME.search(content):
        return False
    # "-ing" forms are as often names ("Monitoring Mechanism", "working visit") as verbs.
    verbs = [v for v in activity_verbs(words_of(content)) if not v.endswith(_GERUND_ENDINGS)]
    return all(v.startswith(_GATHERING_VERBS) for v in verbs)


def extract_actions(
    context: DocumentContext,
    actors: Actors,
    taken: set[tuple[int, int]],
    events: list[Item] = (),
) -> list[Item]:
    """Every sentence of running text that reports an activity and is not already a
    recommendation. A sentence that only reports a dated gathering (a meeting, a visit, a
    session) is an event: it is an action too when it reports what the gathering produced."""
    text = context.text
    items = []
    for sentence in context.sentences:
        if (sentence.start, sentence.end) in taken or context.is_claimed(
            sentence.start, sentence.end
        ):
            continue
        content = sentence.text_in(text)
        block = context.document.blocks[sentence.block]
        if _NOT_ACTION.match(content) or content.endswith(":") or _VISIT_ITEM.match(content):
            continue
        first_of_item = block.kind == "list_item" and sentence.position == 0
        if _only_a_gathering(content, sentence, events) and not (
            first_of_item and _ACTIVITY_OF.match(content)
        ):
            continue
        words = words_of(content)
        if first_of_item and ACTIVITY_NOUN.match(content) and len(words) >= 3:
            pass  # a bullet naming an activity
        elif len(words) < 5 or not (
            has_activity_form(words) or (first_of_item and has_action_verb(words))
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
                    "status": status_of(content, _introduction_text(context, sentence.block)),
                    "groups": keyword_labels("population_groups", content),
                },
            )
        )
    return items


def status_of(sentence: str, introduction: str = "") -> str:
    """planned (future, intended), ongoing (progressive, continuing) or completed (past), read
    from the main clause; a bullet that only names an activity takes the tense of the sentence
    that introduces its list, else ongoing."""
    return tense_of(sentence) or (tense_of(introduction) if introduction else None) or "ongoing"


def tense_of(sentence: str) -> str | None:
    subordinate = _SUBORDINATE.search(sentence)
    main = sentence[: subordinate.start()] if subordinate else sentence
    if not (PLANNED.search(main) or ONGOING.search(main) or has_past(words_of(main))):
        main = sentence
    if PLANNED.search(main):
        return "planned"
    if ONGOING.search(main):
        return "ongoing"
    if has_past(words_of(main)) or _HEADLINE.match(main):
        return "completed"
    return None


def _introduction_text(context: DocumentContext, block_index: int) -> str:
    introduction = context.introduction(block_index)
    return context.document.block_text(introduction) if introduction else ""

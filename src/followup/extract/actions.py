"""Actions: what a body did, is doing or will do (an initiative, activity, project, publication)."""

from __future__ import annotations

import re

from followup.taxonomies import keyword_labels

from .actors import Actors
from .context import DocumentContext
from .items import Item

PLANNED = re.compile(
    r"\b(?:will|shall|plans? to|planning to|intends? to|aims? to|envisages?|is expected to|are expected to|"
    r"to be (?:held|launched|published|convened)|would|next|upcoming|forthcoming|"
    r"va a|van a|prevé|planea|tiene previsto|se realizará|realizará|llevará|organizará|publicará|"
    r"irá|vai|vão|pretende|prevê|va|vont|prévoit|compte|sera|seront)\b",
    re.I,
)
ONGOING = re.compile(
    r"\b(?:is|are|am|has been|have been|continues? to|continue|remains?|currently|ongoing|now|"
    r"está|están|sigue|siguen|continúa|continúan|actualmente|está|estão|continua|est en train|"
    r"continue(?:nt)? de|actuellement)\s+(?:\w+\s+)?\w+(?:ing|ando|iendo|endo|indo|ant)\b|"
    r"\b(?:continues?|ongoing|currently|actualmente|atualmente|actuellement|permanent)\b",
    re.I,
)
ACTION_STEMS = (
    r"launch|organiz|organis|hold|held|conduct|develop|publish|implement|provid|sign|present|"
    r"approv|adopt|train|support|creat|establish|carr(?:y|ied) out|prepar|participat|coordinat|"
    r"facilitat|promot|strengthen|assist|advis|deliver|distribut|design|build|work|collaborat|"
    r"partner|host|convene|convened|offer|produc|disseminat|monitor|evaluat|assess|issu|releas|"
    r"expand|mobiliz|respond|engag|install|set up|adapt|compil|prioritiz|contribut|fund|financ|"
    r"plan|map|translat|conven|visit|met|meet|broadcast|run|ran|made|make|gave|give|grant|"
    r"lanz|organiz|realiz|celebr|desarroll|public|implement|brind|otorg|capacit|apoy|cre|establec|"
    r"elabor|present|aprob|adopt|firm|particip|coordin|promov|fortalec|puso en marcha|"
    r"lanç|realiz|desenvolv|apoi|organis|lanc|réalis|développ|publi|mis en œuvre|soutien|"
    r"process|submit|decid|lift|send|sent|draft|updat|publiciz|handl|gather|select|renew|resum|"
    r"continu|increas|improv|maintain|identif|analyz|analys|review|receiv|consult|invit|request|"
    r"warn|exchang|shar|complet|achiev|consolidat|reduc|extend|join|accompan|attend|appoint|"
    r"expressed|led|began|focus|activat|upheld|test|digitiz|migrat|bolster|reinforc|equip|"
    r"recopil|envi|analiz|consult|recib|aument|mejor|complet|logr|consolid|amplí"
)
ACTION_VERBS = re.compile(rf"\b(?:{ACTION_STEMS})\w*", re.I)
# An activity is reported in the past, the perfect, the progressive or the future, not in the
# present simple that describes what a thing is ("The guide offers ...", "Its goal is ...").
_IRREGULAR_PAST = (
    r"held|met|made|gave|ran|took part|took place|sent|led|began|built|brought|set up|won|wrote|"
    r"spoke|sought|taught|found|chose|drew|undertook|put|carried out|hosted|became|kept"
)
ACTIVITY_FORM = re.compile(
    rf"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bits )(?<!\bof )\b(?:{ACTION_STEMS})\w*"
    r"(?:ed|en|ing|ó|aron|ado|ada|ados|adas|ido|ida|idos|ando|iendo|ou|aram|é|ée|és|ées|ait|aient)\b|"
    rf"\b(?:{_IRREGULAR_PAST})\b|\b(?:will|shall|would|va a|van a|vai|va|vont)\s(?:\w+\s)?\w+",
    re.I,
)
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


def extract_actions(
    context: DocumentContext, actors: Actors, taken: set[tuple[int, int]]
) -> list[Item]:
    """Every sentence of running text that reports an activity and is not already a recommendation."""
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
        if first_of_item and ACTIVITY_NOUN.match(content) and len(content.split()) >= 3:
            pass  # a bullet naming an activity
        elif len(content.split()) < 5:
            continue
        elif not (ACTIVITY_FORM.search(content) or (first_of_item and ACTION_VERBS.search(content))):
            continue
        items.append(
            Item(
                "action",
                sentence.start,
                sentence.end,
                content,
                fields={
                    "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                    "status": status_of(content),
                    "groups": keyword_labels("population_groups", content),
                },
            )
        )
    return items


def status_of(sentence: str) -> str:
    if PLANNED.search(sentence):
        return "planned"
    if ONGOING.search(sentence):
        return "ongoing"
    return "completed"

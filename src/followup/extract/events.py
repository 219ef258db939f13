"""Events: a dated meeting, session, webinar, visit or launch."""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .dates import find_dates
from .items import Item

EVENT_WORDS = re.compile(
    r"\b(?:meeting|meetings|session|sessions|webinar|webinars|seminar|seminars|forum|fora|visit|"
    r"visits|visited|launch|launched|conference|workshop|workshops|dialogue|round ?table|panel|"
    r"presentation|presented|training|course|hearing|hearings|summit|assembly|talk|lecture|"
    r"lectures|discussion|exhibition|mission|convened|held|took place|installed|adopted|"
    r"reunión|reuniones|sesión|sesiones|seminario|foro|visita|lanzó|lanzamiento|conferencia|"
    r"taller|diálogo|mesa redonda|presentó|curso|audiencia|cumbre|asamblea|realizó|celebró|"
    r"reunião|sessão|oficina|visitou|lançou|conferência|réunion|séance|séminaire|atelier|"
    r"visite|lancé|conférence|organisé|organizó|organized|organised)\b",
    re.I,
)


def extract_events(context: DocumentContext, actors: Actors) -> list[Item]:
    text = context.text
    items = []
    for sentence in context.sentences:
        if context.is_claimed(sentence.start, sentence.end):
            continue
        content = sentence.text_in(text)
        year = context.year_for(sentence.start, sentence.end, sentence.block)
        dates = [d for d in find_dates(content, year=year) if "-" in d.date]
        if not dates:
            continue
        leading_date = dates[0].start <= 2 and content[dates[0].end : dates[0].end + 1] == ":"
        if not (leading_date or EVENT_WORDS.search(content)):
            continue
        first = dates[0]
        items.append(
            Item(
                "event",
                sentence.start,
                sentence.end,
                content,
                fields={
                    "date": first.date,
                    "end_date": first.end_date,
                    "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                },
            )
        )
    return items

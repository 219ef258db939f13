"""Events: a dated meeting, session, webinar, visit or launch."""

from __future__ import annotations

import re

from .actors import Actors
from .context import DocumentContext
from .dates import find_dates
from .items import Item

EVENT_WORDS = re.compile(
    r"\b(?:meeting|meetings|session|sessions|webinar|webinars|seminar|seminars|forum|fora|visit|"
    r"visits|visited|met|meet|launch|launched|conference|workshop|workshops|dialogue|round ?table|panel|"
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
        year = context.year_for(sentence.start, sentence.end, sentence.block)
        block = context.document.blocks[sentence.block]
        for start, end in _segments(text, sentence.start, sentence.end, year):
            content = text[start:end]
            dates = [d for d in find_dates(content, year=year) if "-" in d.date]
            if not dates:
                continue
            first = dates[0]
            leading_date = first.start <= 2 and content[first.end : first.end + 1] == ":"
            listed_visit = (
                block.kind == "list_item"
                and start == block.start
                and first.start < 80
                and first.end_date
            )
            if not (leading_date or listed_visit or EVENT_WORDS.search(content)):
                continue
            items.append(
                Item(
                    "event",
                    start,
                    end,
                    text[start:end],
                    fields={
                        "date": first.date,
                        "end_date": first.end_date,
                        "actor": actors.actor_for(sentence.start, sentence.end, sentence.block),
                    },
                )
            )
    return items


def _segments(text: str, start: int, end: int, year: int | None) -> list[tuple[int, int]]:
    """A sentence listing several dated events ("...: A (April 8); B (April 23)") gives one
    segment per event; any other sentence is one segment."""
    content = text[start:end]
    parts = [m for m in re.finditer(r"[^;]+", content)]
    dated = [p for p in parts if find_dates(p.group(0), year=year)]
    if len(dated) < 2:
        return [(start, end)]
    segments = []
    for part in parts:
        seg_start, seg_end = start + part.start(), start + part.end()
        colon = text.rfind(": ", seg_start, seg_end)
        if colon != -1 and find_dates(text[colon:seg_end], year=year):
            seg_start = colon + 2  # drop the sentence's introduction
        while seg_start < seg_end and text[seg_start] in " ,":
            seg_start += 1
        while seg_end > seg_start and text[seg_end - 1] in " .,":
            seg_end -= 1
        segments.append((seg_start, seg_end))
    return segments

"""extract: a read document -> items (mandates, recommendations, actions, figures, events,
organizations), each with its exact span in the document's text.

    >>> from followup.read import read_bytes
    >>> from followup.extract import extract
    >>> doc = read_bytes(b"The Department of Public Security (DPS) trained 40 officials.", "r.txt")
    >>> sorted({item.kind for item in extract(doc)})
    ['action', 'figure', 'organization']
"""

from __future__ import annotations

from followup.read import ReadDocument

from .actions import extract_actions
from .actors import Actors
from .context import DocumentContext
from .countries import countries_in
from .events import extract_events
from .figures import extract_figures
from .items import FIELDS, KINDS, Item
from .mandates import extract_agreed_mandates, extract_mandates
from .recommendations import extract_recommendations

__all__ = ["FIELDS", "KINDS", "Item", "extract"]


def extract(document: ReadDocument) -> list[Item]:
    """All items of a document, in text order. Never raises on odd text: what cannot be parsed
    is kept with a null field and the reason in ``Item.unparsed``."""
    context = DocumentContext(document, language=document.language or "en")
    actors = Actors(context)
    items = organizations(context)
    items += extract_mandates(context)
    items += extract_agreed_mandates(context)
    recommendations = extract_recommendations(context, actors)
    items += recommendations
    events = extract_events(context, actors)
    items += events
    items += extract_figures(context, actors)
    items += extract_actions(context, actors, {(r.start, r.end) for r in recommendations}, events)
    for item in items:
        if item.kind != "organization":
            item.countries = countries_in(item.text)
    return sorted(items, key=lambda i: (i.start, KINDS.index(i.kind)))


def organizations(context: DocumentContext) -> list[Item]:
    """One item per acronym a document defines for an organization, at its first definition."""
    items = []
    for acronym, mention in context.bodies.defined.items():
        if mention.is_organization:
            items.append(
                Item(
                    "organization",
                    mention.start,
                    mention.end,
                    mention.name,
                    fields={
                        "name": mention.name,
                        "acronym": acronym,
                        "parent": context.bodies.parents.get(acronym),
                    },
                )
            )
    return items

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
from .genres import GENRES, genre_of, recognise_genre
from .items import FIELDS, KINDS, Item
from .lang import LanguageRules, rules_for_text
from .mandate_lists import extract_listed_mandates
from .mandates import extract_agreed_mandates, extract_mandates
from .obligations import add_obligations
from .pipeline import Extractor, Found, run_extractors
from .recommendations import extract_recommendations, extract_release_recommendations
from .resolutions import extract_resolution_mandates

__all__ = ["EXTRACTORS", "FIELDS", "GENRES", "KINDS", "Item", "extract", "genre_of"]


def organizations(context: DocumentContext, actors: Actors, found: Found) -> list[Item]:
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


# Every extractor, in the order they run; see followup.extract.pipeline for the overlap rule.
EXTRACTORS = (
    Extractor("organizations", organizations, statement=False),
    Extractor("resolution mandates", extract_resolution_mandates, statement=True),
    Extractor("cited mandates", extract_mandates, statement=True),
    Extractor("agreed mandates", extract_agreed_mandates, statement=True),
    Extractor("listed mandates", extract_listed_mandates, statement=True),
    Extractor("press release recommendations", extract_release_recommendations, statement=True),
    Extractor("recommendations", extract_recommendations, statement=True),
    Extractor(
        "events", lambda context, actors, _: extract_events(context, actors), statement=False
    ),
    Extractor(
        "figures", lambda context, actors, _: extract_figures(context, actors), statement=False
    ),
    Extractor("actions", extract_actions, statement=True),
)


def extract(
    document: ReadDocument, *, rules: LanguageRules | None = None, genre: str | None = None
) -> list[Item]:
    """All items of a document, in text order. Never raises on odd text: what cannot be parsed
    is kept with a null field and the reason in ``Item.unparsed``. ``rules`` replaces the
    vocabulary of the document's language (a language file loaded by the caller); ``genre``
    is the document's genre when the caller has recognised it (``genre_of``)."""
    context = DocumentContext(document, language=document.language or "en")
    if rules is not None:
        context.rules = rules
    context.genre = genre or recognise_genre(context)
    items = run_extractors(EXTRACTORS, context, Actors(context))
    add_obligations(items, lambda item: rules_for_text(item.text, context.rules), context.year)
    for item in items:
        if item.kind != "organization":
            item.countries = countries_in(item.text)
    return sorted(items, key=lambda i: (i.start, KINDS.index(i.kind)))

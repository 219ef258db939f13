import re

from django import template
from django.utils.html import escape, mark_safe
from django.utils.translation import gettext_lazy as _

from followup.registries import load_countries
from followup.search.text import all_stems, fold, is_stopword
from followup.taxonomies import load_taxonomy

register = template.Library()

FACET_LABELS = {
    "kind": _("Kind"),
    "country": _("Country"),
    "body": _("Body"),
    "instrument": _("Instrument"),
    "year": _("Year"),
    "language": _("Language"),
    "genre": _("Genre of document"),
    "status": _("Status"),
    "pillar": _("Pillar"),
    "theme": _("Theme"),
    "group": _("Population group"),
    "sdg": _("Sustainable Development Goal"),
}
TAXONOMIES = {"pillar": "pillars", "theme": "themes", "group": "population_groups", "sdg": "sdgs"}


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def facet_label(name):
    return FACET_LABELS.get(name, name)


@register.filter
def facet_value(value, name):
    """A facet value in the page's language: taxonomy labels and country names are translated."""
    from django.utils.translation import get_language

    language = (get_language() or "en")[:2]
    if name in TAXONOMIES:
        labels = {label.id: label.label(language) for label in load_taxonomy(TAXONOMIES[name])}
        return labels.get(value, value)
    if name == "genre":
        from followup.corpus.models import GENRE_LABELS

        return GENRE_LABELS.get(value, value)
    if name == "country":
        country = next((c for c in load_countries() if c.code == value), None)
        return country.names.get(language, country.name) if country else value
    return value


@register.simple_tag
def query_with(request, name, value):
    params = request.GET.copy()
    params[name] = value
    if name != "page":
        params.pop("page", None)
    return params.urlencode()


@register.simple_tag
def query_without(request, name):
    params = request.GET.copy()
    params.pop(name, None)
    params.pop("page", None)
    return params.urlencode()


@register.filter
def highlight(text, query):
    """Mark the words of the text that share a stem with a word of the query or one of its
    equivalents in another language; stopwords never."""
    stems = {s for word in query.highlighted_words() for s in all_stems(word)}
    if not stems:
        return text

    def mark(word: str) -> str:
        return (
            f"<mark>{escape(word)}</mark>"
            if not is_stopword(word) and stems & set(all_stems(fold(word)))
            else escape(word)
        )

    parts = re.split(r"([^\W_]+)", str(text))  # odd positions hold the words
    return mark_safe("".join(mark(p) if i % 2 else escape(p) for i, p in enumerate(parts)))

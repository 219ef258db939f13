import re

from django import template
from django.utils.html import escape, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import npgettext_lazy, pgettext_lazy

from followup.registries import load_countries
from followup.search.text import all_stems, fold, is_stopword
from followup.taxonomies import TaxonomyError, load_taxonomy

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


ITEM_KINDS = {
    "mandate": _("mandate"),
    "recommendation": _("recommendation"),
    "action": _("action"),
    "figure": _("figure"),
    "event": _("event"),
    "organization": _("organization"),
}
# The kind's noun after a count ("93 mandates"), with the count's plural in each language.
ITEM_KIND_PLURALS = {
    "mandate": npgettext_lazy("items counted", "mandate", "mandates", "n"),
    "recommendation": npgettext_lazy("items counted", "recommendation", "recommendations", "n"),
    "action": npgettext_lazy("items counted", "action", "actions", "n"),
    "figure": npgettext_lazy("items counted", "figure", "figures", "n"),
    "event": npgettext_lazy("items counted", "event", "events", "n"),
    "organization": npgettext_lazy("items counted", "organization", "organizations", "n"),
}
ITEM_STATUSES = {"planned": _("planned"), "ongoing": _("ongoing"), "completed": _("completed")}
ITEM_ORIGINS = {"machine": _("extracted by machine"), "analyst": _("entered by an analyst")}


@register.filter
def kind_name(kind):
    """An item's kind in the page's language."""
    return ITEM_KINDS.get(kind, kind)


@register.filter
def kind_count(count, kind):
    """The noun that follows a count of items of the kind, singular or plural."""
    noun = ITEM_KIND_PLURALS.get(kind)
    return noun % {"n": count} if noun else kind


@register.filter
def origin_name(origin):
    return ITEM_ORIGINS.get(origin, origin)


@register.filter
def field_name(name):
    """An item field's name in the page's language."""
    return ITEM_FIELD_NAMES.get(name, name.replace("_", " ").capitalize())


@register.filter
def field_value(value, name):
    """An item field's value as shown: a status and population groups in the page's language,
    other values as read."""
    from django.utils.translation import get_language

    if name == "status":
        return ITEM_STATUSES.get(value, value)
    if name == "groups":
        language = (get_language() or "en")[:2]
        return ", ".join(taxonomy_label("population_groups", g, language) for g in value) or "—"
    return value


@register.filter
def label_name(label):
    """A stored taxonomy label (an id such as ``sdg-4``) by its name in the page's language."""
    from django.utils.translation import get_language

    return taxonomy_label(label.taxonomy, label.label, (get_language() or "en")[:2])


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
    if name == "kind":
        return ITEM_KINDS.get(value, value)
    if name == "status":
        return ITEM_STATUSES.get(value, value)
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


@register.filter
def basename(path):
    """The file name of a stored path (never the server's folders)."""
    return str(path or "").replace("\\", "/").rsplit("/", 1)[-1]


JOB_WORDS = {
    "queued": _("waiting in the queue"),
    "running": _("being read"),
    "ingested": _("stored"),
    "unchanged": _("already stored (duplicate)"),
    "failed": _("failed"),
    "done": _("done"),
}


@register.filter
def job_status(job):
    """A job's state, or for a finished ingestion its outcome, in words."""
    key = job.outcome or job.state if job.state in ("done", "failed") else job.state
    return JOB_WORDS.get(key, key)


@register.filter
def job_outcome_class(job):
    if job.state in ("queued", "running"):
        return "queued"
    return {"ingested": "stored", "unchanged": "duplicate"}.get(job.outcome, "failed")


ITEM_FIELD_NAMES = {
    "text": _("Text"),
    "kind": _("Kind"),
    "countries": _("Countries"),
    "source": _("Source"),
    "topic": _("Topic"),
    "responsible": _("Responsible"),
    "actor": _("Actor"),
    "addressee": _("Addressee"),
    "status": pgettext_lazy("progress of an action", "Status"),
    "groups": _("Population groups"),
    "value": _("Value"),
    "unit": _("Unit"),
    "measure": _("Measure"),
    "period": _("Period"),
    "date": _("Date"),
    "end_date": _("End date"),
    "name": _("Name"),
    "acronym": _("Acronym"),
}
LABEL_DECISIONS = {"confirmed": _("confirmed"), "rejected": _("rejected")}


@register.filter
def revision_lines(revision):
    """An item's revision as sentences: which field changed from what to what, which label
    an analyst confirmed or rejected."""
    from django.utils.translation import get_language
    from django.utils.translation import gettext as now

    language = (get_language() or "en")[:2]
    lines = []
    for name, change in sorted(revision.changes.items(), key=_field_rank):
        old, new = [*change, None, None][:2] if isinstance(change, list) else (None, change)
        if name.startswith("label."):
            _prefix, taxonomy, label = name.split(".", 2)
            lines.append(
                now("Label “%(label)s” (%(taxonomy)s) %(decision)s")
                % {
                    "label": taxonomy_label(taxonomy, label, language),
                    "taxonomy": now(TAXONOMY_NAMES.get(taxonomy, taxonomy)),
                    "decision": LABEL_DECISIONS.get(new, new),
                }
            )
            continue
        field = name.removeprefix("fields.")
        shown = _quoted if field == "text" else _shown
        lines.append(
            now("%(field)s changed from %(old)s to %(new)s")
            % {
                "field": ITEM_FIELD_NAMES.get(field, field.replace("_", " ").capitalize()),
                "old": shown(old),
                "new": shown(new),
            }
        )
    return lines


def _field_rank(pair) -> tuple:
    """Changes in the order of the item's fields, whatever order the database keeps a JSON
    object's keys in (PostgreSQL's jsonb sorts them); label decisions last."""
    field = pair[0].removeprefix("fields.")
    order = list(ITEM_FIELD_NAMES)
    return (order.index(field) if field in order else len(order), pair[0])


TAXONOMY_NAMES = {
    "pillars": _("pillar"),
    "themes": _("theme"),
    "population_groups": _("population group"),
    "sdgs": _("Sustainable Development Goal"),
    "sdg_targets": _("SDG target"),
}


def taxonomy_label(taxonomy: str, label: str, language: str) -> str:
    try:
        labels = {entry.id: entry.label(language) for entry in load_taxonomy(taxonomy)}
    except TaxonomyError:  # a taxonomy removed since the label was given: its id is all there is
        return label
    return labels.get(label, label)


def _shown(value) -> str:
    from django.utils.translation import gettext as now

    if value in (None, "", []):
        return now("(empty)")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _quoted(value) -> str:
    """A text, between quotation marks, cut after 120 characters."""
    text = str(value or "")
    return f"“{text[:119]}…”" if len(text) > 120 else f"“{text}”"

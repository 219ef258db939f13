"""A report's history in words: each recorded event (its action, the fields it changed, the
comment) becomes a translated sentence and the details under it, never internal values."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import COMPLIANCE, Report

FIELD_NAMES = {
    "period_start": gettext_lazy("Start of the period"),
    "period_end": gettext_lazy("End of the period"),
    "compliance": gettext_lazy("Status"),
    "narrative": gettext_lazy("Narrative"),
    "language": gettext_lazy("Language of the report"),
    "measures": gettext_lazy("Measures taken"),
    "challenges": gettext_lazy("Challenges"),
    "institutions": gettext_lazy("Institutions involved"),
    "items": gettext_lazy("Items"),
    "countries": gettext_lazy("Countries assessed"),
}
SUMMARIES = {
    "created": gettext_lazy("created the report"),
    "edited": gettext_lazy("edited the report"),
    "submit": gettext_lazy("submitted the report to the secretariat"),
    "return": gettext_lazy("returned the report with comments"),
    "validate": gettext_lazy("validated the report"),
    "publish": gettext_lazy("published the report"),
    "withdraw": gettext_lazy("withdrew the report"),
}
LONG_TEXT = 120  # longer texts (a narrative) are cut in a history line


@dataclass
class Described:
    summary: str
    details: list[str] = field(default_factory=list)
    comment: str = ""


def describe(action: str, changes: dict, comment: str = "") -> Described:
    """The event as a sentence (what the person did) and the details of what changed."""
    changes = changes or {}
    if action == "evidence_added":
        return Described(_("added the evidence file %(file)s") % {"file": changes.get("file", "")})
    if action == "evidence_removed":
        return Described(
            _("removed the evidence file %(file)s") % {"file": changes.get("file", "")}
        )
    if action == "link_added":
        return Described(_("added the link %(url)s") % {"url": changes.get("url", "")})
    if action in SUMMARIES:
        summary = str(SUMMARIES[action])
    else:
        summary = _("changed the report (%(action)s)") % {"action": action.replace("_", " ")}
    details = []
    for name, change in in_field_order(changes):
        if name == "state":
            continue  # the summary says it, in words
        if action == "created":
            details.append(
                _("%(field)s: %(value)s") % {"field": _name(name), "value": _value(name, change)}
            )
        elif name == "items" and isinstance(change, list) and len(change) == 2:
            details.append(_items_changed(change))
        elif isinstance(change, list) and len(change) == 2:
            details.append(
                _("%(field)s changed from %(old)s to %(new)s")
                % {
                    "field": _name(name),
                    "old": _value(name, change[0]),
                    "new": _value(name, change[1]),
                }
            )
        else:
            details.append(
                _("%(field)s: %(value)s") % {"field": _name(name), "value": _value(name, change)}
            )
    return Described(summary, details, comment)


def in_field_order(changes: dict) -> list[tuple]:
    """The changes in the form's order, whatever order the database keeps a JSON object's keys
    in (PostgreSQL's jsonb sorts them)."""
    order = {name: rank for rank, name in enumerate(FIELD_NAMES)}
    return sorted(changes.items(), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))


def _name(name: str) -> str:
    return str(FIELD_NAMES.get(name, name.replace("_", " ").capitalize()))


def _value(name: str, value) -> str:
    if value in (None, ""):
        return _("(empty)")
    if name == "compliance":
        return str(dict(COMPLIANCE).get(value, value))
    if name == "language":
        return dict(settings.LANGUAGES).get(value, value)  # each language named in itself
    if name == "state":
        return str(dict(Report.STATES).get(value, value))
    if name == "countries":
        from followup.corpus.models import Country

        names = {c.code: c.name for c in Country.objects.filter(code__in=value or [])}
        return ", ".join(names.get(code, code) for code in value) or _("(none)")
    text = str(value)
    return text if len(text) <= LONG_TEXT else text[: LONG_TEXT - 1] + "…"


def _items_changed(change: list) -> str:
    before, after = set(change[0] or []), set(change[1] or [])
    parts = []
    if after - before:
        parts.append(_("added %(ids)s") % {"ids": ", ".join(map(str, sorted(after - before)))})
    if before - after:
        parts.append(_("removed %(ids)s") % {"ids": ", ".join(map(str, sorted(before - after)))})
    return _("Items: %(what)s") % {"what": "; ".join(parts)}

"""What extraction produces: items of six kinds, each with its span in the document's text."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("mandate", "recommendation", "action", "figure", "event", "organization")

# Extra fields of each kind, in the order of the gold schema (see the extraction docs). An
# action's ``groups`` are added by the classify stage (followup.classify.add_population_groups).
FIELDS = {
    "mandate": ("source", "topic", "responsible", "deadline", "reporting"),
    "recommendation": ("actor", "addressee", "deadline", "reporting"),
    "action": ("actor", "status", "groups"),
    "figure": ("value", "unit", "measure", "period", "actor"),
    "event": ("date", "end_date", "actor"),
    "organization": ("name", "acronym"),
}


@dataclass
class Item:
    kind: str
    start: int
    end: int
    text: str
    countries: list[str] = field(default_factory=list)
    fields: dict = field(default_factory=dict)
    # Why a field is null when the text had something that could not be parsed: {field: reason}.
    unparsed: dict[str, str] = field(default_factory=dict)

    def as_record(self, doc: str = "") -> dict:
        """The gold schema, plus ``start``/``end`` (and ``unparsed`` when not empty)."""
        record = {"doc": doc, "kind": self.kind, "text": self.text, "countries": self.countries}
        for name in FIELDS[self.kind]:
            record[name] = self.fields.get(name)
        record["start"], record["end"] = self.start, self.end
        if self.unparsed:
            record["unparsed"] = self.unparsed
        return record

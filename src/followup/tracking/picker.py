"""The item picker of the report form: mandates and recommendations found by a few words of
their text, their id, their instrument (name, summit, place, year) or a country they concern
(its code or its name in any of the four languages)."""

from __future__ import annotations

from django.db.models import Q

from followup.corpus.models import Country, Item

from .actions import REPORTED_KINDS
from .models import Obligation

LIMIT = 12


def find_items(query: str, *, party_id: int | None = None, limit: int = LIMIT) -> list[Item]:
    """Items matching every word of ``query``; a number also finds the item of that id, first.
    An empty query lists the items the party is due to report on."""
    items = Item.objects.filter(kind__in=REPORTED_KINDS).select_related("instrument")
    words = query.split()[:8]
    if not words:
        if party_id is None:
            return []
        due = Obligation.objects.filter(party_id=party_id, fulfilled_by=None)
        return list(
            items.filter(pk__in=due.values("item_id")).prefetch_related("countries")[:limit]
        )
    condition = Q()
    for word in words:
        condition &= _matches(word)
    found = list(items.filter(condition).prefetch_related("countries").order_by("pk")[:limit])
    if len(words) == 1 and words[0].lstrip("#").isdigit() and len(words[0]) < 19:
        by_id = items.filter(pk=int(words[0].lstrip("#"))).prefetch_related("countries").first()
        if by_id is not None:
            found = [by_id, *[item for item in found if item.pk != by_id.pk]][:limit]
    return found


def _matches(word: str) -> Q:
    countries = Country.objects.filter(
        Q(code__iexact=word)
        | Q(iso3__iexact=word)
        | Q(name_en__icontains=word)
        | Q(name_es__icontains=word)
        | Q(name_pt__icontains=word)
        | Q(name_fr__icontains=word)
    )
    by_country = Item.countries.through.objects.filter(country__in=countries).values("item_id")
    condition = (
        Q(text__icontains=word)
        | Q(instrument__name__icontains=word)
        | Q(instrument__summit__icontains=word)
        | Q(instrument__place__icontains=word)
        | Q(pk__in=by_country)
    )
    if word.isdigit() and len(word) == 4:
        condition |= Q(instrument__year=int(word))
    return condition

"""Suggesting actions that may implement a mandate or recommendation, and analysts' decisions."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from followup.errors import InvalidInput, NotFound
from followup.link.evidence import Candidate, rank
from followup.policy import ensure_permission
from followup.search.semantic import from_bytes, item_index, similar_items

from ..models import ImplementationLink, Item, ItemLabel

TARGET_KINDS = ("mandate", "recommendation")
EVIDENCE_KINDS = ("action", "event")
CANDIDATES = 300


def _candidates(items: list[Item]) -> dict[int, Candidate]:
    ids = [i.pk for i in items]
    themes: dict[int, set] = {}
    for item_id, label in ItemLabel.objects.filter(item_id__in=ids, taxonomy="themes").values_list(
        "item_id", "label"
    ):
        themes.setdefault(item_id, set()).add(label)
    countries: dict[int, set] = {}
    for item_id, code in Item.countries.through.objects.filter(item_id__in=ids).values_list(
        "item_id", "country_id"
    ):
        countries.setdefault(item_id, set()).add(code)
    result = {}
    for item in items:
        year = (
            item.date.year
            if item.date
            else (item.instrument.year if item.instrument_id and item.instrument.year else None)
        )
        if year is None and item.document.published_on:
            year = item.document.published_on.year
        bodies = {item.actor} if item.actor else set()
        result[item.pk] = Candidate(
            item.pk, themes.get(item.pk, set()), countries.get(item.pk, set()), bodies, year
        )
    return result


def suggestions_for(target: Item, k: int = 10) -> list[dict]:
    """Ranked actions that may implement ``target``, each with its score and reasons;
    confirmed ones first, rejected ones never."""
    decided = dict(
        ImplementationLink.objects.filter(target=target).values_list("action_id", "decision")
    )
    similarity = dict(similar_items(target, CANDIDATES))
    pool = Item.objects.filter(
        pk__in=list(similarity)
        + [pk for pk, d in decided.items() if d == ImplementationLink.CONFIRMED],
        kind__in=EVIDENCE_KINDS,
    )
    pool = list(
        pool.select_related("document", "instrument").exclude(
            pk__in=[pk for pk, d in decided.items() if d == ImplementationLink.REJECTED]
        )
    )
    target = Item.objects.select_related("document", "instrument").get(pk=target.pk)
    candidates = _candidates([target, *pool])
    ranked = rank(
        candidates[target.pk],
        [(candidates[i.pk], similarity.get(i.pk, 0.0)) for i in pool],
        k=len(pool),
    )
    by_id = {i.pk: i for i in pool}
    rows = [
        {"item": by_id[pk], "score": s, "reasons": reasons, "decision": decided.get(pk)}
        for pk, s, reasons in ranked
    ]
    rows.sort(key=lambda r: (r["decision"] != ImplementationLink.CONFIRMED, -r["score"]))
    return rows[:k]


@transaction.atomic
def do_decide_link(user, target_id: int, action_id: int, decision: str) -> ImplementationLink:
    ensure_permission(user, "decide_link")
    if decision not in (ImplementationLink.CONFIRMED, ImplementationLink.REJECTED):
        raise InvalidInput(
            "decision", _("%(decision)r is not confirmed or rejected") % {"decision": decision}
        )
    target = Item.objects.filter(pk=target_id, kind__in=TARGET_KINDS).first()
    action = Item.objects.filter(pk=action_id, kind__in=EVIDENCE_KINDS).first()
    if target is None or action is None:
        raise NotFound(_("item or action: not found"))
    link, _created = ImplementationLink.objects.update_or_create(
        target=target, action=action, defaults={"decision": decision, "decided_by": user}
    )
    return link


@transaction.atomic
def do_group_duplicates(kinds=TARGET_KINDS + EVIDENCE_KINDS, k: int = 20) -> list[list[int]]:
    """Recompute the near-duplicate groups of the whole corpus; returns them."""
    from followup.link.duplicates import NEAR_DUPLICATE, groups
    from followup.search.models import ItemVector

    index = item_index()
    kind_of = dict(Item.objects.filter(kind__in=kinds).values_list("pk", "kind"))
    pairs = []
    for item_id, stored in (
        ItemVector.objects.filter(item_id__in=list(kind_of))
        .values_list("item_id", "vector")
        .iterator()
    ):
        for other, similarity in index.search(from_bytes(stored), k):
            if (
                other != item_id
                and similarity >= NEAR_DUPLICATE
                and kind_of.get(other) == kind_of[item_id]
            ):
                pairs.append((item_id, other))
    found = groups(pairs)
    Item.objects.exclude(duplicate_group=None).update(duplicate_group=None)
    for group in found:
        Item.objects.filter(pk__in=group).update(duplicate_group=group[0])
    return found

"""Suggesting actions that may implement a mandate or recommendation, and analysts' decisions."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from followup.errors import InvalidInput, NotFound
from followup.link.duplicates import collapse
from followup.link.evidence import Candidate, rank
from followup.policy import ensure_permission
from followup.search.related import related, vectors_of
from followup.search.semantic import from_bytes, item_index
from followup.search.text import is_stopword, stem, words

from ..models import ImplementationLink, Item, ItemLabel

TARGET_KINDS = ("mandate", "recommendation")
EVIDENCE_KINDS = ("action", "event")
CANDIDATES = 300


def _labels(ids: list[int], taxonomy: str) -> dict[int, set]:
    found: dict[int, set] = {}
    for item_id, label in ItemLabel.objects.filter(item_id__in=ids, taxonomy=taxonomy).values_list(
        "item_id", "label"
    ):
        found.setdefault(item_id, set()).add(label)
    return found


def _bodies(item: Item) -> set[str]:
    """The actor, and the bodies above it when it is a registered body."""
    found = {item.actor} if item.actor else set()
    body = item.actor_body
    for _level in range(4):  # a department, its secretariat, the organization: never a cycle
        if body is None:
            break
        found.add(body.acronym or body.name)
        body = body.parent
    return found


def _candidates(items: list[Item]) -> dict[int, Candidate]:
    ids = [i.pk for i in items]
    themes, sdgs, groups = (_labels(ids, t) for t in ("themes", "sdgs", "population_groups"))
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
        result[item.pk] = Candidate(
            item.pk,
            themes.get(item.pk, set()),
            countries.get(item.pk, set()),
            _bodies(item),
            year,
            _content_stems(item.text, item.document.language),
            sdgs.get(item.pk, set()),
            groups.get(item.pk, set()),
            item.kind,
        )
    return result


def _content_stems(text: str, language: str) -> dict[str, str]:
    """Content stem -> the first word that has it, for the words two items share."""
    found: dict[str, str] = {}
    for word in words(text):
        if len(word) > 2 and not is_stopword(word) and not word.isdigit():
            found.setdefault(
                stem(word, language if language in ("en", "es", "pt", "fr") else "en"), word
            )
    return found


def collapse_rows(rows: list[dict], vectors: dict) -> list[dict]:
    """Rows in order, each item once; an exact or near duplicate of a row shown before is
    folded into it (``row["similar"]`` lists the items hidden behind it)."""
    by_id = {row["item"].pk: row for row in rows}
    shown = collapse(
        [row["item"].pk for row in rows], {pk: r["item"].text for pk, r in by_id.items()}, vectors
    )
    return [{**by_id[pk], "similar": [by_id[h]["item"] for h in hidden]} for pk, hidden in shown]


def candidate_pool(target: Item, decided: dict | None = None):
    """(the target's features, [(candidate, similarity)], items by id, vectors): the actions
    drawn from both indexes, plus the confirmed ones, less the rejected ones."""
    decided = decided or {}
    fused = dict(related(target, EVIDENCE_KINDS, CANDIDATES))
    pool = Item.objects.filter(
        pk__in=list(fused) + [pk for pk, d in decided.items() if d == ImplementationLink.CONFIRMED],
        kind__in=EVIDENCE_KINDS,
    ).exclude(pk__in=[pk for pk, d in decided.items() if d == ImplementationLink.REJECTED])
    pool = list(pool.select_related("document", "instrument", "actor_body__parent__parent"))
    target = Item.objects.select_related("document", "instrument", "actor_body__parent").get(
        pk=target.pk
    )
    candidates = _candidates([target, *pool])
    vectors = vectors_of([target.pk, *(i.pk for i in pool)])
    own = vectors.get(target.pk)
    similarity = {
        pk: float(own @ v) if own is not None else 0.0
        for pk, v in vectors.items()
        if pk != target.pk
    }
    pairs = [(candidates[i.pk], similarity.get(i.pk, 0.0)) for i in pool]
    return candidates[target.pk], pairs, {i.pk: i for i in pool}, vectors


def suggestions_for(target: Item, k: int = 10, ranker=None) -> list[dict]:
    """Ranked actions that may implement ``target``, each with its score and reasons;
    confirmed ones first, rejected ones never."""
    decided = dict(
        ImplementationLink.objects.filter(target=target).values_list("action_id", "decision")
    )
    own, pairs, by_id, vectors = candidate_pool(target, decided)
    ranked = rank(own, pairs, k=len(pairs), ranker=ranker)
    rows = [
        {"item": by_id[pk], "score": s, "reasons": reasons, "decision": decided.get(pk)}
        for pk, s, reasons in ranked
    ]
    rows.sort(key=lambda r: (r["decision"] != ImplementationLink.CONFIRMED, -r["score"]))
    return collapse_rows(rows, vectors)[:k]


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
def do_decide_links(user, target_id: int, action_ids, decision: str) -> list[ImplementationLink]:
    """The same decision on several suggested actions of one target, all or none."""
    try:
        ids = list(dict.fromkeys(int(pk) for pk in action_ids))
    except (TypeError, ValueError):
        raise InvalidInput("actions", _("suggestions are chosen by their ids")) from None
    if not ids:
        ensure_permission(user, "decide_link")
        raise InvalidInput("actions", _("choose at least one suggestion"))
    return [do_decide_link(user, target_id, pk, decision) for pk in ids]


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


def similar_for(item: Item, k: int = 10) -> list[dict]:
    """The items nearest ``item`` by meaning and by words (both indexes, fused), each with its
    cosine similarity (None where either has no embedding: organizations and figures are not
    embedded); exact and near duplicates of one shown are folded into it."""
    fused = [pk for pk, _ in related(item, None, max(CANDIDATES // 3, 3 * k))]
    vectors = vectors_of([item.pk, *fused])
    own = vectors.get(item.pk)
    by_id = Item.objects.select_related("document").prefetch_related("countries").in_bulk(fused)
    rows = [
        {
            "item": by_id[pk],
            "similarity": float(own @ vectors[pk]) if own is not None and pk in vectors else None,
        }
        for pk in fused
        if pk in by_id and pk != item.pk
    ]
    return collapse_rows(rows, vectors)[:k]

"""Analysts' decisions on the labels the classifier gave: a confirmed label becomes the
analyst's (``followup reclassify`` keeps it); a rejected one is removed. Each decision is kept
in the item's history."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from followup.errors import InvalidInput, NotFound
from followup.policy import ensure_permission

from ..models import ItemLabel, ItemRevision

CONFIRMED, REJECTED = "confirmed", "rejected"


@transaction.atomic
def do_decide_labels(user, label_ids, decision: str) -> int:
    """Confirm or reject machine labels, several at once; returns how many were decided."""
    ensure_permission(user, "review_labels")
    if decision not in (CONFIRMED, REJECTED):
        raise InvalidInput(
            "decision", _("%(decision)r is not confirmed or rejected") % {"decision": decision}
        )
    try:
        ids = sorted({int(pk) for pk in label_ids})
    except (TypeError, ValueError):
        raise InvalidInput("labels", _("labels are chosen by their ids")) from None
    if not ids:
        raise InvalidInput("labels", _("choose at least one label"))
    labels = list(ItemLabel.objects.select_for_update().filter(pk__in=ids))
    if len(labels) != len(ids):
        raise NotFound(_("label: not found"))
    changes: dict[int, dict] = {}
    for label in labels:
        changes.setdefault(label.item_id, {})[f"label.{label.taxonomy}.{label.label}"] = [
            label.source,
            decision,
        ]
    if decision == CONFIRMED:
        ItemLabel.objects.filter(pk__in=ids).update(source=ItemLabel.ANALYST, confirmed_by=user)
    else:
        ItemLabel.objects.filter(pk__in=ids).delete()
    ItemRevision.objects.bulk_create(
        ItemRevision(item_id=item_id, user=user, changes=change)
        for item_id, change in sorted(changes.items())
    )
    return len(labels)

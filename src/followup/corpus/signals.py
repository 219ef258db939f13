"""Signals the corpus sends, for the apps built on it (which the corpus may not import)."""

from django.dispatch import Signal

# Sent with ``item_ids`` once the labels of those items were replaced in bulk (classification,
# reclassification): a label saved or deleted one at a time sends Django's own signals.
labels_changed = Signal()

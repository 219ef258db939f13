"""Signals the corpus sends, for the apps built on it (which the corpus may not import)."""

from django.dispatch import Signal

# To be sent with ``item_ids`` once the labels of those items were created in bulk (a label
# saved or deleted one at a time, or by a queryset's delete, sends Django's own signals).
# Reclassification does not send it yet: sending it from corpus/actions changes the demo
# snapshot's fingerprint, which must then be rebuilt.
labels_changed = Signal()

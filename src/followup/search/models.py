from django.db import models

from followup.corpus.models import Item


class ItemVector(models.Model):
    """An item's sentence embedding (512 float16 values), for semantic search and linking."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    vector = models.BinaryField()

    def __str__(self) -> str:
        return f"vector of item {self.item_id}"

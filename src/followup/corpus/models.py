"""Documents, their blocks, and the registries (countries, bodies) everything else points to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language

from followup.read.document import BLOCK_KINDS
from followup.registries import BODY_KINDS


class Country(models.Model):
    code = models.CharField("ISO 3166 code", max_length=2, primary_key=True)
    iso3 = models.CharField(max_length=3, unique=True)
    name_en = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120)
    name_pt = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    oas_member = models.BooleanField(default=False, db_index=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return getattr(self, f"name_{(get_language() or 'en')[:2]}", None) or self.name_en


class Body(models.Model):
    """An organ, secretariat, department, State, international organization or CSO."""

    name = models.CharField(max_length=300, unique=True)
    acronym = models.CharField(max_length=40, blank=True, db_index=True)
    kind = models.CharField(max_length=40, choices=[(k, k.replace("_", " ")) for k in BODY_KINDS])
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL)
    names = models.JSONField(default=dict, blank=True, help_text="Official name by language code")
    aliases = models.JSONField(default=list, blank=True)
    from_registry = models.BooleanField(default=False, help_text="Loaded from the registry file")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Document(models.Model):
    title = models.CharField(max_length=500)
    file_name = models.CharField(max_length=255, db_index=True)
    sha256 = models.CharField(max_length=64, unique=True)
    format = models.CharField(max_length=10)
    language = models.CharField(max_length=5, blank=True, db_index=True)
    size = models.PositiveBigIntegerField(help_text="Bytes of the original file")
    text = models.TextField(help_text="The normalized text every span points into")
    ingested_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source_url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="superseded_by"
    )

    class Meta:
        ordering = ["-ingested_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_latest(self) -> bool:
        return not hasattr(self, "superseded_by")


class Block(models.Model):
    """A heading, paragraph, list or list item; ``document.text[start:end]`` is its content."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="blocks")
    order = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=[(k, k.replace("_", " ")) for k in BLOCK_KINDS])
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    level = models.PositiveSmallIntegerField(default=0)
    marker = models.CharField(max_length=20, blank=True)
    list_order = models.PositiveIntegerField(
        null=True, blank=True, help_text="Order of the enclosing list block"
    )

    class Meta:
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="block_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.start}-{self.end}"

    @property
    def text(self) -> str:
        return self.document.text[self.start : self.end]


class IngestFailure(models.Model):
    """A file that could not be ingested, kept so analysts can see what was refused and why."""

    path = models.CharField(max_length=1000)
    reason = models.CharField(max_length=1000)
    sha256 = models.CharField(max_length=64, blank=True)
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

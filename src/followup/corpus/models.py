"""Documents, their blocks, and the registries (countries, bodies) everything else points to."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from followup.extract.genres import GENRES
from followup.extract.items import KINDS
from followup.read.document import BLOCK_KINDS
from followup.registries import BODY_KINDS


def text_hash(text: str) -> str:
    """The key under which identical texts share one stored vector."""
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()


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


# What a document is (followup.extract.genres), as people read it.
GENRE_LABELS = {
    "mandate_list": _("Mandate list"),
    "resolution": _("Resolution"),
    "press_release": _("Press release"),
    "activity_report": _("Activity or progress report"),
    "annual_report_chapter": _("Annual report chapter"),
    "measures_inventory": _("Inventory of measures"),
    "other": _("Other"),
}


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
    # A document is searchable only once every stage after reading succeeded.
    PROCESSING, READY, FAILED = "processing", "ready", "failed"
    status = models.CharField(
        max_length=12,
        default=READY,
        db_index=True,
        choices=[(PROCESSING, "processing"), (READY, "ready"), (FAILED, "failed")],
    )
    failed_stage = models.CharField(
        max_length=12, blank=True, help_text="extract | classify | index, when failed"
    )
    failure_reason = models.CharField(max_length=1000, blank=True)
    warnings = models.JSONField(
        default=list, blank=True, help_text="What was repaired in the text, in words"
    )
    genre = models.CharField(
        max_length=24,
        blank=True,
        db_index=True,
        choices=[(g, GENRE_LABELS[g]) for g in GENRES],
        help_text="What the document is, recognised at extraction",
    )
    # How the file was read, e.g. {"ocr": true, "ocr_language": "spa", "ocr_confidence": 94.8}
    # for a scan (followup.read's metadata).
    reading = models.JSONField(default=dict, blank=True)

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
    stage = models.CharField(
        max_length=12, blank=True, help_text="read | extract | classify | index"
    )
    sha256 = models.CharField(max_length=64, blank=True)
    document = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="failures",
        help_text="The stored document, when a stage after reading failed",
    )
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-failed_at"]

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


class Instrument(models.Model):
    """What adopted a mandate: an action plan, a commitment, a declaration, a resolution."""

    name = models.CharField(max_length=500)
    summit = models.CharField(max_length=300, blank=True)
    place = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "summit", "place", "year"], name="instrument_unique"
            )
        ]

    def __str__(self) -> str:
        parts = [self.name, self.summit, self.place, str(self.year) if self.year else ""]
        return ", ".join(p for p in parts if p)


class Item(models.Model):
    """A mandate, recommendation, action, figure, event or organization, with its passage."""

    MACHINE, ANALYST = "machine", "analyst"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=16, choices=[(k, k) for k in KINDS], db_index=True)
    text = models.TextField()
    text_hash = models.CharField(
        max_length=32,
        blank=True,
        db_index=True,
        help_text="Of the text: identical texts share a vector",
    )
    start = models.PositiveIntegerField(help_text="Offset of the passage in the document's text")
    end = models.PositiveIntegerField()
    fields = models.JSONField(default=dict, blank=True, help_text="The fields of the item's kind")
    unparsed = models.JSONField(
        default=dict, blank=True, help_text="Why a field is empty: {field: reason}"
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="items")
    # Denormalized from ``fields`` for filtering and sorting.
    actor = models.CharField(max_length=300, blank=True)
    actor_body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    status = models.CharField(max_length=16, blank=True, db_index=True)
    date = models.DateField(null=True, blank=True, db_index=True)
    value = models.FloatField(null=True, blank=True)
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    origin = models.CharField(
        max_length=10, default=MACHINE, choices=[(MACHINE, "machine"), (ANALYST, "analyst")]
    )
    duplicate_group = models.PositiveIntegerField(
        null=True, blank=True, db_index=True, help_text="Items of a group say the same thing"
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every edit; an edit of an older version is refused"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "start", "id"]
        indexes = [models.Index(fields=["document", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.text[:80]}"

    def save(self, *args, **kwargs) -> None:
        self.text_hash = text_hash(self.text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "text" in update_fields:
            kwargs["update_fields"] = {*update_fields, "text_hash"}
        super().save(*args, **kwargs)

    @property
    def is_edited(self) -> bool:
        return self.edited_by_id is not None or self.origin == self.ANALYST


class ItemLabel(models.Model):
    """A label of a taxonomy (pillar, theme, population group) given to an item, with a score."""

    MACHINE, ANALYST = "machine", "analyst"

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="labels")
    taxonomy = models.CharField(max_length=40)
    label = models.CharField(max_length=80)
    score = models.FloatField(default=1.0)
    source = models.CharField(
        max_length=10, default=MACHINE, choices=[(MACHINE, "machine"), (ANALYST, "analyst")]
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["taxonomy", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["item", "taxonomy", "label"], name="item_label_unique")
        ]
        indexes = [models.Index(fields=["taxonomy", "label"])]

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.label} ({self.score:.2f})"


class ItemRevision(models.Model):
    """One analyst change to an item: who, when, and each field's old and new value."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="revisions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(help_text="{field: [old, new]}")

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item_id} by {self.user} at {self.changed_at:%Y-%m-%d %H:%M}"


class ImplementationLink(models.Model):
    """An analyst's decision on an action as evidence that a mandate or recommendation is
    being implemented. Rejected links are never suggested again."""

    CONFIRMED, REJECTED = "confirmed", "rejected"

    target = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="evidence_links")
    action = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="implements_links")
    decision = models.CharField(
        max_length=10, choices=[(CONFIRMED, "confirmed"), (REJECTED, "rejected")]
    )
    score = models.FloatField(default=0.0)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["target", "action"], name="implementation_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.decision} for {self.target_id}"


class Job(models.Model):
    """One unit of background work (ingest a file, re-extract or reclassify documents, rebuild
    the index): its state and reason live here; the task queue only carries its id."""

    INGEST, REEXTRACT, RECLASSIFY, INDEX = "ingest", "reextract", "reclassify", "index"
    NOTIFY = "notify"  # deliver one event of the tracking workflow (tracking.notify)
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"

    kind = models.CharField(
        max_length=12,
        choices=[(k, k) for k in (INGEST, REEXTRACT, RECLASSIFY, INDEX, NOTIFY)],
        db_index=True,
    )
    arguments = models.JSONField(default=dict, blank=True)
    state = models.CharField(
        max_length=8,
        default=QUEUED,
        db_index=True,
        choices=[(s, s) for s in (QUEUED, RUNNING, DONE, FAILED)],
    )
    reason = models.CharField(max_length=1000, blank=True)
    outcome = models.CharField(
        max_length=12, blank=True, help_text="ingested | unchanged | failed, for an ingestion"
    )
    result = models.CharField(max_length=1000, blank=True, help_text="What the job did, in words")
    attempts = models.PositiveSmallIntegerField(default=0)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid that ran it last")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.state}"

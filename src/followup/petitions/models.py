"""Petitions and precautionary-measure requests, their people, stages, deadlines, communications,
encrypted attachments, and the append-only audit log of confidential reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from followup.corpus.models import Country, Document, Item

from .core.stages import machine


class Petitioner(models.Model):
    """Who files: a person, or an organization (one account per organization)."""

    PERSON, ORGANIZATION = "person", "organization"
    KINDS = [(PERSON, _("A person")), (ORGANIZATION, _("An organization"))]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="petitioner"
    )
    kind = models.CharField(max_length=12, choices=KINDS)
    name = models.CharField(max_length=300, help_text="The person's or the organization's name")
    organization_key = models.CharField(
        max_length=300,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The organization's name folded, so that it holds one account only",
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name


class Assignment(models.Model):
    """A member of the Commission's staff or a State's agent, with what they work on."""

    REGISTRY, LAWYER, COMMISSIONER, STATE_AGENT = (
        "registry",
        "lawyer",
        "commissioner",
        "state_agent",
    )
    ROLES = [
        (REGISTRY, _("Registry staff")),
        (LAWYER, _("Section lawyer")),
        (COMMISSIONER, _("Commissioner")),
        (STATE_AGENT, _("State agent")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="petition_assignments"
    )
    role = models.CharField(max_length=12, choices=ROLES)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The State a lawyer's section covers, or the State an agent represents",
    )
    topic = models.CharField(max_length=80, blank=True, help_text="A lawyer's section by topic")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="state_agent") | models.Q(country__isnull=False),
                name="state_agent_has_state",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.country_id or self.topic}"


class Petition(models.Model):
    """A petition, or a request for precautionary measures, from its draft to its last stage."""

    PETITION, PRECAUTIONARY = "petition", "precautionary"
    KINDS = [(PETITION, _("Petition")), (PRECAUTIONARY, _("Request for precautionary measures"))]

    kind = models.CharField(max_length=14, choices=KINDS, db_index=True)
    reference = models.CharField(max_length=20, null=True, blank=True, unique=True)
    petitioner = models.ForeignKey(Petitioner, on_delete=models.PROTECT, related_name="petitions")
    state = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="+", help_text="The State concerned"
    )
    title = models.CharField(max_length=300)
    facts = models.TextField()
    domestic_remedies = models.TextField(blank=True)
    other_proceedings = models.TextField(blank=True, help_text="Other international proceedings")
    rights = models.JSONField(
        default=list, blank=True, help_text="Articles allegedly violated (rights.yaml ids)"
    )
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="en")
    topic = models.CharField(max_length=80, blank=True)
    submission_token = models.CharField(
        max_length=64, unique=True, help_text="One per form, so a double click files once"
    )
    submitted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    stage = models.CharField(max_length=24, blank=True, db_index=True)
    previous_stage = models.CharField(max_length=24, blank=True)
    transmitted_at = models.DateTimeField(
        null=True, blank=True, help_text="When the State was first sent the file"
    )
    has_confidential = models.BooleanField(
        default=False, help_text="Some identity is kept confidential"
    )
    triage_answers = models.JSONField(default=dict, blank=True)
    triage_scores = models.JSONField(default=dict, blank=True)
    combined_score = models.FloatField(default=0.0, db_index=True)
    urgent = models.BooleanField(default=False, help_text="The text matched urgency cues")
    urgent_passages = models.JSONField(default=list, blank=True)
    first_decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "stage", "submitted_at"]),
            models.Index(fields=["state", "transmitted_at"]),
        ]

    def __str__(self) -> str:
        return self.reference or f"draft {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.submitted_at is None

    def stage_label(self, language: str = "en") -> str:
        return machine(self.kind).stage(self.stage).label(language) if self.stage else ""


class Person(models.Model):
    """An alleged victim of a petition, or a proposed beneficiary of a precautionary measure."""

    GROUPS = [
        ("woman", _("Woman")),
        ("man", _("Man")),
        ("girl", _("Girl")),
        ("boy", _("Boy")),
        ("other", _("Other or not stated")),
        ("collective", _("Community or group")),
    ]

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=300)
    group = models.CharField(max_length=12, choices=GROUPS, default="other")
    confidential = models.BooleanField(default=False, help_text="Keep the identity confidential")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class StageChange(models.Model):
    """The history of a file: every decision, from which stage to which, by whom, with its text."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="changes")
    decision = models.CharField(max_length=32)
    from_stage = models.CharField(max_length=24, blank=True)
    to_stage = models.CharField(max_length=24)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)
    comment = models.TextField(blank=True)
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transmitted = models.BooleanField(default=False, help_text="The State was sent this decision")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["decision", "at"])]

    def __str__(self) -> str:
        return f"{self.petition} {self.decision} {self.from_stage}->{self.to_stage}"


class Deadline(models.Model):
    """A response a party owes by a date; met when the response comes, extendable in bulk."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="deadlines")
    key = models.CharField(max_length=32, help_text="Which response (the setting's key)")
    party = models.CharField(
        max_length=12, choices=[("state", _("State")), ("petitioner", _("Petitioner"))]
    )
    due_on = models.DateField(db_index=True)
    opened_by = models.ForeignKey(StageChange, on_delete=models.CASCADE, related_name="deadlines")
    met_at = models.DateTimeField(null=True, blank=True)
    extended_days = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.petition} {self.key} by {self.due_on}"


class DeadlineReminder(models.Model):
    """A reminder of a deadline sent, so the same one is never sent twice."""

    BEFORE, AFTER = "before", "after"

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(
        max_length=6, choices=[(BEFORE, "before the due date"), (AFTER, "after the due date")]
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind"], name="deadline_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.deadline}"


class DeadlineExtension(models.Model):
    """One secretariat decision extending every open deadline by some days, with its reason."""

    days = models.PositiveIntegerField()
    reason = models.TextField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    deadlines_extended = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"+{self.days} days ({self.deadlines_extended})"


class Communication(models.Model):
    """A message in a file: from the petitioner, the secretariat or the State."""

    PETITIONER, SECRETARIAT, STATE = "petitioner", "secretariat", "state"
    SENDERS = [(PETITIONER, _("Petitioner")), (SECRETARIAT, _("Secretariat")), (STATE, _("State"))]

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="communications")
    sender = models.CharField(max_length=12, choices=SENDERS)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)
    transmitted = models.BooleanField(default=False, help_text="Forwarded to the State")

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.petition} {self.sender} {self.sent_at:%Y-%m-%d}"


class Attachment(models.Model):
    """A file of a petition or communication, checked like evidence and encrypted at rest."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    communication = models.ForeignKey(
        Communication, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="petitions/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, help_text="Of the plain file, before encryption")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    transmitted = models.BooleanField(default=False, help_text="Forwarded to the State")

    def __str__(self) -> str:
        return self.original_name


class Clause(models.Model):
    """A measure of a friendly settlement agreement, followed as a recommendation item so that
    States and petitioners report on it through the tracking workflow."""

    STRUCTURAL, INDIVIDUAL = "structural", "individual"
    KINDS = [(STRUCTURAL, _("Structural")), (INDIVIDUAL, _("Individual"))]

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="clauses")
    number = models.PositiveSmallIntegerField()
    item = models.OneToOneField(Item, on_delete=models.PROTECT, related_name="settlement_clause")
    kind = models.CharField(max_length=10, choices=KINDS)
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)
    children = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["petition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "number"], name="clause_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.petition} clause {self.number}"


class MonitoringActivity(models.Model):
    """Follow-up of a precautionary measure in force: letters, working and bilateral meetings."""

    LETTER, WORKING_MEETING, BILATERAL_MEETING = "letter", "working_meeting", "bilateral_meeting"
    KINDS = [
        (LETTER, _("Follow-up letter")),
        (WORKING_MEETING, _("Working meeting")),
        (BILATERAL_MEETING, _("Bilateral meeting")),
    ]

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="monitoring")
    kind = models.CharField(max_length=20, choices=KINDS)
    on = models.DateField(db_index=True)
    note = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.petition} {self.kind} {self.on}"


class Batch(models.Model):
    """Cases an analyst decided to process together because they share facts or legal issues."""

    name = models.CharField(max_length=200)
    petitions = models.ManyToManyField(Petition, related_name="batches")
    reason = models.TextField(blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "batches"

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """The last reference number given, per kind and year (P-2026-00001, MC-2026-00001)."""

    kind = models.CharField(max_length=14)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="reference_counter_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"


class AppendOnly(Exception):
    pass


class AuditEntry(models.Model):
    """A read of a confidential record. Rows are only ever added: saving an existing row or
    deleting one raises, and the admin shows them read-only."""

    # No constraint and no cascade: removing an account must not rewrite the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(max_length=150, help_text="Kept if the account is removed")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    petition_id_read = models.PositiveBigIntegerField(db_index=True)
    record = models.CharField(
        max_length=40, help_text="What was read: petition, attachment:ID, ..."
    )
    channel = models.CharField(max_length=8, help_text="page, api or export")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.record}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("audit entries cannot be deleted")

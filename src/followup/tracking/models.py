"""Implementation reports from States, civil society and the secretariat, with their workflow,
history, evidence, due dates, and the latest published status of each item for each party."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from followup import policy
from followup.corpus.models import Body, Country, Instrument, Item

COMPLIANCE = [
    ("total", _("Total compliance")),
    ("partial_substantial", _("Partial substantial compliance")),
    ("partial", _("Partial compliance")),
    ("pending", _("Pending compliance")),
    ("non_compliance", _("Non-compliance")),
]
COMPLIANCE_CODES = [code for code, _label in COMPLIANCE]
# What compliance views count for an item a party owes a report on (an obligation for the
# period) and has published none for: not a level of compliance a report can state.
NOT_REPORTED = "not_reported"
STANDINGS = [*COMPLIANCE, (NOT_REPORTED, _("Not reported"))]
STANDING_CODES = [code for code, _label in STANDINGS]


class Party(models.Model):
    """Who files a report: a member State, a civil-society organization, or the secretariat."""

    STATE, ORGANIZATION, SECRETARIAT = "state", "organization", "secretariat"
    KINDS = [
        (STATE, _("State")),
        (ORGANIZATION, _("Civil-society organization")),
        (SECRETARIAT, _("Secretariat")),
    ]

    kind = models.CharField(max_length=12, choices=KINDS)
    name = models.CharField(max_length=300, unique=True)
    country = models.OneToOneField(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="party"
    )
    body = models.OneToOneField(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="party"
    )

    class Meta:
        ordering = ["kind", "name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        """A State named as its country is, by the country's name in the active language (read
        from the registry, so a list of reports costs no query per party)."""
        if self.country_id:
            from followup.registries import load_countries

            record = next((c for c in load_countries() if c.code == self.country_id), None)
            if record and record.name == self.name:
                return record.names.get((get_language() or "en")[:2]) or self.name
        return self.name


class Profile(models.Model):
    """A person's role, and for focal points and organization members the party they act for."""

    ADMINISTRATOR, ANALYST, FOCAL_POINT, ORGANIZATION_MEMBER, PUBLIC = (
        policy.ADMINISTRATOR,
        policy.ANALYST,
        policy.FOCAL_POINT,
        policy.ORGANIZATION_MEMBER,
        policy.PUBLIC,
    )
    ROLES = [
        (ADMINISTRATOR, _("Administrator")),
        (ANALYST, _("Secretariat analyst")),
        (FOCAL_POINT, _("State focal point")),
        (ORGANIZATION_MEMBER, _("Civil-society organization member")),
        (PUBLIC, _("Registered user")),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(max_length=24, choices=ROLES, default=PUBLIC)
    party = models.ForeignKey(
        Party, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    # Accounts made by an administrator are trusted; one registered on the site can only read
    # until its owner follows the link e-mailed to the address.
    email_verified = models.BooleanField(default=True)
    # The language of the e-mails and notices sent to this person; blank: the site's default.
    language = models.CharField(max_length=2, blank=True, choices=settings.LANGUAGES)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class Report(models.Model):
    """An implementation report on one or more items, filed by a party for a period."""

    DRAFT, SUBMITTED, RETURNED, VALIDATED, PUBLISHED = (
        "draft",
        "submitted",
        "returned",
        "validated",
        "published",
    )
    STATES = [
        (DRAFT, _("Draft")),
        (SUBMITTED, _("Submitted")),
        (RETURNED, _("Returned with comments")),
        (VALIDATED, _("Validated")),
        (PUBLISHED, _("Published")),
    ]

    items = models.ManyToManyField(Item, related_name="reports")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="reports")
    countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="assessments",
        help_text="The countries the report assesses (a State's own, set by the actions)",
    )
    period_start = models.DateField()
    period_end = models.DateField()
    compliance = models.CharField(max_length=24, choices=COMPLIANCE)
    narrative = models.TextField()
    language = models.CharField(max_length=2, choices=settings.LANGUAGES, default="en")
    measures = models.TextField(blank=True, help_text="Measures taken")
    challenges = models.TextField(blank=True)
    institutions = models.TextField(blank=True, help_text="Institutions involved")
    state = models.CharField(max_length=12, choices=STATES, default=DRAFT, db_index=True)
    review_comment = models.TextField(blank=True, help_text="The analyst's comments when returned")
    version = models.PositiveIntegerField(
        default=1, help_text="Raised by every change; a stale edit is refused"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["party", "state"])]

    def __str__(self) -> str:
        return f"{self.party}: {self.get_compliance_display()} ({self.state})"


class ReportLink(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.title or self.url


class Evidence(models.Model):
    """An uploaded file, stored outside the web root and served only to those who may see the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/%Y/%m/")
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.original_name


class ReportEvent(models.Model):
    """Every change to a report: who, when, what (the fields changed, the transition, the comment)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=24)
    changes = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action}"


class LabelSet(models.Model):
    """A combination of theme and pillar labels some item has, so that compliance by theme or
    pillar groups statuses by one small key instead of joining every status to its labels."""

    TAXONOMIES = ("themes", "pillars")

    key = models.CharField(max_length=2000, unique=True)
    labels = models.JSONField(default=dict, help_text="{taxonomy: [label, ...]}")

    def __str__(self) -> str:
        return self.key


class ItemStatus(models.Model):
    """Where an item stands for a party in a reporting period: the latest published assessment
    of it (for each country assessed), or not reported when the party owes a report and has
    published none. What compliance views count; kept by the actions (refresh_statuses).

    ``party_kind``, ``instrument`` and ``label_set`` repeat the party's kind, the item's
    instrument and its theme and pillar labels, so that each compliance view is one GROUP BY
    over this table and an index."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="statuses")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="statuses")
    period = models.PositiveSmallIntegerField(help_text="The reporting period (a year)")
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The country assessed: a State's own; blank when none was named",
    )
    party_kind = models.CharField(max_length=12, choices=Party.KINDS)
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label_set = models.ForeignKey(
        LabelSet, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    compliance = models.CharField(max_length=24, choices=STANDINGS)
    report = models.ForeignKey(Report, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "item statuses"
        constraints = [
            models.UniqueConstraint(
                fields=["item", "party", "period", "country"],
                condition=models.Q(country__isnull=False),
                name="item_status_unique_country",
            ),
            models.UniqueConstraint(
                fields=["item", "party", "period"],
                condition=models.Q(country__isnull=True),
                name="item_status_unique_no_country",
            ),
        ]
        indexes = [
            # One per shape of compliance view: each reads its groups from the index alone.
            models.Index(
                fields=["party_kind", "period", "country", "compliance"],
                name="status_by_country",
            ),
            models.Index(
                fields=["party_kind", "period", "instrument", "compliance"],
                name="status_by_instrument",
            ),
            models.Index(fields=["party_kind", "period", "compliance"], name="status_by_period"),
            models.Index(
                fields=["party_kind", "period", "label_set", "compliance"], name="status_by_labels"
            ),
            models.Index(fields=["party", "compliance"], name="status_by_party"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.party} {self.period}: {self.compliance}"


class Obligation(models.Model):
    """A party is due to report on an item by a date, and again every cycle."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="obligations")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="obligations")
    due_on = models.DateField(db_index=True)
    period = models.PositiveSmallIntegerField(
        help_text="The reporting period (a year) the report covers; by default the due date's",
    )
    cycle_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Report again every N months"
    )
    fulfilled_by = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.party} on item {self.item_id} by {self.due_on}"


class Reminder(models.Model):
    """A reminder sent, so the same one is never sent twice."""

    BEFORE, AFTER = "before", "after"

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(
        max_length=6, choices=[(BEFORE, "before the due date"), (AFTER, "after the due date")]
    )
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["obligation", "kind"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.obligation}"


# The notifications' models (followers, notices, choices) belong to this app.
from .notify.models import Follow, Notification, NotificationChoice  # noqa: E402, F401

"""Consultations and calls, their proposals, debate, supports, moderation and projects."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from followup.corpus.models import Body, Country, Item
from followup.tracking.models import Party

from . import core

USER = settings.AUTH_USER_MODEL


def translated(values: dict, language: str | None = None) -> str:
    """The text in the reader's language, else English, else any language it was written in."""
    language = (language or get_language() or "en")[:2]
    return values.get(language) or values.get("en") or next(iter(values.values()), "")


class Consultation(models.Model):
    """A consultation, call for solutions, ideas accelerator, youth consultation or challenge."""

    KINDS = [
        ("consultation", _("Consultation")),
        ("call", _("Call for solutions")),
        ("ideas", _("Ideas accelerator")),
        ("youth", _("Youth consultation")),
        ("challenge", _("Innovation challenge")),
    ]
    ANYONE, VERIFIED, ORGANIZATIONS = "registered", "verified", "organizations"
    PARTICIPATION = [
        (ANYONE, _("Anyone registered")),
        (VERIFIED, _("Verified accounts")),
        (ORGANIZATIONS, _("Listed organizations")),
    ]

    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=16, choices=KINDS, default="consultation")
    # {"en": ..., "es": ..., "pt": ..., "fr": ...}: every language the secretariat wrote.
    title = models.JSONField()
    description = models.JSONField(default=dict)
    themes = models.JSONField(default=list, blank=True)
    sdgs = models.JSONField(default=list, blank=True)
    population_groups = models.JSONField(default=list, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="consultations")
    participation = models.CharField(max_length=16, choices=PARTICIPATION, default=VERIFIED)
    organizations = models.ManyToManyField(Party, blank=True, related_name="consultations")
    support_threshold = models.PositiveIntegerField(default=100)
    uses_jury = models.BooleanField(default=False)
    created_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return translated(self.title, "en")

    def title_text(self) -> str:
        return translated(self.title)

    def description_text(self) -> str:
        return translated(self.description)

    def core_phases(self) -> list[core.Phase]:
        return [core.Phase(p.kind, p.starts_on, p.ends_on) for p in self.phases.all()]


class Phase(models.Model):
    KINDS = [
        ("information", _("Information")),
        ("proposals", _("Proposals")),
        ("debate", _("Debate")),
        ("support", _("Support")),
        ("review", _("Review")),
        ("selection", _("Selection")),
        ("implementation", _("Implementation")),
    ]

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(max_length=16, choices=KINDS)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "kind"], name="one_phase_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.starts_on}–{self.ends_on}"


class Expert(models.Model):
    """Someone the secretariat appointed to enrich one consultation's debate."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="experts")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="expertise")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user"], name="one_expert")]

    def __str__(self) -> str:
        return f"{self.user} ({self.consultation})"


class Proposal(models.Model):
    PUBLISHED, EVALUATING, ACCEPTED, REJECTED, MERGED, WITHDRAWN = (
        "published",
        "evaluating",
        "accepted",
        "rejected",
        "merged",
        "withdrawn",
    )
    STATES = [
        (PUBLISHED, pgettext_lazy("proposal", "Published")),
        (EVALUATING, pgettext_lazy("proposal", "Under evaluation")),
        (ACCEPTED, pgettext_lazy("proposal", "Accepted")),
        (REJECTED, pgettext_lazy("proposal", "Rejected")),
        (MERGED, pgettext_lazy("proposal", "Merged")),
        (WITHDRAWN, pgettext_lazy("proposal", "Withdrawn")),
    ]

    consultation = models.ForeignKey(
        Consultation, on_delete=models.PROTECT, related_name="proposals"
    )
    # Null once the author's account is deleted: the proposal stays, anonymized.
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="proposals")
    title = models.CharField(max_length=200)
    body = models.TextField()
    body_html = models.TextField(editable=False)
    language = models.CharField(max_length=2, default="en")
    themes = models.JSONField(default=list, blank=True)
    sdgs = models.JSONField(default=list, blank=True)
    population_groups = models.JSONField(default=list, blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="proposals")
    state = models.CharField(max_length=12, choices=STATES, default=PUBLISHED)
    state_reason = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_proposals"
    )
    # Counters kept in the transaction that changes them; `followup consult reconcile`
    # recounts them from rows and reports any drift.
    support_count = models.PositiveIntegerField(default=0)
    comment_count = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["consultation", "-support_count"], name="proposal_by_supports"),
            models.Index(fields=["consultation", "-created_at"], name="proposal_by_newest"),
        ]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    """The secretariat's assessment of a proposal's foundations."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="assessment")
    feasibility = models.TextField(blank=True)
    cost_estimate = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    serves = models.ManyToManyField(Item, blank=True, related_name="assessed_proposals")
    assessed_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"assessment of {self.proposal}"


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The database, not only Python, guarantees one support per account and proposal.
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="one_support")]

    def __str__(self) -> str:
        return f"{self.user} supports {self.proposal_id}"


class Comment(models.Model):
    FOR, AGAINST, NEUTRAL = "for", "against", "neutral"
    STANCES = [(FOR, _("In favour")), (AGAINST, _("Against")), (NEUTRAL, _("Neutral"))]

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    body_html = models.TextField(editable=False)
    stance = models.CharField(max_length=8, choices=STANCES, default=NEUTRAL)
    is_expert = models.BooleanField(default=False)
    up_votes = models.PositiveIntegerField(default=0)
    down_votes = models.PositiveIntegerField(default=0)
    flag_count = models.PositiveIntegerField(default=0)
    hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]


class CommentVote(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    value = models.SmallIntegerField()  # +1 or -1

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_vote_per_comment"),
            models.CheckConstraint(condition=Q(value__in=[-1, 1]), name="vote_is_up_or_down"),
        ]

    def __str__(self) -> str:
        return f"{self.value:+d} on comment {self.comment_id}"


class Flag(models.Model):
    """A report of abuse on a proposal or a comment, waiting for a moderator."""

    proposal = models.ForeignKey(Proposal, null=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, null=True, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_flag_per_proposal"),
            models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_comment"),
            models.CheckConstraint(
                condition=Q(proposal__isnull=False, comment__isnull=True)
                | Q(proposal__isnull=True, comment__isnull=False),
                name="flag_has_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"flag by {self.user}: {self.reason[:40]}"


class ModerationEvent(models.Model):
    """Who hid, restored, blocked or merged what, and why; never edited, only added."""

    actor = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=24)
    target = models.CharField(max_length=80)  # "proposal:12", "comment:40", "user:7"
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.target}"


class Follow(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consult_follows")
    consultation = models.ForeignKey(Consultation, null=True, on_delete=models.CASCADE)
    proposal = models.ForeignKey(Proposal, null=True, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "consultation"], name="follow_consultation"),
            models.UniqueConstraint(fields=["user", "proposal"], name="follow_proposal"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.consultation_id or self.proposal_id}"


class Notification(models.Model):
    KINDS = [
        ("comment", _("New comment")),
        ("state", _("Change of state")),
        ("threshold", _("Support threshold reached")),
        ("milestone", _("Project milestone")),
    ]

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="consult_notifications")
    kind = models.CharField(max_length=12, choices=KINDS)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=200)
    read = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class NotificationSetting(models.Model):
    """A kind of notice a person turned off (everything is on until turned off)."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=Notification.KINDS)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_setting")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} off"


class Project(models.Model):
    """A selected proposal taking shape for financing and implementation."""

    proposal = models.OneToOneField(Proposal, on_delete=models.PROTECT, related_name="project")
    title = models.CharField(max_length=200)
    budget = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    funding_source = models.CharField(max_length=200, blank=True)
    responsible = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT)
    countries = models.ManyToManyField(Country, blank=True, related_name="consult_projects")
    implements = models.ManyToManyField(Item, blank=True, related_name="consult_projects")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    reached_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.title


class Result(models.Model):
    """A result in the project's tree; a leaf's progress is entered, a parent's is rolled up."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    title = models.CharField(max_length=200)
    weight = models.FloatField(null=True, blank=True)
    progress = models.FloatField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100), name="progress_is_a_percent"
            )
        ]

    def __str__(self) -> str:
        return self.title

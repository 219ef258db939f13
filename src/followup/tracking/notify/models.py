"""What people follow, the notices they were sent in the site, and what they chose to be told.

These are models of the tracking app (``tracking/models.py`` imports them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from followup.corpus.models import Country, Instrument, Item

from .kinds import EVENTS

USER = settings.AUTH_USER_MODEL


class Follow(models.Model):
    """A person follows one item, country or instrument: they are told of the reports on it
    that they may read."""

    ITEM, COUNTRY, INSTRUMENT = "item", "country", "instrument"
    TARGETS = [(ITEM, _("item")), (COUNTRY, _("country")), (INSTRUMENT, _("instrument"))]

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="follows")
    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.CASCADE, related_name="followers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "item"], name="follow_item_once"),
            models.UniqueConstraint(fields=["user", "country"], name="follow_country_once"),
            models.UniqueConstraint(fields=["user", "instrument"], name="follow_instrument_once"),
            models.CheckConstraint(
                condition=Q(item__isnull=False, country__isnull=True, instrument__isnull=True)
                | Q(item__isnull=True, country__isnull=False, instrument__isnull=True)
                | Q(item__isnull=True, country__isnull=True, instrument__isnull=False),
                name="follow_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target_kind} {self.target_id}"

    @property
    def target_kind(self) -> str:
        return self.ITEM if self.item_id else self.COUNTRY if self.country_id else self.INSTRUMENT

    @property
    def target_id(self):
        return self.item_id or self.country_id or self.instrument_id


class Notification(models.Model):
    """A notice in a person's list in the site, written in their language when it was sent."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notifications")
    event = models.CharField(max_length=24, choices=EVENTS)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:60]


class NotificationChoice(models.Model):
    """What a person chose for one event; without a row, they are told by every channel."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="notification_choices")
    event = models.CharField(max_length=24, choices=EVENTS)
    email = models.BooleanField(default=True)
    in_app = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notification_choice_once")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.event} (e-mail {self.email}, in the site {self.in_app})"

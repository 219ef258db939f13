"""Every write of notifications: deliveries, follows, read marks and people's choices."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from followup.corpus.models import Country, Instrument, Item
from followup.errors import InvalidInput, NotFound
from followup.policy import ensure_permission

from ..models import Profile
from . import events
from .kinds import CHANNELS, EVENT_NAMES
from .models import Follow, Notification, NotificationChoice

log = logging.getLogger(__name__)


@dataclass
class Delivery:
    """What one event's delivery did: who was told, by which channel, what failed."""

    event: str
    told: list[str] = field(default_factory=list)
    emailed: list[str] = field(default_factory=list)
    noticed: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "failed" if self.failures else "done"

    @property
    def reason(self) -> str:
        return "; ".join(self.failures)

    def describe(self) -> str:
        return (
            f"{self.event}: {len(self.told)} told, {len(self.emailed)} by e-mail, "
            f"{len(self.noticed)} in the site"
            + (f", {len(self.failures)} e-mail(s) not sent" if self.failures else "")
        )


def do_deliver(payload: dict) -> Delivery:
    """Deliver one event (see ``delivery.emit``): the notices in the site in one transaction,
    then one e-mail per person in their language. An e-mail the server refuses is logged and
    reported in the result; it does not undo the notices."""
    event = payload["event"]
    delivery = Delivery(event)
    objects = events.load(event, payload.get("objects", {}))
    if objects is None:
        return delivery  # what it was about is gone
    people = events.recipients(event, objects, payload.get("actor"))
    choosable = events.EVENTS[event].choosable
    choices = {
        choice.user_id: choice
        for choice in NotificationChoice.objects.filter(
            event=event, user__in=people if choosable else []
        )
    }
    notices, messages = [], []
    for user in people:
        choice = choices.get(user.pk)
        if choosable:
            by_email = (choice is None or choice.email) and _can_email(user)
            in_app = choice is None or choice.in_app
        else:  # a message about one's account: to its address, confirmed or not yet
            by_email, in_app = bool(user.email), False
        if not (by_email or in_app):
            continue
        with translation.override(events.language_of(user)):
            subject, body, path = events.render(event, objects, user)
        delivery.told.append(user.get_username())
        if in_app:
            notices.append(Notification(user=user, event=event, text=subject[:500], url=path))
            delivery.noticed.append(user.get_username())
        if by_email:
            messages.append(
                (user, EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
            )
    with transaction.atomic():
        Notification.objects.bulk_create(notices)
    _send(messages, delivery)
    return delivery


def _can_email(user) -> bool:
    """An address, and a confirmed one: nobody is mailed at an address they did not prove."""
    profile = getattr(user, "profile", None)
    return bool(user.email) and (profile is None or profile.email_verified)


def _send(messages, delivery: Delivery) -> None:
    if not messages:
        return
    with get_connection() as connection:
        for user, message in messages:
            try:
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as err:
                log.warning("%s: e-mail to %s not sent: %s", delivery.event, user.email, err)
                delivery.failures.append(f"{user.email}: {err}")
            else:
                delivery.emailed.append(user.get_username())


# -- following

TARGETS = {Follow.ITEM: Item, Follow.COUNTRY: Country, Follow.INSTRUMENT: Instrument}


def _target(kind: str, target_id):
    model = TARGETS.get(kind)
    if model is None:
        raise InvalidInput("target", _("one follows an item, a country or an instrument"))
    found = None
    if kind == Follow.COUNTRY and isinstance(target_id, str):
        found = model.objects.filter(pk=target_id.upper()).first()
    elif isinstance(target_id, int) and 0 < target_id < 2**63:
        found = model.objects.filter(pk=target_id).first()
    if found is None:
        raise NotFound(_("%(target)s: not found") % {"target": kind})
    return found


@transaction.atomic
def do_follow(user, kind: str, target_id) -> Follow:
    ensure_permission(user, "follow")
    target = _target(kind, target_id)
    existing = Follow.objects.filter(user=user, **{kind: target}).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, **{kind: target})
    except IntegrityError:  # followed by a concurrent request
        return Follow.objects.get(user=user, **{kind: target})


@transaction.atomic
def do_unfollow(user, kind: str, target_id) -> bool:
    ensure_permission(user, "follow")
    target = _target(kind, target_id)
    deleted, _kinds = Follow.objects.filter(user=user, **{kind: target}).delete()
    return bool(deleted)


# -- one's notifications


def access_notification(user, notification_id) -> Notification:
    """The user's own notification; NotFound for a missing one or another person's."""
    ensure_permission(user, "read_notifications")
    notification = (
        Notification.objects.filter(pk=notification_id, user=user).first()
        if isinstance(notification_id, int) and 0 < notification_id < 2**63
        else None
    )
    if notification is None:
        raise NotFound(_("notification: not found"))
    return notification


@transaction.atomic
def do_mark_read(user, notification_id: int) -> Notification:
    notification = access_notification(user, notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def do_mark_all_read(user) -> int:
    ensure_permission(user, "read_notifications")
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())


@transaction.atomic
def do_set_choices(user, chosen: dict[str, set[str]], language: str | None = None) -> None:
    """``chosen`` maps each event to the channels the person wants it by (an event left out
    keeps its choice); ``language`` is that of their e-mails and notices ("" for the site's)."""
    ensure_permission(user, "follow")
    channels = {code for code, _label in CHANNELS}
    for event, wanted in chosen.items():
        if event not in EVENT_NAMES:
            raise InvalidInput("event", _("unknown event %(event)r") % {"event": event})
        if set(wanted) - channels:
            raise InvalidInput(
                "channel", _("one of %(channels)s") % {"channels": ", ".join(sorted(channels))}
            )
        NotificationChoice.objects.update_or_create(
            user=user,
            event=event,
            defaults={"email": "email" in wanted, "in_app": "in_app" in wanted},
        )
    if language is not None:
        if language and language not in dict(settings.LANGUAGES):
            raise InvalidInput(
                "language", _("unknown language %(language)r") % {"language": language}
            )
        profile, _created = Profile.objects.get_or_create(user=user)
        if profile.language != language:
            profile.language = language
            profile.save(update_fields=["language"])

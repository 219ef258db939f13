"""Each event: the objects it carries, whom it tells, where its notice leads, what it says.

Whom each event tells (never the person who caused it, never a deactivated account):

=================== ===========================================================================
report_submitted    the reporting party's members, the secretariat analysts, and followers
report_returned     the reporting party's members, and followers
report_validated    the reporting party's members, and followers
report_published    the reporting party's members, the secretariat analysts, and followers
obligation_created  the party's members
due_soon            the party's members
overdue             the party's members and the secretariat analysts
account_activated   the account's owner
=================== ===========================================================================

Two messages about one's account go by e-mail only and cannot be turned off: the link that
confirms a new account's address (``email_verification``, to the account, active or not) and
``name_taken`` (to the address of someone who tried to register a name in use; no account).

Followers of a report are the people who follow one of its items, the instrument of one of
its items, the reporting State's country or a country one of its items is about. Everyone told
of a report must be allowed to read it (``view_report`` in ``followup.policy``), checked when
the notice is sent: a follower is told of a submitted report only if the policy lets them see
it, so in practice followers outside the party and the secretariat hear of it once published.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse

from followup import policy
from followup.corpus.models import Item

from ..models import Obligation, Profile, Report
from . import kinds


def _users():
    return get_user_model().objects.filter(is_active=True).select_related("profile")


def _members(party):
    return _users().filter(profile__party=party)


def _analysts():
    return _users().filter(profile__role=Profile.ANALYST)


def _followers(report: Report):
    items = list(report.items.values_list("pk", "instrument_id"))
    item_ids = [pk for pk, _instrument in items]
    instrument_ids = {instrument for _pk, instrument in items if instrument}
    country_ids = set(
        Item.countries.through.objects.filter(item_id__in=item_ids).values_list(
            "country_id", flat=True
        )
    )
    if report.party.country_id:
        country_ids.add(report.party.country_id)
    return _users().filter(
        Q(follows__item__in=item_ids)
        | Q(follows__country__in=country_ids)
        | Q(follows__instrument__in=instrument_ids)
    )


def _report_readers(*, analysts: bool) -> Callable:
    def recipients(objects: dict) -> Iterable:
        report = objects["report"]
        found = [*_members(report.party), *_followers(report)]
        return [*found, *_analysts()] if analysts else found

    return recipients


def _report_url(objects: dict, user) -> str:
    return reverse("tracking:report_detail", args=[objects["report"].pk])


def _obligation_url(objects: dict, user) -> str:
    obligation = objects["obligation"]
    if policy.party_id_of(user) == obligation.party_id:
        return reverse("tracking:report_new") + f"?items={obligation.item_id}"
    if policy.allowed(user, "manage_obligations"):
        return reverse("tracking:overdue")
    return reverse("web:item_detail", args=[obligation.item_id])


def _verification_url(objects: dict, user) -> str:
    from ..actions import email_verification_token

    return reverse("verify_email", args=[email_verification_token(objects["account"])])


@dataclass(frozen=True)
class Address:
    """Someone known only by an e-mail address: a registrant whose name was taken."""

    email: str
    username: str
    language: str = ""
    pk = None

    def get_username(self) -> str:
        return self.username


@dataclass(frozen=True)
class Event:
    name: str
    # What the event carries, by name: "report", "obligation", "account" or "registrant".
    carries: str
    recipients: Callable[[dict], Iterable]
    url: Callable[[dict, object], str]
    # Every recipient must be allowed this policy action on the object carried.
    readable_by: str | None = None
    # False for the messages about one's account: by e-mail, always, whatever one chose.
    choosable: bool = True


EVENTS = {
    event.name: event
    for event in (
        Event(
            kinds.REPORT_SUBMITTED,
            "report",
            _report_readers(analysts=True),
            _report_url,
            "view_report",
        ),
        Event(
            kinds.REPORT_RETURNED,
            "report",
            _report_readers(analysts=False),
            _report_url,
            "view_report",
        ),
        Event(
            kinds.REPORT_VALIDATED,
            "report",
            _report_readers(analysts=False),
            _report_url,
            "view_report",
        ),
        Event(
            kinds.REPORT_PUBLISHED,
            "report",
            _report_readers(analysts=True),
            _report_url,
            "view_report",
        ),
        Event(
            kinds.OBLIGATION_CREATED,
            "obligation",
            lambda objects: _members(objects["obligation"].party),
            _obligation_url,
        ),
        Event(
            kinds.DUE_SOON,
            "obligation",
            lambda objects: _members(objects["obligation"].party),
            _obligation_url,
        ),
        Event(
            kinds.OVERDUE,
            "obligation",
            lambda objects: [*_members(objects["obligation"].party), *_analysts()],
            _obligation_url,
        ),
        Event(
            kinds.ACCOUNT_ACTIVATED,
            "account",
            lambda objects: _users().filter(pk=objects["account"].pk),
            lambda objects, user: reverse("login"),
        ),
        Event(
            kinds.EMAIL_VERIFICATION,
            "account",
            lambda objects: [objects["account"]],
            _verification_url,
            choosable=False,
        ),
        Event(
            kinds.NAME_TAKEN,
            "registrant",
            lambda objects: [objects["registrant"]],
            lambda objects, user: reverse("register"),
            choosable=False,
        ),
    )
}


def load(event: str, ids: dict) -> dict | None:
    """The objects an event carries, from their ids; None when one is gone meanwhile."""
    spec = EVENTS[event]
    if spec.carries == "registrant":
        data = ids.get("registrant") or {}
        return {"registrant": Address(data["email"], data["username"], data.get("language", ""))}
    lookups = {
        "report": Report.objects.select_related("party__country").prefetch_related("items"),
        "obligation": Obligation.objects.select_related("party__country", "item"),
        "account": get_user_model().objects.select_related("profile__party__country"),
    }
    found = lookups[spec.carries].filter(pk=ids.get(spec.carries)).first()
    return None if found is None else {spec.carries: found}


def recipients(event: str, objects: dict, actor_id: int | None = None) -> list:
    """Who the event tells, by user name: its rule's people, less the actor, less anyone the
    policy does not let read the object."""
    spec = EVENTS[event]
    people = {
        user.pk if user.pk is not None else user.email: user
        for user in spec.recipients(objects)
        if actor_id is None or user.pk != actor_id
    }
    if spec.readable_by:
        target = objects[spec.carries]
        people = {
            pk: user
            for pk, user in people.items()
            if policy.allowed(user, spec.readable_by, target)
        }
    return sorted(people.values(), key=lambda user: user.get_username())


def language_of(user) -> str:
    if isinstance(user, Address):
        return user.language or settings.LANGUAGE_CODE
    profile = getattr(user, "profile", None)
    return (profile.language if profile is not None else "") or settings.LANGUAGE_CODE


def site_url(path: str) -> str:
    return settings.FOLLOWUP_SITE_URL.rstrip("/") + path


def render(event: str, objects: dict, user) -> tuple[str, str, str]:
    """(subject, body, path) of the event's message to ``user``, in the active language.
    The template's first line is the subject, the rest the body."""
    path = EVENTS[event].url(objects, user)
    context = {
        **objects,
        "recipient": user,
        "link": site_url(path),
        "settings_link": site_url(reverse("notify:settings")),
        "days": settings.FOLLOWUP_EMAIL_VERIFICATION_DAYS,
    }
    text = render_to_string(f"tracking/notify/email/{event}.txt", context).strip()
    subject, _newline, body = text.partition("\n")
    body = re.sub(r"\n{3,}", "\n\n", body.strip())  # what template tags leave between lines
    if EVENTS[event].choosable:
        footer = render_to_string("tracking/notify/email/footer.txt", context).strip()
        body = f"{body}\n\n-- \n{footer}"
    return " ".join(subject.split()), f"{body}\n", path

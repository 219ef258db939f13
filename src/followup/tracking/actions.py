"""Every write of the tracking app: reports, their workflow, evidence, obligations, accounts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from followup.corpus.models import Item

from .access import Forbidden, check_can_edit, check_can_file, check_is_analyst
from .models import (
    COMPLIANCE_CODES,
    Evidence,
    ItemStatus,
    Obligation,
    Party,
    Profile,
    Report,
    ReportEvent,
    ReportLink,
)

REPORTED_KINDS = ("mandate", "recommendation")
EDITABLE_FIELDS = (
    "period_start",
    "period_end",
    "compliance",
    "narrative",
    "language",
    "measures",
    "challenges",
    "institutions",
)
TRANSITIONS = {
    "submit": ({Report.DRAFT, Report.RETURNED}, Report.SUBMITTED),
    "return": ({Report.SUBMITTED, Report.VALIDATED}, Report.RETURNED),
    "validate": ({Report.SUBMITTED}, Report.VALIDATED),
    "publish": ({Report.VALIDATED}, Report.PUBLISHED),
}


class InvalidInput(ValueError):
    """Bad input, with the field it concerns; answered with a 4xx naming the field."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class StaleEdit(Exception):
    """The report changed since the editor loaded it."""


def _clean(values: dict) -> dict:
    cleaned = {k: v for k, v in values.items() if k in EDITABLE_FIELDS and v is not None}
    if "compliance" in cleaned and cleaned["compliance"] not in COMPLIANCE_CODES:
        raise InvalidInput(
            "compliance",
            f"unknown status {cleaned['compliance']!r}; one of {', '.join(COMPLIANCE_CODES)}",
        )
    if "language" in cleaned and cleaned["language"] not in dict(settings.LANGUAGES):
        raise InvalidInput("language", f"unknown language {cleaned['language']!r}")
    for name in ("period_start", "period_end"):
        if name in cleaned and isinstance(cleaned[name], str):
            try:
                cleaned[name] = date.fromisoformat(cleaned[name])
            except ValueError:
                raise InvalidInput(name, "not a date (YYYY-MM-DD)") from None
    return cleaned


def _items(item_ids) -> list[Item]:
    ids = list(dict.fromkeys(item_ids or []))
    if not ids:
        raise InvalidInput("items", "a report concerns at least one item")
    items = list(Item.objects.filter(pk__in=ids, kind__in=REPORTED_KINDS))
    missing = sorted(set(ids) - {i.pk for i in items})
    if missing:
        raise InvalidInput(
            "items", f"no mandate or recommendation with id {', '.join(map(str, missing))}"
        )
    return items


def _log(report: Report, user, action: str, changes: dict | None = None, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report, user=user, action=action, changes=changes or {}, comment=comment
    )


@transaction.atomic
def do_create_report(user, *, party_id: int, item_ids, **values) -> Report:
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise InvalidInput("party", f"no party with id {party_id}")
    check_can_file(user, party)
    items = _items(item_ids)
    cleaned = _clean(values)
    for required in ("period_start", "period_end", "compliance", "narrative"):
        if not cleaned.get(required):
            raise InvalidInput(required, "is required")
    if cleaned["period_end"] < cleaned["period_start"]:
        raise InvalidInput("period_end", "ends before the period starts")
    report = Report.objects.create(party=party, created_by=user, **cleaned)
    report.items.set(items)
    _log(report, user, "created", {k: str(v) for k, v in cleaned.items()})
    return report


@transaction.atomic
def do_update_report(user, report_id: int, *, version: int, item_ids=None, **values) -> Report:
    report = Report.objects.select_for_update().get(pk=report_id)
    check_can_edit(user, report)
    if version != report.version:
        raise StaleEdit(
            f"report {report.pk} was changed by someone else (version {report.version}, yours {version})"
        )
    cleaned = _clean(values)
    changes = {
        k: [str(getattr(report, k)), str(v)] for k, v in cleaned.items() if getattr(report, k) != v
    }
    start, end = (
        cleaned.get("period_start", report.period_start),
        cleaned.get("period_end", report.period_end),
    )
    if end < start:
        raise InvalidInput("period_end", "ends before the period starts")
    if item_ids is not None:
        items = _items(item_ids)
        before = sorted(report.items.values_list("pk", flat=True))
        if before != sorted(i.pk for i in items):
            changes["items"] = [before, sorted(i.pk for i in items)]
            report.items.set(items)
    if not changes:
        return report
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.version += 1
    report.save()
    _log(report, user, "edited", changes)
    return report


@transaction.atomic
def do_transition_report(user, report_id: int, action: str, *, comment: str = "") -> Report:
    """submit (the filing party), return with comments, validate, publish (analysts)."""
    if action not in TRANSITIONS:
        raise InvalidInput("action", f"unknown action {action!r}; one of {', '.join(TRANSITIONS)}")
    report = Report.objects.select_for_update().get(pk=report_id)
    if action == "submit":
        check_can_file(user, report.party)
    else:
        check_is_analyst(user)
    allowed_from, target = TRANSITIONS[action]
    if report.state not in allowed_from:
        raise InvalidInput("state", f"a {report.state} report cannot be {target}")
    if action == "return" and not comment.strip():
        raise InvalidInput("comment", "say what must change when returning a report")
    previous = report.state
    report.state = target
    report.version += 1
    if action == "return":
        report.review_comment = comment
    if action == "publish":
        report.published_at = timezone.now()
        record_statuses(report)
    report.save()
    _log(report, user, action, {"state": [previous, target]}, comment)
    if action == "submit":
        _fulfil_obligations(report)
    return report


def record_statuses(report: Report) -> None:
    """The published report becomes each of its items' latest status for its party."""
    for item in report.items.all():
        current = ItemStatus.objects.filter(item=item, party=report.party).first()
        if current is None or current.assessed_at <= report.published_at:
            ItemStatus.objects.update_or_create(
                item=item,
                party=report.party,
                defaults={
                    "compliance": report.compliance,
                    "report": report,
                    "assessed_at": report.published_at,
                },
            )


def _fulfil_obligations(report: Report) -> None:
    """A submitted report fulfils the party's open obligations on its items; a cycle opens the next."""
    for obligation in Obligation.objects.filter(
        party=report.party, item__in=report.items.all(), fulfilled_by=None
    ):
        obligation.fulfilled_by = report
        obligation.save(update_fields=["fulfilled_by"])
        if obligation.cycle_months:
            Obligation.objects.create(
                item=obligation.item,
                party=obligation.party,
                due_on=_add_months(obligation.due_on, obligation.cycle_months),
                cycle_months=obligation.cycle_months,
            )


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


ALLOWED_EVIDENCE = {
    # extension: (content type, magic prefix or None for text)
    ".pdf": ("application/pdf", b"%PDF"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ".png": ("image/png", b"\x89PNG"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def check_upload(name: str, data: bytes) -> tuple[str, str]:
    """The extension and content type of an acceptable upload; InvalidInput naming the reason
    for a path in the name, a type not accepted, an empty or oversized file, or content that
    does not match its name."""
    if (
        not name
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or ".." in name
        or "\x00" in name
    ):
        raise InvalidInput("file", f"the file name {name!r} must be a plain name, without a path")
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EVIDENCE:
        raise InvalidInput(
            "file",
            f"{name}: files of type {extension or '(none)'} are not accepted; allowed: {', '.join(ALLOWED_EVIDENCE)}",
        )
    limit = settings.FOLLOWUP_MAX_EVIDENCE_BYTES
    if len(data) > limit:
        raise InvalidInput(
            "file", f"{name} is {len(data):,} bytes, over the limit of {limit:,} bytes"
        )
    if not data:
        raise InvalidInput("file", f"{name} is empty")
    content_type, magic = ALLOWED_EVIDENCE[extension]
    if magic is not None and not data.startswith(magic):
        raise InvalidInput(
            "file", f"{name} is not a {extension} file (its content does not match its name)"
        )
    if magic is None and b"\x00" in data[:4096]:
        raise InvalidInput("file", f"{name} is not a text file")
    return extension, content_type


@transaction.atomic
def do_add_evidence(user, report_id: int, *, name: str, data: bytes) -> Evidence:
    report = Report.objects.select_for_update().get(pk=report_id)
    check_can_edit(user, report)
    extension, content_type = check_upload(name, data)
    sha256 = hashlib.sha256(data).hexdigest()
    evidence = Evidence(
        report=report,
        original_name=name,
        content_type=content_type,
        size=len(data),
        sha256=sha256,
        uploaded_by=user,
    )
    evidence.file.save(f"{sha256[:16]}{extension}", ContentFile(data), save=False)
    evidence.save()
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    _log(report, user, "evidence_added", {"file": name, "sha256": sha256})
    return evidence


@transaction.atomic
def do_add_link(user, report_id: int, *, url: str, title: str = "") -> ReportLink:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    report = Report.objects.select_for_update().get(pk=report_id)
    check_can_edit(user, report)
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput("url", f"{url!r} is not an http(s) address") from None
    link = ReportLink.objects.create(report=report, url=url, title=title[:300])
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    _log(report, user, "link_added", {"url": url})
    return link


@dataclass
class Registration:
    username: str
    email: str
    password: str
    role: str = Profile.PUBLIC
    party_id: int | None = None


@transaction.atomic
def do_register(registration: Registration):
    """A public account is active at once; a focal point's or an organization member's account
    waits for an administrator to activate it."""
    User = get_user_model()
    if User.objects.filter(username=registration.username).exists():
        raise InvalidInput("username", "is taken")
    roles = {Profile.PUBLIC, Profile.FOCAL_POINT, Profile.ORGANIZATION_MEMBER}
    if registration.role not in roles:
        raise InvalidInput("role", f"one may register as {', '.join(sorted(roles))}")
    party = None
    if registration.role != Profile.PUBLIC:
        kind = Party.STATE if registration.role == Profile.FOCAL_POINT else Party.ORGANIZATION
        party = Party.objects.filter(pk=registration.party_id, kind=kind).first()
        if party is None:
            raise InvalidInput("party", f"choose the {kind} you act for")
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    user = User(username=registration.username, email=registration.email)
    try:
        validate_password(registration.password, user)
    except ValidationError as err:
        raise InvalidInput("password", " ".join(err.messages)) from None
    user.set_password(registration.password)
    user.is_active = registration.role == Profile.PUBLIC
    user.save()
    Profile.objects.create(user=user, role=registration.role, party=party)
    return user


@transaction.atomic
def do_create_obligation(
    user, *, item_id: int, party_id: int, due_on: date, cycle_months: int | None = None
) -> Obligation:
    check_is_analyst(user)
    item = Item.objects.filter(pk=item_id, kind__in=REPORTED_KINDS).first()
    if item is None:
        raise InvalidInput("item", f"no mandate or recommendation with id {item_id}")
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise InvalidInput("party", f"no party with id {party_id}")
    return Obligation.objects.create(
        item=item, party=party, due_on=due_on, cycle_months=cycle_months
    )


@transaction.atomic
def do_ensure_parties() -> int:
    """A party for each OAS member State and for the secretariat; organizations are added by hand."""
    from followup.corpus.models import Country

    created = 0
    for country in Country.objects.filter(oas_member=True):
        _, new = Party.objects.get_or_create(
            country=country, defaults={"kind": Party.STATE, "name": country.name_en}
        )
        created += new
    _, new = Party.objects.get_or_create(
        name="General Secretariat", defaults={"kind": Party.SECRETARIAT}
    )
    return created + new


__all__ = [
    "Forbidden",
    "InvalidInput",
    "StaleEdit",
    "do_add_evidence",
    "do_add_link",
    "do_create_obligation",
    "do_create_report",
    "do_ensure_parties",
    "do_register",
    "do_transition_report",
    "do_update_report",
]

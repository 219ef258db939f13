"""Every write of the tracking app: reports, their workflow, evidence, obligations, accounts."""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from followup.corpus.models import Country, Item, ItemLabel
from followup.errors import Conflict, Forbidden, InvalidInput, NotFound
from followup.policy import access_report, ensure_permission

from .models import (
    COMPLIANCE_CODES,
    NOT_REPORTED,
    Evidence,
    ItemStatus,
    LabelSet,
    Obligation,
    Party,
    Profile,
    Report,
    ReportEvent,
    ReportLink,
)
from .notify import kinds as notice
from .notify.delivery import emit
from .periods import reporting_period

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
    # The filing party takes a report back before the secretariat has reviewed it.
    "withdraw": ({Report.SUBMITTED}, Report.DRAFT),
}


class StaleEdit(Conflict):
    """The report changed since the editor loaded it."""


def _clean(values: dict) -> dict:
    cleaned = {k: v for k, v in values.items() if k in EDITABLE_FIELDS and v is not None}
    if "compliance" in cleaned and cleaned["compliance"] not in COMPLIANCE_CODES:
        raise InvalidInput(
            "compliance",
            _("unknown status %(status)r; one of %(statuses)s")
            % {"status": cleaned["compliance"], "statuses": ", ".join(COMPLIANCE_CODES)},
        )
    if "language" in cleaned and cleaned["language"] not in dict(settings.LANGUAGES):
        raise InvalidInput(
            "language", _("unknown language %(language)r") % {"language": cleaned["language"]}
        )
    for name in ("period_start", "period_end"):
        if name in cleaned and isinstance(cleaned[name], str):
            try:
                cleaned[name] = date.fromisoformat(cleaned[name])
            except ValueError:
                raise InvalidInput(name, _("not a date (YYYY-MM-DD)")) from None
    return cleaned


def _items(item_ids) -> list[Item]:
    ids = list(dict.fromkeys(item_ids or []))
    if not ids:
        raise InvalidInput("items", _("choose at least one mandate or recommendation"))
    items = list(Item.objects.filter(pk__in=ids, kind__in=REPORTED_KINDS))
    missing = sorted(set(ids) - {i.pk for i in items})
    if missing:
        raise InvalidInput(
            "items",
            _("no mandate or recommendation with id %(ids)s")
            % {"ids": ", ".join(map(str, missing))},
        )
    return items


def _countries(party: Party, codes) -> list[Country]:
    """The countries a report assesses: a State's report assesses the State (naming another is
    refused); an organization's or the secretariat's, the countries it names (maybe none)."""
    codes = list(dict.fromkeys(code.strip().upper() for code in codes or [] if code.strip()))
    countries = list(Country.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {c.code for c in countries})
    if missing:
        raise InvalidInput("countries", f"no country with code {', '.join(missing)}")
    if party.kind == Party.STATE:
        others = sorted(c.code for c in countries if c.code != party.country_id)
        if others:
            raise InvalidInput(
                "countries", f"a State reports on itself, not on {', '.join(others)}"
            )
        return [party.country] if party.country_id else []
    return countries


def _log(report: Report, user, action: str, changes: dict | None = None, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report, user=user, action=action, changes=changes or {}, comment=comment
    )


@transaction.atomic
def do_create_report(user, *, party_id: int, item_ids, country_codes=None, **values) -> Report:
    """A draft report on items, for a party; ``country_codes`` name the countries an
    organization's or the secretariat's report assesses (a State's is its own)."""
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise InvalidInput("party", _("no party with id %(id)s") % {"id": party_id})
    ensure_permission(user, "create_report", party)
    items = _items(item_ids)
    cleaned = _clean(values)
    for required in ("period_start", "period_end", "compliance", "narrative"):
        if not cleaned.get(required):
            raise InvalidInput(required, _("is required"))
    if cleaned["period_end"] < cleaned["period_start"]:
        raise InvalidInput("period_end", _("ends before the period starts"))
    countries = _countries(party, country_codes)
    report = Report.objects.create(party=party, created_by=user, **cleaned)
    report.items.set(items)
    report.countries.set(countries)
    changes = {k: str(v) for k, v in cleaned.items()}
    if countries and party.kind != Party.STATE:  # a State's own goes without saying
        changes["countries"] = sorted(c.code for c in countries)
    _log(report, user, "created", changes)
    return report


@transaction.atomic
def do_update_report(
    user, report_id: int, *, version: int, item_ids=None, country_codes=None, **values
) -> Report:
    report = access_report(user, report_id, "edit_report", Report.objects.select_for_update())
    if version != report.version:
        raise StaleEdit(
            _("report %(id)s was changed by someone else (version %(now)s, yours %(yours)s)")
            % {"id": report.pk, "now": report.version, "yours": version}
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
        raise InvalidInput("period_end", _("ends before the period starts"))
    if item_ids is not None:
        items = _items(item_ids)
        before = sorted(report.items.values_list("pk", flat=True))
        if before != sorted(i.pk for i in items):
            changes["items"] = [before, sorted(i.pk for i in items)]
            report.items.set(items)
    if country_codes is not None:
        countries = _countries(report.party, country_codes)
        before = sorted(report.countries.values_list("code", flat=True))
        if before != sorted(c.code for c in countries):
            changes["countries"] = [before, sorted(c.code for c in countries)]
            report.countries.set(countries)
    if not changes:
        return report
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.version += 1
    report.save(update_fields=[*cleaned, "version", "updated_at"])
    _log(report, user, "edited", changes)
    return report


def _state_word(state: str) -> str:
    return {
        Report.DRAFT: _("draft"),
        Report.SUBMITTED: _("submitted"),
        Report.RETURNED: _("returned"),
        Report.VALIDATED: _("validated"),
        Report.PUBLISHED: _("published"),
    }[state]


def _done_word(action: str) -> str:
    return {
        "submit": _("submitted"),
        "return": _("returned"),
        "validate": _("validated"),
        "publish": _("published"),
        "withdraw": _("withdrawn"),
    }[action]


@transaction.atomic
def do_transition_report(user, report_id: int, action: str, *, comment: str = "") -> Report:
    """submit and withdraw (the filing party), return with comments, validate, publish
    (analysts). A withdrawn report is a draft again, and the due dates it fulfilled are open."""
    if action not in TRANSITIONS:
        raise InvalidInput(
            "action",
            _("unknown action %(action)r; one of %(actions)s")
            % {"action": action, "actions": ", ".join(TRANSITIONS)},
        )
    report = access_report(user, report_id, f"{action}_report", Report.objects.select_for_update())
    allowed_from, target = TRANSITIONS[action]
    if report.state not in allowed_from:
        raise InvalidInput(
            "state",
            _("a %(state)s report cannot be %(done)s")
            % {"state": _state_word(report.state), "done": _done_word(action)},
        )
    if action == "return" and not comment.strip():
        raise InvalidInput("comment", _("say what must change when returning a report"))
    previous = report.state
    report.state = target
    report.version += 1
    if action == "return":
        report.review_comment = comment
    if action == "publish":
        report.published_at = timezone.now()
    report.save(update_fields=["state", "version", "review_comment", "published_at", "updated_at"])
    if action == "publish":
        record_statuses(report)
    _log(report, user, action, {"state": [previous, target]}, comment)
    if action == "submit":
        _fulfil_obligations(report)
    if action in notice.TRANSITION_EVENTS:
        emit(notice.TRANSITION_EVENTS[action], actor=user, report=report)
    if action == "withdraw":
        _release_obligations(report)
    return report


def record_statuses(report: Report) -> None:
    """A published report becomes its items' status for its party in its reporting period
    (for each country it assesses), unless a later published one of the same period is."""
    refresh_statuses(
        report.party,
        reporting_period(report.period_end),
        report.items.values_list("pk", flat=True),
    )


def refresh_statuses(party: Party, period: int, item_ids) -> None:
    """Set the statuses of these items for the party in the period from what is stored: for
    each item and country assessed, the level of the latest published report on the period;
    not reported where the party owes a report for the period (an obligation) and has
    published none; nothing otherwise."""
    item_ids = set(item_ids)
    if not item_ids:
        return
    wanted = _standings(party, period, item_ids)
    instruments = dict(Item.objects.filter(pk__in=item_ids).values_list("pk", "instrument_id"))
    label_sets = label_sets_of(item_ids)
    existing = {
        (s.item_id, s.country_id): s
        for s in ItemStatus.objects.filter(party=party, period=period, item_id__in=item_ids)
    }
    stale = [s.pk for key, s in existing.items() if key not in wanted]
    if stale:
        ItemStatus.objects.filter(pk__in=stale).delete()
    for (item_id, country), (level, report) in wanted.items():
        values = {
            "party_kind": party.kind,
            "instrument_id": instruments.get(item_id),
            "label_set_id": label_sets.get(item_id),
            "compliance": level,
            "report": report,
            "assessed_at": report.published_at if report else None,
        }
        status = existing.get((item_id, country))
        if status is None:
            ItemStatus.objects.create(
                item_id=item_id, party=party, period=period, country_id=country, **values
            )
        elif any(getattr(status, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(status, name, value)
            status.save(update_fields=list(values))


def refresh_obligation_statuses(keys) -> None:
    """After obligations were added, changed or removed outside the actions (the admin):
    ``keys`` are their (party id, period, item id), before and after."""
    parties = Party.objects.in_bulk({party_id for party_id, _period, _item in keys})
    work = defaultdict(set)
    for party_id, period, item_id in keys:
        work[(party_id, period)].add(item_id)
    for (party_id, period), item_ids in work.items():
        refresh_statuses(parties[party_id], period, item_ids)


def _standings(party: Party, period: int, item_ids: set) -> dict:
    """{(item id, country code or None): (level, report or None)} for the party in the period."""
    reports = (
        Report.objects.filter(
            party=party,
            state=Report.PUBLISHED,
            period_end__gte=date(period, 1, 1),
            period_end__lte=date(period, 12, 31),
            items__in=item_ids,
        )
        .distinct()
        .prefetch_related("countries")
        .order_by("published_at", "pk")
    )
    reports = {r.pk: r for r in reports}
    items_of = defaultdict(list)
    for report_id, item_id in Report.items.through.objects.filter(
        report_id__in=reports, item_id__in=item_ids
    ).values_list("report_id", "item_id"):
        items_of[report_id].append(item_id)
    own = party.country_id if party.kind == Party.STATE else None
    wanted = {}
    for report in reports.values():  # oldest first: a later report replaces an earlier one
        assessed = [own] if own else [c.code for c in report.countries.all()] or [None]
        for item_id in items_of[report.pk]:
            for country in assessed:
                wanted[(item_id, country)] = (report.compliance, report)
    reported = {item_id for item_id, _country in wanted}
    owed = Obligation.objects.filter(party=party, period=period, item_id__in=item_ids)
    for item_id in set(owed.values_list("item_id", flat=True)) - reported:
        wanted[(item_id, own)] = (NOT_REPORTED, None)
    return wanted


def label_sets_of(item_ids) -> dict[int, int]:
    """{item id: id of the LabelSet of its theme and pillar labels}, for items with any."""
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels = ItemLabel.objects.filter(item_id__in=item_ids, taxonomy__in=LabelSet.TAXONOMIES)
    for item_id, taxonomy, label in labels.values_list("item_id", "taxonomy", "label"):
        found[item_id][taxonomy].append(label)
    keys = {}
    for item_id, by_taxonomy in found.items():
        ordered = {t: sorted(set(by_taxonomy[t])) for t in sorted(by_taxonomy)}
        keys[item_id] = (";".join(f"{t}={','.join(v)}" for t, v in ordered.items()), ordered)
    sets = dict(
        LabelSet.objects.filter(key__in={k for k, _v in keys.values()}).values_list("key", "pk")
    )
    for key, labels_of in keys.values():
        if key not in sets:
            sets[key] = LabelSet.objects.get_or_create(key=key, defaults={"labels": labels_of})[
                0
            ].pk
    return {item_id: sets[key] for item_id, (key, _v) in keys.items()}


def refresh_status_labels(item_ids) -> None:
    """The statuses of these items follow their labels (reclassified, confirmed, removed)."""
    item_ids = list(item_ids)
    if not ItemStatus.objects.filter(item_id__in=item_ids).exists():
        return
    sets = label_sets_of(item_ids)
    for item_id in item_ids:
        ItemStatus.objects.filter(item_id=item_id).exclude(label_set_id=sets.get(item_id)).update(
            label_set_id=sets.get(item_id)
        )


def on_labels_changed(sender, item_ids=(), **kwargs) -> None:
    refresh_status_labels(item_ids)


def on_label_saved_or_deleted(sender, instance: ItemLabel, **kwargs) -> None:
    if instance.taxonomy in LabelSet.TAXONOMIES:
        refresh_status_labels([instance.item_id])


def on_item_saved(sender, instance: Item, update_fields=None, **kwargs) -> None:
    """An item's instrument, repeated on its statuses, follows the item when it is corrected."""
    if kwargs.get("created") or (update_fields is not None and "instrument" not in update_fields):
        return
    ItemStatus.objects.filter(item=instance).exclude(instrument_id=instance.instrument_id).update(
        instrument_id=instance.instrument_id
    )


def do_rebuild_statuses() -> int:
    """Every status again from the published reports and the obligations; returns how many."""
    with transaction.atomic():
        ItemStatus.objects.all().delete()
        work = defaultdict(set)  # (party, period) -> item ids
        links = Report.items.through.objects.filter(report__state=Report.PUBLISHED)
        for party_id, period_end, item_id in links.values_list(
            "report__party_id", "report__period_end", "item_id"
        ):
            work[(party_id, reporting_period(period_end))].add(item_id)
        for party_id, period, item_id in Obligation.objects.values_list(
            "party_id", "period", "item_id"
        ):
            work[(party_id, period)].add(item_id)
        parties = Party.objects.in_bulk({party_id for party_id, _period in work})
        for (party_id, period), item_ids in work.items():
            refresh_statuses(parties[party_id], period, item_ids)
    return ItemStatus.objects.count()


def _fulfil_obligations(report: Report) -> None:
    """A submitted report fulfils the party's open obligations on its items; a cycle opens the
    next. A cycle advances once per period: an item whose obligation was already fulfilled by a
    report on an overlapping period (a second report, or this one resubmitted) is skipped."""
    already = Obligation.objects.filter(
        party=report.party,
        item__in=report.items.all(),
        fulfilled_by__period_start__lte=report.period_end,
        fulfilled_by__period_end__gte=report.period_start,
    ).values_list("item_id", flat=True)
    for obligation in Obligation.objects.filter(
        party=report.party, item__in=report.items.all(), fulfilled_by=None
    ).exclude(item_id__in=list(already)):
        obligation.fulfilled_by = report
        obligation.save(update_fields=["fulfilled_by"])
        if obligation.cycle_months:
            _next_cycle(obligation)


def _next_cycle(obligation: Obligation) -> Obligation:
    """The obligation of the next cycle: due as many months later, for the period as many
    years later as the due date moved (a half-yearly cycle asks twice in some periods)."""
    due_on = _add_months(obligation.due_on, obligation.cycle_months)
    following = Obligation.objects.create(
        item=obligation.item,
        party=obligation.party,
        due_on=due_on,
        period=obligation.period + (due_on.year - obligation.due_on.year),
        cycle_months=obligation.cycle_months,
    )
    refresh_statuses(following.party, following.period, [following.item_id])
    return following


def _release_obligations(report: Report) -> None:
    """Undo _fulfil_obligations for a withdrawn report: its obligations are open again, and the
    next cycle's, opened by the submission and not yet fulfilled, is removed."""
    for obligation in Obligation.objects.filter(fulfilled_by=report):
        if obligation.cycle_months:
            Obligation.objects.filter(
                item_id=obligation.item_id,
                party_id=obligation.party_id,
                due_on=_add_months(obligation.due_on, obligation.cycle_months),
                cycle_months=obligation.cycle_months,
                fulfilled_by=None,
            ).delete()
        obligation.fulfilled_by = None
        obligation.save(update_fields=["fulfilled_by"])


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


def check_upload(name: str, data: bytes | BinaryIO) -> tuple[BinaryIO, str, str, int]:
    """An acceptable upload as (file, extension, content type, size); InvalidInput naming the
    reason for a path in the name, a type not accepted, an empty or oversized file, content
    that does not match its name, or an office file that inflates past the limit. ``data`` is
    bytes or an open file (an upload streamed to disk), read in chunks, never whole."""
    from .uploads import ZIP_CONTAINERS, inflated_size_problem

    if (
        not name
        or "/" in name
        or "\\" in name
        or name.startswith(".")
        or ".." in name
        or "\x00" in name
    ):
        raise InvalidInput(
            "file",
            _("the file name %(name)r must be a plain name, without a path") % {"name": name},
        )
    extension = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_EVIDENCE:
        raise InvalidInput(
            "file",
            _("%(name)s: files of type %(type)s are not accepted; allowed: %(allowed)s")
            % {
                "name": name,
                "type": extension or _("(none)"),
                "allowed": ", ".join(ALLOWED_EVIDENCE),
            },
        )
    file = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    file.seek(0, io.SEEK_END)
    size = file.tell()
    file.seek(0)
    limit = settings.FOLLOWUP_MAX_EVIDENCE_BYTES
    if size > limit:
        raise InvalidInput(
            "file",
            _("%(name)s is %(size)s bytes, over the limit of %(limit)s bytes")
            % {"name": name, "size": f"{size:,}", "limit": f"{limit:,}"},
        )
    if not size:
        raise InvalidInput("file", _("%(name)s is empty") % {"name": name})
    head = file.read(4096)
    file.seek(0)
    content_type, magic = ALLOWED_EVIDENCE[extension]
    if magic is not None and not head.startswith(magic):
        raise InvalidInput(
            "file",
            _("%(name)s is not a %(type)s file (its content does not match its name)")
            % {"name": name, "type": extension},
        )
    if magic is None and b"\x00" in head:
        raise InvalidInput("file", _("%(name)s is not a text file") % {"name": name})
    if extension in ZIP_CONTAINERS and (problem := inflated_size_problem(name, file)):
        raise InvalidInput("file", problem)
    return file, extension, content_type, size


@transaction.atomic
def do_add_evidence(user, report_id: int, *, name: str, data: bytes | BinaryIO) -> Evidence:
    """Store a file of evidence, checked by check_upload."""
    report = access_report(user, report_id, "edit_report", Report.objects.select_for_update())
    file, extension, content_type, size = check_upload(name, data)
    digest = hashlib.sha256()
    while chunk := file.read(1024 * 1024):
        digest.update(chunk)
    file.seek(0)
    sha256 = digest.hexdigest()
    evidence = Evidence(
        report=report,
        original_name=name,
        content_type=content_type,
        size=size,
        sha256=sha256,
        uploaded_by=user,
    )
    evidence.file.save(f"{sha256[:16]}{extension}", File(file), save=False)
    evidence.save(force_insert=True)
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    _log(report, user, "evidence_added", {"file": name, "sha256": sha256})
    return evidence


@transaction.atomic
def do_remove_evidence(user, report_id: int, evidence_id: int) -> Evidence:
    """Take a file of evidence off a report that is not yet submitted; the history keeps its
    name and checksum, and the stored file is deleted once the removal is committed."""
    report = access_report(user, report_id, "remove_evidence", Report.objects.select_for_update())
    evidence = report.evidence.filter(pk=evidence_id).first() if _is_id(evidence_id) else None
    if evidence is None:
        raise NotFound(_("evidence: not found"))
    storage, stored = evidence.file.storage, evidence.file.name
    evidence.delete()
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    _log(
        report,
        user,
        "evidence_removed",
        {"file": evidence.original_name, "sha256": evidence.sha256},
    )
    transaction.on_commit(lambda: storage.delete(stored))
    return evidence


def _is_id(value) -> bool:
    return isinstance(value, int) and 0 < value < 2**63


@transaction.atomic
def do_save_report(
    user,
    report_id: int | None = None,
    *,
    item_ids,
    party_id: int | None = None,
    version: int = 0,
    attachment: tuple[str, bytes | BinaryIO] | None = None,
    **values,
) -> Report:
    """What the report form does in one step: create a draft (no ``report_id``) or update one,
    and attach a file of evidence to it. A refused file saves nothing, not even a new draft."""
    if report_id is None:
        report = do_create_report(user, party_id=party_id, item_ids=item_ids, **values)
    else:
        report = do_update_report(user, report_id, version=version, item_ids=item_ids, **values)
    if attachment is not None:
        name, data = attachment
        do_add_evidence(user, report.pk, name=name, data=data)
        report.refresh_from_db(fields=["version", "updated_at"])
    return report


@transaction.atomic
def do_add_link(user, report_id: int, *, url: str, title: str = "") -> ReportLink:
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    report = access_report(user, report_id, "edit_report", Report.objects.select_for_update())
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise InvalidInput("url", _("%(url)r is not an http(s) address") % {"url": url}) from None
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
    language: str = ""  # of the e-mails the account is sent: the page's, at registration


class NameTaken(InvalidInput):
    """The user name, or a variant of it that differs only by case or width, is in use. Pages
    must not say so (it would reveal which names exist); the registrant learns it by e-mail."""

    def __init__(self):
        super().__init__("username", "is taken")


def clean_username(raw: str) -> str:
    """Django's normalization (NFKC) and user-name validator: letters, digits and @ . + - _ only,
    so no markup and no zero-width or other invisible characters."""
    from django.contrib.auth.validators import UnicodeUsernameValidator
    from django.core.exceptions import ValidationError

    username = get_user_model().normalize_username(raw).strip()
    if not username:
        raise InvalidInput("username", "give a user name")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as err:
        raise InvalidInput("username", " ".join(err.messages)) from None
    return username


def username_taken(username: str) -> bool:
    """True when an account's name equals this one once both are case-folded."""
    User = get_user_model()
    key = username.casefold()
    if User.objects.filter(username__iexact=username).exists():
        return True
    if username.isascii():
        return False
    # SQLite folds only ASCII letters: compare the few non-ASCII names in Python.
    others = User.objects.filter(username__regex=r"[^\x00-\x7f]").values_list("username", flat=True)
    return any(name.casefold() == key for name in others.iterator())


@transaction.atomic
def do_register(registration: Registration):
    """A public account is active at once but may only read until its e-mail address is verified;
    a focal point's or an organization member's account also waits for an administrator."""
    User = get_user_model()
    username = clean_username(registration.username)
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

    user = User(username=username, email=User.objects.normalize_email(registration.email))
    try:
        validate_password(registration.password, user)
    except ValidationError as err:
        raise InvalidInput("password", " ".join(err.messages)) from None
    if username_taken(username):
        raise NameTaken()
    user.set_password(registration.password)
    user.is_active = registration.role == Profile.PUBLIC
    user.save(force_insert=True)
    language = registration.language if registration.language in dict(settings.LANGUAGES) else ""
    Profile.objects.create(
        user=user, role=registration.role, party=party, email_verified=False, language=language
    )
    emit(notice.EMAIL_VERIFICATION, account=user)
    return user


def do_tell_name_taken(registration: Registration) -> None:
    """The registrant learns by e-mail, not on the page, that the name is taken."""
    emit(
        notice.NAME_TAKEN,
        registrant={
            "email": registration.email,
            "username": registration.username,
            "language": registration.language,
        },
    )


EMAIL_VERIFICATION_SALT = "followup.tracking.verify-email"


def email_verification_token(user) -> str:
    """A signed token naming the account and the address it confirms, for the e-mailed link."""
    from django.core import signing

    return signing.dumps({"user": user.pk, "email": user.email}, salt=EMAIL_VERIFICATION_SALT)


@transaction.atomic
def do_verify_email(token: str):
    """Mark the account's address verified; InvalidInput when the link is forged, expired, or
    for an address the account no longer has."""
    from django.core import signing

    try:
        claim = signing.loads(
            token,
            salt=EMAIL_VERIFICATION_SALT,
            max_age=settings.FOLLOWUP_EMAIL_VERIFICATION_DAYS * 86400,
        )
    except signing.BadSignature:  # SignatureExpired is one
        raise InvalidInput("token", "the link is invalid or has expired") from None
    profile = (
        Profile.objects.select_for_update()
        .filter(user_id=claim.get("user"), user__email=claim.get("email"))
        .first()
    )
    if profile is None:
        raise InvalidInput("token", "the link is invalid or has expired")
    if not profile.email_verified:
        profile.email_verified = True
        profile.save(update_fields=["email_verified"])
    return profile.user


@transaction.atomic
def do_create_obligation(
    user,
    *,
    item_id: int,
    party_id: int,
    due_on: date,
    cycle_months: int | None = None,
    period: int | None = None,
) -> Obligation:
    """The party owes a report on the item for ``period`` (by default the due date's year) by
    ``due_on``: until one is published, compliance views count the item as not reported."""
    ensure_permission(user, "manage_obligations")
    item = Item.objects.filter(pk=item_id, kind__in=REPORTED_KINDS).first()
    if item is None:
        raise InvalidInput("item", f"no mandate or recommendation with id {item_id}")
    party = Party.objects.filter(pk=party_id).first()
    if party is None:
        raise InvalidInput("party", f"no party with id {party_id}")
    obligation = Obligation.objects.create(
        item=item,
        party=party,
        due_on=due_on,
        period=period or due_on.year,
        cycle_months=cycle_months,
    )
    refresh_statuses(party, obligation.period, [item.pk])
    emit(notice.OBLIGATION_CREATED, actor=user, obligation=obligation)
    return obligation


@transaction.atomic
def do_activate_accounts(users) -> list:
    """Activate these accounts (an administrator's decision, in the administration pages);
    each one that was inactive is told. Returns the accounts activated."""
    User = get_user_model()
    pks = [user.pk for user in users]
    activated = list(User.objects.select_for_update().filter(pk__in=pks, is_active=False))
    User.objects.filter(pk__in=[user.pk for user in activated]).update(is_active=True)
    for user in activated:
        user.is_active = True
        emit(notice.ACCOUNT_ACTIVATED, account=user)
    return activated


def obligation_terms(item: Item) -> tuple[date, int | None] | None:
    """The due date and the cycle (months) an item's own words set, or None when they set no
    date: its deadline's date (the last day of a month or year given alone), else, when it must
    report every N months, N months from today. A deadline that only names a session gives no
    date."""
    deadline = (item.fields or {}).get("deadline") or {}
    reporting = (item.fields or {}).get("reporting") or {}
    months = reporting.get("every_months")
    cycle = months if isinstance(months, int) and 1 <= months <= 120 else None
    written = deadline.get("date")
    if isinstance(written, str) and written[:4].isdigit():
        parts = [int(p) for p in written.split("-") if p.isdigit()]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        if len(parts) == 3:
            return date(year, month, parts[2]), cycle
        return _add_months(date(year, month, 1), 1) - timedelta(days=1), cycle
    if cycle:
        return _add_months(timezone.localdate(), cycle), cycle
    return None


def _reporting_party(item: Item) -> Party | None:
    """Who must report: the party of the body the item instructs (its ``responsible``, or the
    body it names as actor), else the secretariat, which follows every mandate up."""
    named = (item.fields or {}).get("responsible")
    if item.actor_body_id:
        party = Party.objects.filter(body_id=item.actor_body_id).first()
        if party:
            return party
    if named:
        party = (
            Party.objects.filter(name__iexact=named).first()
            or Party.objects.filter(body__name__iexact=named).first()
            or Party.objects.filter(body__acronym__iexact=named).first()
        )
        if party:
            return party
    return Party.objects.filter(kind=Party.SECRETARIAT).order_by("pk").first()


@transaction.atomic
def do_create_obligation_from_item(user, item_id: int) -> Obligation:
    """One click: the reporting obligation an item's deadline and reporting fields describe,
    for the party that must report, due on the date they give."""
    ensure_permission(user, "schedule_reporting")
    item = Item.objects.filter(pk=item_id, kind__in=REPORTED_KINDS).first()
    if item is None:
        raise InvalidInput(
            "item", _("no mandate or recommendation with id %(id)s") % {"id": item_id}
        )
    terms = obligation_terms(item)
    if terms is None:
        raise InvalidInput("due_on", _("the item's text gives no due date; set one by hand"))
    due_on, cycle = terms
    party = _reporting_party(item)
    if party is None:
        raise InvalidInput("party", _("no party may report on it; create the parties first"))
    if Obligation.objects.filter(item=item, party=party, due_on=due_on).exists():
        raise Conflict(_("obligation: this item already has that due date for that party"))
    obligation = Obligation.objects.create(
        item=item, party=party, due_on=due_on, period=due_on.year, cycle_months=cycle
    )
    refresh_statuses(party, obligation.period, [item.pk])
    emit(notice.OBLIGATION_CREATED, actor=user, obligation=obligation)
    return obligation


@transaction.atomic
def do_create_obligations(
    user,
    *,
    item_id: int,
    party_ids,
    due_on: date,
    cycle_months: int | None = None,
    period: int | None = None,
) -> list[Obligation]:
    """The same due date on one item for several parties at once, all or none. A party that
    already has an open obligation on the item keeps it, with the new date."""
    ids = list(dict.fromkeys(party_ids or []))
    if not ids:
        ensure_permission(user, "manage_obligations")
        raise InvalidInput("parties", _("choose at least one party"))
    made = []
    for party_id in ids:
        open_one = Obligation.objects.filter(
            item_id=item_id, party_id=party_id, fulfilled_by=None
        ).first()
        if open_one is not None:
            made.append(
                do_update_obligation(
                    user, open_one.pk, due_on=due_on, cycle_months=cycle_months, period=period
                )
            )
        else:
            made.append(
                do_create_obligation(
                    user,
                    item_id=item_id,
                    party_id=party_id,
                    due_on=due_on,
                    cycle_months=cycle_months,
                    period=period,
                )
            )
    return made


@transaction.atomic
def do_update_obligation(
    user,
    obligation_id: int,
    *,
    due_on: date,
    cycle_months: int | None = None,
    period: int | None = None,
) -> Obligation:
    """A new due date or cycle; ``period`` moves the obligation to another reporting period
    (what compliance views count as not reported follows)."""
    ensure_permission(user, "manage_obligations")
    obligation = Obligation.objects.select_for_update().filter(pk=obligation_id).first()
    if obligation is None:
        raise NotFound(_("obligation: not found"))
    if cycle_months is not None and cycle_months < 1:
        raise InvalidInput("cycle_months", _("a cycle is at least one month"))
    before = (obligation.party_id, obligation.period, obligation.item_id)
    obligation.due_on, obligation.cycle_months = due_on, cycle_months
    obligation.period = period or obligation.period
    obligation.save(update_fields=["due_on", "cycle_months", "period"])
    refresh_obligation_statuses(
        {before, (obligation.party_id, obligation.period, obligation.item_id)}
    )
    return obligation


@transaction.atomic
def do_delete_obligation(user, obligation_id: int) -> None:
    """Remove an obligation set by mistake (its reminders go with it)."""
    ensure_permission(user, "manage_obligations")
    obligations = Obligation.objects.filter(pk=obligation_id)
    keys = set(obligations.values_list("party_id", "period", "item_id"))
    deleted, _counts = obligations.delete()
    if not deleted:
        raise NotFound(_("obligation: not found"))
    refresh_obligation_statuses(keys)


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
    "do_activate_accounts",
    "do_add_evidence",
    "do_add_link",
    "do_create_obligation",
    "do_create_obligation_from_item",
    "do_create_obligations",
    "do_create_report",
    "do_delete_obligation",
    "do_ensure_parties",
    "do_rebuild_statuses",
    "do_register",
    "do_remove_evidence",
    "do_save_report",
    "do_tell_name_taken",
    "do_transition_report",
    "do_update_obligation",
    "do_update_report",
    "do_verify_email",
    "record_statuses",
    "refresh_statuses",
]

"""Every write of the petitions app, each one transaction: petitioners, drafts, submission,
attachments, communications, decisions along the stage machine, deadlines, triage, audit."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from followup.corpus.models import Block, Country, Document, Item
from followup.errors import InvalidInput, NotFound
from followup.policy import ensure_permission
from followup.policy.petitions import (
    COMMUNICATE,
    EDIT_DRAFT,
    EXTEND_DEADLINES,
    FILE_PETITION,
    MANAGE_SETTLEMENT,
    TRANSMIT,
    TRIAGE,
    access_petition,
    decision_action,
    is_own,
    is_staff,
    is_state_agent_for,
)
from followup.read import read_bytes
from followup.tracking.actions import check_upload

from . import crypto
from .core import triage
from .core.data import load_rights
from .core.stages import InvalidDecision, machine
from .models import (
    Attachment,
    AuditEntry,
    Batch,
    Clause,
    Communication,
    Deadline,
    DeadlineExtension,
    MonitoringActivity,
    Person,
    Petition,
    Petitioner,
    ReferenceCounter,
    StageChange,
)

DRAFT_FIELDS = ("title", "facts", "domestic_remedies", "other_proceedings", "language", "topic")
PREFIXES = {Petition.PETITION: "P", Petition.PRECAUTIONARY: "MC"}
MAX_PEOPLE = 500


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", " ".join(name.split()).casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@transaction.atomic
def do_register_petitioner(
    user, *, kind: str, name: str, country_code: str = "", address: str = ""
) -> Petitioner:
    """A user's petitioner profile; an organization may hold only one account."""
    ensure_permission(user, FILE_PETITION)
    if hasattr(user, "petitioner"):
        raise InvalidInput(
            "user", _("this account already files as %(name)s") % {"name": user.petitioner.name}
        )
    if kind not in dict(Petitioner.KINDS):
        raise InvalidInput("kind", _("a person or an organization"))
    name = " ".join((name or "").split())
    if not name:
        raise InvalidInput("name", _("is required"))
    country = Country.objects.filter(pk=country_code.upper()).first() if country_code else None
    if country_code and country is None:
        raise InvalidInput("country", _("no country with code %(code)s") % {"code": country_code})
    key = _fold(name) if kind == Petitioner.ORGANIZATION else None
    if key and Petitioner.objects.filter(organization_key=key).exists():
        raise InvalidInput("name", _("this organization already has an account; ask its holder"))
    try:
        with transaction.atomic():
            return Petitioner.objects.create(
                user=user,
                kind=kind,
                name=name[:300],
                organization_key=key,
                country=country,
                address=address,
            )
    except IntegrityError:
        raise InvalidInput(
            "name", _("this organization already has an account; ask its holder")
        ) from None


def _petitioner(user) -> Petitioner:
    ensure_permission(user, FILE_PETITION)
    petitioner = getattr(user, "petitioner", None)
    if petitioner is None:
        raise InvalidInput(
            "petitioner", _("say first whether you file as a person or an organization")
        )
    return petitioner


def _clean(values: dict) -> dict:
    cleaned = {
        k: (values[k] or "").strip() for k in DRAFT_FIELDS if k in values and values[k] is not None
    }
    if "language" in cleaned and cleaned["language"] not in dict(settings.LANGUAGES):
        raise InvalidInput(
            "language", _("unknown language %(code)s") % {"code": cleaned["language"]}
        )
    if "title" in cleaned:
        cleaned["title"] = cleaned["title"][:300]
    if values.get("kind") is not None and values["kind"] not in dict(Petition.KINDS):
        raise InvalidInput("kind", _("a petition or a request for precautionary measures"))
    if values.get("rights") is not None:
        rights = list(dict.fromkeys(values["rights"]))
        unknown = [r for r in rights if r not in load_rights()]
        if unknown:
            raise InvalidInput(
                "rights", _("unknown articles: %(ids)s") % {"ids": ", ".join(map(str, unknown))}
            )
        cleaned["rights"] = rights
    if values.get("state") is not None:
        state = Country.objects.filter(pk=str(values["state"]).upper(), oas_member=True).first()
        if state is None:
            raise InvalidInput(
                "state", _("no OAS member State with code %(code)s") % {"code": values["state"]}
            )
        cleaned["state"] = state
    return cleaned


def _people(raw) -> list[Person]:
    people = []
    groups = dict(Person.GROUPS)
    for number, entry in enumerate(raw or [], 1):
        name = " ".join(str(entry.get("name") or "").split())
        if not name:
            continue
        group = entry.get("group") or "other"
        if group not in groups:
            raise InvalidInput(
                "people", _("person %(n)s: unknown group %(group)s") % {"n": number, "group": group}
            )
        people.append(
            Person(name=name[:300], group=group, confidential=bool(entry.get("confidential")))
        )
    if len(people) > MAX_PEOPLE:
        raise InvalidInput("people", _("at most %(n)s people in one file") % {"n": MAX_PEOPLE})
    return people


@transaction.atomic
def do_save_draft(  # noqa: C901
    user, *, token: str, petition_id: int | None = None, people=None, **values
) -> Petition:
    """Create or update a draft. The form's token makes a repeated post update the same draft."""
    petitioner = _petitioner(user)
    cleaned = _clean(values)
    petition = None
    if petition_id is not None:
        petition = (
            Petition.objects.select_for_update()
            .filter(pk=petition_id, petitioner=petitioner)
            .first()
        )
    elif token:
        petition = Petition.objects.select_for_update().filter(submission_token=token).first()
        if petition is not None and petition.petitioner_id != petitioner.pk:
            raise InvalidInput("token", _("this form was already used; reload it"))
    if petition is None and petition_id is not None:
        raise NotFound(_("No such file."))
    if petition is None:
        if not token or len(token) > 64:
            raise InvalidInput("token", _("the form is missing its token; reload it"))
        kind = values.get("kind") or Petition.PETITION
        if "state" not in cleaned:
            raise InvalidInput("state", _("choose the State concerned"))
        petition = Petition(
            kind=kind,
            petitioner=petitioner,
            submission_token=token,
            **{"title": "", "facts": "", **cleaned},
        )
        petition.save(force_insert=True)
    else:
        if not petition.is_draft:
            return petition  # a repeated post of a form already submitted changes nothing
        ensure_permission(user, EDIT_DRAFT, petition)
        for name, value in cleaned.items():
            setattr(petition, name, value)
        petition.save(update_fields=[*cleaned, "updated_at"])
    if people is not None:
        petition.people.all().delete()
        Person.objects.bulk_create(
            [
                Person(petition=petition, name=p.name, group=p.group, confidential=p.confidential)
                for p in _people(people)
            ]
        )
    petition.has_confidential = petition.people.filter(confidential=True).exists()
    petition.save(update_fields=["has_confidential", "updated_at"])
    return petition


def _check_complete(petition: Petition) -> None:
    if not petition.title.strip():
        raise InvalidInput("title", _("is required"))
    if len(petition.facts.strip()) < 20:
        raise InvalidInput("facts", _("describe the facts (at least 20 characters)"))
    if not petition.people.exists():
        raise InvalidInput("people", _("name at least one alleged victim or beneficiary"))
    if petition.kind == Petition.PETITION and not petition.rights:
        raise InvalidInput("rights", _("choose at least one right allegedly violated"))


def _next_reference(kind: str, year: int) -> str:
    counter, _created = ReferenceCounter.objects.get_or_create(kind=kind, year=year)
    ReferenceCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{PREFIXES[kind]}-{year}-{counter.last:05d}"


@transaction.atomic
def do_submit(user, petition_id: int) -> Petition:
    """Submit a draft: reference number, initial stage, urgency cues, acknowledgement e-mail.
    Submitting again (a double click) returns the same file and sends nothing."""
    petitioner = _petitioner(user)
    petition = (
        Petition.objects.select_for_update().filter(pk=petition_id, petitioner=petitioner).first()
    )
    if petition is None:
        raise NotFound(_("No such file."))
    if not petition.is_draft:
        return petition
    _check_complete(petition)
    now = timezone.now()
    petition.submitted_at = now
    petition.reference = _next_reference(petition.kind, now.year)
    petition.stage = machine(petition.kind).initial
    if petition.kind == Petition.PRECAUTIONARY:
        _flag_urgency(petition)
    petition.save(
        update_fields=[
            "submitted_at",
            "reference",
            "stage",
            "urgent",
            "urgent_passages",
            "updated_at",
        ]
    )
    StageChange.objects.create(
        petition=petition,
        decision="submit",
        from_stage="",
        to_stage=petition.stage,
        user=user,
        at=now,
    )
    transaction.on_commit(lambda: _acknowledge(petition, user))
    return petition


@transaction.atomic
def do_file(user, *, token: str, people=None, **values) -> Petition:
    """Save and submit in one step (the form's submit button); idempotent on the form's token."""
    existing = Petition.objects.filter(submission_token=token).first() if token else None
    if existing is not None and not existing.is_draft:
        if existing.petitioner_id != _petitioner(user).pk:
            raise InvalidInput("token", _("this form was already used; reload it"))
        return existing
    petition = do_save_draft(user, token=token, people=people, **values)
    return do_submit(user, petition.pk)


def _flag_urgency(petition: Petition) -> None:
    text = "\n".join([petition.title, petition.facts])
    passages = triage.urgent_passages(text, petition.language)
    petition.urgent = bool(passages)
    petition.urgent_passages = [
        {
            "category": p.category,
            "cue": p.cue,
            "start": p.start,
            "end": p.end,
            "sentence_start": p.sentence_start,
            "sentence_end": p.sentence_end,
        }
        for p in passages
    ]


def _acknowledge(petition: Petition, user) -> None:
    if not user.email:
        return
    with override(petition.language):
        subject = _("Acknowledgement of receipt: %(reference)s") % {"reference": petition.reference}
        body = _(
            'Your %(kind)s "%(title)s" was received on %(date)s with the reference number '
            "%(reference)s. Quote it in every communication. You can follow its status and write "
            "to the Commission from your files page."
        ) % {
            "kind": petition.get_kind_display().lower(),
            "title": petition.title,
            "date": petition.submitted_at.date().isoformat(),
            "reference": petition.reference,
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _store_attachment(
    user, petition: Petition, name: str, data: bytes, communication=None, transmitted=False
) -> Attachment:
    try:
        _file, _extension, content_type, _size = check_upload(name, data)
    except InvalidInput as err:  # named for the petitions' form, whatever the check named
        raise InvalidInput("file", err.message.removeprefix("file: ")) from None
    sha256 = hashlib.sha256(data).hexdigest()
    attachment = Attachment(
        petition=petition,
        communication=communication,
        original_name=name,
        content_type=content_type,
        size=len(data),
        sha256=sha256,
        uploaded_by=user,
        transmitted=transmitted,
    )
    # The stored name reveals nothing of the file: neither its name nor its hash.
    attachment.file.save(
        f"{timezone.now():%Y%m%d%H%M%S%f}.bin", ContentFile(crypto.encrypt(data)), save=False
    )
    attachment.save(force_insert=True)
    return attachment


@transaction.atomic
def do_add_attachment(user, petition_id: int, *, name: str, data: bytes) -> Attachment:
    """An attachment to a draft, checked like evidence and encrypted at rest."""
    petition = Petition.objects.select_for_update().filter(pk=petition_id).first()
    if petition is None or not is_own(user, petition):
        raise NotFound(_("No such file."))
    ensure_permission(user, EDIT_DRAFT, petition)
    return _store_attachment(user, petition, name, data)


def read_attachment(attachment: Attachment) -> bytes:
    with attachment.file.open("rb") as stored:
        return crypto.decrypt(stored.read())


@transaction.atomic
def do_send_communication(user, petition_id: int, *, text: str, files=()) -> Communication:
    """A message in a file, from the petitioner, the State's agent or the secretariat."""
    petition = access_petition(user, petition_id)
    ensure_permission(user, COMMUNICATE, petition)
    text = (text or "").strip()
    if not text:
        raise InvalidInput("text", _("write a message"))
    if is_own(user, petition):
        sender = Communication.PETITIONER
    elif is_staff(user):
        sender = Communication.SECRETARIAT
    else:
        sender = Communication.STATE
    communication = Communication.objects.create(
        petition=petition,
        sender=sender,
        author=user,
        text=text,
        transmitted=sender == Communication.STATE,
    )
    for name, data in files:
        _store_attachment(
            user, petition, name, data, communication, transmitted=sender == Communication.STATE
        )
    if sender != Communication.SECRETARIAT:
        # A response meets the party's open deadlines on the file.
        party = "state" if sender == Communication.STATE else "petitioner"
        petition.deadlines.filter(party=party, met_at=None).update(met_at=timezone.now())
    return communication


@transaction.atomic
def do_transmit_communication(user, communication_id: int) -> Communication:
    """Forward a communication and its attachments to the State."""
    communication = Communication.objects.select_for_update().filter(pk=communication_id).first()
    if communication is None:
        raise NotFound(_("No such file."))
    petition = access_petition(user, communication.petition_id)
    ensure_permission(user, TRANSMIT, petition)
    if petition.transmitted_at is None:
        raise InvalidInput("communication", _("the file has not been transmitted to the State yet"))
    communication.transmitted = True
    communication.save(update_fields=["transmitted"])
    communication.attachments.update(transmitted=True)
    return communication


def deadline_days(key: str) -> int:
    days = settings.FOLLOWUP_PETITIONS_DEADLINE_DAYS
    if key not in days:
        raise InvalidInput("deadline", f"FOLLOWUP_PETITIONS_DEADLINE_DAYS has no {key}")
    return days[key]


def store_text_document(title: str, text: str, language: str) -> Document:
    """A resolution or report kept in the corpus as a document, with its blocks."""
    data = text.encode("utf-8")
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(sha256=sha256).first()
    if existing is not None:
        return existing
    read = read_bytes(data, f"{title}.txt")
    document = Document.objects.create(
        title=title[:500],
        file_name=f"{title}.txt"[:255],
        sha256=sha256,
        format="txt",
        language=language,
        size=len(data),
        text=read.text,
        published_on=timezone.now().date(),
    )
    Block.objects.bulk_create(
        Block(
            document=document,
            order=order,
            kind=b.kind,
            start=b.start,
            end=b.end,
            level=b.level,
            marker=b.marker[:20],
            list_order=b.parent,
        )
        for order, b in enumerate(read.blocks)
    )
    return document


@transaction.atomic
def do_decide(  # noqa: C901  one transaction: check, record, move, transmit, open deadline
    user,
    petition_id: int,
    decision: str,
    *,
    comment: str = "",
    document_text: str = "",
    recommendations=(),
) -> StageChange:
    """Take a decision on a file along its stage machine; it records the history, opens the
    deadline it names, transmits to the State where it says so and stores its report."""
    petition = access_petition(user, petition_id)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    ensure_permission(user, decision_action(petition, decision), petition)
    try:
        outcome = machine(petition.kind).decide(petition.stage, decision, petition.previous_stage)
    except InvalidDecision as err:
        raise InvalidInput("decision", str(err).removeprefix("decision: ")) from None
    step = outcome.decision
    now = timezone.now()
    document = None
    if step.document:
        if len(document_text.strip()) < 20:
            raise InvalidInput(
                "document_text", _("this decision needs its reasoned text (at least 20 characters)")
            )
        header = f"{petition.reference} — {step.label(petition.language)} — {now:%Y-%m-%d %H:%M}"
        document = store_text_document(
            f"{petition.reference} {decision}",
            f"{header}\n\n{document_text.strip()}\n",
            petition.language,
        )
    recommendations = [r.strip() for r in recommendations if r and r.strip()]
    if step.recommendations and not recommendations:
        raise InvalidInput("recommendations", _("a merits report states its recommendations"))
    change = StageChange.objects.create(
        petition=petition,
        decision=decision,
        from_stage=outcome.source,
        to_stage=outcome.target,
        user=user,
        at=now,
        comment=comment.strip(),
        document=document,
        transmitted=step.transmits,
    )
    if recommendations:
        _recommendation_items(user, petition, document, recommendations)
    if outcome.moves:
        # "previous" is the stage before a track was entered: moving along the settlement
        # track (negotiation -> agreement) keeps the stage a closed negotiation returns to.
        along_track = outcome.source.startswith("settlement_") and outcome.target.startswith(
            "settlement_"
        )
        if not along_track:
            petition.previous_stage = outcome.source
        petition.stage = outcome.target
    if step.transmits and petition.transmitted_at is None:
        petition.transmitted_at = now
        petition.attachments.filter(communication=None).update(transmitted=True)
    if petition.first_decided_at is None and decision not in (
        "request_information",
        "request_state_information",
    ):
        petition.first_decided_at = now
    petition.save(
        update_fields=[
            "previous_stage",
            "stage",
            "transmitted_at",
            "first_decided_at",
            "updated_at",
        ]
    )
    # A decision answers nothing the parties owed before it, except where it moves the file on.
    if outcome.moves:
        petition.deadlines.filter(met_at=None).update(met_at=now)
    if step.deadline:
        deadline = Deadline.objects.create(
            petition=petition,
            key=step.deadline,
            party=step.party,
            due_on=now.date() + timedelta(days=deadline_days(step.deadline)),
            opened_by=change,
        )
        from .notices import notify_deadline

        transaction.on_commit(lambda: notify_deadline(deadline))
    return change


def _recommendation_items(
    user, petition: Petition, document: Document, recommendations: list[str]
) -> list[Item]:
    """Each recommendation of a merits report becomes a recommendation item of the corpus,
    pointing into the report, so the tracking views follow its compliance."""
    text = document.text
    items = []
    for recommendation in recommendations:
        start = text.find(recommendation)
        if start < 0:
            raise InvalidInput(
                "recommendations", _("each recommendation must be quoted from the report's text")
            )
        item = Item.objects.create(
            document=document,
            kind="recommendation",
            text=recommendation,
            start=start,
            end=start + len(recommendation),
            actor=petition.state.name_en,
            origin=Item.ANALYST,
            edited_by=user,
            edited_at=timezone.now(),
            fields={"petition": petition.reference},
        )
        item.countries.add(petition.state)
        items.append(item)
    return items


@transaction.atomic
def do_extend_deadlines(user, *, days: int, reason: str) -> DeadlineExtension:
    """Extend every open deadline by ``days`` at once, as during a health emergency."""
    ensure_permission(user, EXTEND_DEADLINES)
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise InvalidInput("days", _("a whole number of days from 1 to 365"))
    if len((reason or "").strip()) < 5:
        raise InvalidInput("reason", _("say why the deadlines are extended"))
    open_deadlines = Deadline.objects.filter(met_at=None)
    count = open_deadlines.update(
        due_on=F("due_on") + timedelta(days=days), extended_days=F("extended_days") + days
    )
    return DeadlineExtension.objects.create(
        days=days, reason=reason.strip(), user=user, deadlines_extended=count
    )


@transaction.atomic
def do_triage(user, petition_id: int, answers: dict) -> Petition:
    """An analyst's answers to the indicators of a precautionary-measure request, scored."""
    petition = access_petition(user, petition_id)
    ensure_permission(user, TRIAGE, petition)
    if petition.kind != Petition.PRECAUTIONARY:
        raise InvalidInput("kind", _("only requests for precautionary measures are triaged"))
    try:
        scores = triage.score(answers)
    except triage.InvalidAnswers as err:
        raise InvalidInput("answers", str(err)) from None
    petition.triage_answers = answers
    petition.triage_scores = scores.as_dict()
    petition.combined_score = scores.combined
    petition.save(update_fields=["triage_answers", "triage_scores", "combined_score", "updated_at"])
    return petition


def record_read(user, petition: Petition, record: str, channel: str) -> None:
    """Write a read of a confidential record to the audit log (its own commit, so a read that
    fails afterwards is still logged)."""
    AuditEntry.objects.create(
        user=user if user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        petition_id_read=petition.pk,
        record=record[:40],
        channel=channel,
    )


def visible_state_agent(user, petition: Petition) -> bool:
    return is_state_agent_for(user, petition) and not is_staff(user) and not is_own(user, petition)


def _agreement_document(petition: Petition) -> Document:
    change = (
        petition.changes.filter(decision="sign_agreement")
        .exclude(document=None)
        .order_by("-at")
        .first()
    )
    if change is None:
        raise InvalidInput("petition", _("record the signed agreement before its clauses"))
    return change.document


def _petitioner_party(petition: Petition):
    """The tracking party the petitioner reports as; its account joins it if it has no party."""
    from followup.tracking.models import Party, Profile

    party, _created = Party.objects.get_or_create(
        name=petition.petitioner.name[:300], defaults={"kind": Party.ORGANIZATION}
    )
    Profile.objects.get_or_create(
        user=petition.petitioner.user,
        defaults={"role": Profile.ORGANIZATION_MEMBER, "party": party},
    )
    return party


@transaction.atomic
def do_add_clause(
    user, petition_id: int, *, text: str, kind: str, women: int = 0, men: int = 0, children: int = 0
) -> Clause:
    """A clause of a signed friendly settlement agreement, quoted from it, becomes a
    recommendation item the State and the petitioners report on."""
    petition = access_petition(user, petition_id)
    ensure_permission(user, MANAGE_SETTLEMENT, petition)
    if petition.stage not in ("settlement_agreement", "follow_up"):
        raise InvalidInput("petition", _("clauses belong to a signed agreement"))
    if kind not in dict(Clause.KINDS):
        raise InvalidInput("kind", _("structural or individual"))
    counts = {"women": women, "men": men, "children": children}
    for name, value in counts.items():
        if not isinstance(value, int) or value < 0:
            raise InvalidInput(name, _("a whole number, zero or more"))
    document = _agreement_document(petition)
    text = " ".join((text or "").split())
    start = document.text.find(text) if text else -1
    if start < 0:
        raise InvalidInput("text", _("quote the clause as written in the agreement"))
    item = Item.objects.create(
        document=document,
        kind="recommendation",
        text=text,
        start=start,
        end=start + len(text),
        actor=petition.state.name_en,
        origin=Item.ANALYST,
        edited_by=user,
        edited_at=timezone.now(),
        fields={"petition": petition.reference, "clause_kind": kind},
    )
    item.countries.add(petition.state)
    _petitioner_party(petition)
    number = (
        petition.clauses.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return Clause.objects.create(petition=petition, number=number, item=item, kind=kind, **counts)


@transaction.atomic
def do_record_monitoring(
    user, petition_id: int, *, kind: str, on, note: str = ""
) -> MonitoringActivity:
    petition = access_petition(user, petition_id)
    ensure_permission(user, MANAGE_SETTLEMENT, petition)
    if petition.kind != Petition.PRECAUTIONARY or petition.stage != "granted":
        raise InvalidInput("petition", _("monitoring concerns precautionary measures in force"))
    if kind not in dict(MonitoringActivity.KINDS):
        raise InvalidInput(
            "kind", _("a follow-up letter, a working meeting or a bilateral meeting")
        )
    return MonitoringActivity.objects.create(
        petition=petition, kind=kind, on=on, note=note.strip(), user=user
    )


@transaction.atomic
def do_record_batch(user, *, name: str, petition_ids, reason: str = "") -> Batch:
    """Cases processed together; every one must be a file the analyst sees."""
    petitions = [access_petition(user, pk) for pk in dict.fromkeys(petition_ids)]
    if len(petitions) < 2:
        raise InvalidInput("petitions", _("a batch joins at least two cases"))
    for petition in petitions:
        ensure_permission(user, MANAGE_SETTLEMENT, petition)
    if not (name or "").strip():
        raise InvalidInput("name", _("is required"))
    batch = Batch.objects.create(name=name.strip()[:200], reason=reason.strip(), user=user)
    batch.petitions.set(petitions)
    return batch

"""Every write of the consultation portal; each one checks its rule and runs in one transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from followup.errors import InvalidInput, NotFound
from followup.policy import ensure_permission
from followup.read.language import detect_language

from . import core, ratelimit
from .models import (
    Assessment,
    Comment,
    CommentVote,
    Consultation,
    Flag,
    Follow,
    Milestone,
    ModerationEvent,
    Notification,
    NotificationSetting,
    Phase,
    Project,
    Proposal,
    Result,
    Support,
)


@dataclass
class ConsultationDraft:
    slug: str
    title: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    kind: str = "consultation"
    phases: list[core.Phase] = field(default_factory=list)
    participation: str = Consultation.VERIFIED
    support_threshold: int = 100
    uses_jury: bool = False
    themes: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    population_groups: list[str] = field(default_factory=list)
    country_codes: list[str] = field(default_factory=list)


@transaction.atomic
def do_create_consultation(user, draft: ConsultationDraft) -> Consultation:
    ensure_permission(user, "run_consultation")
    if not any(text.strip() for text in draft.title.values()):
        raise InvalidInput("title", _("give the consultation a title in at least one language"))
    try:
        core.check_phases(draft.phases)
    except core.PhaseError as err:
        raise InvalidInput("phases", str(err)) from err
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,79}", draft.slug):
        raise InvalidInput("slug", _("lower-case letters, digits and hyphens, such as water-2026"))
    if draft.kind not in dict(Consultation.KINDS):
        raise InvalidInput("kind", _("not a kind of consultation"))
    if draft.participation not in dict(Consultation.PARTICIPATION):
        raise InvalidInput("participation", _("not a participation rule"))
    if Consultation.objects.filter(slug=draft.slug).exists():
        raise InvalidInput("slug", _("another consultation already uses this address"))
    consultation = Consultation.objects.create(
        slug=draft.slug,
        kind=draft.kind,
        title={k: v.strip() for k, v in draft.title.items() if v.strip()},
        description={k: v.strip() for k, v in draft.description.items() if v.strip()},
        participation=draft.participation,
        support_threshold=draft.support_threshold,
        uses_jury=draft.uses_jury,
        themes=draft.themes,
        sdgs=draft.sdgs,
        population_groups=draft.population_groups,
        created_by=user,
    )
    Phase.objects.bulk_create(
        Phase(consultation=consultation, kind=p.kind, starts_on=p.starts_on, ends_on=p.ends_on)
        for p in draft.phases
    )
    if draft.country_codes:
        from followup.corpus.models import Country

        consultation.countries.set(Country.objects.filter(iso3__in=draft.country_codes))
    return consultation


@dataclass
class ProposalDraft:
    title: str
    body: str
    themes: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)
    population_groups: list[str] = field(default_factory=list)


def _checked_text(name: str, value: str, limit: int) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise InvalidInput(name, _("this field is required"))
    if len(value) > limit:
        raise InvalidInput(
            name,
            _("at most %(limit)d characters (this has %(n)d)") % {"limit": limit, "n": len(value)},
        )
    return value


LABEL_FIELDS = ("themes", "sdgs", "population_groups")  # each named after its taxonomy


def _known_labels(taxonomy: str, values: list[str]) -> list[str]:
    from followup.taxonomies import load_taxonomy

    known = {label.id for label in load_taxonomy(taxonomy)}
    unknown = [value for value in values if value not in known]
    if unknown:
        raise InvalidInput(taxonomy, _("not a label: %(labels)s") % {"labels": ", ".join(unknown)})
    return list(dict.fromkeys(values))


@transaction.atomic
def do_create_proposal(user, consultation: Consultation, draft: ProposalDraft, address=""):
    ensure_permission(user, "create_proposal", consultation)
    title = _checked_text("title", draft.title, 200)
    body = _checked_text("body", draft.body, 20_000)
    labels = {name: _known_labels(name, getattr(draft, name)) for name in LABEL_FIELDS}
    ratelimit.check_and_count("proposal", user, address)
    proposal = Proposal.objects.create(
        consultation=consultation,
        author=user,
        title=title,
        body=body,
        body_html=core.render_markdown(body),
        language=detect_language(f"{title}\n{body}")[0] or "en",
        **labels,
    )
    Follow.objects.get_or_create(user=user, proposal=proposal)
    return proposal


@transaction.atomic
def do_support(user, proposal_id: int) -> Proposal:
    """One support per account and proposal: the unique constraint settles concurrent clicks;
    the counter moves in the same transaction as the row, so it never drifts."""
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "support_proposal", proposal)
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return proposal  # already supported: nothing changes
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
    proposal.refresh_from_db(fields=["support_count"])
    threshold = proposal.consultation.support_threshold
    if proposal.support_count == threshold:
        _notify_followers(
            proposal,
            "threshold",
            _("“%(title)s” reached its support threshold") % {"title": proposal.title},
        )
    return proposal


@transaction.atomic
def do_withdraw_support(user, proposal_id: int) -> Proposal:
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "support_proposal", proposal)
    removed, _kinds = Support.objects.filter(proposal=proposal, user=user).delete()
    if removed:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
        proposal.refresh_from_db(fields=["support_count"])
    return proposal


@transaction.atomic
def do_comment(user, proposal_id: int, body: str, stance: str = Comment.NEUTRAL, parent_id=None,
               address: str = "") -> Comment:  # fmt: skip
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "comment", proposal.consultation)
    body = _checked_text("body", body, 5_000)
    if stance not in dict(Comment.STANCES):
        raise InvalidInput("stance", _("choose in favour, against or neutral"))
    parent = None
    if parent_id is not None:
        parent = Comment.objects.filter(pk=parent_id, proposal=proposal, hidden=False).first()
        if parent is None:
            raise InvalidInput("parent", _("the comment you reply to does not exist"))
    ratelimit.check_and_count("comment", user, address)
    comment = Comment.objects.create(
        proposal=proposal,
        parent=parent,
        author=user,
        body=body,
        body_html=core.render_markdown(body),
        stance=stance,
        is_expert=proposal.consultation.experts.filter(user=user).exists(),
    )
    Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1)
    _notify_followers(
        proposal, "comment", _("New comment on “%(title)s”") % {"title": proposal.title}, but=user
    )
    return comment


@transaction.atomic
def do_vote_comment(user, comment_id: int, value: int) -> Comment:
    comment = _comment(user, comment_id)
    ensure_permission(user, "vote_comment", comment)
    if value not in (1, -1):
        raise InvalidInput("value", _("a vote is up (1) or down (-1)"))
    previous = CommentVote.objects.filter(comment=comment, user=user).first()
    if previous and previous.value == value:
        return comment
    counter = {1: "up_votes", -1: "down_votes"}
    changes = {counter[value]: F(counter[value]) + 1}
    if previous:
        changes[counter[previous.value]] = F(counter[previous.value]) - 1
        previous.value = value
        previous.save(update_fields=["value"])
    else:
        CommentVote.objects.create(comment=comment, user=user, value=value)
    Comment.objects.filter(pk=comment.pk).update(**changes)
    comment.refresh_from_db(fields=["up_votes", "down_votes"])
    return comment


@transaction.atomic
def do_flag(user, *, reason: str, proposal_id=None, comment_id=None, address="") -> None:
    """A report of abuse; after FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS distinct reports the content is
    hidden until a moderator restores it or confirms the hiding."""
    reason = _checked_text("reason", reason, 500)
    if (proposal_id is None) == (comment_id is None):
        raise InvalidInput("target", _("report either a proposal or a comment"))
    target = _proposal(user, proposal_id) if proposal_id else _comment(user, comment_id)
    ensure_permission(user, "flag_content", target)
    ratelimit.check_and_count("flag", user, address)
    kind = "proposal" if proposal_id else "comment"
    try:
        with transaction.atomic():
            Flag.objects.create(user=user, reason=reason, **{kind: target})
    except IntegrityError:
        return  # this account already reported it
    model = type(target)
    model.objects.filter(pk=target.pk).update(flag_count=F("flag_count") + 1)
    target.refresh_from_db(fields=["flag_count", "hidden"])
    if not target.hidden and target.flag_count >= settings.FOLLOWUP_CONSULT_AUTO_HIDE_FLAGS:
        model.objects.filter(pk=target.pk).update(hidden=True)
        ModerationEvent.objects.create(
            actor=None, action="auto_hide", target=f"{kind}:{target.pk}", reason=reason
        )


@transaction.atomic
def do_moderate(user, *, action: str, target: str, reason: str = "") -> None:
    """hide / restore a proposal or comment ("proposal:12", "comment:40"), block / unblock an
    account ("user:7"); every decision is kept in the moderation log."""
    ensure_permission(user, "moderate")
    kind, _sep, pk = target.partition(":")
    allowed = {"proposal": ("hide", "restore"), "comment": ("hide", "restore"),
               "user": ("block", "unblock")}  # fmt: skip
    if action not in allowed.get(kind, ()) or not pk.isdigit():
        raise InvalidInput(
            "action", _("not a moderation decision: %(a)s %(t)s") % {"a": action, "t": target}
        )
    if kind in ("proposal", "comment"):
        model = Proposal if kind == "proposal" else Comment
        if not model.objects.filter(pk=pk).update(hidden=action == "hide"):
            raise NotFound(_("not found"))
        Flag.objects.filter(**{f"{kind}_id": pk}).update(resolved=True)
    ModerationEvent.objects.create(actor=user, action=action, target=target, reason=reason)


@transaction.atomic
def do_review_proposal(user, proposal_id: int, *, state: str, reason: str = "") -> Proposal:
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "review_proposal", proposal)
    if state not in (Proposal.EVALUATING, Proposal.ACCEPTED, Proposal.REJECTED):
        raise InvalidInput("state", _("choose under evaluation, accepted or rejected"))
    if state == Proposal.REJECTED and not reason.strip():
        raise InvalidInput("reason", _("say why the proposal is rejected"))
    proposal.state, proposal.state_reason = state, reason.strip()
    proposal.save(update_fields=["state", "state_reason"])
    _notify_followers(
        proposal,
        "state",
        _("“%(title)s” is now: %(state)s")
        % {"title": proposal.title, "state": proposal.get_state_display()},
    )
    return proposal


@transaction.atomic
def do_assess_proposal(user, proposal_id: int, *, feasibility="", cost_estimate=None,
                       currency="", serves: list[int] | tuple = ()) -> Assessment:  # fmt: skip
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "review_proposal", proposal)
    assessment, _created = Assessment.objects.update_or_create(
        proposal=proposal,
        defaults={"feasibility": feasibility, "cost_estimate": cost_estimate,
                  "currency": currency.upper()[:3], "assessed_by": user},
    )  # fmt: skip
    from followup.corpus.models import Item

    assessment.serves.set(
        Item.objects.filter(pk__in=serves, kind__in=["mandate", "recommendation"])
    )
    return assessment


@transaction.atomic
def do_withdraw_proposal(user, proposal_id: int) -> Proposal:
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "withdraw_proposal", proposal)
    proposal.state = Proposal.WITHDRAWN
    proposal.save(update_fields=["state"])
    return proposal


@transaction.atomic
def do_merge_proposals(user, duplicate_id: int, into_id: int, reason: str = "") -> Proposal:
    """A duplicate's supports move to the proposal it is merged into (a person who supported
    both keeps one support), its comments stay readable under it; nothing is deleted."""
    ensure_permission(user, "moderate")
    if duplicate_id == into_id:
        raise InvalidInput("into", _("a proposal cannot be merged into itself"))
    duplicate = Proposal.objects.select_for_update().filter(pk=duplicate_id).first()
    into = Proposal.objects.select_for_update().filter(pk=into_id).first()
    if duplicate is None or into is None:
        raise NotFound(_("not found"))
    if duplicate.consultation_id != into.consultation_id:
        raise InvalidInput("into", _("both proposals must belong to the same consultation"))
    already = set(Support.objects.filter(proposal=into).values_list("user_id", flat=True))
    Support.objects.filter(proposal=duplicate).exclude(user_id__in=already).update(proposal=into)
    Support.objects.filter(proposal=duplicate).delete()
    Comment.objects.filter(proposal=duplicate).update(proposal=into)
    into.support_count = Support.objects.filter(proposal=into).count()
    into.comment_count = Comment.objects.filter(proposal=into).count()
    into.save(update_fields=["support_count", "comment_count"])
    duplicate.state, duplicate.merged_into = Proposal.MERGED, into
    duplicate.support_count = duplicate.comment_count = 0
    duplicate.save(update_fields=["state", "merged_into", "support_count", "comment_count"])
    ModerationEvent.objects.create(
        actor=user,
        action="merge",
        target=f"proposal:{duplicate.pk}",
        reason=f"→ {into.pk} {reason}",
    )
    return into


@dataclass
class ProjectDraft:
    title: str
    budget: float | None = None
    currency: str = ""
    funding_source: str = ""
    responsible_id: int | None = None
    country_codes: list[str] = field(default_factory=list)
    implements: list[int] = field(default_factory=list)


@transaction.atomic
def do_create_project(user, proposal_id: int, draft: ProjectDraft) -> Project:
    proposal = _proposal(user, proposal_id)
    ensure_permission(user, "manage_project", proposal)
    if proposal.state != Proposal.ACCEPTED:
        raise InvalidInput("proposal", _("only an accepted proposal becomes a project"))
    if hasattr(proposal, "project"):
        raise InvalidInput("proposal", _("this proposal is already a project"))
    from followup.corpus.models import Country, Item

    project = Project.objects.create(
        proposal=proposal,
        title=_checked_text("title", draft.title, 200),
        budget=draft.budget,
        currency=draft.currency.upper()[:3],
        funding_source=draft.funding_source,
        responsible_id=draft.responsible_id,
    )
    project.countries.set(Country.objects.filter(iso3__in=draft.country_codes))
    project.implements.set(
        Item.objects.filter(pk__in=draft.implements, kind__in=["mandate", "recommendation"])
    )
    return project


@transaction.atomic
def do_add_milestone(user, project_id: int, title: str, due_on: date) -> Milestone:
    project = Project.objects.filter(pk=project_id).select_related("proposal").first()
    if project is None:
        raise NotFound(_("not found"))
    ensure_permission(user, "manage_project", project)
    milestone = Milestone.objects.create(
        project=project, title=_checked_text("title", title, 200), due_on=due_on
    )
    _notify_followers(
        project.proposal,
        "milestone",
        _("New milestone for “%(title)s”: %(milestone)s")
        % {"title": project.title, "milestone": milestone.title},
    )
    return milestone


@transaction.atomic
def do_add_result(user, project_id: int, title: str, *, parent_id=None, weight=None,
                  progress: float = 0) -> Result:  # fmt: skip
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        raise NotFound(_("not found"))
    ensure_permission(user, "manage_project", project)
    if not 0 <= progress <= 100:
        raise InvalidInput("progress", _("progress is a percentage from 0 to 100"))
    if parent_id is not None and not project.results.filter(pk=parent_id).exists():
        raise InvalidInput("parent", _("the parent result belongs to another project"))
    return Result.objects.create(
        project=project, title=_checked_text("title", title, 200), parent_id=parent_id,
        weight=weight, progress=progress,
    )  # fmt: skip


@transaction.atomic
def do_follow(user, *, consultation_id=None, proposal_id=None, follow: bool = True) -> None:
    if user is None or not user.is_authenticated:
        raise NotFound(_("not found"))
    target = (
        {"consultation_id": consultation_id} if consultation_id else {"proposal_id": proposal_id}
    )
    if follow:
        Follow.objects.get_or_create(user=user, **target)
    else:
        Follow.objects.filter(user=user, **target).delete()


@transaction.atomic
def do_set_notification(user, kind: str, enabled: bool) -> None:
    if kind not in dict(Notification.KINDS):
        raise InvalidInput("kind", _("not a kind of notice"))
    if enabled:
        NotificationSetting.objects.filter(user=user, kind=kind).delete()
    else:
        NotificationSetting.objects.get_or_create(user=user, kind=kind)


@transaction.atomic
def do_anonymize_account(user) -> None:
    """An account deleted on request: its proposals and comments stay, without an author."""
    Proposal.objects.filter(author=user).update(author=None)
    Comment.objects.filter(author=user).update(author=None)
    user.delete()


def reconcile_counters(fix: bool = False) -> list[tuple[int, str, int, int]]:
    """Recount supports and comments from their rows; returns (proposal, counter, stored,
    counted) for each drift, and with ``fix`` stores the counted value."""
    from django.db.models import Count, Q

    drifts = []
    counted = Proposal.objects.annotate(
        supports_counted=Count("supports", distinct=True),
        comments_counted=Count("comments", filter=Q(comments__isnull=False), distinct=True),
    ).values_list("pk", "support_count", "supports_counted", "comment_count", "comments_counted")
    for pk, supports, supports_counted, comments, comments_counted in counted.iterator():
        if supports != supports_counted:
            drifts.append((pk, "supports", supports, supports_counted))
        if comments != comments_counted:
            drifts.append((pk, "comments", comments, comments_counted))
    if fix:
        with transaction.atomic():
            for pk, counter, _stored, value in drifts:
                field_name = "support_count" if counter == "supports" else "comment_count"
                Proposal.objects.filter(pk=pk).update(**{field_name: value})
    return drifts


def _proposal(user, proposal_id) -> Proposal:
    proposal = (
        Proposal.objects.select_related("consultation").filter(pk=proposal_id).first()
        if isinstance(proposal_id, int) and 0 < proposal_id < 2**63
        else None
    )
    if proposal is None:
        raise NotFound(_("not found"))
    return proposal


def _comment(user, comment_id) -> Comment:
    comment = (
        Comment.objects.select_related("proposal__consultation").filter(pk=comment_id).first()
        if isinstance(comment_id, int) and 0 < comment_id < 2**63
        else None
    )
    if comment is None:
        raise NotFound(_("not found"))
    return comment


def _notify_followers(proposal: Proposal, kind: str, text: str, but=None) -> None:
    """An in-app notice and an e-mail to everyone following the proposal or its consultation,
    except who caused it and who turned this kind off."""
    from django.contrib.auth import get_user_model

    users = (
        get_user_model()
        .objects.filter(is_active=True, consult_follows__proposal=proposal)
        .union(
            get_user_model().objects.filter(
                is_active=True, consult_follows__consultation=proposal.consultation_id
            )
        )
    )
    muted = set(NotificationSetting.objects.filter(kind=kind).values_list("user_id", flat=True))
    recipients = [u for u in users if u.pk not in muted and (but is None or u.pk != but.pk)]
    url = f"/consult/proposals/{proposal.pk}/"
    Notification.objects.bulk_create(
        Notification(user=u, kind=kind, text=text[:500], url=url) for u in recipients
    )
    emails = [u.email for u in recipients if u.email]
    if emails:
        # Blind copies: followers never see each other's addresses.
        message = EmailMessage(text[:200], f"{text}\n\n{url}", bcc=emails)
        transaction.on_commit(lambda: message.send(fail_silently=True))

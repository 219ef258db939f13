"""Pages of the petitions app: each validates, checks the policy, calls one action, renders.
Refusals and bad input become pages in one place for the whole site, ``web.errors``."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.errors import InvalidInput
from followup.policy import allowed, ensure_permission
from followup.policy import petitions as rules

from . import actions, queries
from .core.data import load_indicators, load_rights
from .core.masking import mask_names
from .core.stages import machine
from .models import Clause, MonitoringActivity, Person, Petition, Petitioner

PEOPLE_ROWS = 5


def _language(request) -> str:
    return (get_language() or "en")[:2]


@login_required
def my_files(request):
    petitions = (
        rules.petitions_visible_to(request.user)
        .select_related("state")
        .order_by("-updated_at")[:200]
        if rules.roles_of(request.user)
        else []
    )
    return render(
        request,
        "petitions/my_files.html",
        {
            "petitions": petitions,
            "language": _language(request),
            "is_petitioner": hasattr(request.user, "petitioner"),
            "is_staff": rules.is_staff(request.user),
        },
    )


@login_required
def petitioner_profile(request):
    if request.method == "POST":
        actions.do_register_petitioner(
            request.user,
            kind=request.POST.get("kind", ""),
            name=request.POST.get("name", ""),
            country_code=request.POST.get("country", ""),
            address=request.POST.get("address", ""),
        )
        messages.success(request, _("You can now file petitions and requests."))
        return redirect("petitions:new")
    return render(
        request, "petitions/petitioner.html", {"kinds": Petitioner.KINDS, "countries": _states()}
    )


def _states():
    from followup.corpus.models import Country

    return Country.objects.filter(oas_member=True).order_by("name_en")


def _people_from(post) -> list[dict]:
    return [
        {
            "name": post.get(f"person-{i}-name", ""),
            "group": post.get(f"person-{i}-group", "other"),
            "confidential": post.get(f"person-{i}-confidential") == "on",
        }
        for i in range(PEOPLE_ROWS)
    ]


def _form_context(request, petition=None, values=None, error=None):
    language = _language(request)
    people = list(petition.people.all()) if petition else []
    rows = [
        {"index": i, "person": people[i] if i < len(people) else None}
        for i in range(max(PEOPLE_ROWS, len(people)))
    ]
    rights = sorted(load_rights().values(), key=lambda r: (r.instrument, len(r.article), r.article))
    shown = {
        name: "" for name in ("title", "facts", "domestic_remedies", "other_proceedings", "state")
    }
    if petition is not None:
        shown.update(
            {name: getattr(petition, name) for name in shown if name != "state"},
            state=petition.state_id,
        )
    shown.update({k: v for k, v in (values or {}).items() if k in shown and v})
    return {
        "petition": petition,
        "values": shown,
        "kind": (petition.kind if petition else request.GET.get("kind")) or Petition.PETITION,
        "kinds": Petition.KINDS,
        "token": petition.submission_token if petition else secrets.token_urlsafe(24),
        "states": _states(),
        "rights": [(r.id, r.instrument, r.article, r.label(language)) for r in rights],
        "chosen_rights": set((values or {}).get("rights") or (petition.rights if petition else [])),
        "groups": Person.GROUPS,
        "rows": rows,
        "error": error,
        "languages": [
            ("en", "English"),
            ("es", "Español"),
            ("pt", "Português"),
            ("fr", "Français"),
        ],
        "language": petition.language if petition else language,
    }


@login_required
def petition_form(request, petition_id: int | None = None):
    if not hasattr(request.user, "petitioner"):
        return redirect("petitions:petitioner")
    petition = None
    if petition_id is not None:
        petition = rules.access_petition(request.user, petition_id)
        ensure_permission(request.user, rules.EDIT_DRAFT, petition)
    if request.method != "POST":
        return render(request, "petitions/form.html", _form_context(request, petition))
    post = request.POST
    values = {
        "kind": post.get("kind") or Petition.PETITION,
        "state": post.get("state") or None,
        "title": post.get("title", ""),
        "facts": post.get("facts", ""),
        "domestic_remedies": post.get("domestic_remedies", ""),
        "other_proceedings": post.get("other_proceedings", ""),
        "rights": post.getlist("rights"),
        "language": post.get("language") or _language(request),
        "topic": post.get("topic", ""),
    }
    try:
        draft = actions.do_save_draft(
            request.user,
            token=post.get("token", ""),
            petition_id=petition_id,
            people=_people_from(post),
            **values,
        )
        for upload in request.FILES.getlist("attachments"):
            if draft.is_draft:
                actions.do_add_attachment(
                    request.user, draft.pk, name=upload.name, data=upload.read()
                )
        if post.get("step") == "submit":
            draft = actions.do_submit(request.user, draft.pk)
            messages.success(
                request,
                _("Received with the reference number %(reference)s.")
                % {"reference": draft.reference},
            )
        else:
            messages.info(request, _("Draft saved."))
    except InvalidInput as err:
        context = _form_context(request, petition, values, err.message)
        context["token"] = post.get("token", "")
        return render(request, "petitions/form.html", context, status=400)
    return redirect("petitions:detail", draft.pk)


@login_required
def petition_detail(request, petition_id: int):
    user = request.user
    petition = rules.access_petition(user, petition_id)
    language = _language(request)
    see_identities = allowed(user, rules.SEE_IDENTITIES, petition)
    if petition.has_confidential and see_identities:
        actions.record_read(user, petition, "petition", "page")
    people = [
        {
            "name": p.name
            if (see_identities or not p.confidential)
            else _("Confidential identity"),
            "masked": p.confidential and not see_identities,
            "confidential": p.confidential,
            "group": p.get_group_display(),
        }
        for p in petition.people.all()
    ]
    state_view = actions.visible_state_agent(user, petition)
    hidden = [p.name for p in petition.people.all() if p.confidential] if not see_identities else []

    def masked(text: str) -> str:
        return mask_names(text, hidden, _("[confidential]"))

    changes = petition.changes.select_related("document")
    if state_view:
        changes = changes.filter(transmitted=True)
    stage_machine = machine(petition.kind)
    decisions = [
        (d.id, d.label(language), d.document, d.recommendations)
        for d in stage_machine.available(petition.stage)
        if petition.stage and allowed(user, rules.decision_action(petition, d.id), petition)
    ]
    rights = load_rights()
    communications = list(
        rules.communications_visible_to(user, petition)
        .select_related("author")
        .prefetch_related("attachments")
    )
    for message in communications:
        message.shown_text = masked(message.text)
    context = {
        "petition": petition,
        "texts": {
            name: masked(getattr(petition, name))
            for name in ("title", "facts", "domestic_remedies", "other_proceedings")
        },
        "stage": petition.stage_label(language),
        "people": people,
        "rights": [rights[r].label(language) + f" ({r})" for r in petition.rights if r in rights],
        "changes": [
            {
                "change": c,
                "label": stage_machine.stage(c.to_stage).label(language)
                if c.to_stage in stage_machine.stages
                else c.to_stage,
                "decision": stage_machine.decisions[c.decision].label(language)
                if c.decision in stage_machine.decisions
                else _("Submitted"),
            }
            for c in changes
        ],
        "communications": communications,
        "attachments": rules.attachments_visible_to(user, petition).filter(communication=None),
        "deadlines": [] if state_view else petition.deadlines.all(),
        "state_deadlines": petition.deadlines.filter(party="state") if state_view else [],
        "decisions": decisions,
        "can_communicate": allowed(user, rules.COMMUNICATE, petition),
        "can_transmit": allowed(user, rules.TRANSMIT, petition) and petition.transmitted_at,
        "can_edit": allowed(user, rules.EDIT_DRAFT, petition),
        "can_triage": petition.kind == Petition.PRECAUTIONARY and allowed(user, rules.TRIAGE),
        "indicators": [
            (
                i,
                i.question.get(language, i.question["en"]),
                i.guidance.get(language, i.guidance["en"]),
                range(i.scale + 1),
            )
            for i in load_indicators()
        ],
        "passages": _highlighted(petition)
        if petition.urgent and see_identities and rules.is_staff(user)
        else [],
        "is_staff": rules.is_staff(user),
        "state_view": state_view,
        "can_manage": allowed(user, rules.MANAGE_SETTLEMENT, petition),
        "clause_kinds": Clause.KINDS,
        "monitoring_kinds": MonitoringActivity.KINDS,
        "settlement": queries.settlement_compliance(petition)
        if petition.clauses.exists()
        else None,
        "similar": (
            queries.similar_cases(petition, rules.petitions_visible_to(user))
            if petition.stage in ("admissibility", "merits")
            and rules.is_staff(user)
            and request.GET.get("similar")
            else None
        ),
        "monitoring": petition.monitoring.all()
        if petition.kind == Petition.PRECAUTIONARY and not state_view
        else [],
    }
    return render(request, "petitions/detail.html", context)


def _highlighted(petition: Petition) -> list[dict]:
    """Each sentence that triggered the urgency flag, split around the matched words."""
    text = "\n".join([petition.title, petition.facts])
    shown = []
    for p in petition.urgent_passages:
        shown.append(
            {
                "category": p["category"].replace("_", " "),
                "before": text[p["sentence_start"] : p["start"]],
                "match": text[p["start"] : p["end"]],
                "after": text[p["end"] : p["sentence_end"]],
            }
        )
    return shown


@login_required
def attachment_download(request, petition_id: int, attachment_id: int):
    petition, attachment = rules.access_attachment(request.user, petition_id, attachment_id)
    actions.record_read(request.user, petition, f"attachment:{attachment.pk}", "page")
    response = HttpResponse(
        actions.read_attachment(attachment), content_type=attachment.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{attachment.original_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def decide(request, petition_id: int):
    recommendations = [
        line for line in request.POST.get("recommendations", "").splitlines() if line.strip()
    ]
    actions.do_decide(
        request.user,
        petition_id,
        request.POST.get("decision", ""),
        comment=request.POST.get("comment", ""),
        document_text=request.POST.get("document_text", ""),
        recommendations=recommendations,
    )
    messages.success(request, _("Decision recorded."))
    return redirect("petitions:detail", petition_id)


@login_required
@require_POST
def communicate(request, petition_id: int):
    files = [(f.name, f.read()) for f in request.FILES.getlist("attachments")]
    actions.do_send_communication(
        request.user, petition_id, text=request.POST.get("text", ""), files=files
    )
    messages.success(request, _("Message sent."))
    return redirect("petitions:detail", petition_id)


@login_required
@require_POST
def transmit(request, communication_id: int):
    communication = actions.do_transmit_communication(request.user, communication_id)
    messages.success(request, _("Transmitted to the State."))
    return redirect("petitions:detail", communication.petition_id)


@login_required
@require_POST
def triage_answers(request, petition_id: int):
    answers = {}
    for indicator in load_indicators():
        raw = request.POST.get(indicator.id, "")
        if raw != "":
            try:
                answers[indicator.id] = int(raw)
            except ValueError:
                raise InvalidInput(indicator.id, _("choose a point on the scale")) from None
    actions.do_triage(request.user, petition_id, answers)
    return redirect("petitions:detail", petition_id)


@login_required
def review_queue(request):
    ensure_permission(request.user, rules.REVIEW_QUEUE)
    rows = queries.review_queue(rules.petitions_visible_to(request.user))
    return render(
        request, "petitions/review_queue.html", {"rows": rows, "language": _language(request)}
    )


@login_required
def triage_queue(request):
    ensure_permission(request.user, rules.TRIAGE)
    rows = queries.triage_queue(rules.petitions_visible_to(request.user))
    return render(request, "petitions/triage_queue.html", {"rows": rows})


@login_required
def backlog(request):
    ensure_permission(request.user, rules.REVIEW_QUEUE)
    language = _language(request)
    rows = [
        {**row, "label": machine(row["kind"]).stage(row["stage"]).label(language)}
        for row in queries.backlog(rules.petitions_visible_to(request.user))
    ]
    return render(request, "petitions/backlog.html", {"rows": rows})


def figures(request):
    """Open statistics: the initial review of a year, and precautionary decision times."""
    try:
        year = int(request.GET.get("year") or timezone.now().year)
    except ValueError:
        raise InvalidInput("year", _("a year such as 2026")) from None
    review = queries.year_review_figures(year)
    times = queries.year_decision_times(year)
    if request.GET.get("format") == "json":
        from django.http import JsonResponse

        return JsonResponse(
            {
                "initial_review": review.as_dict(),
                "precautionary_decision_times": {
                    "decided": times.decided,
                    "share_under_90_days": round(times.share_under_90(), 4),
                    "share_same_month": round(times.share_same_month(), 4),
                    "median_days": times.median_days(),
                },
            }
        )
    return render(
        request,
        "petitions/figures.html",
        {"year": year, "review": review, "times": times, "sentence": review_sentence(review)},
    )


def review_sentence(review) -> str:
    """The year's initial review in one sentence, in the current language."""
    return _(
        "%(evaluated)s petitions evaluated in %(year)s — %(two)s received in %(year_two)s, %(one)s in "
        "%(year_one)s and %(same)s in %(year)s — %(processed)s%% opened for processing, "
        "%(not_processed)s%% not opened, %(more)s%% asked for more information."
    ) % {
        "evaluated": review.evaluated,
        "year": review.year,
        "two": review.received[-2],
        "year_two": review.year - 2,
        "one": review.received[-1],
        "year_one": review.year - 1,
        "same": review.received[0],
        "processed": review.percent("processed"),
        "not_processed": review.percent("not_processed"),
        "more": review.percent("more_information"),
    }


@login_required
def deadlines(request):
    ensure_permission(request.user, rules.REVIEW_QUEUE)
    if request.method == "POST":
        try:
            days = int(request.POST.get("days", ""))
        except ValueError:
            raise InvalidInput("days", _("a whole number of days")) from None
        extension = actions.do_extend_deadlines(
            request.user, days=days, reason=request.POST.get("reason", "")
        )
        messages.success(
            request,
            _("%(count)s open deadlines extended by %(days)s days.")
            % {"count": extension.deadlines_extended, "days": extension.days},
        )
        return redirect("petitions:deadlines")
    visible = rules.petitions_visible_to(request.user)
    overdue = queries.overdue_deadlines().filter(petition__in=visible)[:500]
    return render(
        request,
        "petitions/deadlines.html",
        {"overdue": overdue, "can_extend": allowed(request.user, rules.EXTEND_DEADLINES)},
    )


def _count(post, name: str) -> int:
    try:
        return int(post.get(name) or 0)
    except ValueError:
        raise InvalidInput(name, _("a whole number, zero or more")) from None


@login_required
@require_POST
def add_clause(request, petition_id: int):
    post = request.POST
    actions.do_add_clause(
        request.user,
        petition_id,
        text=post.get("text", ""),
        kind=post.get("kind", ""),
        women=_count(post, "women"),
        men=_count(post, "men"),
        children=_count(post, "children"),
    )
    messages.success(request, _("Clause added."))
    return redirect("petitions:detail", petition_id)


@login_required
@require_POST
def record_monitoring(request, petition_id: int):
    from datetime import date

    try:
        on = date.fromisoformat(request.POST.get("on", ""))
    except ValueError:
        raise InvalidInput("on", _("a date (YYYY-MM-DD)")) from None
    actions.do_record_monitoring(
        request.user,
        petition_id,
        kind=request.POST.get("kind", ""),
        on=on,
        note=request.POST.get("note", ""),
    )
    return redirect("petitions:detail", petition_id)


@login_required
@require_POST
def record_batch(request, petition_id: int):
    ids = [petition_id]
    for raw in request.POST.getlist("petitions"):
        try:
            ids.append(int(raw))
        except ValueError:
            raise InvalidInput("petitions", _("choose cases from the list")) from None
    actions.do_record_batch(
        request.user,
        name=request.POST.get("name", ""),
        petition_ids=ids,
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("Batch recorded."))
    return redirect("petitions:detail", petition_id)


@login_required
def portfolio(request):
    """Precautionary measures: the portfolio in force, time to decision, beneficiaries by group,
    monitoring activity; each table downloadable."""
    ensure_permission(request.user, rules.TRIAGE)
    try:
        year = int(request.GET.get("year") or timezone.now().year)
    except ValueError:
        raise InvalidInput("year", _("a year such as 2026")) from None
    export = request.GET.get("format")
    if export in ("csv", "xlsx", "json"):
        from followup.exports import export_rows

        rows = [
            [
                p.reference,
                p.state_id,
                p.stage,
                p.submitted_at.date().isoformat(),
                p.first_decided_at.date().isoformat(),
                (p.first_decided_at.date() - p.submitted_at.date()).days,
            ]
            for p in queries.decision_rows(year)
        ]
        columns = ["reference", "state", "stage", "received", "first_decision", "days"]
        return export_rows(columns, rows, export, f"precautionary-decisions-{year}")
    return render(
        request,
        "petitions/portfolio.html",
        {
            "year": year,
            "portfolio": queries.portfolio(),
            "times": queries.year_decision_times(year),
            "monitoring": queries.monitoring_counts(year),
            "groups": dict(Person.GROUPS),
            "monitoring_kinds": MonitoringActivity.KINDS,
        },
    )

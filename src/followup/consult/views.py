"""Pages of the consultation portal. Each view reads its input, calls one action, renders;
refusals (``ActionError``) become pages in one place, ``web.errors``."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import F, FloatField, Func, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from followup.errors import InvalidInput, NotFound
from followup.policy import allowed, ensure_permission

from . import actions, core
from .models import (
    Assessment,
    Comment,
    Consultation,
    Flag,
    ModerationEvent,
    Notification,
    NotificationSetting,
    Phase,
    Project,
    Proposal,
    Support,
)

SORTS = {
    "supports": gettext_lazy("Most supported"),
    "newest": gettext_lazy("Newest"),
    "hot": gettext_lazy("Hot"),
}
PAGE_SIZE = 25


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _consultation(slug: str) -> Consultation:
    consultation = Consultation.objects.prefetch_related("phases").filter(slug=slug).first()
    if consultation is None:
        raise NotFound(_("not found"))
    return consultation


def consultation_list(request):
    consultations = Consultation.objects.prefetch_related("phases")
    today = timezone.localdate()
    rows = [(c, core.current_phase(c.core_phases(), today)) for c in consultations]
    return render(
        request,
        "consult/consultation_list.html",
        {"rows": rows, "may_run": allowed(request.user, "run_consultation")},
    )


class AgeInHours(Func):
    """Hours since a timestamp, computed by the database (no portable expression exists)."""

    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (NOW() - %(expressions)s)) / 3600.0)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection,
            template="((julianday('now') - julianday(%(expressions)s)) * 24.0)", **extra,
        )  # fmt: skip


def ranked_proposals(consultation: Consultation, sort: str):
    """Published proposals in one query, ordered from stored counters (never counted here)."""
    proposals = consultation.proposals.filter(hidden=False).exclude(
        state__in=[Proposal.MERGED, Proposal.WITHDRAWN]
    )
    if sort == "newest":
        return proposals.order_by("-created_at", "-pk")
    if sort == "hot":
        # core.hot_score, in SQL: (supports + comments / 2) / (hours + 2) ^ 1.5
        score = (F("support_count") + F("comment_count") * 0.5) / (
            (AgeInHours("created_at") + 2.0) ** 1.5
        )
        return proposals.alias(hot=score).order_by(F("hot").desc(), "-pk")
    return proposals.order_by("-support_count", "-pk")


def consultation_detail(request, slug):
    consultation = _consultation(slug)
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "supports"
    page = Paginator(ranked_proposals(consultation, sort), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    phases = consultation.core_phases()
    today = timezone.localdate()
    return render(
        request,
        "consult/consultation_detail.html",
        {
            "consultation": consultation,
            "page": page,
            "sort": sort,
            "sorts": SORTS,
            "phase": core.current_phase(phases, today),
            "may_propose": core.allows(phases, "propose", today),
            "threshold": consultation.support_threshold,
            "following": request.user.is_authenticated
            and consultation.follow_set.filter(user=request.user).exists(),
        },
    )


LANGUAGES = ("en", "es", "pt", "fr")


@login_required
def consultation_new(request):
    """The secretariat opens a consultation or call: texts in four languages, phases, rules."""
    ensure_permission(request.user, "run_consultation")
    data = request.POST
    errors = {}
    if request.method == "POST":
        try:
            consultation = actions.do_create_consultation(request.user, _consultation_draft(data))
        except InvalidInput as err:
            errors[err.field] = str(err).split(": ", 1)[1]
        else:
            messages.success(request, _("The consultation is open."))
            return redirect("consult:consultation_detail", consultation.slug)
    return render(
        request,
        "consult/consultation_form.html",
        {"data": data, "errors": errors, "kinds": Consultation.KINDS,
         "texts": [(lang, data.get(f"title_{lang}", ""), data.get(f"description_{lang}", ""))
                   for lang in LANGUAGES],
         "participation": Consultation.PARTICIPATION, "phase_kinds": Phase.KINDS},
        status=400 if errors else 200,
    )  # fmt: skip


def _consultation_draft(data) -> actions.ConsultationDraft:
    phases = []
    for kind, _label in Phase.KINDS:
        starts, ends = data.get(f"{kind}_starts"), data.get(f"{kind}_ends")
        if starts or ends:
            try:
                phases.append(
                    core.Phase(kind, date.fromisoformat(starts), date.fromisoformat(ends))
                )
            except (TypeError, ValueError):
                raise InvalidInput(
                    "phases", _("%(phase)s: give a start and an end date") % {"phase": kind}
                ) from None
    threshold = data.get("support_threshold", "")
    if not threshold.isdigit():
        raise InvalidInput("support_threshold", _("a whole number of supports, such as 500"))
    return actions.ConsultationDraft(
        slug=data.get("slug", "").strip(),
        kind=data.get("kind", "consultation"),
        title={lang: data.get(f"title_{lang}", "") for lang in LANGUAGES},
        description={lang: data.get(f"description_{lang}", "") for lang in LANGUAGES},
        phases=phases,
        participation=data.get("participation", Consultation.VERIFIED),
        support_threshold=int(threshold),
        uses_jury=bool(data.get("uses_jury")),
    )


@login_required
def proposal_new(request, slug):
    consultation = _consultation(slug)
    ensure_permission(request.user, "create_proposal", consultation)
    draft = actions.ProposalDraft(
        request.POST.get("title", ""), request.POST.get("body", ""),
        themes=request.POST.getlist("themes"), sdgs=request.POST.getlist("sdgs"),
        population_groups=request.POST.getlist("population_groups"),
    )  # fmt: skip
    errors, suggestions = {}, {}
    if request.method == "POST" and "preview" in request.POST:
        # The classifier suggests labels; the author keeps the ones that fit, then publishes.
        suggestions = _suggested_labels(draft)
    elif request.method == "POST":
        try:
            proposal = actions.do_create_proposal(
                request.user, consultation, draft, address=_address(request)
            )
        except InvalidInput as err:
            errors[err.field] = str(err).split(": ", 1)[1]
        else:
            messages.success(request, _("Your proposal is published."))
            return redirect("consult:proposal_detail", proposal.pk)
    return render(
        request,
        "consult/proposal_form.html",
        {"consultation": consultation, "draft": draft, "errors": errors,
         "suggestions": suggestions},
        status=400 if errors else 200,
    )  # fmt: skip


SUGGESTED = {"themes": "themes", "sdgs": "sdgs", "population_groups": "population_groups"}


def _suggested_labels(draft) -> dict[str, list[tuple[str, str]]]:
    """The classifier's themes, SDGs and population groups for the text, as (id, label in the
    reader's language), for the author to confirm."""
    from django.utils.translation import get_language

    from followup.classify import classify
    from followup.taxonomies import load_taxonomy

    scored = classify(f"{draft.title}\n{draft.body}")
    language = (get_language() or "en")[:2]
    suggestions = {}
    for field_name, taxonomy in SUGGESTED.items():
        names = {label.id: label.label(language) for label in load_taxonomy(taxonomy)}
        ids = [label for label, _score in scored.get(taxonomy, []) if label in names][:5]
        suggestions[field_name] = [(label, names[label]) for label in ids]
    return suggestions


def similar_titles(request, slug):
    """While a title is typed: the nearest existing proposals, in any language (htmx)."""
    consultation = _consultation(slug)
    title = request.GET.get("title", "").strip()[:200]
    similar = similar_proposals(consultation, title) if len(title) >= 8 else []
    return render(request, "consult/similar.html", {"similar": similar})


def similar_proposals(consultation, title: str, limit: int = 5):
    import numpy as np

    from followup.classify.embeddings import embed

    candidates = list(
        consultation.proposals.filter(hidden=False)
        .exclude(state=Proposal.MERGED)
        .only("pk", "title", "support_count")[:2000]
    )
    if not candidates:
        return []
    vectors = embed([title] + [p.title for p in candidates])
    scores = vectors[1:] @ vectors[0]
    order = np.argsort(-scores)[:limit]
    return [(candidates[i], float(scores[i])) for i in order if scores[i] >= 0.5]


def proposal_detail(request, proposal_id):
    proposal = (
        Proposal.objects.select_related("consultation", "author", "merged_into")
        .filter(pk=proposal_id)
        .first()
    )
    ensure_permission(request.user, "view_proposal", proposal)
    order = "-up_votes" if request.GET.get("sort") != "newest" else "-created_at"
    comments = list(
        Comment.objects.filter(proposal=proposal).select_related("author").order_by(order, "pk")
    )
    visible = [c for c in comments if allowed(request.user, "view_comment", c)]
    # The debate is read a page of threads at a time, like CONSUL's: a page's cost stays
    # bounded however long the debate grows.
    threads = Paginator(_threads(visible), THREADS_PER_PAGE).get_page(request.GET.get("debate"))
    supported = (
        request.user.is_authenticated
        and Support.objects.filter(proposal=proposal, user=request.user).exists()
    )
    project = Project.objects.filter(proposal=proposal).first()
    assessment = Assessment.objects.filter(proposal=proposal).prefetch_related("serves").first()
    return render(
        request,
        "consult/proposal_detail.html",
        {
            "proposal": proposal,
            "threads": threads,
            "supported": supported,
            "may_support": allowed(request.user, "support_proposal", proposal),
            "may_comment": allowed(request.user, "comment", proposal.consultation),
            "is_moderator": allowed(request.user, "moderate"),
            "progress": core.threshold_progress(
                proposal.support_count, proposal.consultation.support_threshold
            ),
            "stances": Comment.STANCES,
            "project": project,
            "assessment": assessment,
            # Addresses built once, not once per comment: a page may carry hundreds.
            "comments_url": reverse("consult:vote", args=[0]).removesuffix("0/vote/"),
            "comment_url": reverse("consult:comment", args=[proposal.pk]),
            "flag_url": reverse("consult:flag", args=["comment", 0]).removesuffix("0/"),
        },
    )


THREADS_PER_PAGE = 50


def _threads(comments: list[Comment]) -> list[list[tuple[Comment, int]]]:
    """Each top-level comment followed by its replies at every depth, as (comment, depth); one
    list per thread. A reply whose parent is hidden from the reader is left out with it."""
    by_parent: dict[int | None, list[Comment]] = {}
    for comment in comments:
        by_parent.setdefault(comment.parent_id, []).append(comment)
    threads = []
    for top in by_parent.get(None, []):
        thread, stack = [], [(top, 0)]
        while stack:
            comment, depth = stack.pop()
            thread.append((comment, depth))
            stack.extend((reply, depth + 1) for reply in reversed(by_parent.get(comment.pk, [])))
        threads.append(thread)
    return threads


@require_POST
@login_required
def support(request, proposal_id):
    if request.POST.get("withdraw"):
        actions.do_withdraw_support(request.user, proposal_id)
        messages.success(request, _("Your support is withdrawn."))
    else:
        actions.do_support(request.user, proposal_id)
        messages.success(request, _("Thank you: your support is counted."))
    return redirect("consult:proposal_detail", proposal_id)


@require_POST
@login_required
def comment(request, proposal_id):
    parent = request.POST.get("parent")
    actions.do_comment(
        request.user,
        proposal_id,
        request.POST.get("body", ""),
        request.POST.get("stance", Comment.NEUTRAL),
        parent_id=int(parent) if parent and parent.isdigit() else None,
        address=_address(request),
    )
    messages.success(request, _("Your comment is published."))
    return redirect("consult:proposal_detail", proposal_id)


@require_POST
@login_required
def vote(request, comment_id):
    value = 1 if request.POST.get("value") == "up" else -1
    voted = actions.do_vote_comment(request.user, comment_id, value)
    return redirect("consult:proposal_detail", voted.proposal_id)


@require_POST
@login_required
def flag(request, kind, target_id):
    target = {"proposal_id": target_id} if kind == "proposal" else {"comment_id": target_id}
    actions.do_flag(
        request.user, reason=request.POST.get("reason", ""), address=_address(request), **target
    )
    messages.success(request, _("Thank you: a moderator will look at it."))
    if kind == "comment":
        target_id = Comment.objects.filter(pk=target_id).values_list("proposal_id", flat=True)[0]
    return redirect("consult:proposal_detail", target_id)


@require_POST
@login_required
def follow(request, proposal_id):
    actions.do_follow(request.user, proposal_id=proposal_id, follow=not request.POST.get("stop"))
    return redirect("consult:proposal_detail", proposal_id)


@require_POST
@login_required
def review(request, proposal_id):
    actions.do_review_proposal(
        request.user,
        proposal_id,
        state=request.POST.get("state", ""),
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The proposal's state is saved and its followers told."))
    return redirect("consult:proposal_detail", proposal_id)


@require_POST
@login_required
def assess(request, proposal_id):
    actions.do_assess_proposal(
        request.user,
        proposal_id,
        feasibility=request.POST.get("feasibility", ""),
        cost_estimate=_number(request.POST.get("cost_estimate")),
        currency=request.POST.get("currency", ""),
        serves=_item_ids(request.POST.get("serves", "")),
    )
    messages.success(request, _("The assessment is saved."))
    return redirect("consult:proposal_detail", proposal_id)


def _item_ids(text: str) -> list[int]:
    """Item numbers typed as "12, 40 41"."""
    return [int(v) for v in text.replace(",", " ").split() if v.isdigit() and len(v) < 19]


@require_POST
@login_required
def follow_consultation(request, slug):
    consultation = _consultation(slug)
    actions.do_follow(
        request.user, consultation_id=consultation.pk, follow=not request.POST.get("stop")
    )
    messages.success(request, _("Your choices are saved."))
    return redirect("consult:consultation_detail", slug)


EXPORTS = {
    "proposals": ["id", "url", "title", "language", "state", "supports", "comments", "themes",
                  "sdgs", "population_groups", "created_at"],
    "comments": ["id", "proposal", "parent", "stance", "expert", "up_votes", "down_votes",
                 "body", "created_at"],
}  # fmt: skip


def export(request, slug, table, export_format):
    """A consultation's proposals or comments as open data, without personal data."""
    from followup.exports import FORMATS, export_rows

    consultation = _consultation(slug)
    if table not in EXPORTS or export_format not in FORMATS:
        raise NotFound(_("not found"))
    if table == "proposals":
        rows = [
            [p.pk, request.build_absolute_uri(reverse("consult:proposal_detail", args=[p.pk])),
             p.title, p.language, p.state, p.support_count, p.comment_count, " ".join(p.themes),
             " ".join(p.sdgs), " ".join(p.population_groups), p.created_at.isoformat()]
            for p in consultation.proposals.filter(hidden=False).order_by("pk")
        ]  # fmt: skip
    else:
        rows = [
            [c.pk, c.proposal_id, c.parent_id, c.stance, c.is_expert, c.up_votes, c.down_votes,
             c.body, c.created_at.isoformat()]
            for c in Comment.objects.filter(
                proposal__consultation=consultation, proposal__hidden=False, hidden=False
            ).order_by("pk")
        ]  # fmt: skip
    return export_rows(EXPORTS[table], rows, export_format, f"{slug}-{table}")


@require_POST
@login_required
def make_project(request, proposal_id):
    project = actions.do_create_project(
        request.user,
        proposal_id,
        actions.ProjectDraft(
            title=request.POST.get("title", ""),
            budget=_number(request.POST.get("budget")),
            currency=request.POST.get("currency", ""),
            funding_source=request.POST.get("funding_source", ""),
            implements=_item_ids(request.POST.get("implements", "")),
        ),
    )
    messages.success(request, _("The project is created."))
    return redirect("consult:project_detail", project.pk)


def _number(value):
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        raise InvalidInput("budget", _("a number, such as 250000")) from None


def project_progress(project: Project) -> float:
    """The project's progress: its top results rolled up by weight (Decidim's rule)."""
    results = list(project.results.all())
    nodes = {r.pk: core.Result(r.progress, r.weight, []) for r in results}
    roots = []
    for r in results:
        (nodes[r.parent_id].children if r.parent_id else roots).append(nodes[r.pk])
    return core.rolled_up_progress(core.Result(children=roots)) if roots else 0.0


def project_detail(request, project_id):
    project = (
        Project.objects.select_related("proposal__consultation", "responsible")
        .prefetch_related("milestones", "countries", "implements", "results")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound(_("not found"))
    results = list(project.results.all())
    return render(
        request,
        "consult/project_detail.html",
        {"project": project, "progress": project_progress(project), "results": results,
         "may_manage": allowed(request.user, "manage_project")},
    )  # fmt: skip


@require_POST
@login_required
def project_add(request, project_id, what):
    if what == "milestone":
        actions.do_add_milestone(
            request.user, project_id, request.POST.get("title", ""), request.POST.get("due_on")
        )
    else:
        parent = request.POST.get("parent")
        actions.do_add_result(
            request.user, project_id, request.POST.get("title", ""),
            parent_id=int(parent) if parent and parent.isdigit() else None,
            weight=_number(request.POST.get("weight")),
            progress=_number(request.POST.get("progress")) or 0,
        )  # fmt: skip
    messages.success(request, _("Saved."))
    return redirect("consult:project_detail", project_id)


@login_required
def moderation(request):
    ensure_permission(request.user, "moderate")
    open_flags = Flag.objects.filter(resolved=False)
    hidden = list(
        Proposal.objects.filter(Q(hidden=True) | Q(pk__in=open_flags.values("proposal_id")))
    )
    hidden_comments = list(
        Comment.objects.filter(
            Q(hidden=True) | Q(pk__in=open_flags.values("comment_id"))
        ).select_related("proposal")
    )
    return render(
        request,
        "consult/moderation.html",
        {"proposals": hidden, "comments": hidden_comments,
         "log": ModerationEvent.objects.select_related("actor")[:50]},
    )  # fmt: skip


@require_POST
@login_required
def moderate(request):
    actions.do_moderate(
        request.user,
        action=request.POST.get("action", ""),
        target=request.POST.get("target", ""),
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The decision is recorded."))
    return redirect("consult:moderation")


@login_required
def notifications(request):
    if request.method == "POST":
        for kind, _label in Notification.KINDS:
            actions.do_set_notification(request.user, kind, bool(request.POST.get(kind)))
        messages.success(request, _("Your choices are saved."))
        return redirect("consult:notifications")
    muted = set(
        NotificationSetting.objects.filter(user=request.user).values_list("kind", flat=True)
    )
    return render(
        request,
        "consult/notifications.html",
        {"notices": Notification.objects.filter(user=request.user)[:100],
         "kinds": [(k, label, k not in muted) for k, label in Notification.KINDS]},
    )  # fmt: skip

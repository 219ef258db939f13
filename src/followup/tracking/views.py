"""Pages of the tracking app. Each view validates, checks access, calls one action, renders."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from followup.corpus.models import Item
from followup.errors import InvalidInput
from followup.exports import export_rows, page_with_pdf
from followup.policy import (
    access_report,
    allowed,
    ensure_permission,
    fileable_parties,
    party_id_of,
    visible_reports,
)

from . import ratelimit
from .actions import (
    EDITABLE_FIELDS,
    REPORTED_KINDS,
    NameTaken,
    Registration,
    StaleEdit,
    do_add_evidence,
    do_add_link,
    do_create_obligations,
    do_delete_obligation,
    do_register,
    do_remove_evidence,
    do_save_report,
    do_tell_name_taken,
    do_transition_report,
    do_update_obligation,
    do_verify_email,
)
from .compliance import (
    DIMENSIONS,
    compliance_by,
    compliance_over_time,
    dimension_of,
    periods,
)
from .forms import (
    DueDateForm,
    EvidenceForm,
    ImportForm,
    ItemsField,
    LinkForm,
    ObligationForm,
    RegistrationForm,
    ReportForm,
)
from .imports import ImportFileError, import_items
from .maps import compliance_map
from .models import COMPLIANCE, STANDINGS, Obligation, Party, Profile, Report
from .picker import find_items
from .reminders import overdue
from .uploads import UploadTooLarge, check_uploaded, prepare_evidence_upload


class LoginView(auth_views.LoginView):
    """Django's sign-in; urls.py wraps it, and the administration's, in one throttle."""

    template_name = "tracking/login.html"


def register(request):
    """Create an account and e-mail a link to confirm its address. The answer is the same whether
    or not the name is free, so the page cannot be used to find which names exist."""
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow_registration(ratelimit.client_address(request)):
            form.add_error(
                None, _("Too many accounts were created from your address. Try again later.")
            )
            return render(request, "tracking/register.html", {"form": form}, status=429)
        data = form.cleaned_data
        registration = Registration(
            data["username"],
            data["email"],
            data["password"],
            data["role"],
            data["party"].pk if data["party"] else None,
            language=request.LANGUAGE_CODE[:2],
        )
        try:
            do_register(registration)  # e-mails the link that confirms the address
        except NameTaken:
            do_tell_name_taken(registration)
        except InvalidInput as err:
            form.add_error(err.field if err.field in form.fields else None, str(err))
        if not form.errors:
            messages.info(request, _("We sent you an e-mail with a link to confirm your address."))
            if registration.role != Profile.PUBLIC:
                messages.info(request, _("An administrator will then activate your account."))
            return redirect("login")
    return render(
        request, "tracking/register.html", {"form": form}, status=400 if form.errors else 200
    )


def verify_email(request, token: str):
    try:
        do_verify_email(token)
    except InvalidInput:
        return render(request, "tracking/verify_email.html", {"verified": False}, status=400)
    return render(request, "tracking/verify_email.html", {"verified": True})


def report_list(request):
    reports = (
        Report.objects.filter(visible_reports(request.user))
        .select_related("party")
        .prefetch_related("items")
    )
    state = request.GET.get("state", "")
    if state:
        reports = reports.filter(state=state)
    if request.GET.get("format") in ("csv", "xlsx", "json"):
        columns = [
            "id",
            "url",
            "party",
            "items",
            "period_start",
            "period_end",
            "compliance",
            "state",
            "language",
            "narrative",
            "published_at",
        ]
        rows = [
            [
                r.pk,
                request.build_absolute_uri(f"/reports/{r.pk}/"),
                r.party.name,
                ";".join(str(i.pk) for i in r.items.all()),
                r.period_start.isoformat(),
                r.period_end.isoformat(),
                r.compliance,
                r.state,
                r.language,
                r.narrative,
                r.published_at.isoformat() if r.published_at else "",
            ]
            for r in reports[:10_000]
        ]
        return export_rows(columns, rows, request.GET["format"], "reports")
    return render(
        request,
        "tracking/report_list.html",
        {"reports": reports[:200], "state": state, "states": Report.STATES},
    )


@page_with_pdf("report-{report_id}")
def report_detail(request, report_id: int):
    report = access_report(request.user, report_id)
    return _report_page(request, report)


def _report_page(request, report, *, status=200, evidence_form=None, link_form=None, comment=None):
    """The report's page; a refused upload, link or return shows it again with the reason next
    to the field."""
    user = request.user
    context = {
        "report": report,
        "can_edit": allowed(user, "edit_report", report),
        "can_submit": report.state in (Report.DRAFT, Report.RETURNED)
        and allowed(user, "submit_report", report),
        "can_withdraw": report.state == Report.SUBMITTED
        and allowed(user, "withdraw_report", report),
        "can_remove_evidence": allowed(user, "remove_evidence", report),
        "may_review": allowed(user, "validate_report", report),
        "events": report.events.select_related("user")
        if allowed(user, "view_report_history", report)
        else [],
        "evidence_form": evidence_form or EvidenceForm(),
        "link_form": link_form or LinkForm(),
        "comment_form": comment or {"value": "", "error": ""},
    }
    return render(request, "tracking/report_detail.html", context, status=status)


@csrf_exempt  # the CSRF check reads the body: it runs below, once the upload handlers are set
@login_required
def report_edit(request, report_id: int | None = None):
    """The report form: a new draft, or changes to one, with a first file of evidence if given.
    Search for items without JavaScript is the form's "Find" button: it saves nothing."""
    report = None
    if report_id is not None:
        report = access_report(request.user, report_id, "edit_report")
    if request.method != "POST":
        return _report_form(request, report, _form(request, report))
    try:
        limiter = prepare_evidence_upload(request, report_id)
    except UploadTooLarge as err:  # refused unread: show the form again, with the reason
        form = _form(request, report)
        form.refuse("file", str(err).split(": ", 1)[-1])
        form.refuse(None, _("Nothing was saved. Choose a smaller file and try again."))
        return _report_form(request, report, form, status=err.status)
    return _save_report(request, report, limiter)


@csrf_protect
def _save_report(request, report, limiter):
    if "find" in request.POST:
        return _report_form(request, report, _form(request, report, request.POST), find=True)
    form = _form(request, report, request.POST, request.FILES)
    try:
        check_uploaded(limiter)
    except UploadTooLarge as err:
        form.add_error("file", str(err).split(": ", 1)[-1])
        return _report_form(request, report, form, status=err.status)
    if not form.is_valid():
        return _report_form(request, report, form, status=400)
    data = form.cleaned_data
    upload = data.get("file")
    try:
        saved = do_save_report(
            request.user,
            report.pk if report else None,
            item_ids=data["items"],
            party_id=data["party"].pk,
            version=data["version"] or 0,
            attachment=(upload.name, upload) if upload else None,
            country_codes=[country.code for country in data["countries"]],
            **{k: data[k] for k in EDITABLE_FIELDS},
        )
    except InvalidInput as err:
        form.add_error(err.field if err.field in form.fields else None, err.reason)
        return _report_form(request, report, form, status=400)
    except StaleEdit as err:
        form.add_error(None, str(err) + " " + _("Reload the report and apply your changes again."))
        return _report_form(request, report, form, status=409)
    if report is None:
        messages.success(request, _("The report is saved as a draft."))
    else:
        messages.success(request, _("Your changes are saved."))
    if upload:
        messages.success(request, _("%(name)s is attached to the report.") % {"name": upload.name})
    return redirect("tracking:report_detail", saved.pk)


def _form(request, report, data=None, files=None) -> ReportForm:
    parties = Party.objects.filter(fileable_parties(request.user))
    if report is not None:
        parties = Party.objects.filter(pk=report.party_id)
    if data is not None and "find" in data:  # a search round trip: keep what was typed, unchecked
        initial = {name: data.get(name) for name in ReportForm.base_fields if name in data}
        initial["items"] = data.getlist("items")
        initial["countries"] = data.getlist("countries")
        return ReportForm(initial=initial, parties=parties, editing=report is not None)
    return ReportForm(
        data, files, initial=_initial(request, report), parties=parties, editing=report is not None
    )


def _report_form(request, report, form, *, status=200, find=False):
    chosen = _chosen_ids(form)
    party_id = party_id_of(request.user)
    query = request.POST.get("q", "").strip() if find else ""
    found = find_items(query, party_id=party_id) if find else []
    context = {
        "form": form,
        "report": report,
        "chosen": Item.objects.filter(pk__in=chosen, kind__in=REPORTED_KINDS).select_related(
            "instrument"
        ),
        "found": [item for item in found if item.pk not in chosen],
        "query": query,
        "searched": find,
    }
    return render(request, "tracking/report_form.html", context, status=status)


def _chosen_ids(form) -> list[int]:
    raw = form["items"].value() or []
    if isinstance(raw, str | int):
        raw = [str(raw)]
    try:
        return ItemsField().to_python([str(v) for v in raw])
    except forms.ValidationError:
        return []


def _initial(request, report):
    if report is None:
        return {"items": request.GET.getlist("items"), "language": request.LANGUAGE_CODE[:2]}
    return {
        "items": [str(pk) for pk in report.items.values_list("pk", flat=True)],
        "party": report.party_id,
        "countries": list(report.countries.values_list("code", flat=True)),
        "period_start": report.period_start,
        "period_end": report.period_end,
        "compliance": report.compliance,
        "language": report.language,
        "narrative": report.narrative,
        "measures": report.measures,
        "challenges": report.challenges,
        "institutions": report.institutions,
        "version": report.version,
    }


@login_required
def item_options(request):
    """The picker's results, a listbox fragment fetched by htmx as the person types."""
    query = request.GET.get("q", "")[:200].strip()
    found = find_items(query, party_id=party_id_of(request.user))
    return render(request, "tracking/item_options.html", {"found": found, "query": query})


TRANSITION_MESSAGES = {
    "submit": lambda r: _(
        "The report is submitted to the secretariat. You may withdraw it until it is reviewed."
    ),
    "withdraw": lambda r: _("The report is withdrawn: it is a draft again."),
    "return": lambda r: (
        _("The report is returned to %(party)s with your comments.") % {"party": r.party}
    ),
    "validate": lambda r: _("The report is validated. Publish it to make it public."),
    "publish": lambda r: _("The report is published."),
}


@login_required
def report_transition(request, report_id: int, action: str):
    if request.method != "POST":
        return redirect("tracking:report_detail", report_id)
    comment = request.POST.get("comment", "")
    try:
        report = do_transition_report(request.user, report_id, action, comment=comment)
    except InvalidInput as err:
        if err.field != "comment":
            raise
        report = access_report(request.user, report_id)
        return _report_page(
            request, report, status=400, comment={"value": comment, "error": err.reason}
        )
    messages.success(request, TRANSITION_MESSAGES[action](report))
    return redirect("tracking:report_detail", report.pk)


@csrf_exempt  # the CSRF check reads the body: it runs below, once the upload is allowed
@login_required
def report_evidence(request, report_id: int):
    if request.method != "POST":  # e.g. a reload after a refused upload
        return redirect("tracking:report_detail", report_id)
    try:
        limiter = prepare_evidence_upload(request, report_id)
    except UploadTooLarge as err:
        return _refused_upload(request, report_id, EvidenceForm(), err)
    return _store_evidence(request, report_id, limiter)


@csrf_protect
def _store_evidence(request, report_id: int, limiter):
    form = EvidenceForm(request.POST, request.FILES)
    try:
        check_uploaded(limiter)
    except UploadTooLarge as err:
        return _refused_upload(request, report_id, form, err)
    if not form.is_valid():
        return _report_page(
            request, access_report(request.user, report_id), status=400, evidence_form=form
        )
    upload = form.cleaned_data["file"]
    try:
        do_add_evidence(request.user, report_id, name=upload.name, data=upload)
    except InvalidInput as err:
        return _refused_upload(request, report_id, form, err)
    messages.success(request, _("%(name)s is attached to the report.") % {"name": upload.name})
    return redirect("tracking:report_detail", report_id)


def _refused_upload(request, report_id: int, form, err):
    reason = err.reason if isinstance(err, InvalidInput) else str(err).split(": ", 1)[-1]
    form.refuse("file", reason)
    report = access_report(request.user, report_id)
    return _report_page(request, report, status=err.status, evidence_form=form)


@login_required
@require_POST
def evidence_remove(request, report_id: int, evidence_id: int):
    evidence = do_remove_evidence(request.user, report_id, evidence_id)
    messages.success(
        request, _("%(name)s is removed from the report.") % {"name": evidence.original_name}
    )
    return redirect("tracking:report_detail", report_id)


@login_required
def report_link(request, report_id: int):
    if request.method != "POST":
        return redirect("tracking:report_detail", report_id)
    form = LinkForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            do_add_link(request.user, report_id, url=data["url"], title=data["title"])
        except InvalidInput as err:
            form.add_error(err.field if err.field in form.fields else None, err.reason)
        else:
            messages.success(request, _("The link is added to the report."))
            return redirect("tracking:report_detail", report_id)
    report = access_report(request.user, report_id)
    return _report_page(request, report, status=400, link_form=form)


def evidence_download(request, report_id: int, evidence_id: int):
    report = access_report(request.user, report_id, "view_evidence")
    evidence = get_object_or_404(report.evidence, pk=evidence_id)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


def compliance(request):
    """Counts of items by status in a reporting period, by the dimension the menu names."""
    try:
        by = dimension_of(request.GET.get("by", "country"))
    except ValueError:
        raise InvalidInput(
            "by",
            _("choose one of: %(dimensions)s")
            % {"dimensions": ", ".join(str(label) for _code, label in DIMENSIONS)},
        ) from None
    party_kind = request.GET.get("party_kind", Party.STATE)
    if party_kind not in dict(Party.KINDS):
        raise InvalidInput(
            "party_kind", _("choose a State, a civil-society organization or the secretariat")
        )
    period_kind = None if by == "party_kind" else party_kind
    known = periods(party_kind=period_kind)
    raw_period = request.GET.get("period", "")
    if raw_period:
        if not raw_period.isdigit() or int(raw_period) not in known:
            raise InvalidInput(
                "period", _("no assessment for the period %(period)s") % {"period": raw_period}
            )
        period = int(raw_period)
    else:
        period = known[0] if known else None
    rows = compliance_by(by, party_kind=party_kind, period=period, language=request.LANGUAGE_CODE)
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        headers = [
            by,
            "label",
            "total",
            *[f"{s} count" for s, _l in STANDINGS],
            *[f"{s} share" for s, _l in STANDINGS],
        ]
        table = [
            [
                r.key,
                r.label,
                r.total,
                *[r.counts.get(s, 0) for s, _l in STANDINGS],
                *[round(r.share(s), 4) for s, _l in STANDINGS],
            ]
            for r in rows
        ]
        name = f"compliance-by-{by}" + (f"-{period}" if period and by != "period" else "")
        return export_rows(headers, table, export, name)
    context = {
        "rows": rows,
        "map": compliance_map(rows, COMPLIANCE, title=_("Compliance by country"))
        if by == "country"
        else None,
        "by": by,
        "by_label": dict(DIMENSIONS)[by],
        "party_kind": party_kind,
        "period": period,
        "periods": known,
        "dimensions": DIMENSIONS,
        "statuses": STANDINGS,
        "over_time": rows if by == "period" else compliance_over_time(party_kind=party_kind),
        "party_kinds": Party.KINDS,
    }
    return render(request, "tracking/compliance.html", context)


@login_required
def overdue_list(request):
    ensure_permission(request.user, "manage_obligations")
    return render(request, "tracking/overdue.html", {"obligations": overdue()[:500]})


OBLIGATIONS_PER_PAGE = 100


@login_required
def obligation_list(request):
    """Open obligations (filtered by party or item), and a form to set a due date on an item
    for one or several parties."""
    ensure_permission(request.user, "manage_obligations")
    initial = {"item": request.GET.get("item") or None}
    form = ObligationForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = do_create_obligations(
                    request.user,
                    item_id=data["item"],
                    party_ids=[p.pk for p in data["parties"]],
                    due_on=data["due_on"],
                    cycle_months=data["cycle_months"],
                    period=data["period"],
                )
            except InvalidInput as err:
                if err.field in form.fields:  # the field is named by where the error is shown
                    form.add_error(err.field, err.message.removeprefix(f"{err.field}: "))
                else:
                    form.add_error(None, err.message)
                status = 400
            else:
                messages.success(
                    request,
                    ngettext(
                        "Due date set for %(n)s party.",
                        "Due date set for %(n)s parties.",
                        len(made),
                    )
                    % {"n": len(made)},
                )
                return redirect(f"{request.path}?item={data['item']}")
        else:
            status = 400
    obligations = (
        Obligation.objects.filter(fulfilled_by=None)
        .select_related("party", "item")
        .order_by("due_on", "id")
    )
    party = request.GET.get("party", "")
    if party.isdigit():
        obligations = obligations.filter(party_id=int(party))
    if (item := request.GET.get("item", "")).isdigit():
        obligations = obligations.filter(item_id=int(item))
    page = Paginator(obligations, OBLIGATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracking/obligations.html",
        {
            "form": form,
            "page": page,
            "party": party,
            "parties": Party.objects.exclude(kind=Party.SECRETARIAT),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def obligation_edit(request, obligation_id: int):
    ensure_permission(request.user, "manage_obligations")
    obligation = get_object_or_404(
        Obligation.objects.select_related("party", "item"), pk=obligation_id
    )
    form = DueDateForm(
        request.POST if request.method == "POST" else None,
        initial={
            "due_on": obligation.due_on,
            "cycle_months": obligation.cycle_months,
            "period": obligation.period,
        },
    )
    if request.method == "POST" and request.POST.get("delete"):
        do_delete_obligation(request.user, obligation.pk)
        messages.success(request, _("The obligation was removed."))
        return redirect("tracking:obligations")
    if request.method == "POST" and form.is_valid():
        do_update_obligation(
            request.user,
            obligation.pk,
            due_on=form.cleaned_data["due_on"],
            cycle_months=form.cleaned_data["cycle_months"],
            period=form.cleaned_data["period"],
        )
        messages.success(request, _("The due date was changed."))
        return redirect("tracking:obligations")
    return render(
        request,
        "tracking/obligation_edit.html",
        {"form": form, "obligation": obligation},
        status=400 if form.errors else 200,
    )


@login_required
def import_view(request):
    ensure_permission(request.user, "import_items")
    form = ImportForm(request.POST or None, request.FILES or None)
    result, error, status = None, "", 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_items(
                upload.name, upload.read(), request.user, dry_run=form.cleaned_data["dry_run"]
            )
        except ImportFileError as err:
            error, status = str(err), 400
    return render(
        request,
        "tracking/import.html",
        {"form": form, "result": result, "error": error},
        status=status,
    )


def item_status(request, item_id: int):
    """The status panel of an item page (also loaded on its own by htmx)."""
    from .compliance import status_columns

    item = get_object_or_404(Item, pk=item_id)
    return render(
        request,
        "tracking/item_status.html",
        {"item": item, "columns": status_columns(item), "party_kinds": Party.KINDS},
    )

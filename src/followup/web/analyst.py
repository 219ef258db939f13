"""The secretariat's pages: upload documents, review labels and evidence, correct an item.
Each view checks the policy, calls one action, and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followup.corpus.models import Item, Job
from followup.errors import Conflict, InvalidInput
from followup.extract.items import FIELDS
from followup.policy import ensure_permission

from .forms import ItemForm, UploadForm
from .templatetags.web import TAXONOMY_NAMES, taxonomy_label

LABELS_PER_PAGE = 50
TARGETS_PER_PAGE = 50


@login_required
def upload_documents(request):
    """One or many files in one form; each file's outcome listed (stored, duplicate, failed
    with the reason, or queued with its progress followed on the page)."""
    from followup.corpus.actions.uploads import do_upload_documents

    ensure_permission(request.user, "ingest_documents")
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    outcomes, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            outcomes = do_upload_documents(
                request.user,
                [(upload.name, upload) for upload in data["files"]],
                source_url=data["source_url"],
                published_on=data["published_on"].isoformat() if data["published_on"] else None,
            )
            _tell(request, outcomes)
            form = UploadForm()
        else:
            status = 400
    return render(
        request,
        "web/upload.html",
        {"form": form, "outcomes": outcomes, "polling": _polling(outcomes or [])},
        status=status,
    )


def _tell(request, outcomes) -> None:
    counts = {s: sum(o.status == s for o in outcomes) for s in ("stored", "duplicate", "queued")}
    failed = len(outcomes) - sum(counts.values())
    text = ngettext("%(n)s file:", "%(n)s files:", len(outcomes)) % {"n": len(outcomes)}
    text += " " + _(
        "%(stored)s stored, %(duplicate)s duplicate, %(queued)s queued, %(failed)s failed."
    ) % {**counts, "failed": failed}
    (messages.warning if failed else messages.success)(request, text)


def _polling(outcomes) -> str:
    """The ids of the jobs still running, for the page to follow."""
    return ",".join(str(o.job.pk) for o in outcomes if o.status == "queued" and o.job)


@login_required
def upload_progress(request):
    """The outcomes of queued uploads (htmx polls it until every job has finished)."""
    from followup.corpus.actions.uploads import outcome_of

    ensure_permission(request.user, "ingest_documents")
    try:
        ids = [int(pk) for pk in request.GET.get("jobs", "").split(",") if pk]
    except ValueError:
        raise InvalidInput("jobs", _("job ids are numbers separated by commas")) from None
    jobs = Job.objects.filter(pk__in=ids[:200], kind=Job.INGEST).select_related("document")
    outcomes = [outcome_of(job, job.arguments.get("path", "").rsplit("/", 1)[-1]) for job in jobs]
    return render(
        request,
        "web/upload_outcomes.html",
        {"outcomes": outcomes, "polling": _polling(outcomes)},
    )


@login_required
def review_labels(request):
    """The machine's labels of mandates and recommendations, to confirm or reject several at once."""
    from followup.corpus.actions.labels import do_decide_labels
    from followup.tracking.queues import labels_to_review

    ensure_permission(request.user, "review_labels")
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        done = do_decide_labels(request.user, request.POST.getlist("labels"), decision)
        messages.success(
            request,
            (
                ngettext("%(n)s label confirmed.", "%(n)s labels confirmed.", done)
                if decision == "confirmed"
                else ngettext("%(n)s label rejected.", "%(n)s labels rejected.", done)
            )
            % {"n": done},
        )
        return redirect(request.get_full_path())
    taxonomy = request.GET.get("taxonomy", "")
    labels = labels_to_review().select_related("item").order_by("item_id", "taxonomy", "-score")
    if taxonomy:
        labels = labels.filter(taxonomy=taxonomy)
    page = Paginator(labels, LABELS_PER_PAGE).get_page(request.GET.get("page"))
    language = (get_language() or "en")[:2]
    rows = [
        (label, taxonomy_label(label.taxonomy, label.label, language)) for label in page.object_list
    ]
    return render(
        request,
        "web/review_labels.html",
        {
            "page": page,
            "rows": rows,
            "taxonomy": taxonomy,
            "taxonomies": list(TAXONOMY_NAMES.items()),
        },
    )


@login_required
def review_evidence(request):
    """Mandates and recommendations on which no implementation evidence was decided yet."""
    from followup.tracking.queues import targets_without_decisions

    ensure_permission(request.user, "decide_link")
    targets = targets_without_decisions().select_related("document").order_by("-id")
    page = Paginator(targets, TARGETS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/review_evidence.html", {"page": page})


@login_required
@require_POST
def decide_evidence_many(request, item_id: int):
    """The same decision on the suggestions ticked on an item's page."""
    from followup.corpus.actions.links import do_decide_links

    decision = request.POST.get("decision", "")
    links = do_decide_links(request.user, item_id, request.POST.getlist("actions"), decision)
    messages.success(
        request,
        (
            ngettext("%(n)s suggestion confirmed.", "%(n)s suggestions confirmed.", len(links))
            if decision == "confirmed"
            else ngettext("%(n)s suggestion rejected.", "%(n)s suggestions rejected.", len(links))
        )
        % {"n": len(links)},
    )
    return redirect(f"/items/{item_id}/#evidence")


@login_required
def item_edit(request, item_id: int):
    """Correct an item's text, kind, countries and fields; its history is shown below."""
    from followup.corpus.actions import do_edit_item

    ensure_permission(request.user, "edit_item")
    item = get_object_or_404(Item.objects.select_related("document", "instrument"), pk=item_id)
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        item=item,
        initial=ItemForm.initial_for(item),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                revision = do_edit_item(
                    item,
                    request.user,
                    text=data["text"].strip(),
                    kind=data["kind"],
                    fields=form.item_fields(item),
                    countries=data["countries"],
                    version=data["version"],
                )
            except Conflict as err:
                form.add_error(None, err.message + " " + _("Reload the page and edit again."))
                status = 409
            else:
                messages.success(
                    request, _("The item was corrected.") if revision else _("Nothing changed.")
                )
                return redirect("web:item_detail", item.pk)
        else:
            status = 400
    return render(
        request,
        "web/item_edit.html",
        {
            "item": item,
            "form": form,
            "kind_fields": [form[name] for name in form.field_names],
            "source": item.instrument if "source" in FIELDS[item.kind] else None,
            "revisions": item.revisions.select_related("user")[:50],
        },
        status=status,
    )

"""The secretariat's pages: upload documents, bulk-decide suggestions and labels, correct an
item with its history. Who may use them is in tests/tracking/test_policy.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from followup.corpus.actions import do_ingest_file
from followup.corpus.models import (
    Document,
    ImplementationLink,
    IngestFailure,
    Item,
    ItemLabel,
    ItemRevision,
    Job,
)
from tests.tracking.conftest import MANDATES

from .pages import links, texts

pytestmark = pytest.mark.django_db

ACTIONS = """ACTIONS

The Government of Haiti launched an online civil registry service for rural areas in March 2024.

The Ministry of Justice of Mexico adopted a law protecting persons who report acts of corruption in 2023.
"""


def upload(client, *files, **fields):
    return client.post(
        "/documents/upload/",
        {"files": [SimpleUploadedFile(name, data) for name, data in files], **fields},
    )


def test_an_analyst_uploads_several_files_and_sees_what_became_of_each(client, people):
    client.force_login(people["analyst"])
    page = upload(
        client,
        ("mandates.txt", MANDATES.encode()),
        ("copy-of-mandates.txt", MANDATES.encode()),
        ("tool.exe", b"MZ\x90\x00"),
        ("empty.txt", b""),
        source_url="https://example.org/summit",
    )
    assert page.status_code == 200
    document = Document.objects.get()
    assert (document.file_name, document.source_url) == (
        "mandates.txt",
        "https://example.org/summit",
    )
    assert texts(page, "#upload-outcomes tbody tr") == [
        f"mandates.txt stored {document.title}",
        f"copy-of-mandates.txt duplicate {document.title} (already stored)",
        "tool.exe failed files of type .exe are not read; supported: .docx, .htm, .html, "
        ".jpeg, .jpg, .markdown, .md, .pdf, .png, .text, .tif, .tiff, .txt, .xhtml",
        "empty.txt failed the file is empty",
    ]
    assert links(page, "#upload-outcomes tbody a") == [f"/documents/{document.pk}/"] * 2
    assert texts(page, ".messages li") == ["4 files: 1 stored, 1 duplicate, 0 queued, 2 failed."]
    # The same ingestion as the command line's: one job, its file kept under the uploads folder.
    [job] = Job.objects.all()
    assert (job.kind, job.state, job.outcome, job.document) == (
        "ingest",
        "done",
        "ingested",
        document,
    )
    assert job.arguments["path"].endswith(
        f"/documents/{document.sha256[:2]}/{document.sha256}/mandates.txt"
    )
    assert sorted(IngestFailure.objects.values_list("path", "stage")) == [
        ("empty.txt", "read"),
        ("tool.exe", "read"),
    ]
    assert document.items.filter(kind="mandate").count() == 2


def test_an_upload_without_files_is_refused_with_the_reason(client, people):
    client.force_login(people["analyst"])
    page = client.post("/documents/upload/", {})
    assert page.status_code == 400
    assert texts(page, "ul.errorlist li") == ["Choose one or more files."]
    assert not Job.objects.exists()


def test_with_a_job_queue_the_page_follows_the_workers(client, people, settings, tmp_path):
    from followup import jobs

    settings.FOLLOWUP_JOBS_QUEUE, settings.DATA_DIR = "sqlite", tmp_path
    jobs._huey = jobs._task = None
    try:
        client.force_login(people["analyst"])
        page = upload(client, ("mandates.txt", MANDATES.encode()))
        [job] = Job.objects.all()
        assert texts(page, "#upload-outcomes tbody tr") == ["mandates.txt waiting in the queue"]
        assert f'hx-get="/documents/upload/progress/?jobs={job.pk}"' in page.content.decode()
        assert not Document.objects.exists()
        jobs.run_job(job.pk)  # what a worker does
        progress = client.get("/documents/upload/progress/", {"jobs": str(job.pk)})
        document = Document.objects.get()
        assert texts(progress, "tbody tr") == [f"mandates.txt stored {document.title}"]
        assert "hx-get" not in progress.content.decode()  # nothing left to follow
    finally:
        jobs._huey = jobs._task = None


@pytest.fixture
def actions(tmp_path, items):
    path = tmp_path / "actions.txt"
    path.write_text(ACTIONS)
    document = do_ingest_file(path).document
    return list(document.items.filter(kind="action").order_by("start"))


def test_an_analyst_decides_several_suggestions_at_once(client, people, items, actions):
    target = items["civil_registry"]
    client.force_login(people["analyst"])
    page = client.get(f"/items/{target.pk}/")
    suggested = [int(v) for v in _values(page, "#evidence input[name=actions]")]
    assert set(suggested) >= {a.pk for a in actions}
    response = client.post(
        f"/items/{target.pk}/evidence/",
        {"actions": [a.pk for a in actions], "decision": "confirmed"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/items/{target.pk}/#evidence"
    assert sorted(
        ImplementationLink.objects.values_list("action_id", "decision", "decided_by__username")
    ) == [(a.pk, "confirmed", "analyst") for a in actions]
    page = client.get(f"/items/{target.pk}/")
    assert texts(page, ".messages li") == ["2 suggestions confirmed."]
    client.post(
        f"/items/{target.pk}/evidence/", {"actions": [actions[1].pk], "decision": "rejected"}
    )
    assert dict(ImplementationLink.objects.values_list("action_id", "decision")) == {
        actions[0].pk: "confirmed",
        actions[1].pk: "rejected",
    }


def test_nobody_else_decides_suggestions_nor_sees_the_boxes(client, people, items, actions):
    target = items["civil_registry"]
    client.force_login(people["haiti"])
    assert _values(client.get(f"/items/{target.pk}/"), "#evidence input[name=actions]") == []
    response = client.post(
        f"/items/{target.pk}/evidence/", {"actions": [actions[0].pk], "decision": "confirmed"}
    )
    assert response.status_code == 403
    assert not ImplementationLink.objects.exists()


def test_an_unknown_suggestion_decides_nothing(client, people, items, actions):
    client.force_login(people["analyst"])
    response = client.post(
        f"/items/{items['civil_registry'].pk}/evidence/",
        {"actions": [actions[0].pk, 999999], "decision": "confirmed"},
    )
    assert response.status_code == 404
    assert not ImplementationLink.objects.exists()  # all or none


def test_the_evidence_queue_lists_the_items_with_nothing_decided(client, people, items, actions):
    ImplementationLink.objects.create(
        target=items["civil_registry"], action=actions[0], decision="confirmed"
    )
    client.force_login(people["analyst"])
    page = client.get("/review/evidence/")
    assert links(page, "ol.hits a") == [
        f"/items/{items[name].pk}/#evidence" for name in ("recommendation", "whistleblowers")
    ]


def test_an_analyst_confirms_and_rejects_labels_several_at_once(client, people, items):
    target = items["civil_registry"]
    client.force_login(people["analyst"])
    labels = list(ItemLabel.objects.filter(item__kind__in=("mandate", "recommendation")))
    assert len(labels) >= 3
    page = client.get("/review/labels/")
    assert (
        sorted(int(v) for v in _values(page, "input[name=labels]"))
        == sorted(label.pk for label in labels)[: len(labels)]
    )
    mine = list(target.labels.order_by("pk"))
    confirmed, rejected = mine[0], mine[1]
    client.post("/review/labels/", {"labels": [confirmed.pk], "decision": "confirmed"})
    response = client.post("/review/labels/", {"labels": [rejected.pk], "decision": "rejected"})
    assert response.status_code == 302
    confirmed.refresh_from_db()
    assert (confirmed.source, confirmed.confirmed_by) == ("analyst", people["analyst"])
    assert not ItemLabel.objects.filter(pk=rejected.pk).exists()
    assert [r.changes for r in ItemRevision.objects.filter(item=target).order_by("pk")] == [
        {f"label.{confirmed.taxonomy}.{confirmed.label}": ["machine", "confirmed"]},
        {f"label.{rejected.taxonomy}.{rejected.label}": ["machine", "rejected"]},
    ]
    page = client.get("/review/labels/")
    shown = {int(v) for v in _values(page, "input[name=labels]")}
    assert confirmed.pk not in shown
    assert rejected.pk not in shown
    assert texts(page, ".messages li") == ["1 label confirmed.", "1 label rejected."]


def test_only_analysts_decide_labels(client, people, items):
    label = ItemLabel.objects.filter(item=items["civil_registry"]).first()
    client.force_login(people["cso"])
    assert (
        client.post("/review/labels/", {"labels": [label.pk], "decision": "rejected"}).status_code
        == 403
    )
    assert ItemLabel.objects.filter(pk=label.pk, source="machine").exists()


def test_an_analyst_corrects_an_item_and_its_history_is_shown_in_words(client, people, items):
    item = items["recommendation"]
    client.force_login(people["analyst"])
    page = client.get(f"/items/{item.pk}/edit/")
    assert page.status_code == 200
    assert _values(page, "input[name=version]") == [str(item.version)]
    assert texts(page, "ol.history li") == ["Not corrected yet: as extracted."]
    response = client.post(
        f"/items/{item.pk}/edit/",
        {
            "text": "The IACHR urges States to publish emergency spending.",
            "kind": "recommendation",
            "countries": "ht, MX",
            "actor": "IACHR",
            "addressee": "Member States",
            "version": item.version,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/items/{item.pk}/"
    item.refresh_from_db()
    assert (item.text, item.fields["addressee"], item.version) == (
        "The IACHR urges States to publish emergency spending.",
        "Member States",
        2,
    )
    assert sorted(item.countries.values_list("code", flat=True)) == ["HT", "MX"]
    page = client.get(f"/items/{item.pk}/edit/")
    [revision] = texts(page, "ol.history > li")
    assert revision.startswith(f"{item.edited_at:%Y-%m-%d %H:%M} · analyst ")
    old_text = MANDATES.splitlines()[-1]
    assert texts(page, "ol.history li li") == [
        f"Text changed from “{old_text[:119]}…” to "
        "“The IACHR urges States to publish emergency spending.”",
        "Countries changed from (empty) to HT, MX",
        "Addressee changed from States to Member States",
    ]


def test_a_stale_correction_is_refused_and_a_bad_country_is_named(client, people, items):
    item = items["civil_registry"]
    client.force_login(people["analyst"])
    form = {"text": item.text + " Now.", "kind": "mandate", "countries": "", "version": 99}
    stale = client.post(f"/items/{item.pk}/edit/", form)
    assert stale.status_code == 409
    assert texts(stale, "div.error li") == [
        f"item {item.pk} was changed by someone else (version 1, yours 99) "
        "Reload the page and edit again."
    ]
    bad = client.post(f"/items/{item.pk}/edit/", {**form, "version": 1, "countries": "MX, ZZ"})
    assert bad.status_code == 400
    assert texts(bad, "span.error") == ["Not a country code: ZZ"]
    assert Item.objects.get(pk=item.pk).version == 1


def test_nobody_else_corrects_items(client, people, items):
    item = items["civil_registry"]
    client.force_login(people["haiti"])
    assert client.get(f"/items/{item.pk}/edit/").status_code == 403
    response = client.post(
        f"/items/{item.pk}/edit/", {"text": "x", "kind": "mandate", "version": 1}
    )
    assert response.status_code == 403
    assert Item.objects.get(pk=item.pk).text == item.text


def _values(page, selector):
    from selectolax.lexbor import LexborHTMLParser

    return [
        n.attributes.get("value") for n in LexborHTMLParser(page.content.decode()).css(selector)
    ]

"""Ingestion stores extracted items with their spans; re-extraction keeps analysts' edits."""

import json

import pytest

from followup.corpus.actions import do_edit_item, do_extract_document, do_ingest_file
from followup.corpus.models import Body, Instrument

pytestmark = pytest.mark.django_db

REPORT = """ACTIONS BY PILLAR

· The Department of Public Security (DPS) of the Secretariat for Multidimensional Security (SMS) trained 320 police officers in Guatemala and Honduras on May 8, 2024.
· The DPS will publish a guide on trafficking in persons.

1. Publish procurement data in open formats. (Quito Commitment on Public Integrity. Ecuador, 2023)
"""


@pytest.fixture
def document(tmp_path, registries):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    return do_ingest_file(path).document


def test_ingestion_stores_items_with_spans_countries_and_bodies(document):
    items = list(document.items.all())
    assert {i.kind for i in items} == {"organization", "action", "figure", "event", "mandate"}
    assert all(document.text[i.start : i.end] == i.text for i in items)
    trained = next(i for i in items if i.kind == "action" and "trained" in i.text)
    assert sorted(c.code for c in trained.countries.all()) == ["GT", "HN"]
    assert (trained.actor, trained.actor_body.acronym, trained.status) == (
        "DPS",
        "DPS",
        "completed",
    )
    event = next(i for i in items if i.kind == "event")
    assert event.date.isoformat() == "2024-05-08"
    assert Body.objects.get(acronym="DPS").parent.acronym == "SMS"
    mandate = next(i for i in items if i.kind == "mandate")
    assert mandate.instrument == Instrument.objects.get(
        name="Quito Commitment on Public Integrity", year=2023
    )


def test_reextraction_replaces_machine_items_but_keeps_edits(document, django_user_model):
    analyst = make_analyst(django_user_model)
    planned = document.items.get(kind="action", status="planned")
    revision = do_edit_item(
        planned, analyst, fields={"status": "ongoing", "actor": "SMS"}, countries=["GT"]
    )
    assert revision.changes == {
        "countries": [[], ["GT"]],
        "fields.actor": ["DPS", "SMS"],
        "fields.status": ["planned", "ongoing"],
    }
    machine_ids = set(document.items.filter(edited_by__isnull=True).values_list("pk", flat=True))
    created = do_extract_document(document)
    planned.refresh_from_db()
    assert (planned.status, planned.actor, planned.edited_by) == ("ongoing", "SMS", analyst)
    assert document.items.filter(kind="action", start=planned.start).count() == 1  # not duplicated
    assert created == len(machine_ids)
    assert not set(document.items.values_list("pk", flat=True)) & machine_ids
    assert planned.revisions.get().user == analyst


def test_an_edit_that_changes_nothing_records_nothing(document, django_user_model):
    analyst = make_analyst(django_user_model)
    item = document.items.filter(kind="figure").first()
    assert do_edit_item(item, analyst, fields={"value": item.fields["value"]}) is None
    item.refresh_from_db()
    assert item.edited_by is None
    assert not item.revisions.exists()


def test_reclassify_recomputes_machine_labels_and_keeps_analysts(document, django_user_model):
    from click.testing import CliRunner

    from followup.cli import main
    from followup.corpus.models import ItemLabel

    action = document.items.filter(kind="action").first()
    analyst = django_user_model.objects.create_user("analyst", password="pw-analyst-2024!")
    ItemLabel.objects.create(
        item=action, taxonomy="themes", label="elections", source="analyst", confirmed_by=analyst
    )
    ItemLabel.objects.filter(item=action, source="machine").delete()
    result = CliRunner().invoke(main, ["reclassify"])
    assert result.exit_code == 0
    assert "classified again" in result.output
    labels = set(action.labels.values_list("taxonomy", "label", "source"))
    assert ("themes", "elections", "analyst") in labels
    assert any(source == "machine" for _, _, source in labels)


def make_analyst(django_user_model, username="analyst"):
    from followup.tracking.models import Profile

    user = django_user_model.objects.create_user(username, password=f"pw-{username}-1")
    Profile.objects.create(user=user, role=Profile.ANALYST)
    return user


def test_a_second_session_saving_an_older_version_is_a_conflict(document, django_user_model):
    """Two analysts open one item; the first saves; the second's save is refused, not applied."""
    from followup.errors import Conflict

    first, second = make_analyst(django_user_model), make_analyst(django_user_model, "second")
    item = document.items.get(kind="action", status="planned")
    loaded = item.version
    do_edit_item(item, first, fields={"status": "ongoing"}, version=loaded)
    with pytest.raises(Conflict, match="changed by someone else"):
        do_edit_item(item, second, fields={"status": "completed"}, version=loaded)
    item.refresh_from_db()
    assert (item.status, item.edited_by, item.version) == ("ongoing", first, loaded + 1)
    assert [r.user for r in item.revisions.all()] == [first]


def test_the_admin_editor_refuses_the_second_of_two_sessions(document, django_user_model, client):
    analyst = make_analyst(django_user_model)
    item = document.items.get(kind="action", status="planned")
    client.force_login(analyst)
    page = client.get(f"/admin/corpus/item/{item.pk}/change/")
    assert page.status_code == 200  # analysts use the editor the docs send them to
    form = {
        "kind": item.kind,
        "text": item.text,
        "fields": json.dumps(item.fields),
        "version": str(item.version),
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    first = client.post(
        f"/admin/corpus/item/{item.pk}/change/", {**form, "text": item.text + " (first)"}
    )
    assert first.status_code == 302
    second = client.post(
        f"/admin/corpus/item/{item.pk}/change/", {**form, "text": item.text + " (second)"}
    )
    assert second.status_code == 200
    assert b"Someone else changed this item" in second.content
    item.refresh_from_db()
    assert item.text.endswith(" (first)")

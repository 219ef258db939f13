import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.corpus.actions import do_ingest_file

pytestmark = pytest.mark.django_db

REPORT = (
    "REPORT\n\nThe Inter-American Commission of Women (CIM) held a forum in Lima on May 4, 2021.\n"
)


@pytest.fixture
def document(tmp_path, registries):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    return do_ingest_file(path).document


def test_the_item_page_shows_fields_and_the_passage_highlighted_in_place(client, document):
    event = document.items.get(kind="event")
    page = client.get(f"/items/{event.pk}/").content.decode()
    assert "2021-05-04" in page
    assert "CIM" in page
    assert f'id="passage" aria-current="true"><mark>{event.text}</mark>' in page


def test_the_document_page_lists_items_by_kind(client, document):
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert "Event (1)" in page
    assert "Organization (1)" in page
    assert f"/items/{document.items.get(kind='event').pk}/" in page


def test_the_item_list_filters_by_kind_and_text(client, document):
    page = client.get("/items/?kind=organization").content.decode()
    assert "Inter-American Commission of Women" in page
    assert "held a forum" not in page
    assert "held a forum" in client.get("/items/?q=forum").content.decode()


def test_the_item_list_runs_a_fixed_number_of_queries(client, tmp_path, registries):
    for n in range(3):
        path = tmp_path / f"r{n}.txt"
        path.write_text(REPORT.replace("Lima", f"Lima {n}"))
        do_ingest_file(path)
    with CaptureQueriesContext(connection) as few:
        client.get("/items/?page=1")
    for n in range(3, 9):
        path = tmp_path / f"r{n}.txt"
        path.write_text(REPORT.replace("Lima", f"Lima {n}"))
        do_ingest_file(path)
    with CaptureQueriesContext(connection) as many:
        client.get("/items/?page=1")
    assert len(many) == len(few)


def test_staff_edit_items_in_the_admin_with_history(client, document, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    client.force_login(boss)
    event = document.items.get(kind="event")
    form = client.get(f"/admin/corpus/item/{event.pk}/change/")
    assert form.status_code == 200
    data = {
        "kind": "event",
        "text": event.text,
        "fields": '{"date": "2021-05-05", "end_date": null, "actor": "CIM"}',
        "countries": [],
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = client.post(f"/admin/corpus/item/{event.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.fields["date"], event.date.isoformat(), event.edited_by) == (
        "2021-05-05",
        "2021-05-05",
        boss,
    )
    assert event.revisions.get().changes == {"fields.date": ["2021-05-04", "2021-05-05"]}


def test_similar_items_on_the_page_and_in_the_api(client, tmp_path, registries):
    for name, text in [
        (
            "a.txt",
            "The Department of Public Security (DPS) trained police officers on trafficking in persons in 2024.",
        ),
        (
            "b.txt",
            "La Comisión Interamericana de Mujeres (CIM) capacitó a policías sobre la trata de personas en 2024.",
        ),
        (
            "c.txt",
            "The Inter-American Telecommunication Commission (CITEL) expanded broadband coverage in 2024.",
        ),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        do_ingest_file(path)
    from followup.corpus.models import Item

    english = Item.objects.get(kind="action", text__startswith="The Department")
    similar = client.get(f"/api/items/{english.pk}/similar").json()
    assert similar[0]["item"]["text"].startswith("La Comisión")  # the translation is nearest
    measured = [row["similarity"] for row in similar if row["similarity"] is not None]
    assert measured[0] == max(measured)
    assert measured[0] > measured[-1]
    page = client.get(f"/items/{english.pk}/").content.decode()
    assert "Similar items" in page
    assert "capacitó a policías" in page


def test_the_dashboard_shows_items_by_pillar_theme_and_country(client, document):
    page = client.get("/dashboard/").content.decode()
    assert "Items by pillar" in page
    assert "Items by country" in page
    assert "<svg" in page


def test_items_without_an_embedding_show_no_similarity_figure(client, registries, tmp_path):
    """Organizations are not embedded: their similar items come from the words alone, and no
    made-up 0.00 is shown beside them."""
    from followup.corpus.actions import do_ingest_file
    from followup.corpus.models import Item

    for name, text in [
        ("a.txt", "The Inter-American Telecommunication Commission (CITEL) met in 2024."),
        ("b.txt", "The Inter-American Telecommunication Commission (CITEL) expanded coverage."),
    ]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        do_ingest_file(path)
    organization = Item.objects.filter(kind="organization").first()
    similar = client.get(f"/api/items/{organization.pk}/similar").json()
    assert similar
    assert {row["similarity"] for row in similar} == {None}
    page = client.get(f"/items/{organization.pk}/").content.decode()
    assert "Similar items" in page
    assert "0.00 ·" not in page

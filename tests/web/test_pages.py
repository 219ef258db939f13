import pytest

from followup.corpus.actions import do_ingest_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(
        "REPORT ON ELECTIONS\n\nThe Mission observed the vote.\n\n· It met the electoral authority.\n"
    )
    return do_ingest_file(path).document


def test_the_document_list_shows_title_language_size_and_blocks(client, document):
    page = client.get("/documents/").content.decode()
    assert "REPORT ON ELECTIONS" in page
    assert f"/documents/{document.pk}/" in page
    assert "<td>en</td>" in page
    assert "<td>4</td>" in page  # heading, paragraph, list, item


def test_the_document_page_shows_its_block_structure(client, document):
    page = client.get(f"/documents/{document.pk}/").content.decode()
    assert '<h2 class="block heading level-1"' in page
    assert 'class="block list-item level-0"' in page
    assert "It met the electoral authority." in page
    assert document.sha256 in page


def test_an_unknown_document_is_a_404(client):
    assert client.get("/documents/999999/").status_code == 404


def test_the_admin_is_for_staff_only(client, django_user_model):
    assert client.get("/admin/").status_code == 302
    django_user_model.objects.create_user("visitor", password="pw-visitor-1")
    client.login(username="visitor", password="pw-visitor-1")
    assert client.get("/admin/corpus/document/").status_code == 302
    django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    client.login(username="boss", password="pw-boss-1")
    assert client.get("/admin/corpus/document/").status_code == 200


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_the_document_list_downloads_with_stable_identifiers(client, document, export_format):
    response = client.get("/documents/", {"format": export_format})
    assert response.status_code == 200
    if export_format == "json":
        [row] = response.json()["rows"]
        assert (row["id"], row["url"]) == (
            document.pk,
            f"http://testserver/documents/{document.pk}/",
        )


def test_the_report_list_downloads_as_csv(client, db):
    response = client.get("/reports/", {"format": "csv"})
    assert response.content.decode("utf-8-sig").startswith("id,url,party,items")

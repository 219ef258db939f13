import pytest

from followup.corpus.actions import do_ingest_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(tmp_path):
    path = tmp_path / "informe.txt"
    path.write_text(
        "INFORME ANUAL\n\nLa Comisión aprobó su informe sobre migrantes.\n", encoding="utf-8"
    )
    return do_ingest_file(path).document


def test_documents_list_as_json(client, document):
    body = client.get("/api/documents").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["title"], item["language"], item["block_count"]) == (
        document.pk,
        "INFORME ANUAL",
        "es",
        2,
    )


def test_documents_filter_by_language(client, document):
    assert client.get("/api/documents?language=fr").json()["count"] == 0


def test_one_document_with_text_and_blocks(client, document):
    body = client.get(f"/api/documents/{document.pk}").json()
    assert body["text"] == document.text
    assert [(b["kind"], b["text"]) for b in body["blocks"]] == [
        ("heading", "INFORME ANUAL"),
        ("paragraph", "La Comisión aprobó su informe sobre migrantes."),
    ]
    assert client.get("/api/documents/999999").status_code == 404


def test_openapi_describes_the_document_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/documents/{document_id}"} <= set(schema["paths"])

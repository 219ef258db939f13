import pytest

from followup.corpus.actions import do_ingest_file

pytestmark = pytest.mark.django_db

REPORT = """REPORT

The Department of Public Security (DPS) trained 320 police officers in Guatemala in 2024.

The Inter-American Commission of Women (CIM) held a forum in Lima, Peru on May 4, 2024.
"""


@pytest.fixture
def document(tmp_path, registries):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    return do_ingest_file(path).document


def texts(response):
    return [item["text"] for item in response.json()["items"]]


def test_items_filter_by_kind_document_body_country_and_text(client, document):
    assert set(texts(client.get("/api/items?kind=organization"))) == {
        "Department of Public Security",
        "Inter-American Commission of Women",
    }
    assert (
        client.get(f"/api/items?document={document.pk}").json()["count"] == document.items.count()
    )
    by_body = client.get("/api/items?body=CIM&kind=event").json()["items"]
    assert [i["fields"]["date"] for i in by_body] == ["2024-05-04"]
    assert all("Guatemala" in t for t in texts(client.get("/api/items?country=GT")))
    assert texts(client.get("/api/items?country=peru&kind=event")) == texts(
        client.get("/api/items?country=PE&kind=event")
    )
    assert all("forum" in t for t in texts(client.get("/api/items?q=forum")))


def test_one_item_with_its_span(client, document):
    item = document.items.get(kind="figure")
    body = client.get(f"/api/items/{item.pk}").json()
    assert document.text[body["start"] : body["end"]] == body["text"]
    assert (body["fields"]["value"], body["fields"]["unit"]) == (320, "people")
    assert client.get("/api/items/999999").status_code == 404


def test_an_unknown_kind_is_a_clear_error(client, document):
    response = client.get("/api/items?kind=treaty")
    assert response.status_code == 422
    assert "kind" in response.json()["detail"]

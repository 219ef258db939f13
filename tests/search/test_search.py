"""Search on the database in use (SQLite FTS5 or PostgreSQL tsvector), through one interface."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.corpus.actions import do_ingest_file
from followup.search.service import search

pytestmark = pytest.mark.django_db

ENGLISH = """SECRETARIAT RESPONSE

The Department of Public Security (DPS) trained 320 police officers in Guatemala on the protection of migrants on May 8, 2024.

SEDI launched a virtual course for small businesses and entrepreneurs in Honduras on June 5, 2024.

The Inter-American Commission on Human Rights (IACHR) urges States to protect human rights defenders.
"""
SPANISH = """INFORME

La Comisión Interamericana de Mujeres (CIM) organizó un taller sobre la violencia contra las mujeres migrantes el 3 de abril de 2024.

La CIDH otorgó medidas cautelares a personas defensoras de derechos humanos en Nicaragua.
"""


@pytest.fixture
def corpus(tmp_path, registries):
    for name, text in (("report.txt", ENGLISH), ("informe.txt", SPANISH)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        do_ingest_file(path)


def texts(result):
    return [item.text for item in result.items]


def test_stemming_finds_other_forms_in_every_language(corpus):
    english = search("migrant")
    assert any("protection of migrants" in t for t in texts(english))
    assert any("mujeres migrantes" in t for t in texts(english))
    assert {"action", "event"} <= {i.kind for i in search("migrantes").items}


def test_a_phrase_must_appear_in_order(corpus):
    assert all("human rights defenders" in t for t in texts(search('"human rights defenders"')))
    assert texts(search('"defenders rights human"')) == []


def test_filters_and_facet_counts(corpus):
    result = search("migrants", {"kind": "event"})
    assert {i.kind for i in result.items} == {"event"}
    facets = dict(search("").facets["kind"])
    assert facets["organization"] >= 3
    assert facets["event"] >= 2
    country = search("", {"country": "GT"})
    assert country.total >= 1
    assert all("Guatemala" in t for t in texts(country))
    assert dict(search("", {"language": "es"}).facets["language"]) == {
        "es": search("", {"language": "es"}).total
    }
    assert search("", {"theme": "migration-mobility"}).total >= 1
    assert search("", {"year": "2024"}).total >= 3


def test_sorting_by_date(corpus):
    dated = [i.date for i in search("", {"kind": "event"}, sort="date").items]
    assert dated == sorted(dated)
    newest = [i.date for i in search("", {"kind": "event"}, sort="-date").items]
    assert newest == sorted(newest, reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "NEAR(migrants, women)",
        "migr*",
        "-",
        ":",
        "title:migrants",
        "a" * 10_000,
        "((()))",
        "AND OR NOT",
        "'; DROP TABLE corpus_item; --",
    ],
)
def test_bad_queries_never_fail(corpus, client, query):
    result = search(query)
    assert result.total >= 0
    assert client.get("/search/", {"q": query}).status_code == 200
    assert client.get("/api/items/search/", {"q": query}).status_code == 200


def test_unknown_filters_and_pages_past_the_end_give_a_clear_message(corpus, client):
    result = search("", {"kind": "treaty", "year": "last year"}, page=999)
    assert result.total == 0
    assert any("kind" in m for m in result.messages)
    assert any("year" in m for m in result.messages)
    page = search("", page=999)
    assert page.page == page.pages
    assert any("There is no page 999" in m for m in page.messages)
    assert client.get("/search/", {"page": "abc", "sort": "sideways"}).status_code == 200


def test_a_page_of_results_costs_a_fixed_number_of_queries(corpus, client, tmp_path):
    with CaptureQueriesContext(connection) as few:
        client.get("/search/", {"q": "migrants"})
    for n in range(5):
        path = tmp_path / f"more{n}.txt"
        path.write_text(ENGLISH.replace("320", str(400 + n)))
        do_ingest_file(path)
    with CaptureQueriesContext(connection) as many:
        client.get("/search/", {"q": "migrants"})
    assert len(many) == len(few)


def test_the_search_page_shows_facets_highlights_and_downloads(corpus, client):
    html = client.get("/search/", {"q": "migrantes"}).content.decode()
    assert "<mark>migrants</mark>" in html or "<mark>migrantes</mark>" in html
    assert "format=csv" in html
    assert "Kind" in html
    rows = client.get("/search/", {"q": "migrants", "format": "json"}).json()["rows"]
    assert rows
    assert all(set(r) >= {"id", "url", "kind", "text", "countries"} for r in rows)
    assert rows[0]["url"].endswith(f"/items/{rows[0]['id']}/")
    csv_text = client.get("/search/", {"q": "migrants", "format": "csv"}).content.decode(
        "utf-8-sig"
    )
    assert csv_text.startswith("id,url,kind,text")
    assert client.get("/items/", {"format": "xlsx"})["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )


def test_the_api_search(corpus, client):
    body = client.get("/api/items/search/", {"q": "migrants", "kind": "event"}).json()
    assert body["total"] == len(body["items"]) >= 1
    assert {"kind", "country", "theme"} <= set(body["facets"])
    assert json.dumps(body)


def test_semantic_search_finds_by_meaning_across_languages(corpus):
    result = search("help for small businesses during the pandemic")
    assert any("small businesses" in t for t in texts(result)[:3])
    spanish = search("apoyo a las pequeñas empresas")
    assert any("small businesses" in t for t in texts(spanish)[:5])
    words_only = search("apoyo a las pequeñas empresas", semantic=False)
    assert not any("small businesses" in t for t in texts(words_only))


def test_semantic_hits_respect_the_filters(corpus):
    result = search("help for small businesses", {"kind": "event"})
    assert result.items
    assert {i.kind for i in result.items} == {"event"}


CORRUPTION = """ANNUAL REPORT

The Department for Effective Public Management trained 45 auditors from Paraguay on preventing corruption in public procurement on March 4, 2024.

The Inter-American Commission of Women (CIM) held a meeting on the political participation of women in Brazil on July 9, 2024.
"""


@pytest.fixture
def four_languages(corpus, tmp_path):
    path = tmp_path / "annual.txt"
    path.write_text(CORRUPTION, encoding="utf-8")
    do_ingest_file(path)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("corrupción", "preventing corruption"),
        ("corrupção", "preventing corruption"),
        ("Comisión Interamericana de Mujeres", "political participation of women"),
        ("Brasil", "women in Brazil"),
        ("Brésil", "women in Brazil"),
        ("derechos humanos", "protect human rights defenders"),
    ],
)
def test_words_find_their_equivalents_in_the_other_languages(four_languages, query, expected):
    assert any(expected in t for t in texts(search(query, semantic=False)))
    assert any(expected in t for t in texts(search(query))[:10])


def test_cross_language_matches_are_highlighted_and_stopwords_never(four_languages, client):
    html = client.get("/search/", {"q": "corrupción"}).content.decode()
    assert "preventing <mark>corruption</mark> in public procurement" in html
    html = client.get("/search/", {"q": "the protection of the migrants"}).content.decode()
    assert "<mark>protection</mark> of <mark>migrants</mark>" in html
    for stopword in ("the", "of", "on", "for", "las", "de"):
        assert f"<mark>{stopword}</mark>" not in html.lower()


def test_the_relevant_result_keeps_its_place_as_the_corpus_grows(corpus, seeds):
    query = "help for small businesses during the pandemic"

    def place():
        found = texts(search(query))
        return next(i for i, t in enumerate(found) if "small businesses" in t)

    assert place() < 3
    for path in seeds:
        do_ingest_file(path)
    assert place() < 10


def test_a_document_of_many_megabytes_of_distinct_words_is_indexed_and_found():
    """A PostgreSQL tsvector holds at most 1 MB: two megabytes of words that seldom repeat
    would overflow it; the document is stored, indexed and found by its opening words."""
    import random

    from followup.corpus.models import Document
    from followup.search.backends import backend

    rng = random.Random(3)
    words = ["".join(rng.choices("bcdfghjklmnprstvz", k=4)) + "ovian" for _ in range(250_000)]
    text = "Volcanology findings. " + " ".join(words)
    document = Document.objects.create(
        title="Survey", file_name="survey.txt", sha256="f" * 64, size=len(text), text=text
    )
    backend().index_document(document)
    assert [d.pk for d in search("volcanology findings", semantic=False).documents] == [document.pk]

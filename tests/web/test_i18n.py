"""The interface in English, Spanish, Portuguese and French, switchable from every page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Buscar", "Documentos", "Cumplimiento"]),
        ("pt", ["Pesquisar", "Relatórios"]),
        ("fr", ["Rechercher", "Données ouvertes"]),
    ],
)
def test_switching_language_from_a_page(client, language, words):
    response = client.post("/i18n/setlang/", {"language": language, "next": "/search/"})
    assert response.status_code == 302
    page = client.get("/search/").content.decode()
    assert f'<html lang="{language}">' in page
    assert all(word in page for word in words)


def test_taxonomy_labels_follow_the_language(client, registries, tmp_path):
    from followup.corpus.actions import do_ingest_file

    path = tmp_path / "r.txt"
    path.write_text(
        "The Department of Public Security (DPS) trained police on trafficking in persons in 2024."
    )
    do_ingest_file(path)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    page = client.get("/search/").content.decode()
    assert "Trata de personas" in page
    assert "Seguridad Multidimensional" in page

"""The interface in English, Spanish, Portuguese and French, switchable from every page."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "followup" / "locale"
LANGUAGES = ("es", "pt", "fr")

pytestmark = pytest.mark.django_db


def catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated(language):
    found = catalogue(language)
    assert len(found) > 150
    assert [entry.msgid for entry in found.untranslated_entries()] == []
    assert [entry.msgid for entry in found.fuzzy_entries()] == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


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

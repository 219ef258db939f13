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


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "es",
            ["<dd>acción</dd>", "<dt>Estado</dt><dd>realizada</dd>", "extraído automáticamente"],
        ),
        (
            "pt",
            ["<dd>ação</dd>", "<dt>Situação</dt><dd>realizada</dd>", "extraído automaticamente"],
        ),
        ("fr", ["<dd>action</dd>", "<dt>État</dt><dd>réalisée</dd>", "extrait automatiquement"]),
    ],
)
def test_an_item_page_speaks_the_language_of_the_page(
    client, registries, tmp_path, language, shown
):
    """Kind, field names and values, origin and classification labels are the interface's words,
    translated; the labels are shown by name, never by their ids."""
    from followup.corpus.actions import do_ingest_file
    from followup.corpus.models import Item
    from followup.taxonomies import load_taxonomy

    path = tmp_path / "report.txt"
    path.write_text(
        "The Department of Public Security (DPS) trained police on trafficking in persons in 2024."
    )
    do_ingest_file(path)
    action = Item.objects.get(kind="action")
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = client.get(f"/items/{action.pk}/").content.decode()
    assert [text for text in shown if text not in page] == []
    for label in action.labels.all():
        names = {entry.id: entry.label(language) for entry in load_taxonomy(label.taxonomy)}
        assert f'<span class="label">{names[label.label]} ' in page


@pytest.mark.parametrize(
    ("language", "counts"), [("en", "1</strong> action<"), ("es", "1</strong> acción<")]
)
def test_the_home_page_counts_items_with_the_kind_in_the_plural_when_needed(
    client, registries, tmp_path, language, counts
):
    from followup.corpus.actions import do_ingest_file

    path = tmp_path / "report.txt"
    path.write_text("The Department of Public Security (DPS) trained police in 2024.")
    do_ingest_file(path)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = client.get("/").content.decode()
    assert counts in page.replace("</a>", "<")

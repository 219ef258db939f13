"""Codebooks are data files; the loader names the file and entry of any error."""

import shutil
from pathlib import Path

import pytest

from followup.measures.codebook import (
    CODEBOOK_FOLDER,
    LANGUAGES,
    CodebookError,
    get_codebook,
    latest,
    load_codebook,
    load_codebooks,
)

INVENTORIES = ("msme", "labour", "education", "ports", "ict", "migration")


def test_the_oxcgrt_codebook_ships_with_scales_flags_and_units():
    book = latest("oxcgrt")
    assert book.version == "2023"
    assert sorted(book.indicators) == sorted(
        [f"C{n}" for n in range(1, 9)]
        + [f"E{n}" for n in range(1, 5)]
        + [f"H{n}" for n in range(1, 9)]
        + ["M1"]
    )
    c1 = book.indicator("C1")
    assert [level.value for level in c1.levels] == [0, 1, 2, 3]
    assert c1.name("es") == "Cierre de escuelas"
    assert c1.level(3).meaning("fr") == "fermeture obligatoire de tous les niveaux"
    assert c1.flag_meaning(0, "pt") == "direcionada"
    assert book.indicator("E1").flag_meaning(1) == "includes informal sector workers"
    assert book.indicator("H7").flag_meaning(1, "es") == "financiada por el gobierno"
    assert book.indicator("E3").unit == "USD"
    assert not book.indicator("C8").has_flag
    assert c1.differentiated
    assert not book.indicator("H7").differentiated


def test_the_inventories_of_the_seeds_ship_in_four_languages():
    books = load_codebooks()
    for name in INVENTORIES:
        book = latest(name)
        assert book.key in books
        for indicator in book.indicators.values():
            assert all(indicator.names[lang] for lang in LANGUAGES)


def test_values_are_checked_against_the_scale():
    c4 = latest("oxcgrt").indicator("C4")
    assert c4.check_value(4, 1) is None
    assert c4.check_value(5, 1) == "value 5 is outside the scale of C4 (0, 1, 2, 3, 4)"
    assert c4.check_value(None, 1) == "a flag without a value"
    assert latest("oxcgrt").indicator("C8").check_value(2, 1) == "C8 has no flag"
    assert latest("oxcgrt").indicator("E3").check_value(-5, None) == "value -5 is negative"


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copy(CODEBOOK_FOLDER / "ports-2024.yaml", tmp_path)
    load_codebooks.cache_clear()
    yield tmp_path
    load_codebooks.cache_clear()


def test_a_new_codebook_is_a_new_file(folder):
    (folder / "ports-2025.yaml").write_text(
        (folder / "ports-2024.yaml")
        .read_text(encoding="utf-8")
        .replace('version: "2024"', 'version: "2025"')
        .replace("en: Crew changes", "en: Crew changes and shore leave"),
        encoding="utf-8",
    )
    assert latest("ports", folder).version == "2025"
    # Records coded under the old version still read with the labels they were coded with.
    old = get_codebook("ports", "2024", folder).indicator("PORT1")
    assert old.name() == "Crew changes"
    assert latest("ports", folder).indicator("PORT1").name() == "Crew changes and shore leave"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    kind: ordinal\n", "    kind: scale\n"),
            "ports-2024.yaml, indicator 1 (PORT1): kind must be one of",
        ),
        (
            ("fr: Relèves d'équipage", "fr: ''"),
            "ports-2024.yaml, indicator 1 (PORT1): 'names' has no text in fr",
        ),
        (
            ("{value: 2,", "{value: two,"),
            "ports-2024.yaml, indicator 1 (PORT1), level 3: an integer value is required",
        ),
        (
            ("{value: 2,", "{value: 1,"),
            "ports-2024.yaml, indicator 1 (PORT1): a level value is repeated",
        ),
        (("  - code: PORT1", "  - code: ''"), "ports-2024.yaml, indicator 1: a code is required"),
        (
            ('version: "2024"', 'version: "2026"'),
            "ports-2024.yaml: the file must be named ports-2026.yaml",
        ),
        (("indicators:", "indicators: [\n"), "ports-2024.yaml: not valid YAML"),
    ],
)
def test_a_bad_file_is_named_with_its_entry(folder, change, message):
    path = folder / "ports-2024.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    with pytest.raises(CodebookError) as error:
        load_codebook(path)
    assert str(error.value).startswith(message)

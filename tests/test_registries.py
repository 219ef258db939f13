import pytest

from followup.registries import RegistryError, load_bodies, load_countries


def test_countries_have_four_languages_and_35_oas_members():
    countries = load_countries()
    members = [c for c in countries if c.oas_member]
    assert len(members) == 35
    haiti = next(c for c in countries if c.code == "HT")
    assert haiti.names == {"en": "Haiti", "es": "Haití", "pt": "Haiti", "fr": "Haïti"}


def test_bodies_have_known_parents():
    bodies = {b.key: b for b in load_bodies()}
    assert bodies["DPS"].parent == "SMS"
    assert bodies["SMS"].parent == "GS/OAS"
    assert bodies["IACHR"].names["es"] == "Comisión Interamericana de Derechos Humanos"


def test_a_body_with_an_unknown_parent_is_rejected(tmp_path):
    path = tmp_path / "bodies.yaml"
    path.write_text("- acronym: X\n  kind: department\n  parent: NOPE\n  names: {en: Office X}\n")
    with pytest.raises(RegistryError, match="X has unknown parent 'NOPE'"):
        load_bodies(path)


def test_a_body_of_unknown_kind_is_rejected_with_its_entry(tmp_path):
    path = tmp_path / "bodies.yaml"
    path.write_text("- acronym: X\n  kind: club\n  names: {en: Office X}\n")
    with pytest.raises(RegistryError, match="entry 1: kind 'club'"):
        load_bodies(path)


def test_a_country_without_a_translation_is_rejected(tmp_path):
    path = tmp_path / "countries.csv"
    path.write_text(
        "code,iso3,name_en,name_es,name_pt,name_fr,oas_member,demonyms,aliases\nHT,HTI,Haiti,,Haiti,Haïti,yes,,\n"
    )
    with pytest.raises(RegistryError, match="line 2: HT has no name in es"):
        load_countries(path)

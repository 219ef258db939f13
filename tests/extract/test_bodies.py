from followup.extract.bodies import build_index, find_definitions


def names(text):
    return {m.acronym: m.name for m in find_definitions(text) if m.is_organization}


def test_full_name_then_acronym_defines_a_body():
    assert names("the Department of Public Security (DPS) trained officers") == {
        "DPS": "Department of Public Security"
    }


def test_a_leading_article_preposition_or_verb_is_not_part_of_the_name():
    text = "Through the Joint Summit Working Group (JSWG), we Request the Inter-American Commission of Women (CIM) to act."
    assert names(text) == {
        "JSWG": "Joint Summit Working Group",
        "CIM": "Inter-American Commission of Women",
    }


def test_spanish_and_lower_case_definitions():
    text = "La Comisión Interamericana de Derechos Humanos (CIDH) y las national human rights institutions (NHRIs)."
    assert names(text) == {
        "CIDH": "Comisión Interamericana de Derechos Humanos",
        "NHRIs": "national human rights institutions",
    }


def test_the_acronym_of_the_second_body_in_x_of_the_y():
    text = (
        "The Executive Secretariat of the Inter-American Committee against Terrorism (CICTE) met."
    )
    assert names(text) == {"CICTE": "Inter-American Committee against Terrorism"}


def test_things_that_are_not_organizations_are_not_bodies():
    text = "small and medium-sized enterprises (SMEs) used Information and Communication Technologies (ICTs)."
    assert names(text) == {}


def test_a_unit_keeps_the_parent_its_text_or_heading_gives():
    text = "Report by the Department of Public Security (DPS) of the Secretariat for Multidimensional Security (SMS)"
    assert build_index(text).parents == {"DPS": "SMS"}
    heading = "Secretariat for Strengthening Democracy (SSD)"
    body = (
        heading
        + "\n\nThe Department of Electoral Cooperation and Observation (DECO) observed the vote."
    )
    assert build_index(body, [(0, len(heading), 2)]).parents == {"DECO": "SSD"}


def test_acronyms_resolve_from_the_document_then_the_registry():
    index = build_index("The Inter-Sector Coordination Group (ISCG) met.")
    assert index.resolve("ISCG") == "Inter-Sector Coordination Group"
    assert index.resolve("PAHO") == "Pan American Health Organization"
    assert index.resolve("XYZ") is None


def test_a_registered_body_is_an_organization_whatever_its_head():
    text = (
        "El Fondo de las Naciones Unidas para la Infancia (UNICEF) y el Sistema de la Integración "
        "Centroamericana (SICA) apoyaron la misión. The Strategic Supply Fund (SSF) bought masks."
    )
    organizations = {m.acronym: m.is_organization for m in find_definitions(text)}
    assert organizations == {"UNICEF": True, "SICA": True, "SSF": False}

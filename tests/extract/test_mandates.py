import pytest

from followup.extract import extract
from followup.extract.mandates import parse_citation, topic_of
from followup.read import read_bytes


@pytest.mark.parametrize(
    ("citation", "source"),
    [
        (
            "Inter-American Action Plan on Democratic Governance, IX Summit of the Americas, Los Angeles, 2022",
            (
                "Inter-American Action Plan on Democratic Governance",
                "IX Summit of the Americas",
                "Los Angeles",
                2022,
            ),
        ),
        ("Lima Commitment. Peru, 2018", ("Lima Commitment", None, "Peru", 2018)),
        (
            "Citizen Security and Transnational Organized Crime, Cartagena, 2012",
            ("Citizen Security and Transnational Organized Crime", None, "Cartagena", 2012),
        ),
        (
            "Plan de Acción sobre Gobernabilidad Democrática, IX Cumbre de las Américas, Los Ángeles, 2022",
            (
                "Plan de Acción sobre Gobernabilidad Democrática",
                "IX Cumbre de las Américas",
                "Los Ángeles",
                2022,
            ),
        ),
        ("Compromiso de Lima. Perú, 2018", ("Compromiso de Lima", None, "Perú", 2018)),
    ],
)
def test_citations_parse_into_instrument_summit_place_and_year(citation, source):
    parsed = parse_citation(citation)
    assert (parsed["instrument"], parsed["summit"], parsed["place"], parsed["year"]) == source


def test_topics_lose_their_capitals():
    assert topic_of("SECURITY: Public Policies") == "Security: Public Policies"
    assert topic_of("SALUD Y RESILIENCIA") == "Salud y Resiliencia"
    assert topic_of("OAS PROGRAMS: Security") == "OAS Programs: Security"  # a known acronym
    assert topic_of("Security: OAS Programs") == "Security: OAS Programs"  # mixed case is meant


def test_a_mandate_list_gives_mandates_with_topic_source_and_span():
    source = (
        "DIGITAL GOVERNMENT: Services\n\n"
        "1. Expand online civil registry services for rural areas. (Plan of Action on Digital Government, X Summit of the Americas, Punta Cana, 2025).\n"
        "1. Adopt interoperability frameworks, to include:\n"
        "    • a. shared data standards; (Plan of Action on Digital Government, X Summit of the Americas, Punta Cana, 2025).\n"
        "1. Protect persons who report corruption. (Quito Commitment. Ecuador, 2023)\n"
    )
    document = read_bytes(source.encode(), "mandates.txt")
    mandates = [i for i in extract(document) if i.kind == "mandate"]
    assert [m.text for m in mandates] == [
        "Expand online civil registry services for rural areas.",
        "Adopt interoperability frameworks, to include:",
        "Protect persons who report corruption.",
    ]
    assert all(document.text[m.start : m.end] == m.text for m in mandates)
    assert mandates[0].fields["topic"] == "Digital Government: Services"
    assert mandates[1].fields["source"]["instrument"] == "Plan of Action on Digital Government"
    assert mandates[2].fields["source"] == {
        "instrument": "Quito Commitment",
        "summit": None,
        "place": "Ecuador",
        "year": 2023,
    }


def test_an_uncited_item_of_a_mandate_list_is_kept_with_its_reason():
    source = (
        "SALUD Y RESILIENCIA\n\n"
        "1. Instruir a la Organización Panamericana de la Salud (OPS) para que apoye los planes "
        "nacionales ante pandemias. (Plan de Acción sobre Salud, IX Cumbre de las Américas, "
        "Los Ángeles, 2022)\n"
        "2. Mejorar el acceso a servicios de salud mental para niñas, niños y adolescentes.\n"
        "3. Ampliar la cobertura de vacunación en zonas rurales. (Plan de Acción sobre Salud, "
        "IX Cumbre de las Américas, Los Ángeles, 2022)\n"
    )
    items = extract(read_bytes(source.encode(), "mandatos.txt"))
    mandates = [i for i in items if i.kind == "mandate"]
    assert len(mandates) == 3
    assert mandates[0].fields["source"]["summit"] == "IX Cumbre de las Américas"
    uncited = mandates[1]
    assert uncited.text.startswith("Mejorar el acceso")
    assert uncited.fields["source"] is None
    assert "no citation" in uncited.unparsed["source"]
    assert uncited.fields["topic"] == "Salud y Resiliencia"
    assert not [i for i in items if i.kind == "action"]


def test_what_a_conference_agreed_to_is_a_mandate():
    text = "In May 2019, the Third Conference of the States Parties agreed to “adopt national plans against trafficking in persons.”"
    [mandate] = [i for i in extract(read_bytes(text.encode(), "r.txt")) if i.kind == "mandate"]
    assert mandate.text == "adopt national plans against trafficking in persons."
    assert mandate.fields["source"]["instrument"] == "Third Conference of the States Parties"
    assert mandate.fields["source"]["year"] == 2019

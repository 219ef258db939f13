"""Operative paragraphs of resolutions are mandates whose source is the resolution, in the
four languages; documents of our own."""

from followup.extract import extract
from followup.read import read_bytes

RESOLUTION_EN = """AG/RES. 3101 (LVI-O/26)

WATER SECURITY IN THE AMERICAS

(Adopted at the second plenary session, held on June 10, 2026)

THE GENERAL ASSEMBLY,

CONSIDERING that access to safe water remains uneven across the Hemisphere;

RESOLVES:

1. To instruct the General Secretariat to prepare a regional report on water security.

2. To request the Permanent Council to hold a special meeting on drought preparedness.
"""

RESOLUTION_ES = """CP/RES. 1250 (2400/26)

SEGURIDAD HÍDRICA EN LAS AMÉRICAS

EL CONSEJO PERMANENTE,

CONSIDERANDO que el acceso al agua potable sigue siendo desigual;

RESUELVE:

1. Encomendar a la Secretaría General la preparación de un informe regional sobre el agua.

2. Solicitar al Comité Jurídico Interamericano un estudio sobre los acuíferos compartidos.
"""

RESOLUTION_PT = """CP/RES. 1251 (2401/26)

SEGURANÇA HÍDRICA NAS AMÉRICAS

O CONSELHO PERMANENTE,

CONSIDERANDO que o acesso à água potável continua desigual;

RESOLVE:

1. Encarregar a Secretaria-Geral de preparar um relatório regional sobre a água.
"""

RESOLUTION_FR = """AG/RES. 3102 (LVI-O/26)

SÉCURITÉ HYDRIQUE DANS LES AMÉRIQUES

L'ASSEMBLÉE GÉNÉRALE,

CONSIDÉRANT que l'accès à l'eau potable demeure inégal;

DÉCIDE :

1. Charger le Secrétariat général de préparer un rapport régional sur la sécurité hydrique.
"""


def mandates(source: str):
    items = extract(read_bytes(source.encode(), "resolution.txt"))
    return [
        (i.text, i.fields["source"], i.fields["topic"], i.fields["responsible"])
        for i in items
        if i.kind == "mandate"
    ]


def source(symbol: str, year: int, paragraph: str) -> dict:
    return {
        "instrument": symbol,
        "summit": None,
        "place": None,
        "year": year,
        "paragraph": paragraph,
    }


def test_operative_paragraphs_of_a_resolution_are_its_mandates():
    assert mandates(RESOLUTION_EN) == [
        (
            "To instruct the General Secretariat to prepare a regional report on water security.",
            source("AG/RES. 3101 (LVI-O/26)", 2026, "1"),
            "Water Security in the Americas",
            "General Secretariat",
        ),
        (
            "To request the Permanent Council to hold a special meeting on drought preparedness.",
            source("AG/RES. 3101 (LVI-O/26)", 2026, "2"),
            "Water Security in the Americas",
            "Permanent Council",
        ),
    ]


def test_operative_paragraphs_in_spanish_portuguese_and_french():
    assert mandates(RESOLUTION_ES) == [
        (
            "Encomendar a la Secretaría General la preparación de un informe regional sobre el agua.",
            source("CP/RES. 1250 (2400/26)", 2026, "1"),
            "Seguridad Hídrica en las Américas",
            "Secretaría General",
        ),
        (
            "Solicitar al Comité Jurídico Interamericano un estudio sobre los acuíferos compartidos.",
            source("CP/RES. 1250 (2400/26)", 2026, "2"),
            "Seguridad Hídrica en las Américas",
            "Comité Jurídico Interamericano",
        ),
    ]
    [(text, cited, _, responsible)] = mandates(RESOLUTION_PT)
    assert (text, cited, responsible) == (
        "Encarregar a Secretaria-Geral de preparar um relatório regional sobre a água.",
        source("CP/RES. 1251 (2401/26)", 2026, "1"),
        "Secretaria-Geral",
    )
    [(text, cited, _, responsible)] = mandates(RESOLUTION_FR)
    assert (text, cited, responsible) == (
        "Charger le Secrétariat général de préparer un rapport régional sur la sécurité hydrique.",
        source("AG/RES. 3102 (LVI-O/26)", 2026, "1"),
        "Secrétariat",
    )


def test_the_preamble_states_no_mandate_and_operative_paragraphs_are_not_actions():
    items = extract(read_bytes(RESOLUTION_EN.encode(), "resolution.txt"))
    operative = {i.text for i in items if i.kind == "mandate"}
    assert not [i for i in items if i.kind in ("action", "recommendation") and i.text in operative]
    assert not [i for i in items if i.kind == "mandate" and "CONSIDERING" in i.text]


def test_a_document_without_a_resolution_symbol_has_no_resolution_mandates():
    text = "REPORT\n\n1. To prepare a regional report on water security for the region.\n"
    assert mandates(text) == []

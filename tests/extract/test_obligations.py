"""Deadlines and reporting duties of mandates and recommendations, where the text states them,
in the four languages. Resolutions of our own."""

import pytest

from followup.extract import extract
from followup.extract.lang import rules_for
from followup.extract.obligations import deadline_of, reporting_of
from followup.read import read_bytes

RESOLUTION_EN = """AG/RES. 3120 (LVI-O/26)

SAFE SCHOOLS IN THE AMERICAS

THE GENERAL ASSEMBLY,

CONSIDERING that school buildings must withstand earthquakes;

RESOLVES:

1. To instruct the General Secretariat to report to the Permanent Council on school safety before the fifty-seventh regular session of the General Assembly.

2. To request the Inter-American Committee on Natural Disaster Reduction to submit a report annually to the General Assembly.

3. To urge member states to retrofit public schools by December 31, 2030.

4. To thank the host country for its hospitality.
"""

RESOLUTION_ES = """CP/RES. 1260 (2410/26)

ESCUELAS SEGURAS

EL CONSEJO PERMANENTE,

CONSIDERANDO que las escuelas deben resistir los sismos;

RESUELVE:

1. Encomendar a la Secretaría General que informe al Consejo Permanente a más tardar el 30 de abril de 2027.

2. Solicitar a la Comisión Interamericana de Mujeres que presente un informe anual a la Asamblea General.
"""

RESOLUTION_PT = """CP/RES. 1261 (2411/26)

ESCOLAS SEGURAS

O CONSELHO PERMANENTE,

CONSIDERANDO que as escolas devem resistir aos sismos;

RESOLVE:

1. Encarregar a Secretaria-Geral de apresentar um relatório ao Conselho Permanente antes do quinquagésimo sétimo período ordinário de sessões da Assembleia Geral.
"""

RESOLUTION_FR = """AG/RES. 3121 (LVI-O/26)

ÉCOLES SÛRES

L'ASSEMBLÉE GÉNÉRALE,

CONSIDÉRANT que les écoles doivent résister aux séismes;

DÉCIDE :

1. Charger le Secrétariat général de faire rapport au Conseil permanent tous les deux ans sur la sécurité des écoles.
"""


def mandates(source: str):
    items = extract(read_bytes(source.encode(), "resolution.txt"))
    return [
        (i.text, i.fields["responsible"], i.fields["deadline"], i.fields["reporting"])
        for i in items
        if i.kind == "mandate"
    ]


def test_operative_paragraphs_carry_their_deadline_and_reporting():
    assert mandates(RESOLUTION_EN) == [
        (
            "To instruct the General Secretariat to report to the Permanent Council on school "
            "safety before the fifty-seventh regular session of the General Assembly.",
            "General Secretariat",
            {
                "date": None,
                "session": "fifty-seventh regular session of the General Assembly",
                "text": "before the fifty-seventh regular session of the General Assembly",
            },
            {
                "to": "Permanent Council",
                "every_months": None,
                "text": "report to the Permanent Council",
            },
        ),
        (
            "To request the Inter-American Committee on Natural Disaster Reduction to submit a "
            "report annually to the General Assembly.",
            "Inter-American Committee on Natural Disaster Reduction",
            None,
            {
                "to": "General Assembly",
                "every_months": 12,
                "text": "submit a report annually to the General Assembly",
            },
        ),
        (
            "To urge member states to retrofit public schools by December 31, 2030.",
            None,
            {"date": "2030-12-31", "session": None, "text": "by December 31, 2030"},
            None,
        ),
        ("To thank the host country for its hospitality.", None, None, None),
    ]


def test_deadlines_and_reporting_in_spanish_portuguese_and_french():
    assert mandates(RESOLUTION_ES) == [
        (
            "Encomendar a la Secretaría General que informe al Consejo Permanente a más tardar "
            "el 30 de abril de 2027.",
            "Secretaría General",
            {"date": "2027-04-30", "session": None, "text": "a más tardar el 30 de abril de 2027"},
            {
                "to": "Consejo Permanente",
                "every_months": None,
                "text": "informe al Consejo Permanente",
            },
        ),
        (
            "Solicitar a la Comisión Interamericana de Mujeres que presente un informe anual a "
            "la Asamblea General.",
            "Comisión Interamericana de Mujeres",
            None,
            {
                "to": "Asamblea General",
                "every_months": 12,
                "text": "informe anual a la Asamblea General",
            },
        ),
    ]
    [(_, _, deadline, reporting)] = mandates(RESOLUTION_PT)
    assert deadline == {
        "date": None,
        "session": "quinquagésimo sétimo período ordinário de sessões da Assembleia Geral",
        "text": "antes do quinquagésimo sétimo período ordinário de sessões da Assembleia Geral",
    }
    assert reporting == {
        "to": "Conselho Permanente",
        "every_months": None,
        "text": "apresentar um relatório ao Conselho Permanente",
    }
    [(_, _, deadline, reporting)] = mandates(RESOLUTION_FR)
    assert deadline is None
    assert reporting == {
        "to": "Conseil permanent",
        "every_months": 24,
        "text": "faire rapport au Conseil permanent tous les deux ans",
    }


def test_a_recommendation_carries_its_deadline():
    text = (
        "Press release\n\nThe IACHR urges the State to adopt a protocol on evictions before "
        "March 1, 2027.\n"
    )
    [item] = [i for i in extract(read_bytes(text.encode(), "r.txt")) if i.kind == "recommendation"]
    assert item.fields["deadline"] == {
        "date": "2027-03-01",
        "session": None,
        "text": "before March 1, 2027",
    }
    assert item.fields["reporting"] is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "To instruct the General Secretariat to prepare a regional report on schools."),
        ("en", "Speakers at the meeting underscored the need for safer schools."),
        ("en", "To request a study by the General Secretariat at its session in Lima."),
        ("es", "Encomendar a la Secretaría General la preparación de un informe sobre escuelas."),
        ("pt", "Encarregar a Secretaria-Geral de preparar um relatório sobre as escolas."),
        ("fr", "Charger le Secrétariat général de préparer un rapport sur les écoles."),
    ],
)
def test_a_report_to_write_or_a_meeting_named_in_passing_is_no_obligation(language, text):
    rules = rules_for(language)
    assert (deadline_of(text, rules, 2026), reporting_of(text, rules)) == (None, None)

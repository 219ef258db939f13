"""Cases and deaths from national offices' CSV files, with row errors and the source kept."""

from datetime import date

import pytest
from click.testing import CliRunner

from followup.cli import main
from followup.measures.actions import do_import_situation
from followup.measures.models import SituationRecord

pytestmark = pytest.mark.django_db

GOOD = """country,region,date,confirmed_cases,suspected_cases,confirmed_deaths,suspected_deaths,source
MEX,,2020-04-01,1378,5827,37,,Secretaría de Salud, informe técnico diario
MEX,,2020-04-02,1510,6214,50,3,Secretaría de Salud, informe técnico diario
PER,,20200401,1323,,47,,
"""


def write(tmp_path, text, name="situation.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_counts_are_stored_with_their_source(registries, tmp_path):
    text = GOOD.replace(
        ",Secretaría de Salud, informe técnico diario",
        ',"Secretaría de Salud, informe técnico diario"',
    )
    outcome = do_import_situation(write(tmp_path, text))
    assert (outcome.stored, outcome.errors) == (3, [])
    assert list(
        SituationRecord.objects.order_by("jurisdiction__code", "day").values_list(
            "jurisdiction__code",
            "day",
            "confirmed_cases",
            "suspected_cases",
            "confirmed_deaths",
            "suspected_deaths",
            "source",
        )
    ) == [
        (
            "MEX",
            date(2020, 4, 1),
            1378,
            5827,
            37,
            None,
            "Secretaría de Salud, informe técnico diario",
        ),
        ("MEX", date(2020, 4, 2), 1510, 6214, 50, 3, "Secretaría de Salud, informe técnico diario"),
        ("PER", date(2020, 4, 1), 1323, None, 47, None, "situation.csv"),
    ]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (
            ("PER,,20200401", "PRX,,20200401"),
            "situation.csv, row 4, column country: unknown country code 'PRX'",
        ),
        (
            ("PER,,20200401", "PER,,2020-04-31"),
            "situation.csv, row 4, column date: malformed date '2020-04-31'",
        ),
        (
            ("PER,,20200401,1323", "PER,,20200401,many"),
            "situation.csv, row 4, column confirmed_cases: not a count: 'many'",
        ),
        (
            ("PER,,20200401", "MEX,,20200401"),
            "situation.csv, row 4, column date: MEX already has a row for 2020-04-01 (row 2)",
        ),
        (
            ("PER,,20200401", "PER,PE_LIM,20200401"),
            "situation.csv, row 4, column region: unknown region code 'PE_LIM'",
        ),
    ],
)
def test_a_bad_row_stores_nothing(registries, tmp_path, change, error):
    text = GOOD.replace(",Secretaría de Salud, informe técnico diario", ",Secretaría de Salud")
    outcome = do_import_situation(write(tmp_path, text.replace(*change)))
    assert [e.split(" (expected")[0] for e in outcome.errors] == [error]
    assert SituationRecord.objects.count() == 0


def test_a_file_without_counts_is_refused(registries, tmp_path):
    outcome = do_import_situation(write(tmp_path, "country,date\nMEX,2020-04-01\n"))
    assert outcome.errors[0].startswith(
        "situation.csv, row 1, column header: missing a count column"
    )


def test_the_command_line(registries, tmp_path):
    text = GOOD.replace(",Secretaría de Salud, informe técnico diario", ",Secretaría de Salud")
    result = CliRunner().invoke(main, ["measures", "situation-import", str(write(tmp_path, text))])
    assert result.exit_code == 0, result.output
    assert "situation.csv: 3 rows" in result.output

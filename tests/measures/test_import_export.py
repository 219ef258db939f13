"""OxCGRT files in and out: the log, the panel derived from it, row-level errors, and exports
in the layout the data came in, filled with indices computed here."""

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import main
from followup.measures import oxcgrt
from followup.measures.actions import do_import_oxcgrt, do_rebuild_panel
from followup.measures.exports import export_oxcgrt
from followup.measures.models import (
    DailyIndex,
    DailyValue,
    ImportBatch,
    Jurisdiction,
    Measure,
    SituationRecord,
)

FIXTURES = Path(__file__).parent / "fixtures"
pytestmark = pytest.mark.django_db


def lines_of(name: str, count: int) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows[: count + 1])
    return out.getvalue()


def test_a_classic_file_becomes_a_log_and_a_panel(registries):
    outcome = do_import_oxcgrt(FIXTURES / "oxcgrt_classic_CHN_2023.csv")
    assert outcome.errors == []
    assert (outcome.layout, outcome.rows, outcome.jurisdictions) == ("classic", 590, 10)
    beijing = Jurisdiction.objects.get(code="CHN_BJ")
    assert (beijing.country.iso3, beijing.name, beijing.level) == ("CHN", "Beijing", "STATE_TOTAL")
    c6 = list(
        Measure.objects.filter(jurisdiction=beijing, indicator="C6").values_list(
            "start_date", "end_date", "value", "flag", "log_type"
        )
    )
    # Beijing's stay-at-home requirement: 2 (targeted) until 4 January 2023, then none.
    assert c6[:2] == [
        (date(2023, 1, 1), date(2023, 1, 4), 2.0, 0, "introduced"),
        (date(2023, 1, 5), c6[1][1], 0.0, None, "phased_out"),
    ]
    assert DailyValue.objects.filter(jurisdiction=beijing, indicator="C6").count() == sum(
        (end - start).days + 1 for start, end, *_ in c6
    )
    assert DailyIndex.objects.get(
        jurisdiction=beijing, index="stringency", variant="", day=date(2023, 1, 1)
    ).value == pytest.approx(47.22, abs=0.01)
    assert (
        SituationRecord.objects.get(jurisdiction=beijing, day=date(2023, 1, 1)).confirmed_cases
        == 36466
    )
    measure = Measure.objects.filter(jurisdiction=beijing).first()
    assert (measure.source_kind, measure.batch.file_name) == ("file", "oxcgrt_classic_CHN_2023.csv")
    assert measure.definition.name("es") in {"Cierre de escuelas", measure.definition.names["es"]}


@pytest.mark.parametrize(
    "name", ["oxcgrt_classic_CHN_2023.csv", "oxcgrt_full_GBR.csv", "oxcgrt_compact_GBR.csv"]
)
def test_the_export_gives_back_the_indicators_and_oxcgrts_published_indices(
    registries, name, tmp_path
):
    assert do_import_oxcgrt(FIXTURES / name).errors == []
    out = io.StringIO()
    count, layout = export_oxcgrt(out)
    original = oxcgrt.read_rows(
        (FIXTURES / name).read_text(encoding="utf-8"),
        file_name=name,
        codebook=_codebook(),
        known_countries=["CHN", "GBR"],
    )
    exported = oxcgrt.read_rows(
        out.getvalue(), file_name="export.csv", codebook=_codebook(), known_countries=["CHN", "GBR"]
    )
    assert exported.header == original.header
    assert layout == original.layout.name
    assert exported.errors == []
    days_with_data = {(r.place, r.day) for r in original.rows if r.readings}
    assert count == len(exported.rows) == len(days_with_data)
    before = {(r.place, r.day): r for r in original.rows}
    for row in exported.rows:
        source = before[(row.place, row.day)]
        assert row.readings == source.readings
        for column, published in source.published.items():
            ours = row.published[column]
            assert (ours is None) == (published is None), (row.place, row.day, column)
            if published is not None:
                # Both sides are rounded to two decimals in the files.
                assert ours == pytest.approx(published, abs=0.01 + 1e-9), (
                    row.place,
                    row.day,
                    column,
                )


def _codebook():
    from followup.measures.codebook import latest

    return latest("oxcgrt")


def test_export_filters_by_country_and_dates(registries):
    do_import_oxcgrt(FIXTURES / "oxcgrt_full_GBR.csv")
    do_import_oxcgrt(FIXTURES / "oxcgrt_classic_CHN_2023.csv")
    out = io.StringIO()
    count, layout = export_oxcgrt(
        out, country="gbr", start=date(2020, 3, 20), end=date(2020, 3, 21)
    )
    assert (count, layout) == (10, "full")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {(r["RegionCode"], r["Date"]) for r in rows} == {
        (region, day)
        for region in ("", "UK_ENG", "UK_NIR", "UK_SCO", "UK_WAL")
        for day in ("20200320", "20200321")
    }


BAD_ROWS = [
    (("China,CHN,", "China,XXX,"), 2, "CountryCode", "unknown country code 'XXX'"),
    ((",20230101,2.00,0,", ",2023-13-01,2.00,0,"), 2, "Date", "malformed date"),
    (
        (",20230101,2.00,0,", ",20230101,7.00,0,"),
        2,
        "C1_School closing",
        "value 7 is outside the scale of C1",
    ),
    ((",20230101,2.00,0,", ",20230101,,0,"), 2, "C1_Flag", "a flag without a value"),
    ((",20230102,", ",20230101,"), 3, "Date", "CHN_AH already has a row for 2023-01-01 (row 2)"),
]


@pytest.mark.parametrize(("change", "row", "column", "reason"), BAD_ROWS)
def test_a_bad_row_is_named_and_nothing_is_stored(
    registries, tmp_path, change, row, column, reason
):
    text = lines_of("oxcgrt_classic_CHN_2023.csv", 5)
    head, body = text.split("\n", 1)
    body = body.replace(*change, 1)
    path = tmp_path / "bad.csv"
    path.write_text(f"{head}\n{body}", encoding="utf-8")
    outcome = do_import_oxcgrt(path)
    assert len(outcome.errors) == 1
    assert outcome.errors[0].startswith(f"bad.csv, row {row}, column {column}: {reason}")
    assert Measure.objects.count() == 0
    assert ImportBatch.objects.count() == 0
    assert DailyValue.objects.count() == 0


def test_a_bad_file_leaves_what_was_stored_before_unchanged(registries, tmp_path):
    do_import_oxcgrt(FIXTURES / "oxcgrt_compact_GBR.csv")
    before = list(Measure.objects.values_list("pk", "value", "start_date", "end_date"))
    text = (FIXTURES / "oxcgrt_compact_GBR.csv").read_text(encoding="utf-8")
    path = tmp_path / "oxcgrt_compact_GBR.csv"
    path.write_text(text.replace(",GBR,", ",GBX,", 1), encoding="utf-8")
    assert do_import_oxcgrt(path).errors == [
        "oxcgrt_compact_GBR.csv, row 2, column CountryCode: unknown country code 'GBX'"
    ]
    assert list(Measure.objects.values_list("pk", "value", "start_date", "end_date")) == before


def test_importing_the_same_file_again_replaces_its_measures(registries):
    first = do_import_oxcgrt(FIXTURES / "oxcgrt_compact_GBR.csv")
    panel = DailyValue.objects.count()
    second = do_import_oxcgrt(FIXTURES / "oxcgrt_compact_GBR.csv")
    assert first.measures == second.measures == Measure.objects.count()
    assert DailyValue.objects.count() == panel


def test_not_an_oxcgrt_file(registries, tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert do_import_oxcgrt(path).errors == [
        "other.csv: not an OxCGRT file: no CountryCode, Date column"
    ]


def test_the_panel_follows_the_log(registries):
    do_import_oxcgrt(FIXTURES / "oxcgrt_classic_CHN_2023.csv")
    beijing = Jurisdiction.objects.get(code="CHN_BJ")
    measure = Measure.objects.get(jurisdiction=beijing, indicator="C1", start_date=date(2023, 1, 1))
    day = date(2023, 1, 2)
    assert (
        DailyValue.objects.get(jurisdiction=beijing, indicator="C1", day=day).value == measure.value
    )
    Measure.objects.filter(pk=measure.pk).update(value=3.0, flag=1)
    do_rebuild_panel([beijing.pk])
    assert DailyValue.objects.get(jurisdiction=beijing, indicator="C1", day=day).value == 3.0
    stringency = DailyIndex.objects.get(
        jurisdiction=beijing, index="stringency", variant="", day=day
    )
    assert stringency.value == pytest.approx(47.22 + 100 / 3 / 9, abs=0.01)


def test_the_command_line(registries, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["measures", "import", str(FIXTURES / "oxcgrt_compact_GBR.csv")])
    assert result.exit_code == 0, result.output
    assert "oxcgrt_compact_GBR.csv: 318 rows (compact layout), 5 jurisdiction(s)" in result.output
    out = tmp_path / "gbr.csv"
    result = runner.invoke(
        main,
        [
            "measures",
            "export",
            "--format",
            "oxcgrt",
            "--country",
            "GBR",
            "--from",
            "2020-03-01",
            "--to",
            "2020-03-31",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert f"{out}: 155 rows (compact layout)." in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        lines_of("oxcgrt_compact_GBR.csv", 2).replace(",GBR,", ",ZZZ,"), encoding="utf-8"
    )
    result = runner.invoke(main, ["measures", "import", str(bad)])
    assert result.exit_code == 1
    assert "bad.csv, row 2, column CountryCode: unknown country code 'ZZZ'" in result.output
    assert "bad.csv: failed, nothing stored: 2 error(s)" in result.output

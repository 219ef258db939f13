import pytest

from followup.extract.dates import find_dates


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("convened on Friday, April 3, 2020, the authorities", None, [("2020-04-03", None)]),
        ("May 8: Virtual forum", 2020, [("2020-05-08", None)]),
        ("Costa Rica (May 19–24, 2019), to monitor", None, [("2019-05-19", "2019-05-24")]),
        ("Between January 25 and 31, the IACHR", 2020, [("2020-01-25", "2020-01-31")]),
        ("from November 29 to December 2, 2020", None, [("2020-11-29", "2020-12-02")]),
        ("8 de mayo de 2020", None, [("2020-05-08", None)]),
        ("entre el 8 y el 12 de mayo de 2023", None, [("2023-05-08", "2023-05-12")]),
        ("em 15 de março de 2021", None, [("2021-03-15", None)]),
        ("le 3 avril 2024", None, [("2024-04-03", None)]),
        ("in May 2020 and in October", 2020, [("2020-05", None), ("2020-10", None)]),
    ],
)
def test_dates_resolve_to_iso_with_the_year_context(text, year, expected):
    assert [(m.date, m.end_date) for m in find_dates(text, year=year)] == expected


def test_a_date_without_year_and_no_context_is_skipped():
    assert find_dates("May 8: forum", year=None) == []


def test_may_the_verb_is_not_a_month():
    assert find_dates("States may 8 times a year", year=2020) == []


def test_an_impossible_date_is_skipped():
    assert find_dates("February 30, 2021") == []

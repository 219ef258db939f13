import pytest

from followup.extract.numbers import find_numbers, parse_digits


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("a total of 5,231 petitions", "en", [(5231, "count")]),
        ("54,136 people", "en", [(54136, "count")]),
        ("a budget of $10,627,900", "en", [(10627900, "USD")]),
        ("63.8% of requests", "en", [(63.8, "percent")]),
        ("Thirty-three member states", "en", [(33, "count")]),
        ("1.000 personas", "es", [(1000, "count")]),
        ("US$ 12.450.000 en 2023", "es", [(12450000, "USD"), (2023, "count")]),
        ("el 45,5 por ciento", "es", [(45.5, "percent")]),
        ("dos mil migrantes", "es", [(2000, "count")]),
        ("1.5 million children", "en", [(1500000, "count")]),
        ("trois ateliers", "fr", [(3, "count")]),
    ],
)
def test_numbers_become_values_with_units(text, language, expected):
    assert [(m.value, m.unit) for m in find_numbers(text, language=language)] == expected


def test_identifiers_are_not_numbers():
    assert find_numbers("Resolution 1/20 on COVID-19 and the 175th session") == []


def test_an_overflowing_number_is_kept_with_a_reason():
    [mention] = find_numbers("a count of 123456789012345678901234 cases")
    assert mention.value is None
    assert "too large" in mention.reason


def test_english_dot_is_decimal_but_thousands_elsewhere():
    assert parse_digits("1.000", "en") == 1.0
    assert parse_digits("1.000", "pt") == 1000
    assert parse_digits("2,5", "fr") == 2.5


def test_a_currency_named_after_the_number_is_its_unit():
    def first(text: str, language: str) -> tuple:
        number = find_numbers(text, language=language)[0]
        return number.value, number.unit

    assert first("2,5 millones de dólares para el fondo", "es") == (2_500_000, "USD")
    assert first("cinco millones de dólares estadounidenses", "es") == (5_000_000, "USD")
    assert first("500 U.S. dollars per school", "en") == (500, "USD")
    assert first("3 million euros from the European Union", "en") == (3_000_000, "EUR")
    assert first("R$ 3,2 milhões para a saúde", "pt") == (3_200_000, "BRL")

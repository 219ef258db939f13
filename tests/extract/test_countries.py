from followup.extract.countries import countries_in


def test_names_aliases_and_demonyms_in_four_languages():
    assert countries_in("Salvadoran authorities and vulnerable Venezuelans") == [
        "El Salvador",
        "Venezuela",
    ]
    assert countries_in("migrantes venezolanos en Colombia y Haití") == [
        "Venezuela",
        "Colombia",
        "Haiti",
    ]
    assert countries_in("o Brasil e o Peru") == ["Brazil", "Peru"]
    assert countries_in("la République dominicaine") == ["Dominican Republic"]
    assert countries_in("US-bound migrants and the Colombian–Venezuelan border") == [
        "United States",
        "Colombia",
        "Venezuela",
    ]


def test_the_longest_name_wins():
    assert countries_in("Papua New Guinea, the Dominican Republic and Dominica") == [
        "Papua New Guinea",
        "Dominican Republic",
        "Dominica",
    ]


def test_ambiguous_words_are_not_countries():
    assert countries_in("Michael Jordan spoke in Spanish to an American audience") == []


def test_a_currency_names_no_country():
    assert countries_in("a US$15 million fund for schools") == []
    assert countries_in("500,000 U.S. dollars for Haiti") == ["Haiti"]
    assert countries_in("10 millones de dólares estadounidenses para Guatemala") == ["Guatemala"]
    assert countries_in("the United States and Canada") == ["United States", "Canada"]

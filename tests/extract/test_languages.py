"""The vocabulary of extraction is data: one file per language, validated when loaded, matched
by whole token and stem."""

import pytest

from followup.extract import extract
from followup.extract.lang import (
    HERE,
    SCHEMA,
    LanguageFileError,
    languages,
    load_language_file,
    rules_for,
)
from followup.read import read_bytes


def actions_of(source: str, name: str = "r.txt", **options):
    items = extract(read_bytes(source.encode(), name), **options)
    return [(i.text, i.fields["actor"], i.fields["status"]) for i in items if i.kind == "action"]


def test_every_language_file_loads_with_every_entry():
    assert languages() == ["en", "es", "fr", "pt"]
    for code in languages():
        rules = rules_for(code)
        assert set(rules.entries) == set(SCHEMA)
        assert rules.entries["action_verbs"], code


def test_words_that_only_begin_like_a_verb_are_not_actions():
    source = """CHALLENGES

Significant challenges remain in the protection of water sources in the region.

Fundamental rights of rural communities are at stake in the water crisis of the region.

Methodological differences between national surveys limit the comparison of the data.
"""
    assert actions_of(source) == []


def test_verbs_in_every_language_are_matched_by_their_stem():
    assert actions_of(
        "Brazil's Ministry of Health vaccinated 2 million children against measles in 2023.\n"
    ) == [
        (
            "Brazil's Ministry of Health vaccinated 2 million children against measles in 2023.",
            "Brazil's Ministry of Health",
            "completed",
        )
    ]
    assert actions_of(
        "O Ministério da Saúde vacinou dois milhões de crianças contra o sarampo em 2023.\n"
    ) == [
        (
            "O Ministério da Saúde vacinou dois milhões de crianças contra o sarampo em 2023.",
            "Ministério da Saúde",
            "completed",
        )
    ]
    # French "a" is the auxiliary of the perfect, not an English article.
    assert actions_of(
        "Le Secrétariat du Mécanisme a distribué des kits d'hygiène dans les écoles rurales.\n"
    ) == [
        (
            "Le Secrétariat du Mécanisme a distribué des kits d'hygiène dans les écoles rurales.",
            "Secrétariat du Mécanisme",
            "completed",
        )
    ]
    assert actions_of(
        "La Secretaría de Salud realizará talleres de gestión del agua en cinco provincias.\n"
    ) == [
        (
            "La Secretaría de Salud realizará talleres de gestión del agua en cinco provincias.",
            "Secretaría de Salud",
            "planned",
        )
    ]


ITALIAN = """language: it
stemmer: italian
action_verbs: [organizzare, pubblicare, distribuire]
irregular_past: []
determiners: [il, la, lo, i, gli, le, un, una]
perfect_auxiliaries: [ha, hanno]
future_auxiliaries: []
of_words: [di, del, della]
planned_cues: [prevede di]
past_endings: [ò, arono]
participle_endings: [ato, ata, ati, ate, ito, ita]
gerund_endings: [ando, endo]
future_endings: [erà, eranno]
"""


def test_adding_a_language_is_adding_a_file(tmp_path):
    (tmp_path / "it.yaml").write_text(ITALIAN, encoding="utf-8")
    italian = rules_for("it", tmp_path)
    assert italian.code == "it"
    source = "Il Segretariato della Commissione ha distribuito kit igienici nelle scuole rurali.\n"
    actions = [(text, status) for text, _, status in actions_of(source, rules=italian)]
    assert actions == [(source.strip(), "completed")]
    # Without the file the Italian sentence has no verb extraction knows.
    assert actions_of(source) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("language: xx\nstemmer: english\n", "it.yaml: 'language' must be 'it', not 'xx'"),
        ("language: it\nstemmer: klingon\n", "it.yaml: stemmer 'klingon' is not a Snowball"),
        ("language: it\nstemmer: italian\nverbs: [a]\n", "it.yaml: unknown entry 'verbs'"),
        (
            "language: it\nstemmer: italian\naction_verbs: [fare, 3]\n",
            "it.yaml, action_verbs, item 2: 3 is not a word",
        ),
        (
            "language: it\nstemmer: italian\ndeterminers: [il, di il]\n",
            "it.yaml, determiners, item 2: 'di il' is a phrase; this entry holds words",
        ),
        ("language: it\nstemmer: italian\nplanned_cues: prevede\n", "it.yaml, planned_cues:"),
        (
            "language: it\nstemmer: italian\nreporting_periods: [annuale]\n",
            "it.yaml, reporting_periods: expected a mapping of phrases to months",
        ),
        (
            "language: it\nstemmer: italian\nreporting_periods:\n  annuale: dodici\n",
            "it.yaml, reporting_periods, 'annuale': 'dodici' is not a number of months (1-120)",
        ),
        ("- a\n- b\n", "it.yaml: expected a mapping of entries"),
        ("language: [\n", "it.yaml: cannot be read"),
    ],
)
def test_a_bad_language_file_names_the_file_and_the_entry(tmp_path, content, message):
    path = tmp_path / "it.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LanguageFileError) as raised:
        load_language_file(path)
    assert str(raised.value).startswith(message)


def test_the_shipped_files_are_where_the_loader_looks():
    assert {p.name for p in HERE.glob("*.yaml")} == {"en.yaml", "es.yaml", "pt.yaml", "fr.yaml"}


def test_periods_map_phrases_to_months_in_every_language():
    assert [
        rules_for(code).months_of(words)
        for code, words in [
            ("en", ["report", "every", "two", "years"]),
            ("es", ["informe", "anual"]),
            ("pt", ["relatório", "semestral"]),
            ("fr", ["rapport", "trimestriel"]),
            ("en", ["report", "soon"]),
        ]
    ] == [24, 12, 6, 3, None]

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.search.text import MAX_QUERY_CHARS, all_stems, fts5_match, parse_query, stems


def test_stems_fold_accents_and_endings_in_each_language():
    assert stems("Las personas migrantes", "es") == ["las", "person", "migrant"]
    assert "migrant" in all_stems("migrantes")
    assert "migrant" in all_stems("migrants")
    assert all_stems("Acción") == all_stems("accion")


def test_phrases_words_and_operators_typed_as_text():
    query = parse_query('"human rights defenders" NEAR migrants* -women: OR')
    assert query.phrases == [["human", "rights", "defenders"]]
    assert query.terms == ["near", "migrants", "women", "or"]


def test_an_unbalanced_quote_and_a_huge_query_are_noted():
    assert parse_query('"migrants').notes == ["An unclosed quote was ignored."]
    huge = parse_query("migrants " * 2000)
    assert any(str(MAX_QUERY_CHARS) in note for note in huge.notes)
    assert huge.terms == ["migrants"]


def test_the_fts5_expression_quotes_every_token():
    match = fts5_match(parse_query('migrantes "small businesses"'))
    assert match == '("migr" OR "migrant") AND ("small busi" OR "small busin" OR "small business")'


@given(st.text(max_size=300))
def test_any_query_parses_into_plain_words(raw):
    query = parse_query(raw)
    for word in [*query.terms, *(w for p in query.phrases for w in p)]:
        assert word
        assert '"' not in word
        assert " " not in word
    if not query.empty:
        assert fts5_match(query).count('"') % 2 == 0


def test_stopword_lists_are_data_and_a_bad_entry_names_its_file_and_line(tmp_path):
    from followup.search.text import StopwordsError, is_stopword, load_stopwords

    lists = load_stopwords()
    assert {"the", "for"} <= lists["en"]
    assert {"las", "para"} <= lists["es"]
    assert {"durante", "pelo"} <= lists["pt"]
    assert {"les", "pour"} <= lists["fr"]
    assert is_stopword("The")
    assert is_stopword("según")
    assert not is_stopword("migrants")
    for language in ("en", "es", "pt"):
        (tmp_path / f"{language}.txt").write_text("the\n")
    (tmp_path / "fr.txt").write_text("# comment\nles\npour les\n")
    with pytest.raises(StopwordsError, match=r"fr.txt, line 3: 'pour les' is not one word"):
        load_stopwords(tmp_path)


def _pure_python_stemmer(name):
    from snowballstemmer import (
        english_stemmer,
        french_stemmer,
        portuguese_stemmer,
        spanish_stemmer,
    )

    return {
        "english": english_stemmer.EnglishStemmer,
        "spanish": spanish_stemmer.SpanishStemmer,
        "portuguese": portuguese_stemmer.PortugueseStemmer,
        "french": french_stemmer.FrenchStemmer,
    }[name]()


SENTENCES = {
    "en": "The governments organized trainings for migrants and indigenous communities",
    "es": "Los gobiernos organizaron capacitaciones para personas migrantes y comunidades",
    "pt": "Os governos organizaram capacitações para pessoas migrantes e comunidades",
    "fr": "Les gouvernements ont organisé des formations pour les communautés migrantes",
}


def test_searches_from_sixteen_threads_get_the_same_answers_as_one(monkeypatch):
    """Snowball stemmers keep state on the instance: the pure-Python ones (used when PyStemmer
    is missing) give wrong stems or raise when shared between threads."""
    import random
    import threading

    from followup.search import text
    from followup.search.bridge import bridge
    from followup.web.templatetags.web import highlight

    monkeypatch.setattr(text.snowballstemmer, "stemmer", _pure_python_stemmer)
    rng = random.Random(7)
    # made-up words by the thousand, so that threads stem at the same time instead of reading
    # each other's cached stems
    texts = [
        (lang, " ".join(w + "".join(rng.choices("aeiounrst", k=4)) + "es" for w in s.split()))
        for _ in range(150)
        for lang, s in SENTENCES.items()
    ]
    queries = ["corrupción", "derechos humanos", "migrants women", '"trata de personas"']

    def answers():
        return (
            [text.stems(t, lang) for lang, t in texts],
            [
                (fts5_match(bridge(parse_query(q))), str(highlight(q, bridge(parse_query(q)))))
                for q in queries
            ],
        )

    text.stem.cache_clear()
    text.all_stems.cache_clear()
    expected = answers()
    text.stem.cache_clear()
    text.all_stems.cache_clear()
    results, errors, stemmers = [], [], []
    start = threading.Barrier(16)

    def work():
        start.wait()
        try:
            results.append(answers())
            # the stemmer itself, not its id: a finished thread's stemmer may be freed and
            # its id reused
            stemmers.append(text._stemmer("es"))
        except Exception as err:
            errors.append(repr(err))

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text.stem.cache_clear()
    text.all_stems.cache_clear()
    assert errors == []
    assert len(results) == 16
    assert all(r == expected for r in results)
    assert len({id(stemmer) for stemmer in stemmers}) == 16  # one stemmer per thread


def test_each_distinct_word_is_stemmed_once(monkeypatch):
    from followup.search import text

    calls = []
    real = text._stemmer

    class Counting:
        def __init__(self, stemmer):
            self.stemmer = stemmer

        def stemWord(self, word):
            calls.append(word)
            return self.stemmer.stemWord(word)

    monkeypatch.setattr(text, "_stemmer", lambda language: Counting(real(language)))
    text.stem.cache_clear()
    document = "Migrants and migrants: the migrants' rights. Migrants and rights."
    assert text.stems(document, "en") == text.stems(document, "en")
    assert sorted(calls) == ["and", "migrants", "rights", "the"]
    text.stem.cache_clear()

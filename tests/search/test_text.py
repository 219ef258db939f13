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

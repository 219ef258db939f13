"""Sentences: exact spans, not fooled by abbreviations, initials or quoted titles."""

from followup.extract.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_sentences_end_at_a_stop_before_a_capital():
    assert sentences("The IACHR met in May. It adopted two reports! Did it? Yes.") == [
        "The IACHR met in May.",
        "It adopted two reports!",
        "Did it?",
        "Yes.",
    ]


def test_abbreviations_and_initials_end_no_sentence():
    text = "Resolution No. 1/20 was adopted in Washington, D.C. on April 10. Dr. J. Smith spoke."
    assert sentences(text) == [
        "Resolution No. 1/20 was adopted in Washington, D.C. on April 10.",
        "Dr. J. Smith spoke.",
    ]


def test_a_full_stop_inside_a_quoted_title_ends_no_sentence():
    text = (
        'The Commission held a webinar entitled "Water Rights. Challenges Ahead," on June 12. '
        "La Comisión publicó la guía “Agua y Saneamiento. Guía Práctica” en julio. It ended."
    )
    assert sentences(text) == [
        'The Commission held a webinar entitled "Water Rights. Challenges Ahead," on June 12.',
        "La Comisión publicó la guía “Agua y Saneamiento. Guía Práctica” en julio.",
        "It ended.",
    ]


def test_a_quote_closed_with_the_sentence_still_ends_it():
    text = 'The Secretary General said "We will act." The Council agreed.'
    assert sentences(text) == ['The Secretary General said "We will act."', "The Council agreed."]

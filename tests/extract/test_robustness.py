"""Odd input never crashes the extraction; what cannot be parsed is kept with a reason."""

from hypothesis import given, settings
from hypothesis import strategies as st

from followup.extract import extract
from followup.read import ReadDocument, read_bytes


def test_a_document_with_no_structure():
    line = "The Commission met in Lima on May 8, 2021 and approved 12 reports " * 400
    document = read_bytes(line.encode(), "one-line.txt")
    items = extract(document)
    assert items
    assert all(document.text[i.start : i.end] == i.text for i in items)


def test_a_citation_that_does_not_parse_is_kept_with_null_fields():
    text = "1. Promote open data in public procurement. (see the annex, 2021)\n"
    [mandate] = [i for i in extract(read_bytes(text.encode(), "m.txt")) if i.kind == "mandate"]
    assert mandate.fields["source"] == {
        "instrument": "see the annex",
        "summit": None,
        "place": None,
        "year": 2021,
    }


def test_a_number_that_overflows_keeps_its_item_and_says_why():
    text = "The Department processed 99999999999999999999999 requests in 2020."
    [figure] = [i for i in extract(read_bytes(text.encode(), "r.txt")) if i.kind == "figure"]
    assert figure.fields["value"] is None
    assert "too large" in figure.unparsed["value"]
    assert figure.as_record("r.txt")["unparsed"] == figure.unparsed


def test_mixed_languages_in_one_document():
    text = (
        "The Inter-American Commission of Women (CIM) organized a webinar on May 4, 2021.\n\n"
        "La Comisión Interamericana de Mujeres (CIM) publicó una guía el 8 de mayo de 2021.\n"
    )
    events = [i for i in extract(read_bytes(text.encode(), "mixed.txt")) if i.kind == "event"]
    assert [e.fields["date"] for e in events] == ["2021-05-04", "2021-05-08"]


def test_an_empty_document_gives_nothing():
    assert extract(ReadDocument(text="")) == []


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=0, max_size=600))
def test_random_text_never_crashes_and_spans_stay_inside(text):
    try:
        document = read_bytes(text.encode("utf-8", "surrogatepass"), "random.txt")
    except Exception as err:
        if type(err).__name__ != "ReadError":  # only a clean ReadError is acceptable
            raise
        return
    for item in extract(document):
        assert 0 <= item.start <= item.end <= len(document.text)
        assert document.text[item.start : item.end] == item.text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The IACHR",
                "(IACHR)",
                "May 8",
                "2,5",
                "1.000.000",
                "—",
                "·",
                "Thirty-three",
                "US$",
                "%",
                "(Lima Commitment. Peru, 2018)",
                "urges States",
                "will hold",
                "de mayo de",
                ";",
                ":",
                "\n",
                " ",
            ]
        ),
        max_size=60,
    )
)
def test_report_like_fragments_never_crash(fragments):
    document = read_bytes(("x " + " ".join(fragments)).encode(), "fragments.txt")
    for item in extract(document):
        assert document.text[item.start : item.end] == item.text

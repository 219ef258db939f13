import pytest

from followup.read import ReadError
from followup.read.text import clean_inline, collapse, decode


def test_utf8_with_byte_order_mark_is_decoded():
    assert decode("\ufeffAcción".encode()) == "Acción"


def test_latin1_bytes_are_detected_and_decoded():
    text = "La Comisión recomendó a los Estados la adopción de políticas públicas de protección."
    assert decode(text.encode("latin-1")) == text


def test_mojibake_and_ligatures_are_repaired_but_curly_quotes_kept():
    assert clean_inline("AcciÃ³n de la CIDH") == "Acción de la CIDH"
    assert clean_inline("ﬁnancing eﬀorts") == "financing efforts"
    assert clean_inline("the IOM’s “response”") == "the IOM’s “response”"


def test_odd_spaces_become_plain_spaces_and_collapse():
    assert collapse("A\u00a0\u00a0report\u200b  on\tmigration ") == "A report on migration"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n ", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 500, "binary"),
    ],
)
def test_empty_and_binary_content_is_refused(data, reason):
    with pytest.raises(ReadError, match=reason):
        decode(data)

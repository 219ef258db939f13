from hypothesis import given, settings
from hypothesis import strategies as st

from followup.read import ReadError, read_bytes
from followup.read.plain import is_heading_line


def kinds_and_texts(document):
    return [(b.kind, document.block_text(b)) for b in document.blocks]


def test_headings_paragraphs_and_bullets_become_blocks():
    source = (
        "ANNUAL REPORT ON MIGRATION\n\n"
        "The Committee met four times during the period.\n\n"
        "Activities of the Department\n"
        "· The Department trained 40 officials.\n"
        " \n"
        "· It published a regional guide.\n"
    )
    document = read_bytes(source.encode(), "report.txt")
    assert kinds_and_texts(document) == [
        ("heading", "ANNUAL REPORT ON MIGRATION"),
        ("paragraph", "The Committee met four times during the period."),
        ("heading", "Activities of the Department"),
        ("list", "· The Department trained 40 officials.\n· It published a regional guide."),
        ("list_item", "The Department trained 40 officials."),
        ("list_item", "It published a regional guide."),
    ]
    items = document.blocks_of("list_item")
    assert [b.marker for b in items] == ["·", "·"]
    assert all(b.parent == 3 for b in items)


def test_nested_items_keep_their_level_and_marker():
    source = "  1. Take concrete actions, to include:\n\n    • c. Protection mechanisms for defenders;\n  1. Promote cooperation.\n"
    items = read_bytes(source.encode(), "mandates.txt").blocks_of("list_item")
    assert [(b.level, b.marker) for b in items] == [(0, "1."), (1, "• c."), (0, "1.")]


def test_a_numbered_short_title_is_a_heading_and_a_numbered_sentence_an_item():
    source = "1. Report by the Department of Public Security (DPS)\n\n1. Adopt national plans on cybersecurity. (Lima Commitment. Peru, 2018)\n"
    document = read_bytes(source.encode(), "report.txt")
    assert [b.kind for b in document.blocks] == ["heading", "list", "list_item"]


def test_lines_wrapped_inside_a_sentence_are_joined():
    source = "The Commission approved 40 reports\nand published 3 thematic studies.\n"
    assert kinds_and_texts(read_bytes(source.encode(), "r.txt")) == [
        ("paragraph", "The Commission approved 40 reports and published 3 thematic studies.")
    ]


def test_markdown_headings_have_levels():
    document = read_bytes(b"# Title\n\n## Section\n\nText.\n\n- item\n", "notes.md")
    assert [(b.kind, b.level) for b in document.blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
        ("list", 0),
        ("list_item", 0),
    ]


def test_sentences_and_contact_lines_are_not_headings():
    assert is_heading_line("DEMOCRACY PILLAR")
    assert is_heading_line("P1: Special Procedural Backlog Reduction Program")
    assert not is_heading_line("These actions include:")
    assert not is_heading_line("The Commission met in Lima.")
    assert not is_heading_line("Contact: press@example.org")
    assert not is_heading_line("Protect whistleblowers. (Lima Commitment. Peru, 2018)")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=400))
def test_any_text_gives_blocks_inside_the_text_in_order(source):
    try:
        document = read_bytes(source.encode(), "random.txt")
    except ReadError:  # the only acceptable failure: any other exception fails the test
        return
    previous_end = 0
    for block in document.blocks:
        assert 0 <= block.start <= block.end <= len(document.text)
        if block.kind != "list":
            assert block.start >= previous_end
            previous_end = block.end
            assert document.block_text(block).strip() == document.block_text(block)

"""The five real OAS documents read with their structure."""

from followup.read import read_path


def headings(document):
    return [document.block_text(b) for b in document.blocks_of("heading")]


def test_every_seed_reads_in_english_with_blocks(seeds):
    for path in seeds:
        document = read_path(path)
        assert document.language == "en", path.name
        assert len(document.blocks) > 20, path.name
        assert "\u00a0" not in document.text
        assert "ﬁ" not in document.text


def test_pillar_and_program_headings_come_out_as_headings(seeds):
    by_name = {p.name[:3]: read_path(p) for p in seeds}
    assert "DEMOCRACY PILLAR" in headings(by_name["000"])
    assert "Secretariat for Hemispheric Affairs (SHA)" in headings(by_name["000"])
    assert "P1: Special Procedural Backlog Reduction Program" in headings(by_name["002"])
    assert "SECURITY: Public Policies" in headings(by_name["001"])
    assert "IOM’s Response in the Americas" in headings(by_name["003"])


def test_bullets_come_out_as_list_items(seeds):
    by_name = {p.name[:3]: read_path(p) for p in seeds}
    items = by_name["003"].blocks_of("list_item")
    assert len(items) >= 15
    assert (
        by_name["003"]
        .block_text(items[0])
        .startswith("Risk communication and community engagement")
    )
    mandates = by_name["001"].blocks_of("list_item")
    assert len(mandates) >= 20
    assert {b.marker for b in mandates} >= {"1.", "• c."}

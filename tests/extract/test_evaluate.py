import json

import pytest
from click.testing import CliRunner

from followup.cli import main
from followup.extract.evaluate import match_items, read_gold, score, token_f1


def record(text, kind="action", doc="d.txt", **fields):
    return {"doc": doc, "kind": kind, "text": text, "countries": [], **fields}


def test_token_f1_ignores_case_and_punctuation():
    assert token_f1("The IACHR, in 2020.", "the iachr in 2020") == 1.0
    assert token_f1("a b c d", "a b") == pytest.approx(2 / 3)
    assert token_f1("", "a") == 0.0


def test_pairs_are_one_to_one_best_first_above_the_threshold():
    predicted = [record("the DPS trained officers"), record("the DPS trained officers in Lima")]
    gold = [record("the DPS trained officers in Lima"), record("something else entirely")]
    assert match_items(predicted, gold) == [(1, 0, 1.0)]


def test_scores_per_kind_and_field_accuracy_on_matched_pairs():
    predicted = [
        record("IOM is providing daily updates", actor="IOM", status="ongoing"),
        record("an unrelated sentence here", actor="X", status="completed"),
        record("Lima meeting on May 8", kind="event", date="2020-05-08"),
    ]
    gold = [
        record("IOM is providing daily updates.", actor="IOM", status="planned"),
        record("Lima meeting on May 8", kind="event", date="2020-05-09"),
        record("a missed figure", kind="figure", value=3),
    ]
    scores = score(predicted, gold)
    assert (scores["action"].precision, scores["action"].recall) == (0.5, 1.0)
    assert scores["action"].as_dict()["fields"] == {"actor": 1.0, "countries": 1.0, "status": 0.0}
    assert scores["event"].as_dict()["fields"]["date"] == 0.0
    assert (scores["figure"].matched, scores["figure"].f1) == (0, 0.0)


def test_a_bad_gold_line_is_reported_with_its_number(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"doc": "a.txt", "kind": "action", "text": "x"}\n{not json\n')
    with pytest.raises(ValueError, match=r"gold\.jsonl, line 2: not JSON"):
        read_gold(path)


def test_the_eval_command_prints_a_table_and_json(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "r.txt").write_text(
        "The Department of Public Security (DPS) trained 40 officials on May 8, 2021."
    )
    gold = [
        record(
            "Department of Public Security",
            kind="organization",
            doc="r.txt",
            name="Department of Public Security",
            acronym="DPS",
        ),
        record("trained 40 officials", kind="figure", doc="r.txt", value=40),
        record("missing.txt action", doc="missing.txt"),
    ]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    args = ["eval", "--gold", str(tmp_path / "gold.jsonl"), "--docs", str(tmp_path / "docs")]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "organization" in table.output
    assert "field accuracy" in table.output
    report = json.loads(CliRunner().invoke(main, [*args, "--json"]).output)
    assert report["kinds"]["organization"]["f1"] == 1.0
    assert report["kinds"]["figure"]["fields"]["value"] == 1.0
    assert report["kinds"]["action"]["recall"] == 0.0
    assert report["problems"] == ["missing.txt: no such file; its gold items count as missed"]


def test_the_extract_command_prints_gold_schema_with_offsets(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(
        "The Inter-American Commission of Women (CIM) held a forum on May 4, 2021 and published its conclusions."
    )
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    records = [json.loads(line) for line in result.output.splitlines()]
    kinds = {r["kind"] for r in records}
    assert {"organization", "event", "action"} <= kinds
    event = next(r for r in records if r["kind"] == "event")
    assert set(event) == {
        "doc",
        "kind",
        "text",
        "countries",
        "date",
        "end_date",
        "actor",
        "start",
        "end",
    }
    from followup.read import read_path

    assert read_path(path).text[event["start"] : event["end"]] == event["text"]


def test_the_extract_command_names_a_bad_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output


def _annotated_set(folder, names):
    """Documents of our own, each defining one organization, and their gold items."""
    (folder / "docs").mkdir(parents=True)
    gold = []
    for name, (body, acronym) in names.items():
        (folder / "docs" / name).write_text(f"The {body} ({acronym}) met in Lima on May 8, 2021.\n")
        gold.append(record(body, kind="organization", doc=name, name=body, acronym=acronym))
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold))
    return folder / "gold.jsonl", folder / "docs"


HELD_OUT = {
    f"h{n}.txt": (f"{word} Water Council", f"{word[0]}WC")
    for n, word in enumerate(["Andean", "Boreal", "Coastal", "Desert", "Eastern", "Forest"])
}


def test_held_out_documents_are_never_scored_by_a_model_that_saw_them(tmp_path):
    from followup.extract import extract
    from followup.extract.evaluate import cross_validate, fold_of

    tuned = _annotated_set(tmp_path / "tuned", {"t.txt": ("Tuned Water Council", "TWC")})
    held = _annotated_set(tmp_path / "held", HELD_OUT)
    trained_on = []

    def fit(training):
        seen = {gold["doc"] for gold, _ in training}
        trained_on.append(seen)

        def extract_unseen(document):
            return extract(document)

        return extract_unseen

    report = cross_validate(tuned, held, folds=3, fit=fit)
    # One model for the tuned column (all documents), then one per fold that has documents.
    assert trained_on[0] == {"t.txt", *HELD_OUT}
    folds = {fold_of(name, 3) for name in HELD_OUT}
    assert len(trained_on) == 1 + len(folds)
    for fold, seen in zip(sorted(folds), trained_on[1:], strict=True):
        scored = {name for name in HELD_OUT if fold_of(name, 3) == fold}
        assert scored.isdisjoint(seen)
        assert seen == {"t.txt", *HELD_OUT} - scored
    assert report["tuned"]["documents"] == 1
    assert report["held_out"]["documents"] == 6
    assert report["held_out"]["folds"] == 3
    assert report["held_out"]["kinds"]["organization"]["f1"] == 1.0


def test_the_eval_command_prints_the_tuned_and_held_out_columns(tmp_path):
    tuned = _annotated_set(tmp_path / "tuned", {"t.txt": ("Tuned Water Council", "TWC")})
    held = _annotated_set(tmp_path / "held", HELD_OUT)
    args = ["eval", "--gold", str(tuned[0]), "--docs", str(tuned[1])]
    args += ["--held-out-gold", str(held[0]), "--held-out-docs", str(held[1]), "--folds", "3"]
    table = CliRunner().invoke(main, args)
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert "tuned (1 documents)" in lines[0]
    assert "held-out (6 documents)" in lines[0]
    organization = next(line for line in lines if line.startswith("organization"))
    assert organization.split()[1:] == [
        *["1", "1", "1", "1.000", "1.000", "1.000"],
        *["6", "6", "6", "1.000", "1.000", "1.000"],
    ]
    missing = CliRunner().invoke(main, [*args[:5], "--held-out-gold", str(held[0])])
    assert missing.exit_code == 2
    assert "--held-out-gold and --held-out-docs go together" in missing.output

"""One list of extractors and one overlap rule: a passage states at most one statement
(mandate, recommendation, action); facts (organizations, events, figures) sit inside any."""

from followup.extract import EXTRACTORS, extract
from followup.extract.pipeline import Taken
from followup.read import read_bytes


def test_taken_passages_merge_and_answer_overlaps():
    taken = Taken([(10, 20), (40, 50)])
    taken.add(18, 30)  # joins the first
    assert list(taken) == [(10, 30), (40, 50)]
    assert taken.overlaps(29, 35)
    assert not taken.overlaps(30, 40)  # touching is not overlapping
    assert taken.overlaps(0, 11)
    assert not taken.overlaps(50, 60)
    taken.add(5, 45)  # swallows both
    assert list(taken) == [(5, 50)]


def test_the_extractors_run_statements_in_priority_order():
    statements = [e.name for e in EXTRACTORS if e.statement]
    assert statements == [
        "resolution mandates",
        "cited mandates",
        "agreed mandates",
        "listed mandates",
        "press release recommendations",
        "recommendations",
        "actions",
    ]


def test_a_cited_mandate_is_not_also_an_action_but_keeps_its_facts():
    source = (
        "SECURITY\n\n"
        "· Strengthen the Inter-American Network of Police Academies (IANPA) and train 300 "
        "officers by 2025 (Plan of Action on Security, X Summit of the Americas, Lima, 2024).\n"
    )
    items = extract(read_bytes(source.encode(), "m.txt"))
    kinds = sorted(i.kind for i in items)
    assert kinds == ["figure", "mandate", "organization"]

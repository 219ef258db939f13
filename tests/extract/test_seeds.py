"""Quality on the annotated seed documents: the targets each kind and field must meet."""

from followup.extract.evaluate import evaluate_folder
from tests.conftest import GOLD, SEEDS

F1_FLOORS = {
    "mandate": 0.9,
    "organization": 0.9,
    "figure": 0.9,
    "event": 0.9,
    "action": 0.8,
    "recommendation": 0.8,
}
FIELD_FLOORS = {
    "acronym": 0.85,
    "name": 0.85,
    "source": 0.85,
    "value": 0.85,
    "date": 0.85,
    "countries": 0.85,
    "status": 0.85,
    "actor": 0.85,
}


def test_extraction_on_the_seed_gold(seeds):
    report = evaluate_folder(GOLD, SEEDS)
    assert report["problems"] == []
    f1 = {kind: row["f1"] for kind, row in report["kinds"].items()}
    assert all(f1[kind] >= floor for kind, floor in F1_FLOORS.items()), f1
    assert all(report["fields"][name] >= floor for name, floor in FIELD_FLOORS.items()), report[
        "fields"
    ]

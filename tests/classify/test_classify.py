"""Classification: taxonomies as data, lexicon and embedding evidence, measured."""

import doctest

import pytest

import followup.classify
from followup.classify import classify, classify_many
from followup.classify.evaluate import groups_report, sdg_report
from followup.classify.sdg import benchmark_rows, cross_validate, examples
from followup.taxonomies import TaxonomyError, load_taxonomy
from tests.conftest import GOLD


def test_the_module_examples_hold():
    assert doctest.testmod(followup.classify).failed == 0


def test_taxonomies_have_labels_in_four_languages():
    assert len(load_taxonomy("sdgs")) == 17
    assert len(load_taxonomy("pillars")) == 4
    assert len(load_taxonomy("themes")) >= 15
    assert len(load_taxonomy("population_groups")) == 18
    assert load_taxonomy("sdgs")[5].label("pt") == "6 Água potável e saneamento"


def test_a_bad_taxonomy_file_is_refused_with_its_entry(tmp_path):
    (tmp_path / "broken.yaml").write_text("- id: x\n  labels: {en: X, es: X}\n")
    with pytest.raises(TaxonomyError, match="entry 1 \\(x\\): no label in pt, fr"):
        load_taxonomy("broken", tmp_path)


def test_a_text_and_its_translation_get_the_same_labels():
    english = classify(
        "The Department trained police officers to protect migrants and victims of trafficking."
    )
    spanish = classify(
        "El Departamento capacitó a policías para proteger a migrantes y víctimas de trata de personas."
    )
    for taxonomy in ("pillars", "population_groups", "sdgs"):
        assert {label for label, _ in english[taxonomy]} == {
            label for label, _ in spanish[taxonomy]
        }, taxonomy


@pytest.mark.parametrize("text", ["", "   ", "ok", "12345 67890", "%%%% ### !!!", "lorem " * 20000])
def test_empty_short_long_and_non_language_texts_never_fail(text):
    [result] = classify_many([text])
    assert set(result) == {"pillars", "themes", "population_groups", "sdgs", "sdg_targets"}
    if len(text.split()) < 3:
        assert all(not labels for labels in result.values())


def test_sdg_relevance_on_the_public_benchmark_is_cross_validated_above_85():
    report = sdg_report()
    assert report["texts"] == 1251
    assert report["accuracy"] >= 0.85
    assert set(report["per_goal"]) == set(range(1, 18))


def test_cross_validation_never_scores_a_text_with_a_model_that_saw_it():
    import numpy as np

    rows = benchmark_rows()[:300]
    x, y, goal = examples(rows)
    shuffled = np.random.default_rng(1).permutation(y)  # labels unrelated to the texts
    assert cross_validate(x, shuffled, goal)["accuracy"] < 0.6  # an honest estimate is a coin toss


def test_population_groups_against_the_gold(seeds):
    report = groups_report(GOLD)
    assert report["texts"] > 400
    assert report["micro_f1"] >= 0.8


def test_the_classifier_is_not_english_only():
    from followup.classify.evaluate import sdg_spanish_report

    report = sdg_spanish_report()
    assert report["texts"] >= 100
    assert report["accuracy_es"] >= 0.8
    assert abs(report["accuracy_es"] - report["accuracy_en_same_texts"]) <= 0.05

"""The plain-Python core: stage machine, data files, triage scores, urgency cues, figures."""

from datetime import date

import pytest

from followup.petitions.core import triage
from followup.petitions.core.data import DataFileError, load_indicators, load_rights
from followup.petitions.core.figures import decision_times, review_figures
from followup.petitions.core.stages import InvalidDecision, load_machines, machine


def test_a_petition_goes_from_initial_review_to_the_court():
    petition = machine("petition")
    path = [
        ("initial_review", "open_for_processing", "processing"),
        ("processing", "begin_admissibility", "admissibility"),
        ("admissibility", "admissible", "merits"),
        ("merits", "merits_report", "follow_up"),
        ("follow_up", "refer_to_court", "court"),
    ]
    for source, decision, target in path:
        assert petition.decide(source, decision).target == target
    assert petition.is_final("court")


def test_a_decision_out_of_its_stage_is_refused_naming_the_stages_allowed():
    with pytest.raises(InvalidDecision, match="only in admissibility"):
        machine("petition").decide("initial_review", "admissible")
    with pytest.raises(InvalidDecision, match="no decision 'approve'"):
        machine("petition").decide("initial_review", "approve")


def test_a_friendly_settlement_opens_from_transmission_onwards_and_a_closed_one_returns():
    petition = machine("petition")
    assert [
        s for s in petition.stages if "open_negotiation" in [d.id for d in petition.available(s)]
    ] == ["processing", "admissibility", "merits"]
    closed = petition.decide("settlement_agreement", "close_negotiation", previous="merits")
    assert (closed.source, closed.target) == ("settlement_agreement", "merits")
    with pytest.raises(InvalidDecision, match="there is none"):
        petition.decide("settlement_negotiation", "close_negotiation", previous="")


def test_requesting_information_stays_in_the_stage_and_opens_the_petitioners_deadline():
    outcome = machine("petition").decide("initial_review", "request_information")
    assert (outcome.moves, outcome.decision.deadline, outcome.decision.party) == (
        False,
        "more_information",
        "petitioner",
    )


def test_precautionary_requests_are_granted_extended_and_lifted_with_resolutions():
    measures = machine("precautionary")
    assert measures.decide("evaluation", "grant").target == "granted"
    assert measures.decide("granted", "extend").target == "granted"
    assert measures.decide("granted", "lift").target == "lifted"
    assert all(measures.decisions[d].document for d in ("grant", "extend", "reject", "lift"))


def test_a_machine_file_with_a_decision_to_an_unknown_stage_is_refused_by_name(tmp_path):
    bad = tmp_path / "stages.yaml"
    bad.write_text(
        "petition:\n  stages:\n    a: {en: A, es: A, pt: A, fr: A}\n  initial: a\n"
        "  decisions:\n    go: {from: [a], to: nowhere, en: Go, es: Ir, pt: Ir, fr: Aller}\n"
        "precautionary:\n  stages:\n    a: {en: A, es: A, pt: A, fr: A}\n  initial: a\n  decisions: {}\n"
    )
    with pytest.raises(
        DataFileError, match=r"stages.yaml, petition, decision go: to 'nowhere' is not a stage"
    ):
        load_machines(bad)


def test_every_stage_and_decision_has_its_label_in_four_languages():
    for kind in ("petition", "precautionary"):
        for entry in [*machine(kind).stages.values(), *machine(kind).decisions.values()]:
            assert set(entry.labels) == {"en", "es", "pt", "fr"}


def test_the_rights_are_the_convention_and_declaration_articles_in_four_languages():
    rights = load_rights()
    assert rights["ACHR-4"].label("es") == "Derecho a la vida"
    assert rights["ADRDM-XVIII"].label("fr") == "Droit à la justice"
    assert {r.instrument for r in rights.values()} == {"ACHR", "ADRDM"}
    assert len([r for r in rights.values() if r.instrument == "ADRDM"]) == 28


def test_a_rights_file_missing_a_language_names_the_article(tmp_path):
    bad = tmp_path / "rights.yaml"
    bad.write_text("- {id: ACHR-4, instrument: ACHR, article: '4', en: Life, es: Vida, pt: Vida}\n")
    with pytest.raises(DataFileError, match=r"rights\.yaml, ACHR-4: missing text in fr"):
        load_rights(bad)


def test_scores_are_weighted_means_of_answers_per_requirement():
    answers = {
        "threat_to_life": 3,
        "source_identified": 2,
        "protection_denied": 2,
        "imminence": 3,
        "escalation": 2,
        "whereabouts_unknown": 1,
        "irreversibility": 2,
        "health_condition": 0,
        "collective_impact": 0,
    }
    scores = triage.score(answers)
    assert scores.as_dict() == {
        "seriousness": 1.0,
        "urgency": 1.0,
        "irreparable_harm": 0.5,
        "combined": 0.8333,
    }
    assert triage.score({}).combined == 0.0


def test_an_answer_off_the_scale_or_to_no_indicator_is_refused_by_name():
    with pytest.raises(
        triage.InvalidAnswers, match="imminence: the answer must be a whole number from 0 to 3"
    ):
        triage.score({"imminence": 4})
    with pytest.raises(triage.InvalidAnswers, match="weather: no such indicator"):
        triage.score({"weather": 1})


def test_every_indicator_has_question_guidance_scale_and_weight():
    for indicator in load_indicators():
        assert set(indicator.question) == set(indicator.guidance) == {"en", "es", "pt", "fr"}
        assert indicator.scale >= 1
        assert indicator.weight > 0


def test_urgent_requests_come_first_then_score_then_waiting():
    assert triage.priority(0.1, 0, urgent=True) > triage.priority(0.9, 60)
    assert triage.priority(0.5, 30) > triage.priority(0.5, 2)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "es",
            "La lideresa social fue amenazada de muerte el lunes.",
            [
                ("defender_or_journalist", "lideresa social"),
                ("imminent_threat", "amenazada de muerte"),
            ],
        ),
        (
            "en",
            "Since Friday he has been held incommunicado by the police.",
            [("incommunicado_detention", "held incommunicado")],
        ),
        (
            "pt",
            "O jornalista ameaçado teve o atendimento médico negado na prisão.",
            [
                ("defender_or_journalist", "jornalista ameaçado"),
                ("health_emergency", "atendimento médico negado"),
            ],
        ),
        (
            "fr",
            "Elle est détenue au secret depuis trois jours.",
            [("incommunicado_detention", "détenue au secret")],
        ),
    ],
)
def test_urgency_cues_are_found_in_each_language_with_their_passage(language, text, expected):
    passages = triage.urgent_passages(text, language)
    assert [(p.category, text[p.start : p.end]) for p in passages] == expected
    assert all(text[p.sentence_start : p.sentence_end].strip() == text.strip() for p in passages)


def test_a_calm_request_raises_no_flag():
    assert (
        triage.urgent_passages("The family asks for information about a pension file.", "en") == []
    )


def test_the_seed_report_on_the_commission_raises_no_false_urgency_on_its_statistics(seeds):
    text = next(p for p in seeds if "precautionary" in p.read_text()).read_text()
    categories = {p.category for p in triage.urgent_passages(text, "en")}
    assert "incommunicado_detention" not in categories


def test_review_figures_count_evaluations_by_year_received_and_outcome():
    evaluations = [
        (date(2024, 5, 1), "not_open"),
        (date(2025, 3, 1), "open_for_processing"),
        (date(2025, 4, 1), "not_open"),
        (date(2026, 1, 9), "request_information"),
        (date(2020, 1, 1), "not_open"),
        (date(2026, 2, 1), "begin_admissibility"),
    ]
    figures = review_figures(2026, evaluations)
    assert figures.as_dict() == {
        "year": 2026,
        "evaluated": 5,
        "received_two_years_before": 1,
        "received_year_before": 2,
        "received_same_year": 1,
        "received_earlier": 1,
        "processed_count": 1,
        "not_processed_count": 3,
        "more_information_count": 1,
        "processed_share": 0.2,
        "not_processed_share": 0.6,
        "more_information_share": 0.2,
    }


def test_decision_times_give_the_share_under_90_days_and_in_the_same_month():
    times = decision_times(
        [
            (date(2026, 1, 2), date(2026, 1, 20)),
            (date(2026, 1, 2), date(2026, 6, 1)),
            (date(2026, 3, 30), date(2026, 4, 2)),
        ]
    )
    assert (times.decided, times.under_90_days, times.same_month, times.median_days()) == (
        3,
        2,
        1,
        18.0,
    )

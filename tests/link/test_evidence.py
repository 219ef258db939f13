"""Implementation evidence: actions that may implement a mandate, ranked, with analysts' decisions."""

import json

import pytest

from followup.corpus.actions import do_ingest_file
from followup.corpus.actions.links import do_decide_link, suggestions_for
from followup.corpus.models import Item
from followup.errors import Forbidden
from followup.link.evidence import Candidate, score
from followup.link.ranking import FEATURES, Ranker

EVERY_FEATURE_HELPS = Ranker(dict.fromkeys(FEATURES, 1.0), -3.0)

pytestmark = pytest.mark.django_db


def test_the_score_grows_with_meaning_themes_countries_bodies_and_timing():
    mandate = Candidate(1, {"cybersecurity"}, {"HT"}, {"CICTE"}, 2018)
    close = Candidate(2, {"cybersecurity"}, {"HT"}, {"CICTE"}, 2020)
    far = Candidate(3, {"health"}, {"MX"}, {"PAHO"}, 2010)
    high, reasons = score(mandate, close, 0.5, EVERY_FEATURE_HELPS)
    low, _ = score(mandate, far, 0.5, EVERY_FEATURE_HELPS)
    assert high > low
    assert reasons == [
        "similar meaning (0.50)",
        "shared themes: cybersecurity",
        "shared countries: HT",
        "shared bodies: CICTE",
        "after the mandate",
    ]


@pytest.fixture
def seeds_stored(seeds, registries):
    by_prefix = {p.name[:3]: p for p in seeds}
    for prefix in ("000", "001"):
        do_ingest_file(by_prefix[prefix])


@pytest.mark.parametrize(
    ("mandate_words", "action_words"),
    [
        ("cybersecurity risk management", ("cyber",)),
        (
            "prosecute, investigate, and punish offenses of corruption",
            ("corruption", "transparency", "integrity"),
        ),
        (
            "national plans or strategies on digital transformation",
            ("digital", "e-government", "technolog"),
        ),
    ],
)
def test_summit_mandates_surface_the_matching_covid_response_actions(
    seeds_stored, mandate_words, action_words
):
    mandate = Item.objects.get(kind="mandate", text__icontains=mandate_words.split(",")[0])
    top = suggestions_for(mandate, 5)
    assert any(
        row["item"].document.file_name.startswith("000")
        and any(w in row["item"].text.lower() for w in action_words)
        for row in top
    ), [r["item"].text[:80] for r in top]


def test_confirmed_links_come_first_and_rejected_ones_never_again(
    seeds_stored, django_user_model, client
):
    from followup.tracking.models import Profile

    analyst = django_user_model.objects.create_user("analyst", password="pw-analyst-2024!")
    Profile.objects.create(user=analyst, role=Profile.ANALYST)
    mandate = Item.objects.filter(kind="mandate").first()
    first, second = suggestions_for(mandate, 2)
    do_decide_link(analyst, mandate.pk, second["item"].pk, "confirmed")
    do_decide_link(analyst, mandate.pk, first["item"].pk, "rejected")
    ranked = suggestions_for(mandate, 10)
    assert ranked[0]["item"] == second["item"]
    assert ranked[0]["decision"] == "confirmed"
    assert first["item"] not in [r["item"] for r in ranked]
    link = mandate.evidence_links.get(decision="confirmed")
    assert (link.decided_by, link.decided_at is not None) == (analyst, True)
    assert client.get(f"/api/items/{mandate.pk}/evidence").json()[0]["decision"] == "confirmed"
    client.force_login(analyst)
    third = ranked[1]["item"]
    answer = client.post(
        f"/api/items/{mandate.pk}/evidence/{third.pk}",
        json.dumps({"decision": "maybe"}),
        content_type="application/json",
    )
    assert answer.status_code == 422


def test_only_analysts_decide(seeds_stored, django_user_model):
    visitor = django_user_model.objects.create_user("visitor", password="pw-visitor-2024!")
    mandate = Item.objects.filter(kind="mandate").first()
    [row] = suggestions_for(mandate, 1)
    with pytest.raises(Forbidden):
        do_decide_link(visitor, mandate.pk, row["item"].pk, "confirmed")


def test_near_duplicates_across_reports_form_a_group(tmp_path, registries, client):
    from followup.corpus.actions.links import do_group_duplicates
    from followup.link.duplicates import groups

    assert groups([(1, 2), (2, 3), (7, 8)]) == [[1, 2, 3], [7, 8]]
    text = "The Commission urges States to guarantee access to public information on emergency spending."
    for name, body in [
        ("a.txt", text),
        ("b.txt", "ANNEX\n\n" + text),
        ("c.txt", "The Commission urges States to protect journalists."),
    ]:
        path = tmp_path / name
        path.write_text(body)
        do_ingest_file(path)
    found = do_group_duplicates()
    repeated = Item.objects.filter(kind="recommendation", text=text)
    assert [sorted(repeated.values_list("pk", flat=True))] == [
        g for g in found if set(g) & set(repeated.values_list("pk", flat=True))
    ]
    assert len({i.duplicate_group for i in repeated}) == 1
    assert (
        Item.objects.get(text__startswith="The Commission urges States to protect").duplicate_group
        is None
    )
    listed = client.get("/api/items/duplicates/").json()["items"]
    assert any(set(g["items"]) == set(repeated.values_list("pk", flat=True)) for g in listed)
    first = repeated.first()
    assert "The same text elsewhere" in client.get(f"/items/{first.pk}/").content.decode()


def test_rankings_are_fused_with_each_item_once():
    from followup.link.duplicates import fuse

    assert [key for key, _ in fuse([[3, 1, 2], [1, 4, 1]])] == [1, 3, 4, 2]


def test_a_copy_or_near_copy_is_folded_into_the_first_shown():
    import numpy as np

    from followup.link.duplicates import collapse

    east, near_east, north = np.array([1.0, 0.0]), np.array([0.99, 0.141]), np.array([0.0, 1.0])
    texts = {1: "Training  of judges.", 2: "training of judges.", 3: "Other.", 4: "More.", 5: ""}
    vectors = {3: east, 4: near_east, 5: north}
    assert collapse([1, 2, 3, 1, 4, 5], texts, vectors) == [(1, [2]), (3, [4]), (5, [])]


def test_shared_words_are_a_reason():
    mandate = Candidate(1, words={"registr": "registry", "civil": "civil", "birth": "birth"})
    action = Candidate(2, words={"registr": "registries", "civil": "civil", "water": "water"})
    value, reasons = score(mandate, action, 0.3, EVERY_FEATURE_HELPS)
    assert reasons == ["similar meaning (0.30)", "shared words: civil, registry"]
    assert value > score(mandate, Candidate(3), 0.3, EVERY_FEATURE_HELPS)[0]


def test_the_reasons_are_the_features_that_raised_the_score():
    mandate = Candidate(1, {"health"}, {"HT"}, year=2018)
    action = Candidate(2, {"health"}, {"HT"}, year=2020)
    countries_count_against = Ranker({**dict.fromkeys(FEATURES, 1.0), "countries": -1.0}, 0.0)
    _, reasons = score(mandate, action, 0.4, countries_count_against)
    assert reasons == ["similar meaning (0.40)", "shared themes: health", "after the mandate"]


def test_a_ranking_is_learned_from_graded_pairs_and_its_weights_are_data(tmp_path):
    import json
    import random

    from followup.link.ranking import RankingError, fit, load_ranker, save_ranker

    rng = random.Random(3)
    samples = []
    for _ in range(400):
        meaning, themes, event = rng.random(), rng.random() < 0.5, rng.random() < 0.5
        relevant = meaning + 0.4 * themes - 0.3 * event > 0.8
        samples.append(
            ({"meaning": meaning, "themes": float(themes), "event": float(event)}, float(relevant))
        )
    ranker = fit(samples)
    assert ranker.weights["meaning"] > ranker.weights["themes"] > 0 > ranker.weights["event"]
    assert abs(ranker.weights["countries"]) < 0.01  # never seen: nothing learned
    save_ranker(ranker, tmp_path / "ranking.json")
    assert load_ranker(tmp_path / "ranking.json").weights == pytest.approx(ranker.weights, abs=1e-4)
    (tmp_path / "bad.json").write_text(json.dumps({"weights": {"meaning": 1, "colour": 2}}))
    with pytest.raises(RankingError, match=r"bad.json: unknown features \['colour'\]"):
        load_ranker(tmp_path / "bad.json")
    (tmp_path / "text.json").write_text(json.dumps({"weights": {"meaning": "high"}}))
    with pytest.raises(RankingError, match=r"text\.json, weight 'meaning': 'high' is not a number"):
        load_ranker(tmp_path / "text.json")
    with pytest.raises(RankingError, match="no graded pairs"):
        fit([])


REPORT = """PROGRESS REPORT

The Ministry of the Interior of Peru launched a campaign to register births in the civil registry of rural districts on May 2, 2024.

The Ministry of the Interior of Peru launched a campaign to register births in the civil registry of rural districts on May 2, 2024.

The Secretariat organized a webinar on water governance in Jamaica on June 8, 2024.

The Department of Public Security trained 40 officers on cybercrime in Jamaica.
"""
MANDATE = "In June 2023, the Summit of the Americas agreed to “strengthen civil registry systems so that every birth is registered.”"


def test_evidence_draws_on_words_and_meaning_and_never_shows_a_copy_twice(
    tmp_path, registries, client
):
    for name, body in (("report.txt", REPORT), ("declaration.txt", MANDATE)):
        path = tmp_path / name
        path.write_text(body)
        do_ingest_file(path)
    mandate = Item.objects.get(kind="mandate")
    rows = suggestions_for(mandate, 10)
    campaign = Item.objects.filter(text__contains="launched a campaign")
    assert campaign.count() == 4  # an action and an event, twice
    first = rows[0]
    assert first["item"] in campaign
    assert sorted(o.pk for o in first["similar"]) == sorted(
        campaign.exclude(pk=first["item"].pk).values_list("pk", flat=True)
    )
    assert first["reasons"][1] == "shared words: birth, civil, registered, registry"
    shown = [r["item"].pk for r in rows]
    assert len(shown) == len(set(shown))
    html = client.get(f"/items/{mandate.pk}/").content.decode()
    assert "and 3 similar" in html


def test_train_ranking_learns_from_graded_spans_and_analysts_decisions(
    tmp_path, registries, django_user_model
):
    import yaml
    from click.testing import CliRunner

    from followup.cli import main
    from followup.corpus.models import ImplementationLink
    from followup.link.ranking import load_ranker

    for name, body in (("report.txt", REPORT), ("declaration.txt", MANDATE)):
        path = tmp_path / name
        path.write_text(body)
        do_ingest_file(path)
    mandate = Item.objects.get(kind="mandate")
    campaign = Item.objects.filter(kind="action", text__contains="launched a campaign").first()
    webinar = Item.objects.get(text__contains="webinar on water")
    graded = tmp_path / "graded.yaml"
    span = {"doc": "report.txt", "start": campaign.start, "end": campaign.end, "grade": 2}
    target = {"doc": "declaration.txt", "start": mandate.start, "end": mandate.end}
    graded.write_text(yaml.safe_dump([{"target": target, "actions": [span]}]))
    ImplementationLink.objects.create(target=mandate, action=webinar, decision="rejected")
    output = tmp_path / "ranking.json"
    result = CliRunner().invoke(
        main, ["train-ranking", "--graded", str(graded), "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    ranker = load_ranker(output)
    assert ranker.fitted_on["analyst_decisions"] == 1
    assert ranker.fitted_on["graded_pairs"] >= 3
    assert ranker.fitted_on["relevant"] == 2  # the campaign, as an action and as an event
    rows = suggestions_for(mandate, 5, ranker=ranker)
    assert "launched a campaign" in rows[0]["item"].text
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump([{"target": target, "actions": [{**span, "grade": 3}]}]))
    result = CliRunner().invoke(
        main, ["train-ranking", "--graded", str(bad), "--output", str(output)]
    )
    assert result.exit_code != 0
    assert "bad.yaml, entry 1: a span needs doc, start, end and a grade of 1 or 2" in result.output

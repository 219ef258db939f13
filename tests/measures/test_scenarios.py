"""The scenario model: it recovers what it generated, is backtested honestly beside naive
baselines on real cases, and its page says what it assumes."""

import numpy as np
import pytest
from django.urls import reverse

from followup.measures import oxcgrt, scenarios

from .test_indices import read_fixture


def test_the_fit_recovers_the_parameters_of_a_simulated_epidemic():
    stringency = np.concatenate([np.zeros(20), np.full(40, 70.0)])
    cases = scenarios.simulate(0.5, 0.6, 20, stringency, 1e6, 5)
    model = scenarios.fit(cases, stringency, 1e6)
    assert model.beta0 == pytest.approx(0.5, rel=0.02)
    assert model.k == pytest.approx(0.6, rel=0.02)
    assert model.exposed0 == pytest.approx(20, rel=0.05)


def test_higher_stringency_means_fewer_cases_in_the_projection():
    stringency = np.concatenate([np.zeros(20), np.full(20, 50.0)])
    cases = scenarios.simulate(0.45, 0.7, 30, stringency, 5e6, 10)
    model = scenarios.fit(cases, stringency, 5e6)
    strict, _, _ = scenarios.project(model, np.concatenate([stringency, np.full(28, 90.0)]))
    lifted, low, high = scenarios.project(model, np.concatenate([stringency, np.full(28, 0.0)]))
    assert strict[-1] < lifted[-1]
    assert np.all(low <= lifted)
    assert np.all(lifted <= high)


def united_kingdom_2020():
    result = read_fixture("oxcgrt_full_GBR.csv")
    rows = [r for r in result.rows if r.place == "GBR" and r.day.year == 2020]
    computed = dict(oxcgrt.published_by_place(rows, result.layout))
    cases = np.array([r.confirmed_cases for r in rows], dtype=float)
    stringency = np.array([computed[r]["StringencyIndex_WeightedAverage"] for r in rows])
    return cases, stringency


def test_the_backtest_on_real_cases_scores_the_model_and_both_baselines_on_the_same_days():
    cases, stringency = united_kingdom_2020()
    results = scenarios.backtest(cases, stringency, 67_000_000, fit_days=13)
    assert [(r.fitted_through, r.horizon) for r in results] == [(12, 14), (12, 28)]
    for result in results:
        for error in (result.model, result.last_value, result.linear_trend):
            assert np.isfinite(error)
            assert error >= 0
    # The naive last-value forecast misses an epidemic that grows: its error grows with the horizon.
    assert results[1].last_value > results[0].last_value


def test_mape():
    assert scenarios.mape(np.array([110.0, 90.0]), np.array([100.0, 100.0])) == pytest.approx(10.0)


@pytest.mark.django_db
def test_the_page_shows_the_assumptions_the_backtest_and_the_paths(client, gbr):
    url = reverse("measures:scenarios", args=["GBR"]) + "?population=67000000"
    html = client.get(url).content.decode()
    assert "This is a model, not a forecast of what will happen." in html
    assert "What the model assumes" in html
    assert html.count("<tr>") == 3  # header + the 14- and 28-day horizons
    assert "Last value" in html
    assert "Linear trend" in html
    assert "<polyline" in html
    client.cookies["django_language"] = "es"
    assert "Qué supone el modelo" in client.get(url).content.decode()


@pytest.mark.django_db
def test_without_a_population_the_page_asks_for_it(client, gbr):
    html = client.get(reverse("measures:scenarios", args=["GBR"])).content.decode()
    assert "The model needs the population and at least 21 days of confirmed cases." in html

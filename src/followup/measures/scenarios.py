"""Scenario models, labelled as models: an SEIR model whose contact rate falls with the
stringency index, fitted to a case series with scipy, projected along chosen stringency paths
with uncertainty bands, and backtested against naive baselines in the same run.

What the model assumes (shown on the page): one well-mixed population of the jurisdiction's
size; an incubation of 5.2 days and an infectious period of 10 days (fixed, not fitted); every
infection is eventually reported (confirmed cases are the cumulative infections that became
infectious); the contact rate is β(t) = β₀ · (1 − k · S(t)/100) with S the stringency index on
that day; no vaccination, waning immunity, importation or change in testing. Only β₀, k and the
initially exposed are fitted, on log daily cases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.integrate import solve_ivp
from scipy.optimize import least_squares

INCUBATION_DAYS = 5.2
INFECTIOUS_DAYS = 10.0
HORIZONS = (14, 28)


@dataclass(frozen=True)
class Fit:
    beta0: float
    k: float
    exposed0: float
    covariance: np.ndarray
    population: float
    first_cases: float


def simulate(
    beta0: float,
    k: float,
    exposed0: float,
    stringency: np.ndarray,
    population: float,
    first_cases: float,
) -> np.ndarray:
    """Cumulative reported cases for each day of the stringency path."""
    sigma, gamma = 1 / INCUBATION_DAYS, 1 / INFECTIOUS_DAYS
    days = len(stringency)

    def beta(t: float) -> float:
        s = stringency[min(int(t), days - 1)]
        return beta0 * max(1 - k * s / 100, 0.0)

    def rates(t, y):
        s, e, i, _r, _c = y
        infection = beta(t) * s * i / population
        return [-infection, infection - sigma * e, sigma * e - gamma * i, gamma * i, sigma * e]

    start = [population - exposed0 - first_cases, exposed0, first_cases, 0.0, first_cases]
    solution = solve_ivp(
        rates, (0, days - 1), start, t_eval=np.arange(days), method="LSODA", rtol=1e-6, atol=1e-3
    )
    if not solution.success or solution.y.shape[1] != days:
        return np.full(days, np.nan)
    return solution.y[4]


def fit(cases: np.ndarray, stringency: np.ndarray, population: float) -> Fit:
    """Least squares on log daily new cases (scale-free, so large days do not dominate)."""
    first = max(float(cases[0]), 1.0)
    observed = np.log1p(np.maximum(np.diff(cases), 0))

    def residuals(params):
        beta0, k, log_exposed = params
        path = simulate(beta0, k, math.exp(log_exposed), stringency, population, first)
        if np.isnan(path).any():
            return np.full(len(observed), 1e3)
        return np.log1p(np.maximum(np.diff(path), 0)) - observed

    result = least_squares(
        residuals,
        x0=[0.4, 0.5, math.log(first * 2)],
        bounds=([0.01, 0.0, math.log(1.0)], [3.0, 1.0, math.log(population / 10)]),
        x_scale=[0.1, 0.1, 1.0],
    )
    dof = max(len(observed) - 3, 1)
    noise = float(np.sum(result.fun**2)) / dof
    try:
        covariance = np.linalg.pinv(result.jac.T @ result.jac) * noise
    except np.linalg.LinAlgError:
        covariance = np.zeros((3, 3))
    beta0, k, log_exposed = result.x
    return Fit(float(beta0), float(k), math.exp(log_exposed), covariance, population, first)


def project(model: Fit, stringency: np.ndarray, *, draws: int = 60, seed: int = 0):
    """Median and 10th–90th percentile band of cumulative cases along a stringency path,
    drawing the fitted parameters from their approximate (normal) distribution."""
    rng = np.random.default_rng(seed)
    mean = np.array([model.beta0, model.k, math.log(model.exposed0)])
    samples = rng.multivariate_normal(mean, model.covariance, size=draws, check_valid="ignore")
    paths = []
    for beta0, k, log_exposed in samples:
        path = simulate(
            min(max(beta0, 0.01), 3.0),
            min(max(k, 0.0), 1.0),
            math.exp(min(log_exposed, math.log(model.population / 10))),
            stringency,
            model.population,
            model.first_cases,
        )
        if not np.isnan(path).any():
            paths.append(path)
    paths = (
        np.array(paths)
        if paths
        else np.array(
            [
                simulate(
                    model.beta0,
                    model.k,
                    model.exposed0,
                    stringency,
                    model.population,
                    model.first_cases,
                )
            ]
        )
    )
    return (
        np.percentile(paths, 50, axis=0),
        np.percentile(paths, 10, axis=0),
        np.percentile(paths, 90, axis=0),
    )


def mape(forecast: np.ndarray, actual: np.ndarray) -> float:
    keep = actual > 0
    return float(np.mean(np.abs(forecast[keep] - actual[keep]) / actual[keep]) * 100)


@dataclass(frozen=True)
class Backtest:
    fitted_through: int  # index of the last day used for the fit
    horizon: int
    model: float
    last_value: float
    linear_trend: float


def backtest(
    cases: np.ndarray, stringency: np.ndarray, population: float, fit_days: int, horizons=HORIZONS
) -> list[Backtest]:
    """Fit on the first ``fit_days`` days only, forecast each horizon, and score the model beside
    a naive last-value forecast and a linear trend of the last 14 fitted days, on the same days.
    The forecast keeps the stringency of the last fitted day: the future path is not known then."""
    model = fit(cases[:fit_days], stringency[:fit_days], population)
    results = []
    last = fit_days - 1
    for horizon in horizons:
        end = fit_days + horizon
        if end > len(cases):
            continue
        path = np.concatenate([stringency[:fit_days], np.full(horizon, stringency[last])])
        forecast = simulate(
            model.beta0, model.k, model.exposed0, path, population, model.first_cases
        )
        # Anchor the model to the last observed value, as the baselines are.
        forecast = forecast[fit_days:] - forecast[last] + cases[last]
        actual = cases[fit_days:end]
        window = np.arange(max(0, fit_days - 14), fit_days)
        slope, intercept = np.polyfit(window, cases[window], 1)
        trend = intercept + slope * np.arange(fit_days, end)
        results.append(
            Backtest(
                last,
                horizon,
                mape(forecast, actual),
                mape(np.full(horizon, cases[last]), actual),
                mape(trend, actual),
            )
        )
    return results

"""Reporting periods. A reporting period is a calendar year: a report belongs to the year its
period ends in (a report on 2024-01-01 – 2024-12-31 is one for 2024, and so is one on the
second half of 2024), and an obligation names the period it asks a report for. Compliance
views and an item's timeline group by it, never by when a report happened to be published."""

from __future__ import annotations

from datetime import date


def reporting_period(period_end: date) -> int:
    return period_end.year

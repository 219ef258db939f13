"""The portal's rules on plain values: phases, progress roll-up, ranking, safe Markdown."""

from datetime import date, datetime, timedelta

import pytest

from followup.consult import core
from followup.consult.core import Phase, Result


def phases():
    return [
        Phase("information", date(2026, 1, 1), date(2026, 1, 31)),
        Phase("proposals", date(2026, 2, 1), date(2026, 2, 28)),
        Phase("support", date(2026, 3, 1), date(2026, 3, 31)),
        Phase("review", date(2026, 4, 1), date(2026, 4, 30)),
    ]


@pytest.mark.parametrize(
    ("day", "phase", "propose", "comment", "support"),
    [
        (date(2025, 12, 31), None, False, False, False),
        (date(2026, 1, 15), "information", False, False, False),
        (date(2026, 2, 1), "proposals", True, True, False),
        (date(2026, 3, 31), "support", False, True, True),
        (date(2026, 4, 2), "review", False, False, False),
    ],
)
def test_each_phase_opens_its_own_activities(day, phase, propose, comment, support):
    assert core.current_phase(phases(), day) == phase
    assert [core.allows(phases(), a, day) for a in ("propose", "comment", "support")] == [
        propose,
        comment,
        support,
    ]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ([Phase("voting", date(2026, 1, 1), date(2026, 1, 2))], "voting: not a phase"),
        ([Phase("debate", date(2026, 1, 5), date(2026, 1, 2))], "debate: ends before it starts"),
        (
            [
                Phase("support", date(2026, 1, 1), date(2026, 1, 9)),
                Phase("proposals", date(2026, 1, 10), date(2026, 1, 20)),
            ],
            "proposals: must come after support",
        ),
        (
            [
                Phase("proposals", date(2026, 1, 1), date(2026, 1, 10)),
                Phase("support", date(2026, 1, 10), date(2026, 1, 20)),
            ],
            "support: starts before proposals ends",
        ),
    ],
)
def test_a_bad_sequence_of_phases_is_refused_naming_the_phase(bad, message):
    with pytest.raises(core.PhaseError, match=message):
        core.check_phases(bad)


def test_a_call_for_solutions_may_skip_the_support_phase():
    core.check_phases([phases()[1], phases()[3]])


def test_progress_rolls_up_by_weight_and_by_plain_mean_without_weights():
    weighted = Result(children=[Result(100, weight=3), Result(0, weight=1)])
    unweighted = Result(children=[Result(100), Result(50), Result(0)])
    nested = Result(children=[weighted, Result(50, weight=None)])

    assert core.rolled_up_progress(weighted) == 75
    assert core.rolled_up_progress(unweighted) == 50
    assert core.rolled_up_progress(nested) == 62.5
    assert core.rolled_up_progress(Result(40)) == 40


def test_recent_activity_outranks_an_old_total():
    now = datetime(2026, 3, 10, 12)
    fresh = core.hot_score(20, 4, now - timedelta(hours=3), now)
    stale = core.hot_score(200, 10, now - timedelta(days=30), now)
    assert fresh > stale


def test_threshold_progress_is_a_capped_percentage():
    assert [core.threshold_progress(n, 200) for n in (0, 50, 199, 200, 900)] == [
        0,
        25,
        99,
        100,
        100,
    ]


@pytest.mark.parametrize(
    ("source", "html"),
    [
        (
            "**Clean water** for _every_ school",
            "<p><strong>Clean water</strong> for <em>every</em> school</p>\n",
        ),
        ("# Title", "<h3>Title</h3>\n"),
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
        ('<img src=x onerror="alert(1)">', '<p>&lt;img src=x onerror="alert(1)"&gt;</p>\n'),
        ("[click](javascript:alert(1))", "<p>[click](javascript:alert(1))</p>\n"),
        (
            "[plan](https://example.org/plan)",
            '<p><a href="https://example.org/plan" rel="nofollow noopener noreferrer">plan</a></p>\n',
        ),
    ],
)
def test_markdown_is_rendered_and_nothing_unsafe_reaches_the_page(source, html):
    assert core.render_markdown(source) == html

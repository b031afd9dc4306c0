"""Drivers that hold up: constructed data where the answer is known (#17 item 2)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from analysis.drivers import CommentCounts, drivers, wilson
from analysis.interviews import InterviewCounts
from analysis.summary import Group, Period, Summary, ThemeScore
from surveys.themes import ANCHORS, THEMES

PERIOD = Period(date(2026, 9, 1), date(2026, 11, 24))


def summary(favourable: dict[str, tuple[int, int]]) -> Summary:
    """Theme scores from (people, % favourable); themes not given were not asked."""
    themes = []
    for theme, label in THEMES.items():
        if theme in favourable:
            people, share = favourable[theme]
            mean = 1 + 4 * share / 100
            themes.append(ThemeScore(theme, label, people, round(mean, 2), share, answers=people))
        else:
            themes.append(ThemeScore(theme, label, 0, asked=False))
    anchors = tuple(ThemeScore(a, label, 0) for a, label in ANCHORS.items())
    return Summary(PERIOD, Group(), 60, True, tuple(themes), anchors)


def comments(positive: dict[str, int], negative: dict[str, int]) -> tuple[CommentCounts, ...]:
    return tuple(
        CommentCounts(t, label, positive.get(t, 0), negative.get(t, 0))
        for t, label in THEMES.items()
    )


def test_wilson_interval_is_wide_for_few_people_and_narrow_for_many() -> None:
    low, high = wilson(3, 5)
    assert low < 0.25
    assert high > 0.85
    low, high = wilson(300, 500)
    assert 0.55 < low < 0.6 < high < 0.65
    assert wilson(0, 0) is None


def test_a_theme_clearly_below_half_is_never_a_reason_to_stay() -> None:
    # One positive comment about workload, but 94% of 40 people unfavourable (the bug report).
    found = drivers(summary({"workload": (40, 6), "managers": (40, 80)}),
                    comments({"workload": 1, "managers": 6}, {}))  # fmt: skip
    assert "workload" not in [d.theme for d in found.stay]
    assert "workload" in [d.theme for d in found.leave]
    [mixed] = found.mixed
    assert mixed.theme == "workload"
    assert mixed.comments == 1  # the praise is shown beside the scores, not hidden
    assert mixed.favourable == 6
    managers = next(d for d in found.stay if d.theme == "managers")
    assert managers.people >= 40
    assert managers.interval is not None
    low, high = managers.interval
    assert low < 80 < high


def test_the_source_councils_findings_come_out_on_their_sides() -> None:
    leave_themes = {"pay", "career", "workload", "work_life_balance"}
    stay_themes = {"managers", "team_culture", "leadership"}
    scores = summary(
        {"pay": (50, 18), "career": (50, 40), "workload": (50, 12), "work_life_balance": (50, 22),
         "managers": (50, 78), "team_culture": (50, 84), "leadership": (50, 66),
         "it_systems": (50, 45)}
    )  # fmt: skip
    said = comments(
        {"managers": 9, "team_culture": 11, "career": 5, "leadership": 4},  # L&D is career: pos
        {"pay": 8, "workload": 10, "work_life_balance": 6, "career": 3, "it_systems": 2},
    )
    stays = InterviewCounts(
        "stay", 12, True, Counter(managers=9, team_culture=8, career=6, leadership=5),
        Counter(pay=4),
    )  # fmt: skip
    exits = InterviewCounts(
        "exit", 10, True, reasons=Counter(pay=7, career=5, workload=6, work_life_balance=5),
        main=Counter(pay=4, workload=3, career=2, work_life_balance=1),
    )  # fmt: skip
    found = drivers(scores, said, stays, exits)
    assert {d.theme for d in found.leave[:4]} == leave_themes
    assert stay_themes <= {d.theme for d in found.stay[:4]}
    # Career (L&D praised, progression a reason to leave, 40% favourable) shows on both sides.
    assert "career" in {d.theme for d in found.leave}
    assert "career" in {d.theme for d in found.mixed} | {d.theme for d in found.stay}
    for driver in (*found.stay, *found.leave):
        assert driver.people > 0


def test_a_theme_not_asked_leans_neither_way() -> None:
    found = drivers(summary({}), comments({}, {"pay": 2}))
    [pay] = found.leave
    assert pay.theme == "pay"
    assert pay.favourable is None
    assert pay.interval is None
    assert found.stay == ()

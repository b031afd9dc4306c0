"""Schedules: validation with line and field, the timetable, and rotation."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.schedule import (
    load_schedules,
    next_digest,
    next_items,
    next_occurrence,
    occurrences,
    parse_schedules,
)
from surveys.yamlfile import ConfigFileError

LONDON = ZoneInfo("Europe/London")
calendar = WorkingCalendar(tz=LONDON)
CONTEXT = {"calendar": calendar, "bank": default_bank(), "button_fits": lambda n: n < 100}


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


SCHEDULE = """\
schedules:
  - key: pulse
    name: Pulse
    cadence: {cadence}
    weekday: {weekday}
    time: "{time}"
    starting: {starting}
    window_working_days: 5
    reminder_after_working_days: {reminder}
    rotating_items: {rotating}
"""


def schedule_text(
    cadence: str = "fortnightly",
    weekday: str = "tue",
    time: str = "10:00",
    starting: str = "2026-01-06",
    reminder: int = 3,
    rotating: int = 2,
) -> str:
    return SCHEDULE.format(
        cadence=cadence,
        weekday=weekday,
        time=time,
        starting=starting,
        reminder=reminder,
        rotating=rotating,
    )


def test_the_shipped_schedule_is_valid_with_the_default_calendar_and_bank() -> None:
    schedules = load_schedules(None, context=CONTEXT)
    assert schedules.schedules[0].key == "pulse"
    assert schedules.digest.weekday == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (schedule_text(weekday="sat", starting="2026-01-10"), "sat is not a working day"),
        (schedule_text(time="19:30"), "19:30 is outside working hours"),
        (schedule_text(reminder=5), "reminder would come after the wave has closed"),
        (schedule_text(starting="2026-01-07"), "starting 2026-01-07 is a wed, not a tue"),
        (schedule_text(cadence="daily"), "line 4, schedules[0].cadence: Input should be"),
        (schedule_text(rotating=20), "items would repeat in waves running"),
        (schedule_text(time="25:00"), "line 6, schedules[0].time: '25:00' is not a time"),
        (
            schedule_text() + "  - key: pulse\n    name: x\n    cadence: weekly\n    weekday: mon\n"
            "    time: '10:00'\n    starting: 2026-01-05\n    window_working_days: 2\n"
            "    rotating_items: 1\n",
            "schedule key 'pulse' is used twice",
        ),
    ],
)
def test_a_schedule_that_cannot_fire_is_refused_with_line_and_field(
    text: str, expected: str
) -> None:
    with pytest.raises(ConfigFileError) as caught:
        parse_schedules(text, "schedules.yaml", context=CONTEXT)
    assert str(caught.value).startswith("schedules.yaml, line")
    assert expected in str(caught.value)


def test_buttons_that_would_not_fit_are_refused() -> None:
    context = {**CONTEXT, "button_fits": lambda n: n <= 3}
    with pytest.raises(ConfigFileError, match="exceed Telegram's 64 bytes"):
        parse_schedules(schedule_text(rotating=2), "s.yaml", context=context)


def spec(**kwargs: str | int):  # type: ignore[no-untyped-def]
    return parse_schedules(schedule_text(**kwargs), "s.yaml", context=CONTEXT).schedules[0]


def test_fortnightly_occurrences_keep_their_rhythm_and_dodge_bank_holidays() -> None:
    plans = occurrences(spec(), calendar, since=london(2026, 12, 1), until=london(2027, 1, 31))
    assert [p.due_at.astimezone(LONDON).date().isoformat() for p in plans] == [
        "2026-12-08",
        "2026-12-22",
        "2027-01-05",
        "2027-01-19",
    ]
    # The 22 December wave's five working days skip Christmas Day, the weekend and Boxing Day
    # (observed on Monday 28th).
    december = plans[1]
    assert december.opens_at == london(2026, 12, 22, 10, 0).astimezone(UTC)
    assert december.remind_at == london(2026, 12, 29, 10, 0).astimezone(UTC)
    assert december.closes_at == london(2026, 12, 31, 10, 0).astimezone(UTC)


def test_a_wave_due_on_a_bank_holiday_opens_the_next_working_morning() -> None:
    monday = spec(cadence="weekly", weekday="mon", starting="2026-01-05")
    [easter] = occurrences(monday, calendar, since=london(2026, 4, 6), until=london(2026, 4, 7))
    assert easter.opens_at == london(2026, 4, 7, 9, 0).astimezone(UTC)


def test_monthly_is_the_first_such_weekday_and_next_occurrence_moves_on() -> None:
    monthly = spec(cadence="monthly", weekday="wed", starting="2026-01-07")
    plans = occurrences(monthly, calendar, since=london(2026, 3, 1), until=london(2026, 6, 1))
    assert [p.due_at.astimezone(LONDON).day for p in plans] == [4, 1, 6]
    after = next_occurrence(monthly, calendar, plans[0].due_at)
    assert after.due_at == plans[1].due_at


def test_the_digest_moves_to_tuesday_after_a_bank_holiday_monday() -> None:
    digest = load_schedules(None, context=CONTEXT).digest
    assert next_digest(digest, calendar, london(2026, 5, 22, 12)) == (
        london(2026, 5, 26, 9, 0).astimezone(UTC)  # Spring bank holiday is Monday 25 May
    )


def test_rotation_asks_every_item_once_before_any_repeats() -> None:
    bank = default_bank()
    history: list[list[str]] = []
    rotating = {item.key for item in bank.items}
    for _ in range(len(rotating) // 2):
        history.append(next_items(bank, history, 2))
    asked = [key for wave in history for key in wave if key in rotating]
    assert len(asked) == len(set(asked))  # no repeats within the first cycle
    assert all(wave[:2] == ["intent_stay", "recommend"] for wave in history)


@given(count=st.integers(1, 11), waves=st.integers(2, 40))
def test_no_rotating_item_is_asked_in_two_waves_running(count: int, waves: int) -> None:
    bank = default_bank()
    history: list[list[str]] = []
    for _ in range(waves):
        history.append(next_items(bank, history, count))
    anchors = {a.key for a in bank.anchors}
    for before, after in itertools.pairwise(history):
        assert not (set(before) & set(after)) - anchors
    counts = {}
    for wave in history:
        for key in wave:
            counts[key] = counts.get(key, 0) + 1
    rotating = [counts.get(item.key, 0) for item in bank.items]
    assert max(rotating) - min(rotating) <= 1  # asked evenly

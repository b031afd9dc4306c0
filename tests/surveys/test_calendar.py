"""Working time in Europe/London: weekends, bank holidays, late evenings, both clock changes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from surveys.calendar import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
calendar = WorkingCalendar(tz=LONDON)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("moment", "expected", "why"),
    [
        (london(2026, 11, 25, 10, 0), london(2026, 11, 25, 10, 0), "a Wednesday morning"),
        (london(2026, 11, 25, 21, 30), london(2026, 11, 26, 9, 0), "late evening: next morning"),
        (london(2026, 11, 27, 17, 0), london(2026, 11, 30, 9, 0), "Friday 17:00: Monday"),
        (london(2026, 11, 28, 11, 0), london(2026, 11, 30, 9, 0), "a Saturday: Monday"),
        (london(2026, 11, 25, 6, 45), london(2026, 11, 25, 9, 0), "early: 09:00"),
        (london(2026, 12, 24, 18, 0), london(2026, 12, 29, 9, 0), "Christmas and Boxing Day"),
        (london(2026, 4, 3, 10, 0), london(2026, 4, 7, 9, 0), "Good Friday to after Easter Monday"),
        (london(2026, 4, 6, 12, 0), london(2026, 4, 7, 9, 0), "Easter Monday"),
        (london(2026, 3, 27, 18, 0), london(2026, 3, 30, 9, 0), "across the March clock change"),
        (london(2026, 10, 23, 18, 0), london(2026, 10, 26, 9, 0), "across the October change"),
    ],
)
def test_next_working_moment(moment: datetime, expected: datetime, why: str) -> None:
    assert calendar.next_working_moment(moment) == expected.astimezone(UTC), why


def test_nine_oclock_stays_nine_oclock_local_across_clock_changes() -> None:
    before = calendar.next_working_moment(london(2026, 3, 27, 18, 0))  # GMT to BST
    after = calendar.next_working_moment(london(2026, 10, 23, 18, 0))  # BST to GMT
    assert before.astimezone(LONDON).time() == time(9, 0)
    assert before.hour == 8  # 09:00 BST is 08:00 UTC
    assert after.astimezone(LONDON).time() == time(9, 0)
    assert after.hour == 9  # 09:00 GMT is 09:00 UTC


def test_working_time_excludes_holidays_weekends_and_evenings() -> None:
    assert calendar.is_working_time(london(2026, 11, 25, 16, 59))
    assert not calendar.is_working_time(london(2026, 11, 25, 17, 0))
    assert not calendar.is_working_time(london(2026, 12, 28, 10, 0))  # Boxing Day (observed)
    assert calendar.holiday_name(london(2026, 12, 25).date()) == "Christmas Day"


def test_add_working_days_skips_weekends_and_holidays() -> None:
    thursday = london(2026, 12, 24, 10, 0)
    assert calendar.add_working_days(thursday, 1) == london(2026, 12, 29, 10, 0).astimezone(UTC)
    friday = london(2026, 11, 27, 10, 0)
    assert calendar.add_working_days(friday, 5) == london(2026, 12, 4, 10, 0).astimezone(UTC)


def test_other_regions_and_hours() -> None:
    scotland = WorkingCalendar(tz=LONDON, region="scotland")
    assert not scotland.is_working_day(london(2027, 1, 4).date())  # 2 January observed
    assert calendar.is_working_day(london(2027, 1, 4).date())
    short = WorkingCalendar(tz=LONDON, days=frozenset({0, 1, 2, 3}), start=time(10), end=time(15))
    assert short.next_working_moment(london(2026, 11, 27, 12)) == london(
        2026, 11, 30, 10
    ).astimezone(UTC)
    with pytest.raises(ValueError, match="unknown region"):
        WorkingCalendar(tz=LONDON, region="mars")

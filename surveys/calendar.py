"""Working time: when respondents may be messaged.

Social workers leave over excessive hours, so the bot must not add to them: nothing goes to a
respondent outside working hours, at a weekend or on a bank holiday. Times are stored in UTC and
reasoned about in the organisation's timezone, so the March and October clock changes move
nothing: 09:00 stays 09:00 local.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

# The `holidays` package's subdivisions of the UK, by the name an operator writes.
REGIONS = {
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}
MAX_SEARCH_DAYS = 400  # a year of holidays and weekends cannot hide every working day


@dataclass(frozen=True)
class WorkingCalendar:
    """Working days and hours in one timezone, less the region's bank holidays."""

    tz: ZoneInfo
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Python weekdays: Monday is 0
    start: time = time(9, 0)
    end: time = time(17, 0)
    region: str = "england-and-wales"

    def __post_init__(self) -> None:
        if self.region not in REGIONS:
            raise ValueError(f"unknown region {self.region!r}; one of {', '.join(REGIONS)}")
        if not self.days:
            raise ValueError("at least one working day is needed")
        if self.end <= self.start:
            raise ValueError("working hours must end after they start")

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays("GB", subdiv=REGIONS[self.region])

    def holiday_name(self, day: date) -> str | None:
        """The bank holiday on `day`, if there is one."""
        name = self._holidays.get(day)
        return str(name) if name else None

    def is_working_day(self, day: date) -> bool:
        """A working weekday that is not a bank holiday."""
        return day.weekday() in self.days and day not in self._holidays

    def local(self, moment: datetime) -> datetime:
        """`moment` in the organisation's timezone."""
        return moment.astimezone(self.tz)

    def at(self, day: date, clock: time) -> datetime:
        """A local wall-clock time on a day, as an aware UTC datetime."""
        return datetime.combine(day, clock, tzinfo=self.tz).astimezone(UTC)

    def is_working_time(self, moment: datetime) -> bool:
        """Whether a respondent may be messaged at `moment`."""
        local = self.local(moment)
        return self.is_working_day(local.date()) and self.start <= local.time() < self.end

    def working_days_from(self, day: date) -> Iterable[date]:
        """Working days from `day` (inclusive) onwards."""
        for offset in range(MAX_SEARCH_DAYS):
            candidate = day + timedelta(days=offset)
            if self.is_working_day(candidate):
                yield candidate

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if it is working time, else the start of the next working window."""
        if self.is_working_time(moment):
            return moment.astimezone(UTC)
        local = self.local(moment)
        for day in self.working_days_from(local.date()):
            opens = self.at(day, self.start)
            if opens >= moment:
                return opens
        raise ValueError("no working day within a year")  # pragma: no cover - config prevents it

    def add_working_days(self, moment: datetime, count: int) -> datetime:
        """The same local time `count` working days later (then into working hours)."""
        local = self.local(moment)
        days = self.working_days_from(local.date() + timedelta(days=1))
        day = local.date()
        for _ in range(count):
            day = next(iter(days))
        return self.next_working_moment(self.at(day, local.time()))

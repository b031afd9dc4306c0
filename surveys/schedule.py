"""Schedules: when waves open, remind and close, and which items each wave asks.

Everything here is a pure function of the schedule file, the working calendar and a clock the
caller passes in, so the timetable can be tested across clock changes and bank holidays, and the
demo can run a fortnight in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from surveys.bank import QuestionBank
from surveys.calendar import WorkingCalendar
from surveys.yamlfile import ConfigFileError, validate_text

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Cadence(StrEnum):
    """How often a schedule fires."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"  # the first such weekday of each month


class Audience(BaseModel):
    """Who a schedule's waves go to: everyone, or some teams and/or role groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    teams: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _weekday(value: Any) -> int:
    text = str(value).strip().lower()[:3]
    if text not in DAY_NAMES:
        raise ValueError(f"{value!r} is not a weekday (mon … sun)")
    return DAY_NAMES.index(text)


def _clock(value: Any) -> time:
    if isinstance(value, int):  # YAML reads 10:00 unquoted as 600 (sexagesimal minutes)
        value = f"{value // 60:02d}:{value % 60:02d}"
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f'{value!r} is not a time such as "10:00"') from None


# A weekday written as mon … sun, and a time written as "10:00", wherever the file has one.
Weekday = Annotated[int, BeforeValidator(_weekday)]
Clock = Annotated[dt.time, BeforeValidator(_clock)]


class ScheduleSpec(BaseModel):
    """One schedule as written in the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_]{0,31}$")
    name: str = Field(min_length=1, max_length=80)
    cadence: Cadence
    weekday: Weekday
    time: Clock
    starting: date
    window_working_days: int = Field(ge=1, le=30)
    reminder_after_working_days: int = Field(default=0, ge=0)
    rotating_items: int = Field(ge=0)
    audience: Audience | None = None  # None: everyone

    @field_validator("audience", mode="before")
    @classmethod
    def _everyone(cls, value: Any) -> Any:
        return None if value in ("all", None) else value

    @model_validator(mode="after")
    def _can_fire(self, info: ValidationInfo) -> ScheduleSpec:
        if self.starting.weekday() != self.weekday:
            raise ValueError(
                f"starting {self.starting} is a {DAY_NAMES[self.starting.weekday()]}, "
                f"not a {DAY_NAMES[self.weekday]}"
            )
        if self.reminder_after_working_days >= self.window_working_days:
            raise ValueError(
                "reminder_after_working_days must be less than window_working_days, "
                "or the reminder would come after the wave has closed"
            )
        context = info.context or {}
        calendar: WorkingCalendar | None = context.get("calendar")
        if calendar is not None:
            if self.weekday not in calendar.days:
                raise ValueError(
                    f"{DAY_NAMES[self.weekday]} is not a working day, so this "
                    "schedule would never fire at its own time"
                )
            if not calendar.start <= self.time < calendar.end:
                raise ValueError(
                    f"{self.time:%H:%M} is outside working hours "
                    f"({calendar.start:%H:%M}–{calendar.end:%H:%M})"
                )
        bank: QuestionBank | None = context.get("bank")
        if bank is not None and self.rotating_items * 2 > len(bank.items):
            raise ValueError(
                f"rotating_items {self.rotating_items} is more than half the "
                f"{len(bank.items)} items, so items would repeat in waves running"
            )
        fits: Callable[[int], bool] | None = context.get("button_fits")
        items = self.rotating_items + (len(bank.anchors) if bank else 2)
        if fits is not None and not fits(items):
            raise ValueError(
                f"a pulse of {items} items needs buttons whose callback data would "
                "exceed Telegram's 64 bytes"
            )
        return self


class DigestSpec(BaseModel):
    """When the weekly digest goes to the PSW chat."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    weekday: Weekday = 0
    time: Clock = dt.time(9, 0)


class SchedulesFile(BaseModel):
    """The whole schedule file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schedules: tuple[ScheduleSpec, ...] = Field(min_length=1)
    digest: DigestSpec = DigestSpec()

    @model_validator(mode="after")
    def _unique(self) -> SchedulesFile:
        keys = [s.key for s in self.schedules]
        for key in keys:
            if keys.count(key) > 1:
                raise ValueError(f"schedule key {key!r} is used twice")
        if "manual" in keys:
            raise ValueError("'manual' is kept for waves opened by hand")
        return self


def parse_schedules(
    text: str, name: str, *, context: dict[str, Any] | None = None
) -> SchedulesFile:
    """Validate schedule YAML (with the bank, calendar and button check in `context`)."""
    return validate_text(text, name, SchedulesFile, context)


def load_schedules(path: Path | None, *, context: dict[str, Any] | None = None) -> SchedulesFile:
    """The schedule file at `path`, or the one shipped with StayPulse."""
    if path is None:
        text = resources.files("surveys").joinpath("schedules.yaml").read_text(encoding="utf-8")
        return parse_schedules(text, "surveys/schedules.yaml", context=context)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_schedules(text, str(path), context=context)


# --- the timetable ------------------------------------------------------------------------------


@dataclass(frozen=True)
class WavePlan:
    """One occurrence of a schedule: when it is due, and when it opens, reminds and closes.

    `due_at` is the nominal time from the file and identifies the occurrence; `opens_at` is the
    first working moment at or after it, when invites may go out.
    """

    schedule_key: str
    due_at: datetime
    opens_at: datetime
    remind_at: datetime | None
    closes_at: datetime


def _nominal_days(spec: ScheduleSpec, start: date) -> Iterator[date]:
    """The schedule's days on or after `start`, for ever."""
    if spec.cadence == Cadence.MONTHLY:
        year, month = start.year, start.month
        while True:
            first = date(year, month, 1)
            day = first + timedelta(days=(spec.weekday - first.weekday()) % 7)
            if day >= start and day >= spec.starting:
                yield day
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    step = 7 if spec.cadence == Cadence.WEEKLY else 14
    if start <= spec.starting:
        day = spec.starting
    else:
        day = spec.starting + timedelta(days=-(-(start - spec.starting).days // step) * step)
    while True:
        yield day
        day += timedelta(days=step)


def plan(spec: ScheduleSpec, calendar: WorkingCalendar, due_at: datetime) -> WavePlan:
    """Open, remind and close times for an occurrence due at `due_at`."""
    opens = calendar.next_working_moment(due_at)
    remind = None
    if spec.reminder_after_working_days:
        remind = calendar.add_working_days(opens, spec.reminder_after_working_days)
    closes = calendar.add_working_days(opens, spec.window_working_days)
    return WavePlan(spec.key, due_at, opens, remind, closes)


def occurrences(
    spec: ScheduleSpec, calendar: WorkingCalendar, *, since: datetime, until: datetime
) -> list[WavePlan]:
    """Every occurrence due in [since, until)."""
    plans = []
    for day in _nominal_days(spec, calendar.local(since).date() - timedelta(days=1)):
        due = calendar.at(day, spec.time)
        if due >= until:
            break
        if due >= since:
            plans.append(plan(spec, calendar, due))
    return plans


def next_occurrence(spec: ScheduleSpec, calendar: WorkingCalendar, after: datetime) -> WavePlan:
    """The first occurrence due after `after`."""
    for day in _nominal_days(spec, calendar.local(after).date()):
        due = calendar.at(day, spec.time)
        if due > after:
            return plan(spec, calendar, due)
    raise AssertionError("unreachable")  # pragma: no cover - the generator is endless


def next_digest(digest: DigestSpec, calendar: WorkingCalendar, after: datetime) -> datetime:
    """When the next weekly digest goes out: its day and time, or the next working moment."""
    local = calendar.local(after).date()
    for offset in range(0, 15):
        day = local + timedelta(days=offset)
        if day.weekday() != digest.weekday:
            continue
        due = calendar.next_working_moment(calendar.at(day, digest.time))
        if due > after:
            return due
    raise AssertionError("unreachable")  # pragma: no cover


# --- rotation -----------------------------------------------------------------------------------


def next_items(bank: QuestionBank, history: Sequence[Sequence[str]], count: int) -> list[str]:
    """The items for the next wave: the two anchors, then `count` rotating items.

    Rotating items are chosen least-asked first, so every item is asked once before any is asked
    again, and never from the wave before, so nobody gets the same item in two pulses running.
    Ties keep the bank's order, so the choice is the same on every machine.
    """
    rotating = [item.key for item in bank.items]
    asked = Counter(key for wave in history for key in wave if key in rotating)
    previous = set(history[-1]) if history else set()
    order = sorted(rotating, key=lambda key: (key in previous, asked[key], rotating.index(key)))
    return [*(anchor.key for anchor in bank.anchors), *order[:count]]

"""Theme scores for a period and a group, aggregated in SQL, under DESIGN.md rule 4.

A score is 1–5 with reverse-worded items turned round, so higher is always better; "favourable"
is the share of 4s and 5s; the health-check score maps the mean to 0–100 with the LGA bands
(0–50 low, 51–74 moderate, 75–100 high). Every figure is a sum of standing cells (analysis/
cells.py): whole waves, teams of at least `min_group` people, and each wave's pooled "other
teams" when that reaches `min_group`. The whole service is all standing cells, so the whole
minus a team is itself a sum of standing cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from analysis.cells import add_up, respondent_cells, score_cells, select_cells
from surveys.bank import QuestionBank
from surveys.models import Team, Wave, WaveStatus
from surveys.themes import ANCHORS, THEMES


def iso_week_of(day: date) -> str:
    """The ISO week of a day, as submissions store it."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Period:
    """A span of ISO weeks, inclusive."""

    start: date
    end: date

    @property
    def weeks(self) -> tuple[str, str]:
        """First and last ISO week."""
        return iso_week_of(self.start), iso_week_of(self.end)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end)

    def whole_weeks(self) -> Period:
        """The span every figure really covers: whole ISO weeks, Monday to Sunday, because each
        pulse (and so each cell) belongs to one week."""
        return Period(
            self.start - timedelta(days=self.start.weekday()),
            self.end + timedelta(days=6 - self.end.weekday()),
        )

    def label(self) -> str:
        """How a PSW would say it: the whole weeks the figures cover, by the Monday each week
        commences ("w/c 2 Nov – w/c 23 Nov 2026")."""
        whole = self.whole_weeks()
        last = whole.end - timedelta(days=6)
        first = f"w/c {whole.start.day} {whole.start:%b}"
        if whole.start.year != last.year:
            first += f" {whole.start.year}"
        if whole.start == last:
            return f"{first} {last.year}"
        return f"{first} – w/c {last.day} {last:%b %Y}"


class PeriodError(ValueError):
    """A period that cannot be understood; the message shows the forms accepted."""


PERIOD_HELP = "4w, 12w, quarter, year, or from..to as YYYY-MM-DD..YYYY-MM-DD"


def parse_period(text: str, today: date) -> Period:
    """'4w', '12w', 'quarter', 'year' (ending today) or 'YYYY-MM-DD..YYYY-MM-DD'."""
    text = text.strip().lower()
    spans = {"quarter": 13, "year": 52}
    weeks = spans.get(text)
    if text.endswith("w") and text[:-1].isdigit() and 1 <= int(text[:-1]) <= 156:
        weeks = int(text[:-1])
    if weeks is not None:
        # "4w" is four whole weeks: this week (Monday on) and the three before it, never five
        # ISO weeks because today is mid-week.
        monday = today - timedelta(days=today.weekday())
        return Period(monday - timedelta(weeks=weeks - 1), today)
    if ".." in text:
        first, _, last = text.partition("..")
        try:
            start, end = date.fromisoformat(first), date.fromisoformat(last)
        except ValueError:
            raise PeriodError(f"{text!r} is not a period; use {PERIOD_HELP}") from None
        if end < start:
            raise PeriodError("the period ends before it starts")
        return Period(start, end)
    raise PeriodError(f"{text!r} is not a period; use {PERIOD_HELP}")


@dataclass(frozen=True)
class Group:
    """Who a summary is about: everyone, or one team.

    Role-group and contract breakdowns are not offered beside team figures: crossed with team
    figures they would single out the only agency worker in a team (docs/design.md).
    """

    team_key: str | None = None

    @property
    def filtered(self) -> bool:
        """Whether this is less than everyone."""
        return self.team_key is not None


@dataclass(frozen=True)
class ThemeScore:
    """One theme's figures, or `suppressed` with the reason."""

    theme: str
    label: str
    n: int
    mean: float | None = None
    favourable: int | None = None
    change: float | None = None  # in mean points against the previous period
    favourable_change: int | None = None  # in percentage points
    answers: int = 0  # answers behind the favourable share (for its uncertainty interval)
    asked: bool = True  # False: nobody was asked this theme in the period

    @property
    def suppressed(self) -> bool:
        """True when there is nothing to show (too few responses, or not asked)."""
        return self.mean is None

    @property
    def health(self) -> int | None:
        """The 0–100 health-check score."""
        return None if self.mean is None else round((self.mean - 1) / 4 * 100)

    @property
    def band(self) -> str | None:
        """The LGA band of the health-check score."""
        health = self.health
        if health is None:
            return None
        return "low" if health <= 50 else "moderate" if health <= 74 else "high"


@dataclass(frozen=True)
class Summary:
    """Scores for a period and group."""

    period: Period
    group: Group
    submissions: int
    shown: bool  # False: the group (or what it leaves out) is too small
    themes: tuple[ThemeScore, ...]
    anchors: tuple[ThemeScore, ...]


def team_id_of(session: Session, group: Group) -> int | None:
    """The id of the group's team (-1 for a team that does not exist, so it matches nothing)."""
    if group.team_key is None:
        return None
    team = session.exec(select(Team).where(Team.key == group.team_key)).first()
    return team.id if team is not None and team.id is not None else -1


def asked_themes(
    session: Session, *, first: str, last: str, bank: QuestionBank, team_id: int | None = None
) -> set[str] | None:
    """The themes some wave in first..last asked about (of `team_id`'s members, when given),
    from the waves' own item lists and the forms each team was dealt (the questionnaire, not
    the answers, so it says nothing about who answered); None when a wave there does not say
    what it asked (older data), so no theme can be called "not asked"."""
    themes: set[str] = set()
    waves = session.exec(
        select(Wave).where(
            col(Wave.period) >= first,
            col(Wave.period) <= last,
            col(Wave.status).in_([WaveStatus.OPEN, WaveStatus.CLOSED]),
        )
    ).all()
    for wave in waves:
        keys = list(wave.item_keys)
        if not keys:
            return None
        if team_id is not None and wave.forms and wave.form_teams is not None:
            # Only the forms this team was dealt (and the anchors everyone was asked).
            held = {int(form) for form, teams in wave.form_teams.items() if team_id in teams}
            rotating = {key for form in wave.forms for key in form}
            keys = [key for key in keys if key not in rotating]
            keys += [key for i, form in enumerate(wave.forms) if i in held for key in form]
        for key in keys:
            item = bank.get(key)
            if item is not None:
                themes.add(item.theme)
    return themes


def summarise(
    session: Session, *, period: Period, group: Group, bank: QuestionBank, min_group: int
) -> Summary:
    """Scores per theme and anchor for `group` in `period`, with changes against the period
    before, every figure a sum of standing cells (analysis/cells.py)."""
    team_id = team_id_of(session, group)
    whole = team_id is None
    before, now = period.previous().weeks, period.weeks
    cells = score_cells(session=session, first=before[0], last=now[1], bank=bank, minimum=min_group)
    people = respondent_cells(session=session, first=now[0], last=now[1], minimum=min_group)
    submissions = add_up(select_cells(people, team_id=team_id, whole_service=whole)).people
    shown = submissions >= min_group

    asked = asked_themes(
        session, first=now[0], last=now[1], bank=bank, team_id=None if whole else team_id
    )

    def figures(theme: str, label: str) -> ThemeScore:
        mine = select_cells(cells, theme=theme, team_id=team_id, whole_service=whole)
        current = add_up(c for c in mine if c.period >= now[0])
        earlier = add_up(c for c in mine if c.period < now[0])
        if not shown or current.mean is None or current.favourable_share is None:
            return ThemeScore(theme, label, 0, asked=asked is None or theme in asked)
        change = favourable_change = None
        if earlier.mean is not None and earlier.favourable_share is not None:
            change = round(current.mean - earlier.mean, 2)
            favourable_change = round((current.favourable_share - earlier.favourable_share) * 100)
        return ThemeScore(
            theme,
            label,
            current.people,
            round(current.mean, 2),
            round(current.favourable_share * 100),
            change,
            favourable_change,
            answers=current.answers,
        )

    return Summary(
        period,
        group,
        submissions,
        shown,
        tuple(figures(theme, label) for theme, label in THEMES.items()),
        tuple(figures(theme, label) for theme, label in ANCHORS.items()),
    )

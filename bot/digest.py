"""The weekly digest for the PSW chat: participation, the biggest movers, alerts, why people
stay and why they might leave, three comments and one chart, all under the group-size rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sqlmodel import Session

from analysis.charts import theme_scores_chart
from analysis.comments_view import readable_comments
from analysis.drivers import Driver, alerts, drivers_report
from analysis.participation import wave_participation
from analysis.summary import Group, parse_period, summarise
from bot import texts
from bot.settings import Settings
from surveys.bank import QuestionBank
from surveys.themes import ANCHORS, THEMES
from surveys.waves import latest_wave

LABELS = {**THEMES, **ANCHORS}


@dataclass(frozen=True)
class DigestContent:
    """The digest's text and its chart (None when nothing may be shown)."""

    text: str
    chart: bytes | None


def participation_text(session: Session, *, settings: Settings) -> str:
    """Participation in the latest wave by team, small teams hidden."""
    wave = latest_wave(session=session)
    if wave is None or wave.id is None:
        return texts.DIGEST_NO_WAVE
    figures = wave_participation(
        session=session, wave_id=wave.id, min_group=settings.min_group_size
    )
    if figures is None:
        return texts.DIGEST_TOO_SMALL.format(minimum=settings.min_group_size)
    opened = wave.opens_at.astimezone(settings.tz)
    status = "open pulse" if wave.status == "open" else "pulse"
    block = [
        texts.DIGEST_PARTICIPATION.format(
            name=status,
            opened=f"{opened:%A} {opened.day} {opened:%B}",
            completed=figures.completed,
            invited=figures.invited,
            rate=figures.rate,
        )
    ]
    for team in figures.teams:
        block.append(
            texts.DIGEST_TEAM.format(
                team=escape(team.team),
                completed=team.completed,
                invited=team.invited,
                rate=team.rate,
            )
        )
    if figures.hidden_teams:
        block.append(
            texts.DIGEST_HIDDEN.format(count=figures.hidden_teams, minimum=settings.min_group_size)
        )
    return "\n".join(block)


def build_digest(
    session: Session, *, period: str, settings: Settings, bank: QuestionBank, today: date
) -> DigestContent:
    """Everything the digest says for ISO week `period`."""
    minimum = settings.min_group_size
    parts = [
        texts.DIGEST_TITLE.format(period=week_label(period)),
        participation_text(session=session, settings=settings),
    ]
    recent = parse_period("4w", today)
    summary = summarise(session=session, period=recent, group=Group(), bank=bank, min_group=minimum)
    if not summary.shown:
        parts.append(texts.DIGEST_NO_SCORES.format(minimum=minimum))
        return DigestContent("\n\n".join(parts), None)
    # Changes in one unit (percentage points favourable), and only where the 4 weeks before
    # have figures to compare with: the same rule as /summary.
    moved = sorted(
        (s for s in (*summary.anchors, *summary.themes) if s.favourable_change),
        key=lambda s: -abs(s.favourable_change or 0),
    )[:3]
    if moved:
        parts.append(
            texts.DIGEST_MOVERS.format(period=recent.label())
            + "\n"
            + "\n".join(
                texts.DIGEST_MOVER.format(
                    label=escape(s.label),
                    favourable=s.favourable,
                    arrow="▲" if (s.favourable_change or 0) > 0 else "▼",
                    change=abs(s.favourable_change or 0),
                )
                for s in moved
            )
        )
    found = alerts(summary, intent_below=settings.alert_intent_below)
    if found:
        parts.append("<b>Alerts</b>\n" + "\n".join(f"• {escape(a.text)}" for a in found))
    report = drivers_report(
        session=session,
        today=today,
        bank=bank,
        min_group=minimum,
        min_comment_group=settings.min_comment_group_size,
    )
    stay, leave = report.stay[:3], report.leave[:3]
    if stay or leave:
        parts.append(
            "<b>Why people stay</b>\n"
            + ("\n".join(_driver(d) for d in stay) or "• not enough to say yet")
            + "\n<b>Why people leave</b>\n"
            + ("\n".join(_driver(d) for d in leave) or "• not enough to say yet")
            + "\n<i>From pulses, comments and stay and exit interviews; /drivers for more.</i>"
        )
    said = readable_comments(
        session=session,
        period=recent,
        theme=None,
        direction=None,
        min_group=settings.min_comment_group_size,
        limit=3,
    )
    if said:
        parts.append(
            "<b>In their words</b>\n"
            + "\n".join(
                f"• “{escape(c.text)}” "
                f"<i>({escape(LABELS.get(c.theme, c.theme))}, {c.direction})</i>"
                for c in said
            )
        )
    parts.append(texts.DIGEST_DEFINITIONS)
    return DigestContent("\n\n".join(parts), theme_scores_chart(summary, minimum))


def week_label(period: str) -> str:
    """An ISO week ("2026-W51") as a PSW says it: "w/c 14 Dec 2026"; anything else unchanged."""
    try:
        year, week = period.split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return escape(period)
    return f"w/c {monday.day} {monday:%b %Y}"


def _driver(driver: Driver) -> str:
    """A reason to stay or leave with the number of people behind it."""
    people = f"{driver.people} {'person' if driver.people == 1 else 'people'}"
    return texts.DIGEST_STAY.format(label=escape(driver.label), people=people)

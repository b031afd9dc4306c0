"""The weekly digest for the PSW chat. For now: participation per team under the group-size
rules; the analysis features add movers, alerts, drivers, comments and a chart."""

from __future__ import annotations

from html import escape

from sqlmodel import Session

from analysis.participation import wave_participation
from bot import texts
from bot.settings import Settings
from surveys.waves import latest_wave


def render_digest(*, session: Session, period: str, settings: Settings) -> str:
    """The digest's text for ISO week `period`."""
    lines = [texts.DIGEST_TITLE.format(period=period)]
    wave = latest_wave(session=session)
    if wave is None or wave.id is None:
        lines.append(texts.DIGEST_NO_WAVE)
        return "\n\n".join(lines)
    figures = wave_participation(
        session=session, wave_id=wave.id, min_group=settings.min_group_size
    )
    if figures is None:
        lines.append(texts.DIGEST_TOO_SMALL.format(minimum=settings.min_group_size))
        return "\n\n".join(lines)
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
    lines.append("\n".join(block))
    return "\n\n".join(lines)

"""Participation: how many were invited to a wave and how many answered, by team."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, cast, func
from sqlmodel import Session, col, select

from analysis.cells import OTHER_TEAMS, participation_cells
from surveys.models import Delivery, Team, Wave, WaveStatus, WaveTally

OTHER_TEAMS_NAME = "Other teams (together)"


@dataclass(frozen=True)
class TeamParticipation:
    """One team's figures for a wave."""

    team: str
    invited: int
    completed: int

    @property
    def rate(self) -> float:
        """Share of those invited who answered."""
        return self.completed / self.invited if self.invited else 0.0


@dataclass(frozen=True)
class Participation:
    """A wave's participation, with small teams hidden (DESIGN.md rule 4)."""

    wave_id: int
    period: str
    invited: int
    completed: int
    teams: tuple[TeamParticipation, ...]  # only teams that may be shown, largest first
    hidden_teams: int  # teams not shown on their own (pooled into "other teams" or left out)

    @property
    def rate(self) -> float:
        """Share of those invited who answered."""
        return self.completed / self.invited if self.invited else 0.0


def wave_participation(session: Session, *, wave_id: int, min_group: int) -> Participation | None:
    """Participation in one wave; None if the wave is unknown or too small.

    While the wave is open only the service-wide count is given (results are never live). Once
    it has closed, teams come from its tallies as standing cells (analysis/cells.py): teams
    where at least `min_group` answered, and the rest pooled as "other teams" when together
    they reach it; a team in neither is left out of the totals too.
    """
    wave = session.get(Wave, wave_id)
    if wave is None:
        return None
    if wave.status == WaveStatus.OPEN:
        invited, completed = session.exec(
            select(
                func.count(), func.coalesce(func.sum(cast(col(Delivery.completed), Integer)), 0)
            ).where(Delivery.wave_id == wave_id)
        ).one()
        if int(invited) < min_group:
            return None
        return Participation(wave_id, wave.period, int(invited), int(completed), (), 0)
    tallies = list(session.exec(select(WaveTally).where(WaveTally.wave_id == wave_id)))
    cells = participation_cells(session=session, wave_id=wave_id, minimum=min_group)
    standing_teams = {c.team_id for c in cells if c.team_id is not OTHER_TEAMS}
    pooled = any(c.team_id is OTHER_TEAMS for c in cells)
    names = {t.id: t.name for t in session.exec(select(Team))}
    teams, other, hidden = [], TeamParticipation(OTHER_TEAMS_NAME, 0, 0), 0
    for tally in tallies:
        if tally.team_id is not None and tally.team_id in standing_teams:
            teams.append(
                TeamParticipation(names.get(tally.team_id, "?"), tally.invited, tally.answered)
            )
        else:
            hidden += 1
            if pooled:
                other = TeamParticipation(
                    OTHER_TEAMS_NAME,
                    other.invited + tally.invited,
                    other.completed + tally.answered,
                )
    shown = sorted(teams, key=lambda t: (-t.invited, t.team))
    if pooled:
        shown.append(other)
    invited = sum(t.invited for t in shown)
    completed = sum(t.completed for t in shown)
    if invited < min_group:
        return None
    return Participation(wave_id, wave.period, invited, completed, tuple(shown), hidden)

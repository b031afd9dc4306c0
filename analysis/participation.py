"""Participation: how many were invited to a wave and how many answered, by team."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, cast, func
from sqlmodel import Session, col, select

from analysis.suppression import suppressed
from surveys.models import Delivery, Participant, Team, Wave


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
    hidden_teams: int  # teams left out because they are small (or to protect a small one)

    @property
    def rate(self) -> float:
        """Share of those invited who answered."""
        return self.completed / self.invited if self.invited else 0.0


def wave_participation(*, session: Session, wave_id: int, min_group: int) -> Participation | None:
    """Participation in one wave, counted in SQL; None if the wave is unknown or too small."""
    wave = session.get(Wave, wave_id)
    if wave is None:
        return None
    rows = session.exec(
        select(
            Team.name,
            func.count(col(Delivery.id)),
            func.coalesce(func.sum(cast(col(Delivery.completed), Integer)), 0),
        )
        .select_from(Delivery)
        .join(Participant, col(Participant.id) == col(Delivery.participant_id))
        .join(Team, col(Team.id) == col(Participant.team_id))
        .where(Delivery.wave_id == wave_id)
        .group_by(Team.name)
    ).all()
    invited = {name: int(count) for name, count, _ in rows}
    completed = {name: int(done) for name, _, done in rows}
    total_invited, total_completed = sum(invited.values()), sum(completed.values())
    if total_invited < min_group:
        return None
    hidden = suppressed(invited, min_group)
    teams = tuple(
        sorted(
            (TeamParticipation(n, invited[n], completed[n]) for n in invited if n not in hidden),
            key=lambda t: (-t.invited, t.team),
        )
    )
    return Participation(wave_id, wave.period, total_invited, total_completed, teams, len(hidden))

"""Seeding released data directly, as a release would have written it (for tests of results)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from surveys.models import Release, Wave, WaveStatus


def released_wave(session: Session, week: str, items: list[str] | None = None) -> int:
    """A closed, released wave for an ISO week (made on first use), asking `items` (empty:
    the wave does not say what it asked)."""
    found = session.exec(select(Wave).where(Wave.period == week)).first()
    if found is None:
        moment = datetime.strptime(f"{week}-1", "%G-W%V-%u").replace(tzinfo=UTC)
        found = Wave(
            schedule_key="seeded",
            due_at=moment,
            opens_at=moment,
            closes_at=moment,
            status=WaveStatus.CLOSED,
            period=week,
            item_keys=list(items or []),
        )
        session.add(found)
        session.flush()
        session.add(Release(kind="wave", wave_id=found.id, period=week, people=0))
    assert found.id is not None
    return found.id


def released_pulses(
    session: Session, *, sizes: dict[int, int], weeks: list[str], k: int, asye_team: int
) -> None:
    """Pulses for teams of the given sizes over `weeks`, written as a release writes them (groups
    coarsened to k, see surveys/ballot.py), with tallies. The first 5 of `asye_team` are ASYEs;
    pay is poor (1, 2, 1, …), supervision good (4, 5, …), intention to stay 3–5."""
    from surveys.ballot import Group, coarsen
    from surveys.bank import default_bank
    from surveys.models import Answer, Submission, WaveTally

    bank = default_bank()
    for w, week in enumerate(weeks):
        wave = released_wave(session, week)
        people: list[tuple[Group, dict[str, int]]] = []
        for team_id, size in sizes.items():
            session.add(WaveTally(wave_id=wave, team_id=team_id, invited=size + 2, answered=size))
            for person in range(size):
                role = "asye" if team_id == asye_team and person < 5 else "social_worker"
                values = {
                    "intent_stay": 3 + (person + w) % 3,
                    "pay_fair": 1 + person % 2,
                    "supervision": 4 + person % 2,
                    "workload_high": 4,
                }
                people.append(((team_id, role, "permanent"), values))
        groups = coarsen([group for group, _ in people], k)
        for (team_id, role, contract), (_, values) in zip(groups, people, strict=True):
            submission = Submission(
                kind="pulse",
                wave_id=wave,
                period=week,
                team_id=team_id,
                role_group=role,
                employment_type=contract,
            )
            session.add(submission)
            session.flush()
            for key, value in values.items():
                item = bank.get(key)
                assert item is not None
                session.add(
                    Answer(submission_id=submission.id, item_key=key, theme=item.theme, value=value)
                )

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

"""The digest's wording (#17 item 5): weeks named by their dates, changes in one unit
(percentage points favourable), counts of people, and what % favourable means said once."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import Engine
from sqlmodel import Session

from bot.digest import build_digest, week_label
from bot.settings import Settings
from surveys.bank import default_bank
from surveys.db import session_scope
from surveys.models import Answer, Submission, Team
from tests.seeding import released_wave

BANK = default_bank()
WEEKS = [f"2026-W{week}" for week in range(41, 49)]


def _seed(session: Session) -> None:
    """Two teams of 8 over eight weekly pulses; pay is poor for four weeks, then good."""
    teams = [Team(key=key, name=key.title()) for key in ("alpha", "beta")]
    session.add_all(teams)
    session.flush()
    for w, week in enumerate(WEEKS):
        wave = released_wave(session, week, ["intent_stay", "recommend", "pay_fair"])
        for team in teams:
            for person in range(8):
                submission = Submission(
                    kind="pulse",
                    wave_id=wave,
                    period=week,
                    team_id=team.id,
                    role_group="social_worker",
                    employment_type="permanent",
                )
                session.add(submission)
                session.flush()
                for key, value in (
                    ("intent_stay", 4),
                    ("pay_fair", 1 + person % 2 if w < 4 else 4 + person % 2),
                ):
                    theme = BANK.get(key).theme  # type: ignore[union-attr]
                    session.add(
                        Answer(submission_id=submission.id, item_key=key, theme=theme, value=value)
                    )


def test_the_digest_names_weeks_by_date_and_moves_in_points_favourable(
    engine: Engine, settings: Settings
) -> None:
    with session_scope(engine) as session:
        _seed(session)
    with session_scope(engine) as session:
        digest = build_digest(
            session, period="2026-W48", settings=settings, bank=BANK, today=date(2026, 11, 26)
        )
    text = digest.text
    assert text.startswith("📊 <b>StayPulse weekly digest</b> · w/c 23 Nov 2026")
    assert "2026-W" not in text
    assert "• Pay: 100% favourable (▲100 pts)" in text
    assert not re.search(r"/5 \([▲▼]\d\.\d\)", text)  # no change in mean points
    assert "share of answers of 4 or 5" in text
    assert "people, not messages" in text


def test_a_week_label_is_the_monday_it_commences() -> None:
    assert week_label("2026-W51") == "w/c 14 Dec 2026"
    assert week_label("2027-W01") == "w/c 4 Jan 2027"
    assert week_label("not a week") == "not a week"

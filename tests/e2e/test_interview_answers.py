"""/interviews stay|exit [theme]: interview answers a PSW can read, from released batches only."""

from __future__ import annotations

import pytest

from bot.local.runner import LocalBot, add_psw
from sandbox import Person
from surveys.db import session_scope
from surveys.models import Interview, PswRole, Release

pytestmark = pytest.mark.e2e


def seed_batch(local: LocalBot, kind: str, month: str, answers: list[dict[str, str]]) -> None:
    with session_scope(local.services.engine) as session:
        release = Release(kind=kind, period=month, people=len(answers))
        session.add(release)
        session.flush()
        for texts in answers:
            session.add(
                Interview(
                    kind=kind,
                    source="self",
                    period=month,
                    role_group="undisclosed",
                    employment_type="undisclosed",
                    answers=texts,
                    release_id=release.id,
                )
            )


async def test_interview_answers_are_read_in_released_batches_only(
    local: LocalBot, asha: Person
) -> None:
    seed_batch(
        local,
        "stay",
        "2026-10",
        [{"why_stay": "My manager is brilliant & kind", "job_better": "Better pay"}]
        + [{"why_stay": "The team"}] * 4,
    )
    seed_batch(local, "exit", "2026-11", [{"kept": "Less paperwork"}] * 3)  # below k = 5
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = await Person(local.client, 9001, "Priya").join()
    [stay] = await priya.says("/interviews stay")
    assert stay.text.startswith("Stay interviews")
    assert "Why do you stay?" in stay.text
    assert "“My manager is brilliant & kind” (Oct 2026)" in stay.text
    assert stay.text.count("“The team” (Oct 2026)") == 4
    assert "What would make your job better?\n• “Better pay” (Oct 2026)" in stay.text
    [pay] = await priya.says("/interviews stay Pay")
    assert "Better pay" in pay.text
    assert "The team" not in pay.text
    [exits] = await priya.says("/interviews exit")
    assert "Less paperwork" not in exits.text
    assert exits.text.startswith("No exit interview answers to show")
    [usage] = await priya.says("/interviews sideways")
    assert "Usage: /interviews stay|exit [theme]" in usage.text
    [denied] = await asha.says("/interviews stay")
    assert denied.text == "This command is for the PSW team."

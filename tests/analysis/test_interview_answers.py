"""Interview answers a PSW can read (#17 item 4): released batches of at least k people only,
grouped by question, in random order, with nothing finer than the batch's month."""

from __future__ import annotations

from sqlmodel import Session

from analysis.interviews import readable_answers
from surveys.models import Interview, Release


def _batch(session: Session, kind: str, month: str, answers: list[dict[str, str]]) -> None:
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
    session.commit()


def test_answers_of_released_batches_are_grouped_by_question_with_their_month(
    session: Session,
) -> None:
    _batch(
        session,
        "stay",
        "2026-10",
        [{"why_stay": "My manager is brilliant", "job_better": "Better pay"}]
        + [{"why_stay": "The team"}] * 4,
    )
    found = readable_answers(session, kind="stay", theme=None, min_group=5)
    by_question = {group.question: group.answers for group in found}
    assert sorted(by_question["Why do you stay?"]) == [
        ("My manager is brilliant", "2026-10"),
        *[("The team", "2026-10")] * 4,
    ]
    assert by_question["What would make your job better?"] == (("Better pay", "2026-10"),)
    assert readable_answers(session, kind="exit", theme=None, min_group=5) == []


def test_a_batch_below_the_threshold_is_never_read(session: Session) -> None:
    # e.g. released when MIN_GROUP_SIZE was lower: it stays unreadable at today's threshold.
    _batch(session, "exit", "2026-09", [{"kept": "Less paperwork"}] * 4)
    assert readable_answers(session, kind="exit", theme=None, min_group=5) == []
    assert readable_answers(session, kind="exit", theme=None, min_group=4) != []


def test_a_theme_keeps_only_the_answers_about_it(session: Session) -> None:
    _batch(
        session,
        "exit",
        "2026-11",
        [{"kept": "Better pay", "else": "My manager was brilliant"}] + [{"kept": "Nothing"}] * 4,
    )
    found = readable_answers(session, kind="exit", theme="pay", min_group=5)
    assert [(g.question, g.answers) for g in found] == [
        ("What could have kept you here?", (("Better pay", "2026-11"),))
    ]

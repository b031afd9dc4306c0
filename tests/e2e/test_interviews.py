"""Stay and exit interviews through the real bot: /stay, exit links, /record_stay,
/my_interviews, and what they add to /drivers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from bot.local.runner import LocalBot, local_bot
from bot.services import Services
from bot.settings import Settings
from sandbox import Person, Sandbox
from surveys.ballot import INTERVIEW_QUEUES
from surveys.db import session_scope
from surveys.models import (
    AuditEntry,
    ExitLink,
    Interview,
    InterviewDraft,
    InterviewTheme,
    PswRole,
    SealedBallot,
)
from tests.e2e.helpers import dump_database, join
from tests.e2e.test_wave_commands import psw

pytestmark = pytest.mark.e2e
STAY_ANSWERS = [
    "Seeing the children progress, and my team are brilliant and so supportive",
    None,  # skipped
    "My TM Sarah Jenkins gives me proper supervision every fortnight",
    "Last month, when my caseload went over 30",
    "Agency pay is nearly double what I get",
    "Less duplication in Mosaic",
]


def interviews(
    local: LocalBot,
) -> tuple[list[Interview], list[InterviewTheme], list[InterviewDraft]]:
    """Every interview, released or still sealed in its queue (opened with the bot's key, as
    the release will write it), its themes, and the drafts in progress."""
    month = local.services.clock().strftime("%Y-%m")
    with session_scope(local.services.engine) as session:
        found = list(session.exec(select(Interview)))
        themes = list(session.exec(select(InterviewTheme)))
        drafts = list(session.exec(select(InterviewDraft)))
        for row in (*found, *themes, *drafts):
            session.expunge(row)
        queued = select(SealedBallot).where(col(SealedBallot.kind).in_(INTERVIEW_QUEUES))
        for row in session.exec(queued):
            content = dict(row.content)
            fields = dict(content.get("interview") or {})
            found.append(
                Interview(
                    id=row.id,
                    kind="exit" if row.kind == "exit" else "stay",
                    source="psw" if row.kind == "psw" else "self",
                    period=month,
                    team_id=content.get("team"),
                    role_group=content.get("role"),
                    employment_type=content.get("contract"),
                    answers=fields.get("answers") or {},
                    themes=fields.get("themes") or {},
                    intention_to_stay=fields.get("intention_to_stay"),
                    recorded_by=row.recorded_by,
                    main_reason=fields.get("main_reason"),
                    destination=fields.get("destination"),
                    come_back=fields.get("come_back"),
                )
            )
            themes += [
                InterviewTheme(interview_id=row.id, source=source, theme=theme, direction=way)
                for source, theme, way in content.get("theme_rows") or []
            ]
    return found, themes, drafts


async def do_stay(person: Person, answers: list[str | None], rating: str, followup: bool) -> None:
    await person.says("/stay")
    for text in answers:
        if text is None:
            await person.taps("Skip »")
        else:
            await person.says(text)
    await person.taps(rating)
    await person.taps("Yes, please" if followup else "No thanks")


async def test_self_serve_stay_interview_is_stored_redacted_and_anonymous(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    priya = await psw(local, PswRole.VIEWER)
    await priya.says("/help")  # the bot may only message people who have written to it
    [intro, first] = await asha.says("/stay")
    assert intro.text.startswith("A stay interview: six short questions")
    assert first.text.startswith("Stay interview · 1 of 8")
    assert "What do you look forward to" in first.text
    [second] = await asha.says(STAY_ANSWERS[0])
    assert second.text.startswith("Stay interview · 2 of 8")
    [third] = await asha.taps("Skip »")
    assert "Why do you stay?" in third.text
    for text in STAY_ANSWERS[2:]:
        await asha.says(text)  # type: ignore[arg-type]
    [followup] = await asha.taps("Agree")
    assert "follow-up conversation" in followup.text
    [done] = await asha.taps("Yes, please")
    assert done.text.startswith("Thank you — your stay interview is saved, locked, without your")
    request = await priya.expect("Conversation request")
    assert "Asha" in request.text
    assert "caseload" not in request.text  # the request carries the name, never the answers
    [interview], themes, drafts = interviews(local)
    assert drafts == []
    assert interview.kind == "stay"
    assert interview.source == "self"
    assert interview.period == "2026-11"
    assert interview.intention_to_stay == 4
    assert interview.role_group == "social_worker"
    assert "Sarah" not in str(interview.answers)
    assert "Jenkins" not in str(interview.answers)
    assert "learning" not in interview.answers  # skipped
    coded = {(t.theme, t.direction) for t in themes}
    assert {("managers", "pos"), ("team_culture", "pos"), ("pay", "neg")} <= coded
    assert "Sarah" not in dump_database(local.services.engine)


async def test_stay_interview_survives_a_restart_and_bad_input_loses_nothing(
    settings: Settings, org_engine: Engine, services: Services
) -> None:
    sandbox = Sandbox()
    await sandbox.start()
    try:
        async with local_bot(settings, org_engine, sandbox=sandbox, services=services) as first:
            asha = await Person(first.client, 101, "Asha").join()
            await join(asha, engine=org_engine)
            await asha.says("/stay")
            [asked] = await asha.says("The families")
            [too_long] = await asha.says("x" * 1001)
            assert too_long.text.startswith("That's 1,001 characters")
        restarted = Services.from_settings(settings, org_engine, clock=services.clock)
        async with local_bot(settings, org_engine, sandbox=sandbox, services=restarted) as second:
            asha.client = second.client
            [shown] = await asha.says("/stay")  # where they left it, no second intro
            assert shown.text.startswith("Stay interview · 2 of 8")
            [again] = await asha.taps("Skip »")
            assert again.text.startswith("Stay interview · 3 of 8")
            await asha.taps("Skip »", on=asked)  # the old message's button: nothing changes
            assert "Already noted." in asha.notices
            [current] = await asha.says("/stay")
            assert current.text.startswith("Stay interview · 3 of 8")
    finally:
        await sandbox.stop()


async def test_stay_needs_joining_first(local: LocalBot, asha: Person) -> None:
    [answer] = await asha.says("/stay")
    assert answer.text.startswith("You haven't joined yet.")


async def test_exit_link_works_once_for_fourteen_days(local: LocalBot) -> None:
    priya = await psw(local, PswRole.VIEWER)
    [usage] = await priya.says("/invite_exit")
    assert usage.text.startswith("Usage: /invite_exit <team>. Teams: assessment")
    [unknown] = await priya.says("/invite_exit nowhere")
    assert unknown.text == "There is no team with the key 'nowhere'."
    [made] = await priya.says("/invite_exit assessment")
    assert "It works once, for whoever opens it first, until Wed 9 Dec 2026" in made.text
    code = made.text.split("start=x_")[1].split()[0]
    leaver = await Person(local.client, 301, "Lee").join()
    [intro, reasons] = await leaver.says(f"/start x_{code}")
    assert intro.text.startswith("Thank you for opening this. It's an exit interview")
    assert reasons.text.startswith("Exit interview · 1 of 6")
    await leaver.taps("Done ✓")
    assert "Please choose at least one reason." in leaver.notices
    await leaver.taps("Pay")
    await leaver.taps("Workload")
    [toggled] = await leaver.taps("Career and development")
    assert "✓ Pay" in [b.text for b in toggled.buttons]
    [main] = await leaver.taps("Done ✓")
    assert [b.text for b in main.buttons] == ["Pay", "Workload", "Career and development"]
    await leaver.taps("Pay")
    await leaver.taps("Agency or locum work")
    await leaver.taps("Probably")
    await leaver.says("A caseload under 20 and a clear route to senior practitioner")
    [done] = await leaver.taps("Skip »")
    assert done.text.startswith("Thank you. Your answers are saved without your name")
    [interview], themes, drafts = interviews(local)
    assert drafts == []
    assert (interview.kind, interview.main_reason, interview.destination) == (
        "exit",
        "pay",
        "agency",
    )
    assert interview.come_back == 4
    reasons_given = {t.theme for t in themes if t.source == "reason"}
    assert reasons_given == {"pay", "workload", "career"}
    # Used: refused for anyone, including the same person.
    [used] = await leaver.says(f"/start x_{code}")
    assert used.text.startswith("That link has already been used.")
    other = await Person(local.client, 302, "Mo").join()
    [used] = await other.says(f"/start x_{code}")
    assert used.text.startswith("That link has already been used.")
    # Expired: a fresh link, fifteen days on.
    [made] = await priya.says("/invite_exit assessment")
    code = made.text.split("start=x_")[1].split()[0]
    local.services.clock.advance(timedelta(days=15))  # type: ignore[attr-defined]
    [expired] = await other.says(f"/start x_{code}")
    assert expired.text.startswith("That link has expired (links last 14 days).")
    [forged] = await other.says("/start x_" + "A" * 16)
    assert forged.text.startswith("That link isn't one I know.")
    [malformed] = await other.says("/start x_notacode")  # not an exit link's shape at all
    assert malformed.text.startswith("That invite link isn't valid")
    with session_scope(local.services.engine) as session:
        assert len(session.exec(select(ExitLink)).all()) == 2
        assert "exit.invite" in {a.action for a in session.exec(select(AuditEntry))}


async def test_psw_records_a_stay_interview_confirms_themes_and_can_delete_it(
    local: LocalBot, asha: Person
) -> None:
    [refused] = await asha.says("/record_stay")
    assert refused.text == "This command is for the PSW team."
    priya = await psw(local, PswRole.VIEWER)
    [intro, team] = await priya.says("/record_stay")
    assert intro.text.startswith("Recording a stay interview you held in person")
    assert "1 of 5" in team.text
    await priya.taps("Assessment Team")
    await priya.taps("Social worker")
    [notes] = await priya.taps("Permanent")
    assert notes.text.startswith("Recording a stay interview · 4 of 5")
    await priya.says("Why stay: her manager Dave Smith is very supportive, great team.")
    [more] = await priya.says("Might leave: the pay, agency rates are much better")
    assert "characters so far" in more.text
    [proposed] = await priya.taps("Done ✓")
    labels = [b.text for b in proposed.buttons]
    assert "👍 Managers and supervision" in labels
    assert "👎 Pay" in labels
    await priya.taps("👍 Managers and supervision")  # → 👎
    [corrected] = await priya.taps("👎 Managers and supervision")  # → not mentioned
    assert "Managers and supervision" in [b.text for b in corrected.buttons]
    [corrected] = await priya.taps("Managers and supervision")  # → 👍 again
    [saved] = await priya.taps("Save ✓")
    assert saved.text.startswith("Saved: Assessment Team · Social worker · Permanent")
    [interview], themes, _ = interviews(local)
    assert interview.source == "psw"
    assert interview.recorded_by is not None
    assert "Dave" not in interview.answers["notes"]
    assert "Smith" not in interview.answers["notes"]
    assert ("managers", "pos") in {(t.theme, t.direction) for t in themes}
    [listing] = await priya.says("/my_interviews")
    assert listing.text.startswith("Stay interviews you recorded, waiting to be released")
    assert "1. Assessment Team · Social worker · Permanent" in listing.text
    # Someone else in the PSW team sees only their own.
    other = await psw(local, PswRole.VIEWER, 9003)
    [theirs] = await other.says("/my_interviews")
    assert theirs.text.startswith("You have no recorded stay interviews waiting")
    [after] = await priya.taps("Delete 1")
    assert after.text.startswith("You have no recorded stay interviews waiting")
    found, themes, _ = interviews(local)
    assert found == []
    assert themes == []
    with session_scope(local.services.engine) as session:
        actions = {a.action for a in session.exec(select(AuditEntry))}
    assert {"interview.record", "interview.list", "interview.delete"} <= actions

"""Care in every conversation (issue 18): "remind me later" on the invite, a pulse comment shown
as stored and withdrawable until the pulse closes, and the signpost's wording from the council's
file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.local.runner import LocalBot, SimulatedClock, local_bot
from bot.scheduler import RunReport, Scheduler
from bot.settings import Settings
from sandbox import Person
from tests.e2e.helpers import (
    ballots,
    close_and_release,
    invite_code,
    join,
    open_pulse,
    register_engine,
)

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")
LATER = "Remind me later"


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


async def reminders(person: Person) -> list[str]:
    """The "remind me later" reminders this person was sent."""
    return [m.text for m in await person.chat() if m.text.startswith("Here's the reminder")]


async def test_remind_me_later_sends_one_reminder_in_working_hours_however_often_pressed(
    local: LocalBot, asha: Person, clock: SimulatedClock
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    clock.set(london(2026, 11, 25, 15, 30))  # three hours on is after work: tomorrow at nine
    [invite] = await asha.taps(LATER)
    assert "I'll remind you once more on Thursday 26 November at 09:00" in invite.text
    invite.button("Start")  # still there: they can answer now if they change their mind
    await asha.taps(LATER, on=invite)
    assert asha.notices[-1].startswith("Already set: I'll remind you once, on Thursday")
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 11, 25, 17, 30))
    assert (await timetable.run_due()).sends.sent == 0
    clock.set(london(2026, 11, 26, 8, 59))
    assert (await timetable.run_due()).sends.sent == 0  # not before working hours
    clock.set(london(2026, 11, 26, 9, 0))
    assert (await timetable.run_due()).sends.sent == 1
    reminder = await asha.expect("Here's the reminder you asked for")
    assert "open until Wednesday 2 December at 10:00" in reminder.text
    assert [b.text for b in reminder.buttons] == ["Start"]  # one more reminder, not a loop
    assert (await timetable.run_due()).sends.sent == 0
    clock.set(london(2026, 11, 27, 9, 0))
    assert (await timetable.run_due()).sends.sent == 0
    assert len(await reminders(asha)) == 1
    await asha.taps(LATER, on=invite)
    assert asha.notices[-1].startswith("I've already reminded you once")


async def test_no_reminder_after_answering_and_a_late_press_says_so(
    local: LocalBot, asha: Person, clock: SimulatedClock
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    invite = await asha.expect("A new pulse is ready")
    await asha.taps(LATER)
    await asha.says("/pulse")
    await asha.taps("Agree")
    [done] = await asha.taps("No thanks")
    assert done.text.startswith("Thank you")
    clock.set(london(2026, 11, 26, 10, 0))
    assert (await timetable_run(local)).sends.sent == 0
    assert await reminders(asha) == []
    [late] = await asha.taps(LATER, on=invite)
    assert "You've already answered this pulse" in late.text
    assert "no reminder" in late.text


async def test_no_reminder_after_the_pulse_closes_and_a_late_press_says_so(
    local: LocalBot, asha: Person, clock: SimulatedClock
) -> None:
    await join(asha)
    wave_id = await open_pulse(local, ["intent_stay"])
    invite = await asha.expect("A new pulse is ready")
    await asha.taps(LATER)
    await close_and_release(local, wave_id)
    clock.set(london(2026, 11, 26, 10, 0))
    # (The timetable's own fortnightly pulse is due, so it may open and invite: not a reminder.)
    assert (await timetable_run(local)).sends.reminders == 0
    assert await reminders(asha) == []
    changed = await asha.taps(LATER, on=invite)
    [late] = [m for m in changed if m.message_id == invite.message_id]
    assert late.text.startswith("This pulse has closed")
    assert late.buttons == []


async def test_remind_me_later_too_close_to_the_close_says_so_honestly(
    local: LocalBot, asha: Person, clock: SimulatedClock
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    clock.set(london(2026, 12, 2, 9, 0))  # it closes at 10:00, before three hours are up
    [invite] = await asha.taps(LATER)
    assert "too close to the close for another reminder in working hours" in invite.text
    clock.set(london(2026, 12, 2, 9, 30))
    assert (await timetable_run(local)).sends.sent <= 1  # the wave's own reminder, if any
    assert await reminders(asha) == []


async def timetable_run(local: LocalBot) -> RunReport:
    """One run of the timetable, as the JobQueue would do it now."""
    return await Scheduler(local.app, autoplan=False).run_due()


async def test_a_pulse_comment_is_shown_as_stored_and_can_be_withdrawn_until_it_closes(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    await asha.says("The rota is unfair, ask Sarah Jones")
    thanks = await asha.expect("Thank you, that's everything")
    assert "Your comment was stored as:" in thanks.text
    assert "Sarah Jones" not in thanks.text
    assert "withdraw it until this pulse closes" in thanks.text
    [ballot] = ballots(local.services.engine, "pulse")
    assert ballot["comment"] is not None
    [withdrawn] = await asha.taps("Withdraw this comment", on=thanks)
    assert withdrawn.text.startswith("Withdrawn: your comment is deleted and will never be read.")
    assert "Your answers to the questions are kept" in withdrawn.text
    assert withdrawn.buttons == []
    [ballot] = ballots(local.services.engine, "pulse")
    assert ballot["comment"] is None
    assert ballot["themes"] is None
    assert ballot["answers"] == {"intent_stay": 4}


async def test_a_pulse_comment_cannot_be_withdrawn_once_the_pulse_has_closed(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    wave_id = await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    await asha.says("Parking is impossible")
    thanks = await asha.expect("Thank you, that's everything")
    await close_and_release(local, wave_id)
    [late] = await asha.taps("Withdraw this comment", on=thanks)
    assert late.text.startswith("It can't be withdrawn now")
    assert "nothing links a released comment to you" in late.text


async def test_the_signpost_wording_and_routes_come_from_the_councils_file(
    settings: Settings, org_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "signs.yaml"
    path.write_text(
        "signals: [drowning*]\n"
        "council_routes: ['Wellbeing Hub: 0123 456 & ask for Sam']\n"
        "national_routes: ['Samaritans: 116 123']\n"
        "opening: Thank you for telling us. <b>Support</b> is here.\n"
        "council_heading: Here at Northshire\n"
        "national_heading: Day or night\n"
    )
    own = settings.model_copy(update={"signposting_file": path})
    async with local_bot(own, org_engine) as local:
        register_engine(local)
        asha = await Person(local.client, 101, "Asha").join()
        await join(asha)
        signpost, *_ = await asha.says("Honestly I feel like I'm drowning")
    assert signpost.text.startswith("Thank you for telling us. <b>Support</b> is here.")
    for line in ("Here at Northshire", "Wellbeing Hub: 0123 456 & ask for Sam", "Day or night"):
        assert line in signpost.text
    assert "Employee Assistance Programme" not in signpost.text
    assert "I haven't kept it" in signpost.text  # what happens stays the software's own words


async def test_withdrawing_a_feedback_comment_while_writing_another_withdraws_that_one(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/feedback")
    first = await asha.says("The rota is unfair")
    saved = next(m for m in first if m.text.startswith("Saved."))
    await asha.says("/feedback")  # a second comment is being written
    [withdrawn] = await asha.taps("Withdraw this comment", on=saved)
    assert withdrawn.text == "Withdrawn: your comment is deleted and will never be read."
    assert ballots(local.services.engine, "feedback") == []
    [second] = await asha.says("Parking is impossible")  # the new prompt still takes it
    assert second.text.startswith("Saved.")
    assert [b["comment"] for b in ballots(local.services.engine, "feedback")] == [
        "Parking is impossible"
    ]


async def test_joining_says_why_a_team_is_needed(local: LocalBot, asha: Person) -> None:
    why = "Your team is how the PSW team sees what is working where"
    [no_code] = await asha.says("/start")
    assert why in no_code.text
    code = invite_code(local.services.engine, "Children in Care", now=local.services.clock())
    welcome, *_ = await asha.says(f"/start {code}")
    assert "You're joining <b>Children in Care</b>" not in welcome.text  # shown, not as markup
    assert why in welcome.text
    assert "nobody can be picked out" in welcome.text


async def test_confirmations_say_what_was_stored_where_who_reads_it_and_when(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/feedback")
    replies = await asha.says("Sarah Jones never listens in supervision")
    saved = next(m for m in replies if m.text.startswith("Saved."))
    for part in (
        "sealed",  # what and where
        "without your name, with your team and role group only",
        "released with the next pulse when that closes",  # when
        "the PSW team can read it only as part of a group of at least 10 people",  # who
        "Stored as:",
    ):
        assert part in saved.text
    assert "Sarah Jones" not in saved.text
    await open_pulse(local, ["intent_stay"])
    await asha.taps("Start")
    await asha.taps("Agree")
    await asha.says("More supervision please")
    thanks = await asha.expect("Thank you, that's everything")
    for part in (
        "stored without your name",
        "groups of 5 or more",
        "Your comment was stored as:",
        "groups of 10 or more people, after this pulse closes",
    ):
        assert part in thanks.text


async def test_remind_me_later_after_leaving_says_so_rather_than_pretending(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    invite = await asha.expect("A new pulse is ready")
    await asha.says("/forget")
    await asha.taps("Yes, forget me")
    [late] = await asha.taps(LATER, on=invite)
    assert late.text.startswith("This pulse isn't one I can remind you about")
    assert late.buttons == []

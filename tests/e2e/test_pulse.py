"""The 30-second pulse, as a social worker on a phone sees it."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.local.runner import LocalBot, add_psw, local_bot
from bot.services import Services
from bot.settings import Settings
from sandbox import Person, Sandbox
from surveys.db import session_scope
from surveys.models import Answer, Delivery, Draft, PswRole, SealedBallot, Submission, Wave
from surveys.pulse import close_wave
from tests.e2e.helpers import join, open_pulse

pytestmark = pytest.mark.e2e


def stored(local: LocalBot) -> tuple[list[Submission], list[Answer], list[Delivery], list[Draft]]:
    """What the ballot box holds: sealed pulse and feedback ballots opened with the bot's key,
    shaped as the rows their release will write, with the deliveries and drafts."""
    submissions, answers = [], []
    with session_scope(local.services.engine) as session:
        for row in session.exec(select(SealedBallot)):
            content = dict(row.content)
            wave = session.get(Wave, row.wave_id) if row.wave_id else None
            submission = Submission(
                kind=row.kind,
                wave_id=row.wave_id,
                period=wave.period if wave else "",
                team_id=content.get("team"),
                role_group=content.get("role"),
                employment_type=content.get("contract"),
                comment=content.get("comment"),
                comment_themes=content.get("themes"),
            )
            submissions.append(submission)
            answers += [
                Answer(submission_id=submission.id, item_key=key, theme="", value=value)
                for key, value in dict(content.get("answers") or {}).items()
            ]
        return (
            submissions,
            answers,
            list(session.exec(select(Delivery))),
            list(session.exec(select(Draft))),
        )


async def test_a_full_pulse_edits_one_message_and_stores_one_anonymous_ballot(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local)
    invite = await asha.expect("A new pulse is ready: 4 quick questions")
    [first] = await asha.taps("Start")
    assert first.message_id == invite.message_id  # the invite itself becomes the pulse
    assert first.text.startswith("Pulse · 1 of 4\n\nI see myself still working here")
    assert [b.text for b in first.buttons] == [
        "Strongly disagree",
        "Disagree",
        "Neither",
        "Agree",
        "Strongly agree",
        "Skip »",
    ]
    [second] = await asha.taps("Agree")
    assert second.message_id == invite.message_id
    assert second.text.startswith("Pulse · 2 of 4")
    assert "« Back" in [b.text for b in second.buttons]
    await asha.taps("Strongly agree")
    await asha.taps("Strongly agree")  # "My workload is too high."
    [comment] = await asha.taps("Skip »")
    assert comment.text.startswith("Pulse · last step")
    changed = await asha.says("My TM Sarah Jones is great but ring me on 07700 900123")
    assert changed[-1].text.startswith("Thank you, that's everything.")
    [marked] = [m for m in changed if m.message_id == invite.message_id]
    assert marked.text == "Pulse · done ✓ Thank you."
    assert marked.buttons == []

    submissions, answers, deliveries, drafts = stored(local)
    [submission] = submissions
    assert submission.comment == "My TM [name] is great but ring me on [phone]"
    assert submission.comment_themes == {"managers": "pos"}
    assert submission.role_group == "social_worker"
    assert submission.period.startswith("20")
    assert "-W" in submission.period
    assert {(a.item_key, a.value) for a in answers} == {
        ("intent_stay", 4),
        ("recommend", 5),
        ("workload_high", 5),
    }
    assert [d.completed for d in deliveries] == [True]
    assert drafts == []


async def test_back_changes_the_previous_answer(local: LocalBot, asha: Person) -> None:
    await join(asha)
    await open_pulse(local)
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Disagree")
    [again] = await asha.taps("« Back")
    assert again.text.startswith("Pulse · 1 of 4")
    assert "Your answer was: Disagree" in again.text
    await asha.taps("Agree")
    for _ in range(3):
        await asha.taps("Neither")
    await asha.taps("« Back")  # from the comment step back to the last item
    await asha.taps("Strongly disagree")
    await asha.taps("No thanks")
    _, answers, _, _ = stored(local)
    assert {(a.item_key, a.value) for a in answers} == {
        ("intent_stay", 4),
        ("recommend", 3),
        ("workload_high", 3),
        ("supervision", 1),
    }


async def test_a_double_tap_and_a_redelivered_update_are_recorded_once(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local)
    invite = await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    first = await asha.last()
    agree = first.button("Agree").callback_data
    assert agree is not None
    # Two taps before the bot has edited the message: both reach the bot.
    pressed = await local.client.press(101, first.message_id, agree)
    await local.client.press(101, first.message_id, agree)
    await asha.answer(after=pressed["version"])
    # And Telegram delivers the first tap's update once more, as after a restart.
    await local.client.redeliver(pressed["update_id"])
    await asha.answer(after=pressed["version"])
    now = await asha.last()
    assert now.text.startswith("Pulse · 2 of 4")
    assert "Already noted." in asha.notices
    for _ in range(3):
        await asha.taps("Agree")
    last_step = await asha.last()
    no_thanks = last_step.button("No thanks").callback_data
    assert no_thanks is not None
    pressed = await local.client.press(101, invite.message_id, no_thanks)
    await local.client.press(101, invite.message_id, no_thanks)
    await asha.answer(after=pressed["version"])
    submissions, answers, _, _ = stored(local)
    assert len(submissions) == 1
    assert len(answers) == 4
    assert "You've already answered this pulse. Thank you!" in asha.notices


async def test_leaving_midway_and_pulse_continues_where_they_stopped(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local)
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    [shown] = await asha.says("/pulse")
    assert shown.text.startswith("Pulse · 2 of 4")
    for _ in range(3):
        await asha.taps("Agree", on=await asha.last())
    await asha.says("All good")
    submissions, answers, _, _ = stored(local)
    assert [s.comment for s in submissions] == ["All good"]
    assert len(answers) == 4
    # Once done, /pulse says so while the wave is open (the thanks may have been lost in a crash).
    [again] = await asha.says("/pulse")
    assert again.text == "You've already answered this pulse. Thank you!"


async def test_pulse_with_nothing_open_says_so(local: LocalBot, asha: Person) -> None:
    [answer] = await asha.says("/pulse")
    assert answer.text == "You haven't joined yet. Type /start to join your team."
    await join(asha)
    [answer] = await asha.says("/pulse")
    assert answer.text.startswith("There's no pulse open for you right now.")


async def test_people_on_the_psw_list_are_told_they_cannot_answer(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local)
    await asha.expect("A new pulse is ready")
    # Put on the PSW list after joining and being invited: they read results now.
    add_psw(local.services.engine, asha.user_id, PswRole.VIEWER)
    for command in ("/pulse", "/next", "/feedback"):
        [answer] = await asha.says(command)
        assert answer.text.startswith("You're on the PSW team's list, so you can read results."), (
            command
        )
    assert stored(local)[3] == []  # no draft was started


async def test_progress_survives_a_restart_of_the_bot(
    settings: Settings, org_engine: Engine, services: Services
) -> None:
    sandbox = Sandbox()
    await sandbox.start()
    try:
        async with local_bot(settings, org_engine, sandbox=sandbox, services=services) as first:
            asha = await Person(first.client, 101, "Asha").join()
            await join(asha, engine=org_engine)
            await open_pulse(first)
            await asha.expect("A new pulse is ready")
            await asha.taps("Start")
            await asha.taps("Agree")
            await asha.taps("Disagree")
        restarted = Services.from_settings(settings, org_engine, clock=services.clock)
        async with local_bot(settings, org_engine, sandbox=sandbox, services=restarted) as second:
            asha.client = second.client
            [shown] = await asha.taps("Neither")  # the old message still works after restart
            assert shown.text.startswith("Pulse · 4 of 4")
            await asha.taps("Agree")
            await asha.taps("No thanks")
            _, answers, _, drafts = stored(second)
        assert sorted(a.value for a in answers) == [2, 3, 4, 4]
        assert drafts == []
    finally:
        await sandbox.stop()


async def test_a_button_from_a_closed_wave_says_so_and_loses_its_keyboard(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    wave_id = await open_pulse(local)
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    with session_scope(local.services.engine) as session:
        result = close_wave(
            session=session, wave_id=wave_id, bank=local.services.bank, now=local.services.clock()
        )
    assert (result.submitted, result.dropped) == (1, 0)  # the draft with one answer is kept
    [closed] = await asha.taps("Agree")
    assert closed.text == "This pulse has closed — thank you."
    assert closed.buttons == []
    assert "This pulse has closed — thank you." in asha.notices
    submissions, answers, _deliveries, drafts = stored(local)
    assert len(submissions) == 1
    assert [a.value for a in answers] == [4]
    assert drafts == []


async def test_forged_callback_data_gets_a_gentle_answer(local: LocalBot, asha: Person) -> None:
    await join(asha)
    await open_pulse(local)
    invite = await asha.expect("A new pulse is ready")
    # The sandbox only lets people press real buttons, so forge the update through the bot's own
    # keyboard: send a message carrying garbage data, then press it.
    message = await local.app.bot.send_message(
        101, "test", reply_markup={"inline_keyboard": [[{"text": "x", "callback_data": "v9:zz"}]]}
    )
    [after] = await asha.presses(message.message_id, "v9:zz")
    assert "That button doesn't work any more." in " ".join(asha.notices)
    assert after.buttons == []
    assert invite.buttons  # nothing else touched


async def test_a_comment_over_1000_characters_is_refused_and_nothing_is_stored(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    [answer] = await asha.says("x" * 1001)
    assert answer.text == (
        "That's 1,001 characters, and I can take up to 1,000. Could you shorten it and send it "
        "again? Nothing has been saved yet."
    )
    assert stored(local)[0] == []
    await asha.says("Shorter now")
    assert [s.comment for s in stored(local)[0]] == ["Shorter now"]


async def test_feedback_is_stored_anonymously_at_any_time(local: LocalBot, asha: Person) -> None:
    [answer] = await asha.says("/feedback")
    assert answer.text.startswith("You haven't joined yet")
    await join(asha)
    [prompt] = await asha.says("/feedback")
    assert "anonymous" in prompt.text
    [thanks] = await asha.says("Mosaic keeps logging me out, email me at a.b@x.org")
    assert thanks.text.startswith(
        "Saved. Your comment is stored locked (sealed), without your name"
    )
    assert "at least 10 people" in thanks.text  # MIN_COMMENT_GROUP_SIZE, not a made-up number
    assert "Stored as:\nMosaic keeps logging me out, email me at [email]" in thanks.text
    assert thanks.text.endswith("(I'm deleting your message from this chat now that it's stored.)")
    for _ in range(50):  # the deletion follows the thanks
        if not any("a.b@x.org" in m.text for m in await asha.chat()):  # shown redacted
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the typed comment is still in the chat")
    [submission] = stored(local)[0]
    assert submission.kind == "feedback"
    assert submission.wave_id is None  # held, and released with the next wave
    assert submission.comment == "Mosaic keeps logging me out, email me at [email]"
    [stray] = await asha.says("and another thing")
    assert stray.text.startswith("I'm not waiting for an answer")
    await asha.says("/feedback")
    [cancelled] = await asha.taps("Cancel")
    assert cancelled.text == "Cancelled. Nothing was saved."

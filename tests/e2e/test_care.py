"""Care in every conversation: signposting, honest confirmations, one conversation at a time."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from bot.local.runner import LocalBot, add_psw, local_bot
from bot.settings import Settings
from sandbox import Person
from surveys.db import session_scope
from surveys.models import PswRole, Wave
from surveys.psw import remove_psw_member
from tests.e2e.helpers import ballots, invite_code, join, open_pulse


def remove_psw(engine: Engine, telegram_id: int) -> None:
    """`staypulse psw remove`, as another process would."""
    with session_scope(engine) as session:
        remove_psw_member(session=session, telegram_id=telegram_id)


pytestmark = pytest.mark.e2e

DISTRESS = (
    "I can't cope any more, I'm not sleeping and honestly some days I think everyone would be "
    "better off without me"
)


async def test_a_distressed_feedback_comment_gets_support_at_once_and_an_honest_account(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/feedback")
    signpost, *_ = await asha.says(DISTRESS)
    assert signpost.text.startswith("I'm sorry things are this hard.")
    for route in (
        "Employee Assistance Programme",
        "Occupational health",
        "/talk",
        "116 123",
        "text SHOUT to 85258",
        "999",
    ):
        assert route in signpost.text
    # Honest: it is stored anonymously, read (maybe) in groups later, so nobody can reach out.
    assert "nobody can contact you about it" in signpost.text
    assert "groups of 10 or more" in signpost.text
    await asha.expect("Saved.")
    # The comment is stored as any other; nothing about the match travels with it.
    [ballot] = ballots(local.services.engine, "feedback")
    assert set(ballot) <= {"answers", "comment", "themes", "team", "role", "contract"}
    assert "signpost" not in str(ballot).lower()
    assert "distress" not in str(ballot).lower()


async def test_a_joke_about_the_caseload_is_just_a_comment(local: LocalBot, asha: Person) -> None:
    await join(asha)
    await asha.says("/feedback")
    [saved] = await asha.says("This caseload is killing me, send biscuits")
    assert saved.text.startswith("Saved.")


async def test_stray_and_talk_texts_are_signposted_too(local: LocalBot, asha: Person) -> None:
    await join(asha)
    signpost, *_ = await asha.says("i cant cope")
    assert "116 123" in signpost.text
    assert "I haven't kept it" in signpost.text
    await asha.expect("I'm not waiting for an answer")
    await asha.says("/talk")
    signpost, *_ = await asha.says("I was assaulted on a visit and I can't cope")
    assert "only when you tap Send" in signpost.text
    await asha.expect("Their note: I was assaulted on a visit")


async def test_a_pulse_comment_is_signposted_and_shown_as_stored(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await open_pulse(local, ["intent_stay"])
    await asha.expect("A new pulse is ready")
    await asha.taps("Start")
    await asha.taps("Agree")
    await asha.says("Honestly I'm at breaking point, Sarah Jones never listens")
    await asha.expect("116 123")
    thanks = await asha.expect("Thank you, that's everything")
    assert "Your comment was stored as:" in thanks.text
    assert "Sarah Jones" not in thanks.text  # what is shown is the redacted text


async def test_an_old_cancel_after_the_comment_was_saved_says_so(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    [prompt] = await asha.says("/feedback")
    await asha.says("The duty rota is fairer now")
    [late] = await asha.taps("Cancel", on=prompt)
    assert late.text.startswith("Too late to cancel: that comment was already saved")
    assert len(ballots(local.services.engine, "feedback")) == 1


async def test_feedback_during_a_stay_interview_asks_first_and_text_goes_where_last_seen(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/stay")
    [ask] = await asha.says("/feedback")
    assert ask.text.startswith("You're in the middle of your stay interview.")
    assert "it is kept; /stay takes you back" in ask.text
    [left, *_] = await asha.taps("Yes, leave it")
    assert left.text.startswith("Left your stay interview: it is kept; /stay takes you back")
    await asha.expect("Type what you'd like the PSW team to know")
    [saved] = await asha.says("More supervision please")
    assert saved.text.startswith("Saved.")
    assert [b["comment"] for b in ballots(local.services.engine, "feedback")] == [
        "More supervision please"
    ]
    # The feedback is over: the interview does not swallow the next text, and nor does feedback.
    [stray] = await asha.says("hello there")
    assert stray.text.startswith("I'm not waiting for an answer")
    await asha.says("/stay")
    await asha.expect("1 of 8")
    await asha.says("The team")
    await asha.expect("2 of 8")


async def test_saying_no_keeps_the_first_conversation(local: LocalBot, asha: Person) -> None:
    await join(asha)
    await asha.says("/feedback")
    [ask] = await asha.says("/stay")
    assert ask.text.startswith("You're in the middle of your /feedback comment.")
    [kept] = await asha.taps("No, carry on")
    assert kept.text.startswith("Carrying on with your /feedback comment")
    [saved] = await asha.says("Parking is impossible")
    assert saved.text.startswith("Saved.")


async def test_help_lists_exactly_the_commands_of_the_menu(local: LocalBot, asha: Person) -> None:
    await join(asha)
    [help_] = await asha.says("/help")
    menu = local.sandbox.world.commands["all_private_chats"]
    listed = [line.split(" ", 1)[0] for line in help_.text.splitlines()[1:]]
    assert listed == [f"/{c['command']}" for c in menu]
    assert "/stay" in listed
    assert "/next" in listed
    assert "/invite" not in listed


async def test_psw_menus_follow_the_list_and_wait_for_a_first_message(
    local: LocalBot, asha: Person
) -> None:
    add_psw(local.services.engine, 9001, PswRole.VIEWER)
    priya = Person(local.client, 9001, "Priya")
    await priya.join()  # known to Telegram, but has not written to the bot: no menu possible yet
    world = local.sandbox.world
    await local.app.bot_data["menus"].refresh(force=True)  # what REFRESH_SECONDS later does
    assert "chat:9001" not in world.commands
    [help_] = await priya.says("/help")
    assert "/summary" in help_.text
    assert "/pulse" not in help_.text
    assert "/wave" not in help_.text  # viewers cannot open waves
    menu = [c["command"] for c in world.commands["chat:9001"]]
    assert [line.split(" ", 1)[0] for line in help_.text.splitlines() if line.startswith("/")] == [
        f"/{c}" for c in menu
    ]
    remove_psw(local.services.engine, 9001)
    await local.app.bot_data["menus"].refresh(force=True)
    await priya.says("/help")
    assert "chat:9001" not in world.commands  # back to the respondents' menu


async def test_psw_members_are_not_held_back_by_the_respondents_flood_limit(
    settings: Settings, org_engine: Engine
) -> None:
    limited = settings.model_copy(update={"flood_messages_per_minute": 5})
    async with local_bot(limited, org_engine) as local:
        add_psw(local.services.engine, 9001, PswRole.ADMIN)
        await local.app.bot_data["menus"].refresh(force=True)
        priya = await Person(local.client, 9001, "Priya").join()
        for _ in range(8):
            [answer] = await priya.says("/schedule")
            assert answer.text.startswith("Schedule")


async def test_next_says_when_the_next_pulse_is_due(local: LocalBot, asha: Person) -> None:
    await join(asha)
    [due] = await asha.says("/next")
    assert due.text.startswith("The next pulse opens ")
    await open_pulse(local)
    await asha.expect("A new pulse is ready")
    [open_] = await asha.says("/next")
    assert open_.text.startswith("A pulse is open for you until ")


async def test_each_choice_is_confirmed_in_the_next_message_and_mydata_uses_the_service_clock(
    local: LocalBot, asha: Person
) -> None:
    code = invite_code(local.services.engine, "Children in Care", now=local.services.clock())
    await asha.says(f"/start {code}")
    [contract_question] = await asha.taps("Social worker")
    assert contract_question.text.startswith("Role: Social worker ✓")
    [privacy] = await asha.taps("Agency or locum")
    assert privacy.text.startswith("Role: Social worker ✓\nContract: Agency or locum ✓")
    [done] = await asha.taps("I'm happy to take part")
    assert done.text.startswith("Team: Children in Care ✓")
    [mine] = await asha.says("/mydata")
    assert "Joined: Wednesday 25 November" in mine.text  # the bot's clock, not the machine's


async def test_a_stay_interview_answer_is_signposted_and_the_interview_carries_on(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/stay")
    await asha.expect("1 of 8")
    await asha.says("Nothing. A dad threatened me on a visit and I'm scared to go on visits now")
    signpost = await asha.expect("116 123")
    assert "kept with your stay interview" in signpost.text
    assert "batches of 5" in signpost.text  # MIN_GROUP_SIZE
    await asha.expect("2 of 8")


async def test_a_feedback_comment_can_be_withdrawn_until_its_pulse_closes(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    await asha.says("/feedback")
    first = await asha.says("The rota is unfair")
    first_saved = next(m for m in first if m.text.startswith("Saved."))
    assert "withdraw it until the next pulse closes" in first_saved.text
    await asha.says("/feedback")
    await asha.says("Parking is impossible")
    assert len(ballots(local.services.engine, "feedback")) == 2
    [withdrawn] = await asha.taps("Withdraw this comment", on=first_saved)
    assert withdrawn.text == "Withdrawn: your comment is deleted and will never be read."
    assert [b["comment"] for b in ballots(local.services.engine, "feedback")] == [
        "Parking is impossible"
    ]
    # After a restart the bot no longer knows which comment was hers (memory only; the released
    # case is tests/surveys/test_ballot.py): the button says so rather than pretending.
    local.app.user_data[asha.user_id].clear()
    await asha.taps("Withdraw this comment")
    await asha.expect("It can't be withdrawn now: either it was released when the pulse closed")


async def test_the_invite_says_when_the_pulse_closes(local: LocalBot, asha: Person) -> None:
    await join(asha)
    wave_id = await open_pulse(local, ["intent_stay"])
    with session_scope(local.services.engine) as session:
        wave = session.get(Wave, wave_id)
        assert wave is not None
        closes = wave.closes_at.astimezone(local.services.settings.tz)
    invite = await asha.expect("A new pulse is ready")
    when = f"{closes:%A} {closes.day} {closes:%B} at {closes:%H:%M}"
    assert f"It's open until {when}." in invite.text

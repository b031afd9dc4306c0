"""The timetable through the real bot and sandbox, with a simulated clock."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot, SimulatedClock, add_psw
from bot.scheduler import Scheduler
from sandbox import Person
from surveys.db import session_scope
from surveys.models import Delivery, Digest, PswRole, Wave
from tests.e2e.helpers import join

pytestmark = pytest.mark.e2e
LONDON = ZoneInfo("Europe/London")
PSW_CHAT = -1000


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def waves(local: LocalBot) -> list[Wave]:
    with session_scope(local.services.engine) as session:
        return list(session.exec(select(Wave).order_by(Wave.due_at)))


def deliveries(local: LocalBot) -> list[Delivery]:
    with session_scope(local.services.engine) as session:
        return list(session.exec(select(Delivery).order_by(Delivery.id)))


async def people(local: LocalBot, count: int) -> list[Person]:
    joined = []
    for number in range(count):
        person = await Person(local.client, 300 + number, f"P{number}").join()
        await join(person)
        joined.append(person)
    return joined


async def test_a_wave_opens_on_time_reminds_once_and_closes(
    local: LocalBot, clock: SimulatedClock
) -> None:
    asha, ben = await people(local, 2)
    timetable = Scheduler(local.app, autoplan=False)
    # The shipped schedule: fortnightly on Tuesdays at 10:00 from 6 January 2026; the next is
    # Tuesday 8 December. Before it, nothing happens.
    clock.set(london(2026, 12, 8, 9, 59))
    report = await timetable.run_due()
    assert report.opened == ()
    clock.set(london(2026, 12, 8, 10, 0))
    report = await timetable.run_due()
    [wave] = waves(local)
    assert report.opened == (wave.id,)
    assert report.sends.sent == 2
    assert wave.item_keys[:2] == ["intent_stay", "recommend"]
    assert len(wave.item_keys) == 4
    await asha.expect("A new pulse is ready: 4 quick questions")
    # Asha answers; Ben does not.
    await asha.taps("Start")
    for _ in range(4):
        await asha.taps("Agree")
    await asha.taps("No thanks")
    # Running again sends nothing twice.
    assert (await timetable.run_due()).sends.sent == 0
    # Reminder after three working days, Friday 11 December 10:00; only Ben gets it.
    clock.set(london(2026, 12, 11, 10, 0))
    report = await timetable.run_due()
    assert report.sends.sent == 1
    await ben.expect("A gentle reminder")
    assert not any("gentle reminder" in m.text for m in await asha.chat())
    assert (await timetable.run_due()).sends.sent == 0  # once only
    # Closes after five working days: Tuesday 15 December 10:00.
    clock.set(london(2026, 12, 15, 10, 0))
    report = await timetable.run_due()
    assert [closed[0] for closed in report.closed] == [wave.id]
    assert waves(local)[0].status == "closed"
    [closed] = await ben.taps("Start", on=await ben.message_with_button("Start"))
    assert closed.text == "This pulse has closed — thank you."


async def test_nothing_goes_to_respondents_outside_working_hours(
    local: LocalBot, clock: SimulatedClock
) -> None:
    [asha] = await people(local, 1)
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 12, 22, 10, 0))  # opens; invite sent
    await timetable.run_due()
    await asha.expect("A new pulse is ready")
    # The reminder is due Tuesday 29 December 10:00 (Christmas and Boxing Day skipped); at
    # 18:00 on the 24th and at 10:00 on the 28th (Boxing Day observed) nothing is sent.
    for moment in (london(2026, 12, 24, 18, 0), london(2026, 12, 28, 10, 0)):
        clock.set(moment)
        assert (await timetable.run_due()).sends.sent == 0
    clock.set(london(2026, 12, 29, 10, 0))
    assert (await timetable.run_due()).sends.sent == 1
    await asha.expect("A gentle reminder")


async def test_after_downtime_an_open_window_opens_and_a_passed_one_is_missed(
    local: LocalBot, clock: SimulatedClock
) -> None:
    await people(local, 1)
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 12, 8, 10, 0))
    await timetable.run_due()
    # Down from before 22 December until the 30 December wave window is over... the bot comes
    # back on Wednesday 6 January 2027: the 22 December wave's window has passed (missed, never
    # sent late) and the 5 January wave is still open (opened now).
    clock.set(london(2027, 1, 6, 11, 0))
    report = await timetable.run_due()
    statuses = [(w.due_at.astimezone(LONDON).date().isoformat(), w.status) for w in waves(local)]
    assert statuses == [("2026-12-08", "closed"), ("2026-12-22", "missed"), ("2027-01-05", "open")]
    assert len(report.missed) == 1
    assert report.sends.sent == 1
    # Rotation skipped nothing: the open wave asks items the first one did not.
    first, _, third = waves(local)
    assert not set(first.item_keys[2:]) & set(third.item_keys[2:])


async def test_a_person_who_blocked_the_bot_is_marked_unreachable_and_skipped(
    local: LocalBot, clock: SimulatedClock
) -> None:
    asha, ben = await people(local, 2)
    # Not fetching updates, so Telegram's notice of the block (my_chat_member, handled in
    # test_telegram_realities.py) waits: here the 403 at the invite is what tells the bot.
    await local.stop_polling()
    await local.client.block(ben.user_id)
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 12, 8, 10, 0))
    report = await timetable.run_due()
    assert (report.sends.sent, report.sends.unreachable) == (1, 1)
    await local.start_polling()
    clock.set(london(2026, 12, 22, 10, 0))
    report = await timetable.run_due()
    assert (report.sends.sent, report.sends.unreachable) == (1, 0)  # Ben is not tried again
    await asha.expect("A new pulse is ready")


async def test_the_digest_goes_to_the_psw_chat_once_with_small_teams_hidden(
    local: LocalBot, clock: SimulatedClock
) -> None:
    local.services.settings = local.services.settings.model_copy(update={"psw_chat_id": PSW_CHAT})
    add_psw(local.services.engine, 9001, PswRole.ADMIN)
    await local.client.add_user(9001, "Priya")
    await local.client.add_group(PSW_CHAT, "PSW team", [9001])
    team = await people(local, 6)  # six in the Assessment Team
    other = await Person(local.client, 400, "Solo").join()
    await join(other, team="Fostering and Adoption")  # a team of one: never shown
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 12, 8, 10, 0))
    await timetable.run_due()
    for person in team[:5]:
        await person.expect("A new pulse is ready")
        await person.taps("Start")
        for _ in range(4):
            await person.taps("Neither")
        await person.taps("No thanks")
    clock.set(london(2026, 12, 14, 9, 0))  # Monday 09:00
    report = await timetable.run_due()
    assert report.digest == "2026-W51"
    view = await local.client.view(PSW_CHAT)
    [digest] = [m["text"] for m in view["messages"] if m["from"] == "bot"]
    assert digest.startswith("📊 StayPulse weekly digest · w/c 14 Dec 2026")
    # The pulse is still open: only the service-wide count, no team, and no scores yet (answers
    # are released when it closes).
    assert "open pulse of Tuesday 8 December: 5 of 7 invited answered" in digest
    assert "Fostering" not in digest
    assert "Assessment Team" not in digest
    assert "no scores are shown" in digest
    assert (await timetable.run_due()).digest is None  # once a week
    with session_scope(local.services.engine) as session:
        assert [d.period for d in session.exec(select(Digest))] == ["2026-W51"]


async def test_pulse_after_a_reminder_shows_the_pulse_not_the_reminder(
    local: LocalBot, clock: SimulatedClock
) -> None:
    [asha] = await people(local, 1)
    timetable = Scheduler(local.app, autoplan=False)
    clock.set(london(2026, 12, 8, 10, 0))  # opens; invite sent
    await timetable.run_due()
    await asha.expect("A new pulse is ready")
    clock.set(london(2026, 12, 11, 10, 0))
    await timetable.run_due()
    await asha.expect("A gentle reminder")
    answer = await asha.says("/pulse")
    assert [m.text.split("\n")[0] for m in answer] == ["Pulse · 1 of 4"]
    await asha.taps("Agree")
    shown = await asha.last()
    assert shown.text.startswith("Pulse · 2 of 4")
    assert all("gentle reminder" not in m.text for m in await asha.chat() if m.edited)

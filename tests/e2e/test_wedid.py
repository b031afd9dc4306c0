"""/wedid: "you said, we did" updates, shown after pulses and sent to everyone at most once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.local.runner import LocalBot
from bot.scheduler import Scheduler
from sandbox import Person
from surveys.db import session_scope
from surveys.models import AuditEntry, PswRole, WeDid, WeDidDelivery
from surveys.waves import currently_open
from surveys.wedid import WeDidError, plan_broadcast
from tests.e2e.helpers import answer_pulse, close_and_release, join, open_pulse
from tests.e2e.test_wave_commands import psw

pytestmark = pytest.mark.e2e
UPDATE = (
    "You told us Mosaic forms take too long. The case summary is now one page <from 1 Dec> & "
    "shorter."
)


def copies(chat: list[object]) -> int:
    return sum(1 for m in chat if getattr(m, "text", "").startswith("You said, we did"))


async def test_update_is_shown_after_pulses_and_sent_once_to_everyone_reachable(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    ben = await Person(local.client, 102, "Ben").join()
    await join(ben)
    cara = await Person(local.client, 103, "Cara").join()
    await join(cara)
    await cara.says("/pause 2")  # paused people are not messaged
    priya = await psw(local, PswRole.ADMIN)
    [preview] = await priya.says(f"/wedid {UPDATE}")
    assert preview.text.startswith("Preview (not recorded yet)")
    [ask] = await priya.taps("Record")
    assert "Recorded. Staff will see this after each pulse" in ask.text
    assert "<from 1 Dec> & shorter" in ask.text  # escaped on the way out, shown as typed
    assert "Send it now to all 2 people taking part" in ask.text
    [sending] = await priya.taps("Send to 2 people")
    assert sending.text == "Sending it to 2 people now."
    await asha.expect("You said, we did")
    await ben.expect("You said, we did")
    assert copies(await asha.chat()) == copies(await ben.chat()) == 1
    assert copies(await cara.chat()) == 0
    # The same decision again (a redelivered press), or a later run of the timetable, sends
    # nothing more.
    with session_scope(local.services.engine) as session, pytest.raises(WeDidError) as refused:
        plan_broadcast(session=session, we_did_id=1, now=local.services.clock())
    assert str(refused.value) == "That update was already sent to 2 people."
    await Scheduler(local.app, autoplan=False).run_due()
    assert copies(await asha.chat()) == 1
    # And it closes every pulse until the next update. (That run of the timetable may have
    # opened Tuesday's pulse late; one pulse runs at a time, so it closes first.)
    for wave in await local.services.db(currently_open):
        assert wave.id is not None
        await close_and_release(local, wave.id)
    await open_pulse(local)
    await answer_pulse(asha, ["Agree", "Agree", "Disagree", "Agree"])
    thanks = await asha.last()
    assert "You said, we did: You told us Mosaic forms take too long" in thanks.text
    with session_scope(local.services.engine) as session:
        actions = [a.action for a in session.exec(select(AuditEntry))]
        assert {"wedid.record", "wedid.broadcast"} <= set(actions)
        assert len(session.exec(select(WeDidDelivery)).all()) == 2


async def test_outside_working_hours_the_update_waits_for_the_morning(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    local.services.clock.advance(timedelta(hours=10))  # type: ignore[attr-defined]  # 20:00
    priya = await psw(local, PswRole.ADMIN)
    await priya.says("/wedid Duty rota now shared fairly across teams")
    [ask] = await priya.taps("Record")
    assert "at the start of the next working day" in ask.text
    [later] = await priya.taps("Send to 1 people")
    assert later.text.startswith("It goes to 1 people at the start of the next working day")
    timetable = Scheduler(local.app, autoplan=False)
    await timetable.run_due()
    assert copies(await asha.chat()) == 0
    local.services.clock.advance(timedelta(hours=13))  # type: ignore[attr-defined]  # 09:00
    await timetable.run_due()
    await asha.expect("You said, we did")
    await timetable.run_due()
    assert copies(await asha.chat()) == 1


async def test_viewers_record_admins_send_and_bad_input_is_refused(
    local: LocalBot, asha: Person
) -> None:
    await join(asha)
    [answer] = await asha.says("/wedid We fixed everything")
    assert answer.text == "This command is for the PSW team."
    viewer = await psw(local, PswRole.VIEWER, 9002)
    [usage] = await viewer.says("/wedid")
    assert usage.text.startswith("Usage: /wedid <theme>: <what changed")
    [too_long] = await viewer.says("/wedid " + "x" * 1001)
    assert too_long.text == "Updates are up to 1000 characters; this one is 1001."
    await viewer.says("/wedid Laptops replaced\nfor the whole of Assessment")
    [recorded] = await viewer.taps("Record")
    assert recorded.text.endswith("Only PSW admins can send it to everyone.")
    assert "Laptops replaced\nfor the whole of Assessment" in recorded.text
    assert recorded.buttons == []
    [usage] = await viewer.says("/wedid")
    assert "Shown after pulses now:\nLaptops replaced" in usage.text
    with session_scope(local.services.engine) as session:
        assert [u.text for u in session.exec(select(WeDid))] == [
            "Laptops replaced\nfor the whole of Assessment"
        ]
    assert copies(await asha.chat()) == 0

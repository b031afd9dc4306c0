"""`staypulse demo`: the real bot against the local sandbox, playing a small organisation through
a fortnight of simulated time.

Everything goes through the same code paths as production: the sandbox speaks the Bot API over
loopback, the bot polls it through its base URL, people act through the simulation API, and the
timetable runs the same Scheduler.run_due() the JobQueue runs, jumping from one due moment to the
next on a simulated clock.
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from sqlmodel import Session, col, select

from bot.local.runner import LocalBot, SimulatedClock, add_psw, local_bot, prepare_database
from bot.local.transcript import render_all
from bot.scheduler import RunReport, Scheduler
from bot.services import Services
from bot.settings import Settings
from bot.usecases.interviews import coder
from sandbox import Person, Sandbox
from sandbox.client import Shown
from surveys.db import session_scope
from surveys.interviews import answer, create_exit_link, open_exit_link, start_stay
from surveys.models import Answer, Participant, PswRole, Submission
from surveys.waves import next_event

PSW_ADMIN_ID = 9001
PSW_CHAT_ID = -100200
LONDON = ZoneInfo("Europe/London")
# Monday 23 November 2026, 08:00: the shipped fortnightly pulse is due on Tuesday at 10:00.
START = datetime(2026, 11, 23, 8, 0, tzinfo=LONDON)


def say(text: str = "") -> None:
    """Print one line of the demo's story."""
    typer.echo(text)


def heading(text: str) -> None:
    """Print a section heading."""
    typer.echo("")
    typer.secho(f"── {text} " + "─" * max(0, 74 - len(text)), bold=True)


def show(shown: list[Shown]) -> None:
    """Print what the bot showed."""
    if shown:
        say(render_all(shown))


async def types(person: Person, text: str) -> None:
    """The person types `text`; print it and the answer."""
    say(f"  {person.first_name} › {text}")
    show(await person.says(text))


async def taps(person: Person, label: str) -> None:
    """The person taps a button; print it and the answer."""
    say(f"  {person.first_name} taps [{label}]")
    show(await person.taps(label))


def invite_code(message: Shown) -> str:
    """The code in a t.me invite link shown by the bot."""
    link = next(word for word in message.text.split() if word.startswith("https://t.me/"))
    return link.split("start=", 1)[1]


class Story:
    """The demo's cast, clock and timetable."""

    def __init__(self, local: LocalBot, clock: SimulatedClock) -> None:
        self.local = local
        self.clock = clock
        self.timetable = Scheduler(local.app, autoplan=False)
        self.people: dict[str, Person] = {}

    def stamp(self) -> str:
        """The simulated time, as a PSW would read it."""
        now = self.clock().astimezone(LONDON)
        return f"{now:%a} {now.day} {now:%b} {now:%H:%M}"

    def report(self, report: RunReport) -> None:
        """Print what the timetable just did."""
        stamp = self.stamp()
        for wave_id in report.opened:
            say(f"  [{stamp}] wave {wave_id} opened")
        invites = report.sends.sent - report.sends.reminders
        if invites:
            say(f"  [{stamp}] {invites} invites sent")
        if report.sends.reminders:
            say(
                f"  [{stamp}] {report.sends.reminders} reminder(s) sent to those who had not "
                "answered"
            )
        for wave_id, kept, dropped in report.closed:
            say(
                f"  [{stamp}] wave {wave_id} closed: {kept} unfinished pulse(s) kept, "
                f"{dropped} empty one(s) dropped"
            )
        if report.digest:
            say(f"  [{stamp}] weekly digest {report.digest} posted to the PSW group")

    async def until(self, moment: datetime) -> None:
        """Let simulated time pass, running the timetable at each moment something is due."""
        services = self.local.services
        while True:
            due = services.db_sync(
                next_event,
                schedules=services.schedules,
                calendar=services.calendar,
                now=self.clock(),
            )
            if due > moment:
                break
            self.clock.set(due)
            self.report(await self.timetable.run_due())
        self.clock.set(moment)


async def run_demo(settings: Settings, *, database_url: str, org_file: Path) -> None:
    """Play the story and print it."""
    started = time.monotonic()
    engine = prepare_database(database_url, org_file, fresh=True)
    add_psw(engine, PSW_ADMIN_ID, PswRole.ADMIN, "Priya (PSW)")
    demo_settings = settings.model_copy(
        update={"database_url": database_url, "psw_chat_id": PSW_CHAT_ID}
    )
    clock = SimulatedClock(START)
    services = Services.from_settings(demo_settings, engine, clock=clock)
    # The PSW group exists before the bot starts, as in real life: the bot checks who is in it
    # at start.
    box = Sandbox()
    await box.start()
    box.sim.add_user(PSW_ADMIN_ID, "Priya")
    box.sim.add_group(PSW_CHAT_ID, "PSW team", [PSW_ADMIN_ID])
    try:
        async with local_bot(demo_settings, engine, services=services, sandbox=box) as local:
            say(f"Sandbox Bot API on {box.url}; the bot is @{local.services.bot_username}.")
            say(
                f"Data in {database_url} (recreated for each demo). Simulated time starts "
                f"{START:%A %d %B %Y %H:%M}."
            )
            story = Story(local, clock)
            await _fortnight(story)
            stats = await local.client.stats()
    finally:
        await box.stop()
    heading("Sandbox")
    say(f"  Bot API calls by status: {stats['totals']}")
    say(f"  A fortnight of simulated time in {time.monotonic() - started:.1f}s of wall time.")


async def _fortnight(story: Story) -> None:
    local, client = story.local, story.local.client
    priya = await Person(client, PSW_ADMIN_ID, "Priya").join()

    heading("Monday 08:30 · Priya, from the PSW team, makes invite links")
    await story.until(START.replace(hour=8, minute=30))
    await types(priya, "/invite assessment")
    assessment = invite_code(await priya.last())
    await priya.says("/invite cin_cp_north")
    north = invite_code(await priya.last())
    say("  (and one for CIN and Child Protection North)")

    heading("Asha, a social worker, opens the Assessment Team link on her phone")
    asha = await Person(client, 101, "Asha").join()
    await types(asha, f"/start {assessment}")
    await taps(asha, "Social worker")
    await taps(asha, "Permanent")
    await taps(asha, "I'm happy to take part")

    heading("Nine colleagues join the same way: five in each team")
    cast = {
        "Ben": (102, assessment, "Senior or advanced practitioner", "Agency or locum"),
        "Chloe": (103, assessment, "Newly qualified (ASYE)", "Permanent"),
        "Dan": (104, assessment, "Social worker", "Permanent"),
        "Ivy": (109, assessment, "Social worker", "Agency or locum"),
        "Dev": (105, north, "Social worker", "Permanent"),
        "Ellie": (106, north, "Social worker", "Agency or locum"),
        "Farah": (107, north, "Team or practice manager", "Prefer not to say"),
        "Gus": (108, north, "Social worker", "Permanent"),
        "Hana": (110, north, "Senior or advanced practitioner", "Permanent"),
    }
    people: dict[str, Person] = {"Asha": asha}
    for name, (user_id, code, role, contract) in cast.items():
        person = people[name] = await Person(client, user_id, name).join()
        await person.says(f"/start {code}")
        await person.taps(role)
        await person.taps(contract)
        await person.taps("I'm happy to take part")
        say(f"  {name} joined ({role}, {contract}).")

    heading("Ben sends a sticker, then chats")
    say("  Ben › [sticker]")
    show(await people["Ben"].sends("sticker"))
    await types(people["Ben"], "is this thing on?")

    heading("Tuesday 10:00 · the fortnightly pulse opens on schedule")
    await story.until(START.replace(day=24, hour=10, minute=5))
    await types(priya, "/schedule")

    heading("Asha answers between visits: one message, edited with each tap")
    show([await asha.expect("A new pulse is ready")])
    await taps(asha, "Start")
    await taps(asha, "Agree")
    await taps(asha, "Disagree")
    await taps(asha, "« Back")
    await taps(asha, "Agree")
    await taps(asha, "Strongly agree")
    await taps(asha, "Agree")
    await types(asha, "My TM Sarah Jones is brilliant but call me on 07700 900123 about duty")

    heading("Most of the others answer that day")
    answers = {
        "Chloe": (["Agree", "Agree", "Neither", "Strongly agree"], None),
        "Dan": (
            ["Disagree", "Disagree", "Strongly agree", "Disagree"],
            "Caseloads are too high and I work most evenings",
        ),
        "Dev": (
            ["Disagree", "Neither", "Strongly agree", "Disagree"],
            "Pay is ok but agency staff earn nearly double",
        ),
        "Farah": (
            ["Strongly agree", "Agree", "Agree", "Strongly agree"],
            "No complaints about pay, and supervision is regular",
        ),
        "Ivy": (["Neither", "Agree", "Agree", "Neither"], None),
        "Hana": (["Agree", "Agree", "Disagree", "Agree"], None),
    }
    for name, (labels, comment) in answers.items():
        person = people[name]
        await person.expect("A new pulse is ready")
        await person.taps("Start")
        for label in labels:
            await person.taps(label)
        if comment:
            await person.says(comment)
        else:
            await person.taps("No thanks")
        say(f"  {name}: {', '.join(labels)}" + (f' · "{comment}"' if comment else ""))
    say("  Ben starts, answers one question, and goes out on a visit.")
    await people["Ben"].taps("Start", on=await people["Ben"].message_with_button("Start"))
    await people["Ben"].taps("Disagree")

    heading("Gus is due in court: he taps Remind me later on the invite")
    await people["Gus"].expect("A new pulse is ready")
    await taps(people["Gus"], "Remind me later")

    heading("Tuesday 13:05 · Gus's reminder, as he asked: one, in working hours")
    await story.until(START.replace(day=24, hour=13, minute=10))
    show([await people["Gus"].expect("Here's the reminder you asked for")])

    heading("Friday 10:00 · one reminder, only to those who haven't answered")
    await story.until(START.replace(day=27, hour=10, minute=5))
    show([await people["Ellie"].expect("A gentle reminder")])
    say("  Ben carries on where he stopped with /pulse:")
    await types(people["Ben"], "/pulse")
    for label in ("Disagree", "Strongly agree", "Disagree"):
        await people["Ben"].taps(label, on=await people["Ben"].last())
    await people["Ben"].taps("No thanks")
    say("  Ben finished. Ellie starts but only answers one question.")
    await people["Ellie"].taps("Start", on=await people["Ellie"].message_with_button("Start"))
    await people["Ellie"].taps("Neither")

    heading("Monday 09:00 · the weekly digest arrives in the PSW group")
    await story.until(START.replace(day=30, hour=9, minute=5))
    view = await client.view(PSW_CHAT_ID)
    digest = [m for m in view["messages"] if m["from"] == "bot"][-1]
    say(render_all([Shown(message_id=digest["message_id"], text=digest["text"])]))

    heading("Tuesday 10:00 · the wave closes after five working days")
    await story.until(datetime(2026, 12, 1, 10, 5, tzinfo=LONDON))
    await people["Gus"].expect("A gentle reminder")
    say("  Gus finds the reminder a day late and taps Start:")
    await taps(people["Gus"], "Start")

    heading("What was stored: anonymous ballots, comments redacted")
    with session_scope(local.services.engine) as session:
        submissions = list(session.exec(select(Submission)))
        answer_count = len(list(session.exec(select(Answer))))
    say(
        f"  {len(submissions)} submissions (Ellie's unfinished one kept at close), "
        f"{answer_count} answers; each carries team, role group, contract and week only."
    )
    for submission in submissions:
        if submission.comment:
            say(f'  stored comment: "{submission.comment}"')

    heading("Ellie is struggling: her comment is met with support at once (signposting)")
    ellie = people["Ellie"]
    await types(ellie, "/feedback")
    await types(ellie, "Honestly I can't cope any more and I'm not sleeping")
    await ellie.expect("Saved.")  # shown above, or arriving just after
    say("  Nothing about the match is stored or sent anywhere: the comment is kept like any other.")

    heading("Chloe checks what is held about her, then pauses for two weeks")
    await types(people["Chloe"], "/mydata")
    await types(people["Chloe"], "/pause 2")

    heading("Dev asks the PSW team for a conversation")
    dev = people["Dev"]
    await types(dev, "/talk")
    await types(dev, "Could we talk about my caseload?")
    await taps(dev, "Send")
    say("  Priya receives:")
    show([await priya.expect("Conversation request")])

    heading("Hana takes a stay interview on her phone (/stay)")
    hana = people["Hana"]
    await types(hana, "/stay")
    for text in (
        "My team, we really look after each other",
        None,
        "My manager is supportive and I get proper supervision",
        "In September, when I was covering two vacant caseloads",
        "Agency pays much more for the same job",
        "Less duplication in Mosaic",
    ):
        if text is None:
            await taps(hana, "Skip »")
        else:
            await types(hana, text)
    await taps(hana, "Agree")
    await taps(hana, "No thanks")

    heading("Priya types up a stay interview she held in person (/record_stay)")
    await types(priya, "/record_stay")
    await taps(priya, "Children in Care")
    await taps(priya, "Social worker")
    await taps(priya, "Permanent")
    await types(priya, "Stays for her team manager Jo Smith, who is very supportive.")
    await types(priya, "Would like more training on court work; pay is a worry.")
    await taps(priya, "Done ✓")
    say("  Priya agrees with the themes proposed and saves:")
    await taps(priya, "Save ✓")
    await types(priya, "/my_interviews")

    heading("A leaver gets a one-time exit interview link (/invite_exit)")
    await types(priya, "/invite_exit cin_cp_north")
    code = (await priya.last()).text.split("start=x_")[1].split()[0]
    leaver = await Person(client, 120, "Lee").join()
    await types(leaver, f"/start x_{code}")
    for label in ("Pay", "Workload", "Done ✓", "Pay", "Agency or locum work", "Probably"):
        await taps(leaver, label)
    await types(leaver, "A caseload under 20 and pay closer to agency rates")
    await taps(leaver, "Skip »")
    say("  The same link opened again:")
    await types(leaver, f"/start x_{code}")
    seeded = seed_interviews(local.services)
    say(
        f"  (The demo adds {seeded[0]} stay and {seeded[1]} exit interviews from earlier in the "
        "year so /drivers has enough to show.)"
    )
    stays = await local.services.release_interviews("stay")
    exits = await local.services.release_interviews("exit")
    say(
        f"  Interviews wait sealed until {local.services.settings.min_group_size} of a kind are "
        f"in, then go out together in a random order: {stays} stay and {exits} exit interviews "
        "were just released as two batches."
    )

    heading("Priya tells everyone what changed (/wedid)")
    await types(
        priya,
        "/wedid Processes: You told us Mosaic case notes take too long. From 14 December the "
        "form is one page.\nowner: Head of Service\ndue: 2026-12-14",
    )
    await taps(priya, "Record")
    send = next(b.text for b in (await priya.last()).buttons if b.text.startswith("Send to"))
    await taps(priya, send)
    show([await people["Asha"].expect("You said, we did")])

    heading("Priya asks for results (PSW commands)")
    for command in ("/summary 4w", "/drivers", "/comments pay"):
        await types(priya, command)
    say("  Priya › /trend workload")
    show([m for m in await priya.says("/trend workload") if m.photo])

    heading("Monday 7 December 09:00 · the next digest")
    await story.until(datetime(2026, 12, 7, 9, 5, tzinfo=LONDON))
    view = await client.view(PSW_CHAT_ID)
    posted = [m for m in view["messages"] if m["from"] == "bot"]
    digest = [m for m in posted if m.get("text")][-1]
    say(render_all([Shown(message_id=digest["message_id"], text=digest["text"])]))
    if posted[-1].get("photo"):
        say(f"  bot › [picture {posted[-1]['photo']['name']}] {posted[-1].get('caption', '')}")

    heading("Sam, the PSW lead, prepares the workforce board (/actions, /report)")
    # A second PSW member: Priya has typed more this minute than the flood guard allows anyone.
    add_psw(local.services.engine, PSW_ADMIN_ID + 1, PswRole.VIEWER, "Sam (PSW)")
    sam = await Person(client, PSW_ADMIN_ID + 1, "Sam").join()
    await types(sam, "/action 1 status in progress")
    await types(sam, "/actions")
    say("  Sam › /report")
    await sam.says("/report")
    # The PDF takes a few seconds to draw: wait for both files rather than the settle time.
    show([await sam.expect("Committee report", wait=120), await sam.expect("workbook", wait=120)])


# Interviews from earlier in the year, in the words staff use; coded by the real analyser.
EARLIER_STAYS = (
    ("The team is amazing, we look after each other", "My manager makes time for supervision"),
    ("I feel valued and my work is recognised", "Learning from colleagues"),
    ("The training and CPD offer is excellent", "My team"),
    ("Our director is visible and comes to team meetings", "Supportive manager"),
    ("Senior leaders know us by name", "The people I work with"),
)
EARLIER_EXITS = (
    (("pay", "career"), "pay", "Pay that matches the councils next door"),
    (("workload", "work_life_balance"), "workload", "Not working every evening"),
    (("career", "pay"), "career", "A route to senior practitioner"),
    (("pay", "workload"), "pay", "A market supplement"),
    (("work_life_balance", "workload"), "work_life_balance", "A caseload I could manage"),
)


def seed_interviews(services: Services) -> tuple[int, int]:
    """Stay and exit interviews from earlier in 2026, through the same steps as the chat."""
    now = services.clock()
    stays = services.db_sync(_joined_chats)[: len(EARLIER_STAYS)]
    for number, (chat_id, (why, forward)) in enumerate(zip(stays, EARLIER_STAYS, strict=False)):
        day = datetime(2026, 6 + number % 5, 15, tzinfo=LONDON).date()
        services.db_sync(start_stay, chat_id=chat_id, now=now)
        steps: list[tuple[str, object]] = [
            ("q:look_forward", forward),
            ("q:learning", None),
            ("q:why_stay", why),
        ]
        steps += [(f"q:{k}", None) for k in ("thought_of_leaving", "tempt_away", "job_better")]
        steps += [("rating", 4), ("followup", False)]
        for step, value in steps:
            services.db_sync(
                answer, chat_id=chat_id, step=step, value=value, coder=coder, today=day, now=now
            )
    for number, (reasons, main, kept) in enumerate(EARLIER_EXITS):
        day = datetime(2026, 4 + 2 * number, 10, tzinfo=LONDON).date()
        link = services.db_sync(
            create_exit_link, team_key="assessment", created_by=PSW_ADMIN_ID, now=now
        )
        chat_id = 70_000 + number
        services.db_sync(open_exit_link, chat_id=chat_id, code=link.code, now=now)
        steps = [*(("reasons", r) for r in reasons), ("reasons", "done"), ("main", main)]
        steps += [("destination", "council"), ("come_back", 3), ("q:kept", kept), ("q:else", None)]
        for step, value in steps:
            services.db_sync(
                answer, chat_id=chat_id, step=step, value=value, coder=coder, today=day, now=now
            )
    return len(stays), len(EARLIER_EXITS)


def _joined_chats(session: Session) -> list[int]:
    return [p.chat_id for p in session.exec(select(Participant).order_by(col(Participant.id)))]

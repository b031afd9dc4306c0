"""`staypulse demo`: the real bot against the local sandbox, playing a small organisation.

Everything goes through the same code paths as production: the sandbox speaks the Bot API over
loopback, the bot polls it through its base URL, and people act through the simulation API.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer
from sqlmodel import select

from bot.invites import open_wave_now, send_invites
from bot.local import LocalBot, add_psw, local_bot, prepare_database
from bot.sandbox import Person
from bot.sandbox.client import Shown
from bot.settings import Settings
from bot.transcript import render_all
from surveys.db import session_scope
from surveys.models import Answer, PswRole, Submission

PSW_ADMIN_ID = 9001
PULSE_ITEMS = ["intent_stay", "recommend", "workload_high", "supervision"]


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


async def quietly_join(person: Person, code: str, role: str, contract: str) -> None:
    """Join through an invite link without printing every step."""
    await person.says(f"/start {code}")
    await person.taps(role)
    await person.taps(contract)
    await person.taps("I'm happy to take part")
    say(f"  {person.first_name} opened the link and joined ({role}, {contract}).")


async def quietly_answer(person: Person, labels: list[str], comment: str | None) -> None:
    """Answer the pulse without printing every step."""
    await person.expect("A new pulse is ready")
    await person.taps("Start")
    for label in labels:
        await person.taps(label)
    if comment:
        await person.says(comment)
    else:
        await person.taps("No thanks")
    say(
        f"  {person.first_name} answered: {', '.join(labels)}"
        + (f' and commented "{comment}"' if comment else "")
    )


def invite_code(message: Shown) -> str:
    """The code in a t.me invite link shown by the bot."""
    link = next(word for word in message.text.split() if word.startswith("https://t.me/"))
    return link.split("start=", 1)[1]


async def run_demo(settings: Settings, *, database_url: str, org_file: Path) -> None:
    """Play the story and print it."""
    started = time.monotonic()
    engine = prepare_database(database_url, org_file, fresh=True)
    add_psw(engine, PSW_ADMIN_ID, PswRole.ADMIN, "Priya (PSW)")
    demo_settings = settings.model_copy(update={"database_url": database_url})

    async with local_bot(demo_settings, engine) as local:
        say(f"Sandbox Bot API on {local.sandbox.url}; the bot is @{local.services.bot_username}.")
        say(f"Data in {database_url} (recreated for each demo).")
        await _story(local)
        stats = await local.client.stats()
    heading("Sandbox")
    say(f"  Bot API calls by status: {stats['totals']}")
    say(f"  Demo finished in {time.monotonic() - started:.1f}s.")


async def _story(local: LocalBot) -> None:
    client = local.client
    priya = await Person(client, PSW_ADMIN_ID, "Priya").join()
    heading("Priya, from the PSW team, makes invite links for two teams")
    await types(priya, "/invite assessment")
    assessment = invite_code(await priya.last())
    await priya.says("/invite cin_cp_north")
    north = invite_code(await priya.last())
    say("  (and one for Child in Need and Child Protection North)")

    heading("Asha, a social worker, opens the Assessment Team link on her phone")
    asha = await Person(client, 101, "Asha").join()
    await types(asha, f"/start {assessment}")
    await taps(asha, "Social worker")
    await taps(asha, "Permanent")
    await taps(asha, "I'm happy to take part")

    heading("Five colleagues join the same way")
    people = {
        "Ben": (102, assessment, "Senior or advanced practitioner", "Agency or locum"),
        "Chloe": (103, assessment, "Newly qualified (ASYE)", "Permanent"),
        "Dev": (104, north, "Social worker", "Permanent"),
        "Ellie": (105, north, "Social worker", "Agency or locum"),
        "Farah": (106, north, "Team or practice manager", "Prefer not to say"),
    }
    others: dict[str, Person] = {}
    for name, (user_id, code, role, contract) in people.items():
        others[name] = await Person(client, user_id, name).join()
        await quietly_join(others[name], code, role, contract)

    heading("Ben sends a sticker, then chats")
    say("  Ben › [sticker]")
    show(await others["Ben"].sends("sticker"))
    await types(others["Ben"], "is this thing on?")

    heading("A pulse opens (the scheduler does this on its timetable)")
    wave_id = await open_wave_now(local.services, item_keys=PULSE_ITEMS)
    result = await send_invites(local.app.bot, local.services, wave_id)
    say(f"  Invites sent: {result.sent}, unreachable: {result.unreachable}.")

    heading("Asha answers on her phone: one message, edited with each tap")
    show([await asha.expect("A new pulse is ready")])
    await taps(asha, "Start")
    await taps(asha, "Agree")
    await taps(asha, "Disagree")
    await taps(asha, "« Back")
    await taps(asha, "Agree")
    await taps(asha, "Strongly agree")
    await taps(asha, "Agree")
    await types(asha, "My TM Sarah Jones is brilliant but call me on 07700 900123 about duty")

    heading("Ben stops half-way, then carries on later with /pulse")
    ben = others["Ben"]
    await ben.expect("A new pulse is ready")
    await ben.taps("Start")
    await ben.taps("Disagree")
    say("  Ben answered one question, then went out on a visit.")
    await types(ben, "/pulse")
    for label in ("Disagree", "Strongly agree", "Disagree"):
        await ben.taps(label, on=await ben.last())
    await ben.taps("No thanks")
    say("  Ben finished the pulse.")

    heading("The others answer")
    answers = {
        "Chloe": (["Agree", "Agree", "Neither", "Strongly agree"], None),
        "Dev": (
            ["Disagree", "Neither", "Strongly agree", "Disagree"],
            "Caseloads are too high and I work most evenings",
        ),
        "Ellie": (["Neither", "Agree", "Agree", "Agree"], None),
        "Farah": (
            ["Strongly agree", "Agree", "Agree", "Strongly agree"],
            "No complaints about pay",
        ),
    }
    for name, (labels, comment) in answers.items():
        await quietly_answer(others[name], labels, comment)

    heading("What was stored: anonymous ballots, comments redacted")
    with session_scope(local.services.engine) as session:
        submissions = list(session.exec(select(Submission)))
        answer_count = len(list(session.exec(select(Answer))))
    say(
        f"  {len(submissions)} submissions, {answer_count} answers; each carries team, role "
        "group, contract and week only."
    )
    for submission in submissions:
        if submission.comment:
            say(f'  stored comment: "{submission.comment}"')

    heading("Chloe checks what is held about her, then pauses for two weeks")
    chloe = others["Chloe"]
    await types(chloe, "/mydata")
    await types(chloe, "/pause 2")

    heading("Dev asks the PSW team for a conversation")
    dev = others["Dev"]
    await types(dev, "/talk")
    await types(dev, "Could we talk about my caseload?")
    await taps(dev, "Send")
    say("  Priya receives:")
    show([await priya.expect("Conversation request")])

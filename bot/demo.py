"""`staypulse demo`: the real bot against the local sandbox, playing a small organisation.

Everything goes through the same code paths as production: the sandbox speaks the Bot API over
loopback, the bot polls it through its base URL, and people act through the simulation API.
"""

from __future__ import annotations

import time
from pathlib import Path

import typer

from bot.local import add_psw, local_bot, prepare_database
from bot.sandbox import Person
from bot.settings import Settings
from bot.transcript import render_all
from surveys.models import PswRole

PSW_ADMIN_ID = 9001


def say(text: str = "") -> None:
    """Print one line of the demo's story."""
    typer.echo(text)


def heading(text: str) -> None:
    """Print a section heading."""
    typer.echo("")
    typer.secho(f"── {text} " + "─" * max(0, 74 - len(text)), bold=True)


async def act(person: Person, text: str) -> None:
    """The person types `text`; print it and what the bot answered."""
    say(f"  {person.first_name} › {text}")
    say(render_all(await person.says(text)))


async def run_demo(settings: Settings, *, database_url: str, org_file: Path) -> None:
    """Play the story and print it."""
    started = time.monotonic()
    engine = prepare_database(database_url, org_file, fresh=True)
    add_psw(engine, PSW_ADMIN_ID, PswRole.ADMIN, "Priya (PSW)")
    demo_settings = settings.model_copy(update={"database_url": database_url})

    async with local_bot(demo_settings, engine) as local:
        say(f"Sandbox Bot API on {local.sandbox.url}; the bot is @{local.services.bot_username}.")
        say(f"Data in {database_url} (recreated for each demo).")

        heading("Asha, a social worker, opens the bot")
        asha = await Person(local.client, 101, "Asha").join()
        await act(asha, "/start")
        await act(asha, "/help")

        heading("Ben sends a sticker, then a stray message")
        ben = await Person(local.client, 102, "Ben").join()
        say("  Ben › [sticker]")
        say(render_all(await ben.sends("sticker")))
        await act(ben, "hello?")
        await act(ben, "/whatever")

        heading("Priya, from the PSW team, asks for help")
        priya = await Person(local.client, PSW_ADMIN_ID, "Priya").join()
        await act(priya, "/help")

        stats = await local.client.stats()
    heading("Sandbox")
    totals = stats["totals"]
    say(f"  Bot API calls by status: {totals}")
    say(f"  Demo finished in {time.monotonic() - started:.1f}s.")

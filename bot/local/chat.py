"""`staypulse chat`: talk to the real bot in a terminal, through the local sandbox.

Like errbot's text backend: bot messages are printed, inline buttons are numbered, and typing a
number presses that button on the newest message that has buttons.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import typer

from bot.invites import open_wave_now, send_invites
from bot.local.runner import add_psw, local_bot, prepare_database
from bot.local.transcript import render_all
from bot.settings import Settings
from sandbox import Person, SimClientError
from sandbox.client import Shown
from surveys.models import PswRole

HELP = (
    "Type a message or a /command. A number presses that button on the newest message with "
    "buttons. :pulse opens a pulse for everyone who has joined (as the scheduler would). "
    ":sticker, :photo, :voice, :document, :location send those. :quit (or Ctrl-D) leaves."
)


async def _read_line(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def run_chat(
    settings: Settings, *, role: str, user_id: int, name: str, database_url: str, org_file: Path
) -> None:
    """Read lines from the terminal and act them out as one person."""
    engine = prepare_database(database_url, org_file)
    if role == "psw":
        add_psw(engine, user_id, PswRole.ADMIN, f"{name} (local chat)")
    chat_settings = settings.model_copy(update={"database_url": database_url})
    async with local_bot(chat_settings, engine) as local:
        me = await Person(local.client, user_id, name).join()
        typer.echo(f"You are {name} ({role}, user id {user_id}); data in {database_url}.")
        typer.echo(HELP)
        last_with_buttons: Shown | None = None
        while True:
            line = await _read_line(f"{name} › ")
            if line is None or line.strip() in (":quit", ":q"):
                break
            line = line.strip()
            if not line:
                continue
            try:
                if line.isdigit():
                    if last_with_buttons is None:
                        typer.echo("  (no buttons to press)")
                        continue
                    buttons = last_with_buttons.buttons
                    index = int(line) - 1
                    if not 0 <= index < len(buttons) or buttons[index].callback_data is None:
                        typer.echo(f"  (choose 1–{len(buttons)})")
                        continue
                    shown = await me.presses(
                        last_with_buttons.message_id, buttons[index].callback_data or ""
                    )
                elif line == ":pulse":
                    wave_id = await open_wave_now(local.services)
                    result = await send_invites(local.app.bot, local.services, wave_id)
                    typer.echo(f"  (pulse opened; {result.sent} invite(s) sent)")
                    shown = await me.answer(wait=2)
                elif line.startswith(":"):
                    shown = await me.sends(line[1:])
                else:
                    shown = await me.says(line)
            except SimClientError as exc:
                typer.echo(f"  (sandbox: {exc})")
                continue
            for notice in me.notices[-1:]:
                typer.echo(f"  (notice: {notice})")
            if shown:
                typer.echo(render_all(shown, numbered=True))
            with_buttons = [m for m in await me.chat() if m.buttons]
            last_with_buttons = with_buttons[-1] if with_buttons else None
        sys.stdout.flush()

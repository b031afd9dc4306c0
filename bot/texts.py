"""What the bot says. Plain, kind, short enough to read between visits. Telegram HTML."""

from __future__ import annotations

from html import escape

WELCOME = (
    "Hello{name}, I'm <b>StayPulse</b> for {org}.\n\n"
    "Every week or two I'll ask you 3–5 quick questions about work: how your workload, "
    "support and team feel. It takes about 30 seconds, and your answers are anonymous: "
    "they are stored without your name or Telegram account, and only the Principal Social "
    "Worker team sees results, never for a group of fewer than {min_group} people.\n\n"
    "Type /help to see what I can do."
)
HELP = (
    "<b>What I can do</b>\n"
    "/start – join or change your team, role and contract\n"
    "/help – this list\n\n"
    "Your answers never carry your name. The Principal Social Worker team sees results only "
    "for groups of {min_group} or more people."
)
PSW_HELP = (
    "\n\n<b>For the PSW team</b>\n"
    "You are a PSW team {role}. Results commands arrive with the analysis features."
)
TEXT_ONLY = "I can only read text here. Type /help to see what I can do."
UNKNOWN_COMMAND = "I don't know that command. Type /help to see what I can do."
STRAY_TEXT = "I'm not waiting for an answer just now. Type /help to see what I can do."
ERROR = "Sorry, something went wrong on my side. Nothing you have already answered is lost."
NOT_PSW = "This command is for the PSW team."


def welcome(first_name: str | None, org: str, min_group: int) -> str:
    """The first message someone sees."""
    name = f" {escape(first_name)}" if first_name else ""
    return WELCOME.format(name=name, org=escape(org), min_group=min_group)

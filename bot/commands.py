"""Every command, once: who may use it, its menu line and its /help line.

The command menus Telegram shows (set per chat for PSW members, bot/menus.py) and /help are
both generated from `COMMANDS`, so they cannot disagree, and neither offers a command the person
may not use: people on the PSW list cannot answer pulses, send /feedback or take /stay
(docs/design.md), so those are not in their menu or help.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from telegram import BotCommand


class Audience(StrEnum):
    """Who may use a command."""

    RESPONDENT = "respondent"  # staff who answer (not PSW members)
    EVERYONE = "everyone"
    PSW = "psw"  # every PSW member
    ADMIN = "admin"  # PSW admins only


@dataclass(frozen=True)
class Command:
    """A command: its name, who may use it, its menu description and its /help line."""

    name: str
    audience: Audience
    menu: str
    help: str = ""  # defaults to the menu line; usage goes here ("&lt;team&gt;": HTML)

    def help_line(self) -> str:
        """The line /help shows."""
        return f"/{self.name} – {self.help or self.menu[0].lower() + self.menu[1:]}"


_R, _E, _P, _A = Audience.RESPONDENT, Audience.EVERYONE, Audience.PSW, Audience.ADMIN
COMMANDS: tuple[Command, ...] = (
    Command("pulse", _R, "Answer or continue the current pulse"),
    Command("next", _R, "When the next pulse is due"),
    Command("feedback", _R, "Send the PSW team an anonymous comment"),
    Command("stay", _R, "A short stay interview: why you stay"),
    Command(
        "talk",
        _E,
        "Ask the PSW team for a conversation",
        "ask the PSW team for a conversation (not anonymous)",
    ),
    Command("start", _E, "See or change your team, role and contract"),
    Command("mydata", _E, "See everything held about you"),
    Command(
        "pause", _R, "No messages for a few weeks", "no messages for a few weeks (/pause 2 for two)"
    ),
    Command("resume", _R, "Start again after a pause or stop"),
    Command("stop", _R, "No more messages"),
    Command("forget", _E, "Delete everything about you"),
    Command("privacy", _E, "How your answers are kept safe"),
    Command("whoami", _E, "Your Telegram user id"),
    Command("help", _E, "What I can do"),
    Command(
        "invite",
        _P,
        "A link that puts people in a team",
        "a team's invite link "
        "(/invite &lt;team&gt;); /invite list; /invite revoke &lt;code&gt; (admins)",
    ),
    Command("schedule", _P, "Next waves, reminders and digest"),
    Command(
        "wave",
        _A,
        "Open or close a pulse now",
        "start or end a pulse now (/wave open, /wave close)",
    ),
    Command(
        "summary",
        _P,
        "Theme scores for a period and team",
        "theme scores ([4w|12w|quarter|year|from..to] [team])",
    ),
    Command(
        "comments", _P, "What staff said about a theme", "what staff said (&lt;theme&gt; [pos|neg])"
    ),
    Command("themes", _P, "What comments are about"),
    Command("drivers", _P, "Why people stay and why they might leave"),
    Command(
        "interviews",
        _P,
        "Stay or exit interview answers, by question",
        "released interview answers by question (stay|exit [theme])",
    ),
    Command("participation", _P, "Who answered the latest pulse"),
    Command(
        "trend", _P, "A theme over time, as a chart", "a chart over time (&lt;theme&gt; [team])"
    ),
    Command("export", _P, "The summary as CSV or XLSX", "the summary as a file ([csv|xlsx])"),
    Command("digest", _P, "The weekly digest now"),
    Command(
        "wedid",
        _P,
        "Tell staff what changed: you said, we did",
        "you said, we did (&lt;theme&gt;: &lt;text&gt;, then owner: and due: lines): a preview, "
        "then recorded as an action; admins can send it to all",
    ),
    Command(
        "actions", _P, "Actions: owner, due date, status, theme before and since", "the action log"
    ),
    Command(
        "action",
        _P,
        "Edit or withdraw an action",
        "edit an action (&lt;n&gt; status|owner|due|theme|text &lt;value&gt;, or withdraw)",
    ),
    Command(
        "breakdown",
        _P,
        "Scores by role group or contract",
        "scores by role group or contract (role|contract [period])",
    ),
    Command("compare", _P, "Teams × themes, with a heat-map", "teams × themes ([period])"),
    Command(
        "overtime",
        _P,
        "A theme by team per pulse, and participation",
        "a theme by team per pulse, and participation ([theme] [period])",
    ),
    Command(
        "report", _P, "The committee report (PDF and XLSX)", "the committee report ([quarter])"
    ),
    Command("record_stay", _P, "Type up a stay interview you held"),
    Command("my_interviews", _P, "Stay interviews you recorded this month"),
    Command(
        "invite_exit",
        _P,
        "A one-time exit interview link for a leaver",
        "a one-time exit interview link for a leaver (&lt;team&gt;)",
    ),
)


def allowed(psw_role: str | None) -> list[Command]:
    """The commands someone may use: a respondent (`psw_role` None), a PSW viewer or admin."""
    if psw_role is None:
        return [c for c in COMMANDS if c.audience in (_R, _E)]
    audiences = {_E, _P} | ({_A} if psw_role == "admin" else set())
    return [c for c in COMMANDS if c.audience in audiences]


def menu(psw_role: str | None) -> list[BotCommand]:
    """The command menu for a respondent or a PSW member of `psw_role`."""
    return [BotCommand(c.name, c.menu) for c in allowed(psw_role)]


def help_text(psw_role: str | None, header: str, psw_header: str) -> str:
    """/help: exactly the commands this person may use, the PSW ones under their own heading."""
    mine = allowed(psw_role)
    lines = [header, *(c.help_line() for c in mine if c.audience in (_R, _E))]
    psw = [c.help_line() for c in mine if c.audience in (_P, _A)]
    if psw:
        lines += ["", psw_header.format(role=psw_role), *psw]
    return "\n".join(lines)

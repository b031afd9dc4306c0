"""Callback data: versioned, typed, built and parsed here only, always within Telegram's 64 bytes.

Every button carries everything its handler needs (team, wave, position), so a press is
meaningful weeks later or after a restart, and a second press of the same button is recognised as
such. Anything that does not parse is treated as stale or forged and answered gently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

VERSION = "v1"
MAX_BYTES = 64
UNDISCLOSED = "-"  # "Prefer not to say" in callback data


class CallbackError(ValueError):
    """Callback data we did not make, or made by an older version."""


@dataclass(frozen=True)
class Onboard:
    """A step of joining with invite `code`: role chosen (r), contract chosen (e), consent
    (ok/no). The code, not a team id, travels on, so consent is checked against a real invite
    and forged button data cannot put anyone in a team."""

    step: Literal["r", "e", "ok", "no"]
    code: str
    role: str = ""
    employment: str = ""


@dataclass(frozen=True)
class Change:
    """Show the picker to change one detail."""

    field: Literal["team", "role", "emp"]


@dataclass(frozen=True)
class SetDetail:
    """Set one detail: team id, role key or employment key."""

    field: Literal["team", "role", "emp"]
    value: str


@dataclass(frozen=True)
class Pulse:
    """A pulse button: go (start or continue), 1–5, s (skip), b (back), nc (no comment)."""

    wave_id: int
    position: int
    action: str


@dataclass(frozen=True)
class Confirm:
    """Yes or no: fg (forget me), tk (talk), fb (feedback), fw (withdraw my last feedback),
    wo/wc (open/close a wave)."""

    topic: Literal["fg", "tk", "fb", "fw", "wo", "wc"]
    yes: bool


@dataclass(frozen=True)
class WeDidSend:
    """An admin's yes or no to sending "you said, we did" update `we_did_id` to everyone."""

    we_did_id: int
    yes: bool


@dataclass(frozen=True)
class ActionRecord:
    """Record (yes) or cancel (no) the previewed action `action_id`."""

    action_id: int
    yes: bool


@dataclass(frozen=True)
class Step:
    """An interview button: `kind` s (stay), x (exit) or r (recorded), the step's position, and
    the value (skip, 1–5, a theme key, done, y/n, a destination, team id, role or contract)."""

    kind: Literal["s", "x", "r"]
    position: int
    value: str


@dataclass(frozen=True)
class DeleteInterview:
    """Delete an interview the PSW member recorded (its random id)."""

    interview_id: str


@dataclass(frozen=True)
class InterviewsPage:
    """A page of /my_interviews (a month's list can pass what one keyboard may hold)."""

    page: int


@dataclass(frozen=True)
class RemindLater:
    """ "Remind me later" on the invite to wave `wave_id`: one more reminder, in working hours."""

    wave_id: int


@dataclass(frozen=True)
class WithdrawComment:
    """Withdraw the pulse comment shown in the pressed message (its sealed ballot's id is in
    the bot's memory only, never in the button)."""


@dataclass(frozen=True)
class Switch:
    """Leave the conversation waiting for text and start `to` (yes), or carry on (no)."""

    to: str
    yes: bool


Callback = (
    Onboard
    | Change
    | SetDetail
    | Pulse
    | Confirm
    | WeDidSend
    | ActionRecord
    | Step
    | DeleteInterview
    | InterviewsPage
    | Switch
    | RemindLater
    | WithdrawComment
)
_PULSE_ACTIONS = {"go", "1", "2", "3", "4", "5", "s", "b", "nc"}
_FIELDS = ("team", "role", "emp")
_SWITCHABLE = ("feedback", "talk", "stay", "pulse", "record_stay")


def encode(callback: Callback) -> str:
    """The callback data string for a button."""
    match callback:
        case Onboard(step, code, role, employment):
            parts = ["ob", step, code, role, employment]
        case Change(field):
            parts = ["me", field]
        case SetDetail(field, value):
            parts = ["set", field, value]
        case Pulse(wave_id, position, action):
            parts = ["p", str(wave_id), str(position), action]
        case Confirm(topic, yes):
            parts = [topic, "y" if yes else "n"]
        case WeDidSend(we_did_id, yes):
            parts = ["wd", str(we_did_id), "y" if yes else "n"]
        case ActionRecord(action_id, yes):
            parts = ["ar", str(action_id), "y" if yes else "n"]
        case Step(kind, position, value):
            parts = ["iv", kind, str(position), value]
        case DeleteInterview(interview_id):
            parts = ["di", interview_id]
        case InterviewsPage(page):
            parts = ["mi", str(page)]
        case Switch(to, yes):
            parts = ["sw", to, "y" if yes else "n"]
        case RemindLater(wave_id):
            parts = ["rl", str(wave_id)]
        case WithdrawComment():
            parts = ["pw"]
    data = ":".join([VERSION, *parts])
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {len(data.encode())}")
    return data


def _int(text: str) -> int:
    if not text.isdigit() or len(text) > 12:
        raise CallbackError("not a number")
    return int(text)


def decode(data: str | None) -> Callback:
    """Parse callback data made by `encode`; CallbackError for anything else."""
    if not data or len(data.encode("utf-8")) > MAX_BYTES:
        raise CallbackError("empty or too long")
    version, _, rest = data.partition(":")
    if version != VERSION:
        raise CallbackError("unknown version")
    parts = rest.split(":")
    kind, args = parts[0], parts[1:]
    if kind == "ob" and len(args) == 4 and args[0] in ("r", "e", "ok", "no") and args[1]:
        return Onboard(args[0], args[1], args[2], args[3])  # type: ignore[arg-type]
    if kind == "me" and len(args) == 1 and args[0] in _FIELDS:
        return Change(args[0])  # type: ignore[arg-type]
    if kind == "set" and len(args) == 2 and args[0] in _FIELDS and args[1]:
        return SetDetail(args[0], args[1])  # type: ignore[arg-type]
    if kind == "p" and len(args) == 3 and args[2] in _PULSE_ACTIONS:
        return Pulse(_int(args[0]), _int(args[1]), args[2])
    if kind in ("fg", "tk", "fb", "fw", "wo", "wc") and len(args) == 1 and args[0] in ("y", "n"):
        return Confirm(kind, args[0] == "y")  # type: ignore[arg-type]
    if kind == "wd" and len(args) == 2 and args[1] in ("y", "n"):
        return WeDidSend(_int(args[0]), args[1] == "y")
    if kind == "ar" and len(args) == 2 and args[1] in ("y", "n"):
        return ActionRecord(_int(args[0]), args[1] == "y")
    if kind == "iv" and len(args) == 3 and args[0] in ("s", "x", "r") and args[2]:
        return Step(args[0], _int(args[1]), args[2])  # type: ignore[arg-type]
    if kind == "di" and len(args) == 1 and len(args[0]) == 32 and args[0].isalnum():
        return DeleteInterview(args[0])
    if kind == "mi" and len(args) == 1:
        return InterviewsPage(_int(args[0]))
    if kind == "sw" and len(args) == 2 and args[0] in _SWITCHABLE and args[1] in ("y", "n"):
        return Switch(args[0], args[1] == "y")
    if kind == "rl" and len(args) == 1:
        return RemindLater(_int(args[0]))
    if kind == "pw" and not args:
        return WithdrawComment()
    raise CallbackError("unknown shape")

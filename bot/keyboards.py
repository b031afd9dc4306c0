"""Inline keyboards. Each button's callback data comes from bot.callbacks."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import texts
from bot.callbacks import (
    UNDISCLOSED,
    ActionRecord,
    Callback,
    Change,
    Confirm,
    Onboard,
    Pulse,
    SetDetail,
    WeDidSend,
    encode,
)
from surveys.bank import SCALE
from surveys.models import EmploymentType, Role


def button(text: str, callback: Callback) -> InlineKeyboardButton:
    """One button."""
    return InlineKeyboardButton(text, callback_data=encode(callback))


def _rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


# Two buttons share a row only when every label fits half a phone's width.
HALF_ROW_CHARS = 15


def role_picker(
    roles: Sequence[Role], *, code: str = "", changing: bool = False
) -> InlineKeyboardMarkup:
    """Roles from the organisation file, then "Prefer not to say"."""
    options = [(r.name, r.key) for r in roles] + [(texts.PREFER_NOT, UNDISCLOSED)]
    buttons = [
        button(name, SetDetail("role", key) if changing else Onboard("r", code, key))
        for name, key in options
    ]
    return InlineKeyboardMarkup(_rows(buttons, 1))


def employment_picker(
    kinds: Sequence[EmploymentType], *, code: str = "", role: str = "", changing: bool = False
) -> InlineKeyboardMarkup:
    """Employment types, then "Prefer not to say"."""
    options = [(k.name, k.key) for k in kinds] + [(texts.PREFER_NOT, UNDISCLOSED)]
    buttons = [
        button(name, SetDetail("emp", key) if changing else Onboard("e", code, role, key))
        for name, key in options
    ]
    per_row = 2 if all(len(name) <= HALF_ROW_CHARS for name, _key in options) else 1
    return InlineKeyboardMarkup(_rows(buttons, per_row))


def consent(code: str, role: str, employment: str) -> InlineKeyboardMarkup:
    """Agree, or not now."""
    return InlineKeyboardMarkup(
        [
            [button(texts.CONSENT_BUTTON, Onboard("ok", code, role, employment))],
            [button(texts.DECLINE_BUTTON, Onboard("no", code, role, employment))],
        ]
    )


def profile() -> InlineKeyboardMarkup:
    """Change team, role or contract."""
    return InlineKeyboardMarkup(
        [
            [button(texts.CHANGE_TEAM, Change("team"))],
            [
                button(texts.CHANGE_ROLE, Change("role")),
                button(texts.CHANGE_EMPLOYMENT, Change("emp")),
            ],
        ]
    )


def invite(wave_id: int) -> InlineKeyboardMarkup:
    """The invite's one button."""
    return InlineKeyboardMarkup([[button(texts.START_BUTTON, Pulse(wave_id, 0, "go"))]])


def question(wave_id: int, position: int) -> InlineKeyboardMarkup:
    """Five labelled answers (two, one, two, so labels fit a phone), then Back and Skip."""
    answers = [button(label, Pulse(wave_id, position, str(v + 1))) for v, label in enumerate(SCALE)]
    rows = [answers[0:2], answers[2:3], answers[3:5]]
    navigation = [button(texts.SKIP, Pulse(wave_id, position, "s"))]
    if position > 0:
        navigation.insert(0, button(texts.BACK, Pulse(wave_id, position, "b")))
    return InlineKeyboardMarkup([*rows, navigation])


def comment(wave_id: int, position: int) -> InlineKeyboardMarkup:
    """No thanks, or back to the last item."""
    return InlineKeyboardMarkup(
        [
            [
                button(texts.BACK, Pulse(wave_id, position, "b")),
                button(texts.NO_THANKS, Pulse(wave_id, position, "nc")),
            ]
        ]
    )


def confirm(topic: str, yes: str, no: str) -> InlineKeyboardMarkup:
    """A yes and a no."""
    return InlineKeyboardMarkup(
        [[button(yes, Confirm(topic, True)), button(no, Confirm(topic, False))]]  # type: ignore[arg-type]
    )


def cancel(topic: str, label: str) -> InlineKeyboardMarkup:
    """A single cancel button."""
    return InlineKeyboardMarkup([[button(label, Confirm(topic, False))]])  # type: ignore[arg-type]


def we_did_send(we_did_id: int, count: int) -> InlineKeyboardMarkup:
    """Send an update to everyone, or keep it for after pulses only."""
    return InlineKeyboardMarkup(
        [
            [button(texts.WEDID_SEND_YES.format(count=count), WeDidSend(we_did_id, True))],
            [button(texts.WEDID_SEND_NO, WeDidSend(we_did_id, False))],
        ]
    )


def action_preview(action_id: int) -> InlineKeyboardMarkup:
    """Record a previewed action, or cancel it."""
    return InlineKeyboardMarkup(
        [
            [
                button(texts.ACTION_RECORD, ActionRecord(action_id, True)),
                button(texts.ACTION_CANCEL, ActionRecord(action_id, False)),
            ]
        ]
    )

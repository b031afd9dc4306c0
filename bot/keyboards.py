"""Inline keyboards. Each button's callback data comes from bot.callbacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

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
    RemindLater,
    SetDetail,
    WeDidSend,
    WithdrawComment,
    encode,
)
from surveys.bank import SCALE
from surveys.models import EmploymentType, Role


def button(text: str, callback: Callback) -> InlineKeyboardButton:
    """One button."""
    return InlineKeyboardButton(text, callback_data=encode(callback))


def _rows(buttons: list[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + per_row] for i in range(0, len(buttons), per_row)]


# Telegram refuses an inline keyboard of over 100 buttons, over 8 in a row or over about 10 KB
# ("reply markup is too long"). A list that can grow with the organisation (teams, roles, a
# month's interviews) is shown a page at a time, with ‹ › to move between pages; 20 options of
# at most 64 bytes of data and a team name each stay far below every limit.
PAGE_OPTIONS = 20
T = TypeVar("T")


def page_of(
    items: Sequence[T], page: int, per_page: int = PAGE_OPTIONS
) -> tuple[list[T], int, int]:
    """The items on `page` (clamped to the pages there are), that page and the number of pages."""
    pages = max(1, -(-len(items) // per_page))
    page = min(max(0, page), pages - 1)
    return list(items[page * per_page : (page + 1) * per_page]), page, pages


def page_nav(page: int, pages: int, to: Callable[[int], T]) -> list[tuple[str, T]]:
    """‹ and › for the pages before and after this one (nothing when there is one page)."""
    nav: list[tuple[str, T]] = []
    if page > 0:
        nav.append((texts.PREVIOUS_PAGE, to(page - 1)))
    if page < pages - 1:
        nav.append((texts.NEXT_PAGE, to(page + 1)))
    return nav


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


def invite(wave_id: int, *, later: bool = True) -> InlineKeyboardMarkup:
    """Start, and "Remind me later" (one more reminder; not on that reminder itself)."""
    rows = [[button(texts.START_BUTTON, Pulse(wave_id, 0, "go"))]]
    if later:
        rows.append([button(texts.REMIND_LATER_BUTTON, RemindLater(wave_id))])
    return InlineKeyboardMarkup(rows)


def withdraw_comment() -> InlineKeyboardMarkup:
    """Withdraw the pulse comment just stored."""
    return InlineKeyboardMarkup([[button(texts.FEEDBACK_WITHDRAW, WithdrawComment())]])


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

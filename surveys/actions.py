"""The action log: "you said, we did" updates with the theme they answer, an owner, a due date and
a status (planned, in progress, done), previewed before they are recorded, edited and withdrawn.

An action is a `WeDid` row (surveys/models.py). A preview is a row in status `draft`: it is not
shown to staff until the PSW member confirms it. A withdrawn action is kept (the audit log points
at it) but never shown again. Sending an update to everyone stays in surveys/wedid.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, col, select

from surveys.models import PswMember, WeDid
from surveys.themes import ANCHORS, THEMES

MAX_LENGTH = 1000
MAX_OWNER = 100
DRAFT, PLANNED, IN_PROGRESS, DONE, WITHDRAWN = (
    "draft",
    "planned",
    "in_progress",
    "done",
    "withdrawn",
)
STATUSES = (PLANNED, IN_PROGRESS, DONE)
STATUS_LABELS = {
    DRAFT: "preview",
    PLANNED: "planned",
    IN_PROGRESS: "in progress",
    DONE: "done",
    WITHDRAWN: "withdrawn",
}
SHOWN = (PLANNED, IN_PROGRESS, DONE)
FIELDS = ("theme", "owner", "due", "status", "text")


class ActionError(ValueError):
    """An action that cannot be recorded or changed; the message says why."""


@dataclass(frozen=True)
class ActionDraft:
    """What a typed /wedid says, read but not stored."""

    text: str
    theme: str | None = None
    owner: str | None = None
    due: date | None = None


def find_theme(text: str) -> str | None:
    """A theme from its key or its label as shown on screen, any case; None if neither."""
    wanted = re.sub(r"[\s_-]+", " ", text.strip().lower())
    for key, label in {**THEMES, **ANCHORS}.items():
        if wanted in (key.replace("_", " "), label.lower()):
            return key
    return None


def parse_status(text: str) -> str:
    """'planned', 'in progress' (or in_progress), 'done'."""
    wanted = re.sub(r"[\s-]+", "_", text.strip().lower())
    if wanted not in STATUSES:
        raise ActionError("The status is one of: planned, in progress, done.")
    return wanted


def parse_due(text: str) -> date:
    """A due date as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ActionError(f"{text.strip()!r} is not a date; write it as YYYY-MM-DD.") from None


def _owner(text: str) -> str:
    owner = text.strip()
    if not owner or len(owner) > MAX_OWNER:
        raise ActionError(f"An owner is 1–{MAX_OWNER} characters.")
    return owner


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ActionError("An update needs some words.")
    if len(text) > MAX_LENGTH:
        raise ActionError(f"Updates are up to {MAX_LENGTH} characters; this one is {len(text)}.")
    return text


_FIELD_LINE = re.compile(r"^\s*(theme|owner|due)\s*:\s*(.*)$", re.IGNORECASE)


def read_draft(typed: str) -> ActionDraft:
    """Read '<Theme>: what we did' with optional 'owner: …', 'due: YYYY-MM-DD' and 'theme: …'
    lines. A leading 'Workload:' counts as the theme only when it names one."""
    theme = owner = None
    due = None
    body: list[str] = []
    for line in typed.strip().split("\n"):
        field = _FIELD_LINE.match(line)
        if field is None:
            body.append(line)
            continue
        name, value = field.group(1).lower(), field.group(2)
        if name == "owner":
            owner = _owner(value)
        elif name == "due":
            due = parse_due(value)
        else:
            theme = find_theme(value)
            if theme is None:
                raise ActionError(f"{value.strip()!r} is not a theme.")
    text = "\n".join(body).strip()
    head, colon, rest = text.partition(":")
    if theme is None and colon and "\n" not in head and find_theme(head) is not None:
        theme, text = find_theme(head), rest.strip()
    return ActionDraft(_text(text), theme, owner, due)


def preview(session: Session, *, typed: str, member: PswMember, now: datetime) -> WeDid:
    """Store what was typed as a draft (not shown to anyone) for the member to confirm."""
    draft = read_draft(typed)
    found = WeDid(
        text=draft.text,
        theme=draft.theme,
        owner=draft.owner,
        due=draft.due,
        status=DRAFT,
        recorded_at=now,
        recorded_by=member.id,
    )
    session.add(found)
    session.flush()
    return found


def _get(session: Session, action_id: int) -> WeDid:
    found = session.get(WeDid, action_id)
    if found is None or found.status == WITHDRAWN:
        raise ActionError(f"There is no action {action_id}.")
    return found


def confirm(session: Session, *, action_id: int, now: datetime) -> WeDid:
    """Record a previewed action: from now on it is shown after pulses, as planned."""
    found = _get(session, action_id)
    if found.status != DRAFT:
        raise ActionError(f"Action {action_id} is already recorded.")
    found.status, found.recorded_at = PLANNED, now
    session.add(found)
    return found


def discard(session: Session, *, action_id: int) -> None:
    """Forget a preview the member did not want."""
    found = session.get(WeDid, action_id)
    if found is not None and found.status == DRAFT:
        session.delete(found)


def change(session: Session, *, action_id: int, field: str, value: str, now: datetime) -> WeDid:
    """Edit one field of a recorded action: theme, owner, due, status or text."""
    found = _get(session, action_id)
    if found.status == DRAFT:
        raise ActionError(f"Action {action_id} is a preview: record it first.")
    if field == "theme":
        theme = find_theme(value)
        if theme is None:
            raise ActionError(f"{value.strip()!r} is not a theme.")
        found.theme = theme
    elif field == "owner":
        found.owner = _owner(value)
    elif field == "due":
        found.due = parse_due(value)
    elif field == "status":
        found.status = parse_status(value)
    elif field == "text":
        found.text = _text(value)
    else:
        raise ActionError(f"One of: {', '.join(FIELDS)}.")
    found.updated_at = now
    session.add(found)
    return found


def withdraw(session: Session, *, action_id: int, now: datetime) -> WeDid:
    """Withdraw an action: never shown again (the row stays for the audit log)."""
    found = _get(session, action_id)
    found.status, found.updated_at = WITHDRAWN, now
    session.add(found)
    return found


def listed(session: Session) -> Sequence[WeDid]:
    """Recorded actions, not withdrawn, newest first."""
    return session.exec(
        select(WeDid)
        .where(col(WeDid.status).in_(SHOWN))
        .order_by(col(WeDid.recorded_at).desc(), col(WeDid.id).desc())
    ).all()

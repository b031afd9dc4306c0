"""Which stored conversations are waiting for a person's typed text (bot/conversations.py
decides which of them gets it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from bot.conversations import INTERVIEW_KEY
from surveys.interviews import waiting_for_text as interview_waiting
from surveys.models import InterviewDraft
from surveys.pulse import DraftKind, waiting_for


@dataclass(frozen=True)
class Waiting:
    """The conversations waiting for text, by key, with what each needs to take it."""

    keys: frozenset[str] = frozenset()
    interview: InterviewDraft | None = None
    pulse_wave: int | None = None


def waiting(session: Session, *, chat_id: int, now: datetime) -> Waiting:
    """Everything stored that would take this person's next typed text."""
    keys: set[str] = set()
    draft = interview_waiting(session=session, chat_id=chat_id)
    if draft is not None:
        keys.add(INTERVIEW_KEY[draft.kind])
    pulse_wave = None
    texts = waiting_for(session=session, chat_id=chat_id, now=now)
    for kind, wave_id in texts:
        if kind == DraftKind.FEEDBACK:
            keys.add("feedback")
        else:
            keys.add("pulse")
            pulse_wave = wave_id
    return Waiting(frozenset(keys), draft, pulse_wave)

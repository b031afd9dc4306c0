"""Stay and exit interviews: the steps, the drafts, the one-time exit links, and the ballot box.

Three flows share one draft per chat (InterviewDraft) and one way out (`_store`):
- a self-serve stay interview (/stay): six open questions, each skippable, then the
  intention-to-stay rating, then whether they would like a follow-up conversation;
- an exit interview opened from a one-time link: reasons (toggles, at least one), the main
  reason, where they are going, would they come back, then two open questions;
- a stay interview held in person and typed up by a PSW member (/record_stay): team, role group,
  contract, notes, then the themes the analyser proposes, confirmed or corrected by toggles.

Every text is redacted before it is kept, and drafts are sealed. A finished interview is sealed
into its queue (surveys/ballot.py) and released with at least k others; what is then stored is
the group (coarsened), the month of release, the texts and the themes; never the person, never a
time. The follow-up request is not part of the interview: the bot sends it like /talk.

The analyser lives in `analysis/`, which this package does not import: callers pass a `coder`
that turns a text, with the question it answers, into {theme: "pos"|"neg"}.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlmodel import Session, col, select

from surveys.ballot import EXIT, PSW, STAY, seal
from surveys.models import (
    ExitLink,
    Interview,
    InterviewDraft,
    InterviewKind,
    Participant,
    PswMember,
    SealedBallot,
    Team,
)
from surveys.participants import (
    EXIT_LINK_PREFIX,
    PSW_CANNOT_TAKE_PART,
    UNDISCLOSED,
    get_participant,
    reads_results,
)
from surveys.pulse import clean_comment
from surveys.seal import sealer
from surveys.themes import THEMES


class Coder(Protocol):
    """Themes of a text: {theme: "pos"|"neg"}. The question it answers, when there is one,
    says which way a bare answer goes ("What might tempt you to leave?" "the commute")."""

    def __call__(self, text: str, question: str | None = None, /) -> Mapping[str, str]: ...


STAY_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("look_forward", "What do you look forward to when you come to work?"),
    ("learning", "What are you learning here, and what would you like to learn?"),
    ("why_stay", "Why do you stay?"),
    ("thought_of_leaving", "When did you last think about leaving, and what prompted it?"),
    ("tempt_away", "What might tempt you to leave?"),
    ("job_better", "What would make your job better?"),
)
EXIT_TEXTS: tuple[tuple[str, str], ...] = (
    ("kept", "What could have kept you here?"),
    ("else", "Is there anything else you would like the service to know?"),
)
DESTINATIONS: dict[str, str] = {
    "council": "Another council",
    "agency": "Agency or locum work",
    "leaving": "Leaving social work",
    "retiring": "Retirement",
    "other": "Something else",
    UNDISCLOSED: "Prefer not to say",
}
EXIT_LINK_DAYS = 14

STAY_STEPS = (*(f"q:{key}" for key, _ in STAY_QUESTIONS), "rating", "followup")
EXIT_STEPS = ("reasons", "main", "destination", "come_back", *(f"q:{k}" for k, _ in EXIT_TEXTS))
RECORD_STEPS = ("team", "role", "emp", "notes", "themes")
STEPS = {"stay": STAY_STEPS, "exit": EXIT_STEPS, "record": RECORD_STEPS}
QUESTIONS = dict(STAY_QUESTIONS) | dict(EXIT_TEXTS)


class InterviewError(ValueError):
    """A step that cannot be taken; the message says why, in words for the person."""


class StaleStep(InterviewError):
    """A button or text for a step the interview has already left (a double tap, an old
    message): nothing changes."""


def month_of(day: date) -> str:
    """The month an interview is filed under, e.g. 2026-11."""
    return f"{day.year}-{day.month:02d}"


def step_index(draft: InterviewDraft) -> tuple[int, int]:
    """(position of the current step, number of steps), for "3 of 8"."""
    steps = STEPS[draft.kind]
    return steps.index(draft.step), len(steps)


def waiting_for_text(session: Session, *, chat_id: int) -> InterviewDraft | None:
    """The draft, if its current step takes typed text."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or not (draft.step.startswith("q:") or draft.step == "notes"):
        return None
    return draft


def _begin(session: Session, chat_id: int, kind: str, now: datetime) -> InterviewDraft:
    """A new draft of `kind`, or the one in progress if it is of the same kind.

    An exit interview in progress is never replaced: its link cannot be opened twice.
    """
    draft = session.get(InterviewDraft, chat_id)
    if draft is not None and (draft.kind == kind or draft.kind == "exit"):
        return draft
    if draft is not None:
        session.delete(draft)
        session.flush()
    draft = InterviewDraft(chat_id=chat_id, kind=kind, step=STEPS[kind][0], updated_at=now)
    session.add(draft)
    session.flush()
    return draft


def start_stay(session: Session, *, chat_id: int, now: datetime) -> InterviewDraft:
    """Begin (or continue) a self-serve stay interview; only for people who have joined and
    cannot read results."""
    if reads_results(session=session, chat_id=chat_id):
        raise InterviewError(PSW_CANNOT_TAKE_PART)
    if get_participant(session=session, chat_id=chat_id) is None:
        raise InterviewError("You haven't joined yet. Type /start to join your team first.")
    return _begin(session, chat_id, "stay", now)


def start_record(session: Session, *, chat_id: int, now: datetime) -> InterviewDraft:
    """Begin (or continue) typing up a stay interview held in person."""
    return _begin(session, chat_id, "record", now)


def cancel(session: Session, *, chat_id: int) -> bool:
    """Drop the draft in this chat (not an exit interview's: its link is spent)."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.kind == "exit":
        return False
    session.delete(draft)
    return True


# --- exit links ---------------------------------------------------------------------------------


# Exit link codes: secrets.token_urlsafe(EXIT_CODE_BYTES), always this many URL-safe characters.
EXIT_CODE_BYTES = 12
_EXIT_PAYLOAD = re.compile(
    re.escape(EXIT_LINK_PREFIX) + "([A-Za-z0-9_-]{" + str(4 * EXIT_CODE_BYTES // 3) + "})"
)


def exit_code_of(payload: str) -> str | None:
    """The exit link code in a /start payload, or None when it is not an exit link.

    Strict (the prefix, then exactly a code's length of URL-safe characters), so no team invite
    code is read as an exit link, not even one made before team codes avoided the prefix.
    """
    match = _EXIT_PAYLOAD.fullmatch(payload)
    return match.group(1) if match else None


def create_exit_link(
    session: Session, *, team_key: str, created_by: int, now: datetime
) -> ExitLink:
    """A one-time link for a leaver from `team_key`, valid for 14 days."""
    team = session.exec(select(Team).where(Team.key == team_key, col(Team.active))).first()
    if team is None:
        raise InterviewError(f"There is no team with the key {team_key!r}.")
    link = ExitLink(
        code=secrets.token_urlsafe(EXIT_CODE_BYTES),
        team_id=team.id,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=EXIT_LINK_DAYS),
    )
    session.add(link)
    return link


def open_exit_link(session: Session, *, chat_id: int, code: str, now: datetime) -> InterviewDraft:
    """The leaver opened their link: bind it to this chat and begin, or continue where they were.

    Refused politely when it is unknown, expired, or already used (by anyone, this chat included
    once the interview is stored).
    """
    link = session.get(ExitLink, code[:32])
    if link is None:
        raise InterviewError("That link isn't one I know. Please ask the PSW team for a new one.")
    if reads_results(session=session, chat_id=chat_id):
        # Whoever reads results must not be able to answer exit interviews themselves and so
        # make up the rest of a leaver's batch.
        raise InterviewError(PSW_CANNOT_TAKE_PART)
    draft = session.get(InterviewDraft, chat_id)
    if draft is not None and draft.exit_code == link.code:
        return draft  # the same leaver opening it again
    if link.used_at is not None or link.opened_at is not None:
        raise InterviewError(
            "That link has already been used. Each exit interview link works once; if you "
            "haven't answered yet, please ask the PSW team for a new one."
        )
    if now >= link.expires_at:
        raise InterviewError(
            "That link has expired (links last 14 days). Please ask the PSW team for a new one."
        )
    if draft is not None:
        session.delete(draft)
        session.flush()
    link.opened_at = now
    session.add(link)
    draft = InterviewDraft(
        chat_id=chat_id, kind="exit", step=EXIT_STEPS[0], exit_code=link.code, updated_at=now
    )
    session.add(draft)
    session.flush()
    return draft


# --- answering ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What a step did: the draft now (None once stored), and the stored interview."""

    draft: InterviewDraft | None
    stored: Interview | None = None
    followup: bool = False


def _next(draft: InterviewDraft) -> None:
    steps = STEPS[draft.kind]
    draft.step = steps[steps.index(draft.step) + 1]


def _rating(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or not 1 <= value <= 5:
        raise InterviewError("Please choose one of the five answers.")
    return value


def answer(
    session: Session,
    *,
    chat_id: int,
    step: str,
    value: Any,
    coder: Coder,
    member: PswMember | None = None,
    today: date,
    now: datetime,
) -> Outcome:
    """Take `value` for `step` of this chat's interview; store it after the last step.

    `value` by step: text or None (skip) for questions and notes ("done" ends the notes); a
    rating 1–5 or None; a theme to toggle, or "done", for reasons and themes; a theme for the
    main reason; a destination key; a team id, role key or contract key; True or False for the
    follow-up. A step the draft is not at raises StaleStep and changes nothing.
    """
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.step != step:
        raise StaleStep("That question has already been answered.")
    answers = dict(draft.answers)
    if step.startswith("q:"):
        text = clean_comment(value) if value is not None else None
        if text:
            answers[step[2:]] = text
        advance = True
    elif step in ("rating", "come_back"):
        answers[step] = _rating(value)
        advance = True
    elif step == "followup":
        draft.answers = answers
        return Outcome(None, _store(session, draft, coder, member, today), followup=bool(value))
    elif step == "reasons":
        reasons = list(answers.get("reasons", []))
        if value == "done":
            if not reasons:
                raise InterviewError("Please choose at least one reason.")
            advance = True
        else:
            _theme(value)
            reasons = [r for r in reasons if r != value] if value in reasons else [*reasons, value]
            answers["reasons"] = reasons
            advance = False
    elif step == "main":
        if value not in answers.get("reasons", []):
            raise InterviewError("Please choose one of the reasons you gave.")
        answers["main"] = value
        advance = True
    elif step == "destination":
        if value not in DESTINATIONS:
            raise InterviewError("Please choose one of the answers.")
        answers["destination"] = value
        advance = True
    elif step in ("team", "role", "emp"):
        answers[step] = value
        advance = True
    elif step == "notes":
        notes = list(answers.get("notes", []))
        if value == "done":
            if not notes:
                raise InterviewError("Type the notes first, then tap Done.")
            answers["themes"] = dict(coder("\n".join(notes)))
            advance = True
        else:
            text = clean_comment(value)
            if text:
                notes.append(text)
            if sum(len(n) for n in notes) > 4000:
                raise InterviewError("That's more than 4,000 characters of notes in all.")
            answers["notes"] = notes
            advance = False
    elif step == "themes":
        themes = dict(answers.get("themes", {}))
        if value == "done":
            draft.answers = answers
            return Outcome(None, _store(session, draft, coder, member, today))
        _theme(value)
        # Each tap moves a theme on: not mentioned → a reason to stay → a reason to leave.
        now_is = themes.get(value)
        if now_is is None:
            themes[value] = "pos"
        elif now_is == "pos":
            themes[value] = "neg"
        else:
            del themes[value]
        answers["themes"] = themes
        advance = False
    else:
        raise StaleStep("That question is not part of this interview.")
    draft.answers = answers
    draft.updated_at = now
    if advance:
        if draft.step == STEPS[draft.kind][-1]:
            return Outcome(None, _store(session, draft, coder, member, today))
        _next(draft)
    session.add(draft)
    return Outcome(draft)


def _theme(value: Any) -> None:
    if value not in THEMES:
        raise StaleStep("That theme is not one I know.")


def _store(
    session: Session,
    draft: InterviewDraft,
    coder: Coder,
    member: PswMember | None,
    today: date,
) -> Interview:
    """The ballot box: write the interview anonymously and delete the draft, in one step."""
    answers = draft.answers
    coded: dict[tuple[str, str], None] = {}
    texts = {key: answers[key] for key in QUESTIONS if isinstance(answers.get(key), str)}
    for key, text in texts.items():
        for theme, direction in coder(text, QUESTIONS[key]).items():
            coded[(theme, direction)] = None
    interview = Interview(
        kind=InterviewKind.EXIT if draft.kind == "exit" else InterviewKind.STAY,
        source="psw" if draft.kind == "record" else "self",
        period=month_of(today),
        team_id=None,
        role_group=UNDISCLOSED,
        employment_type=UNDISCLOSED,
        answers=texts,
    )
    reasons: Sequence[str] = ()
    if draft.kind == "stay":
        participant = get_participant(session=session, chat_id=draft.chat_id)
        _group_of(interview, participant)
        interview.intention_to_stay = answers.get("rating")
    elif draft.kind == "exit":
        link = session.get(ExitLink, draft.exit_code) if draft.exit_code else None
        interview.team_id = link.team_id if link else None
        reasons = answers.get("reasons", [])
        interview.main_reason = answers.get("main")
        interview.destination = answers.get("destination")
        interview.come_back = answers.get("come_back")
        if link is not None:
            link.used_at = link.opened_at  # no new time: the link says nothing about when
            session.add(link)
    else:
        team_id = answers.get("team")
        interview.team_id = team_id if isinstance(team_id, int) and team_id > 0 else None
        interview.role_group = str(answers.get("role") or UNDISCLOSED)
        interview.employment_type = str(answers.get("emp") or UNDISCLOSED)
        interview.recorded_by = member.id if member is not None else None
        interview.answers = {"notes": "\n\n".join(answers.get("notes", []))}
        coded = {(t, d): None for t, d in dict(answers.get("themes", {})).items()}
    themes: dict[str, str] = {}
    for theme, direction in coded:
        themes[theme] = direction if themes.get(theme, direction) == direction else "both"
    interview.themes = themes
    theme_rows = [
        ("coded", theme, direction)
        for theme, direction in coded
        if theme in THEMES and direction in ("pos", "neg")
    ]
    theme_rows += [("reason", theme, "neg") for theme in reasons]
    # The ballot box: sealed now, released with the rest of its queue's batch later.
    seal(
        session=session,
        kind=PSW if draft.kind == "record" else EXIT if draft.kind == "exit" else STAY,
        group=(interview.team_id, interview.role_group, interview.employment_type),
        recorded_by=interview.recorded_by,
        content={
            "interview": {
                "answers": interview.answers,
                "themes": interview.themes,
                "intention_to_stay": interview.intention_to_stay,
                "main_reason": interview.main_reason,
                "destination": interview.destination,
                "come_back": interview.come_back,
            },
            "theme_rows": theme_rows,
            # Who, as a keyed tag inside the seal: a batch counts people, not interviews, so one
            # person cannot fill a batch around someone else's (it is never released).
            "who": sealer().tag(str(draft.chat_id)) if draft.kind != "record" else None,
        },
    )
    session.delete(draft)
    return interview


def queue_of(interview: Interview) -> str:
    """The release queue an interview waits in."""
    if interview.source == "psw":
        return PSW
    return EXIT if interview.kind == InterviewKind.EXIT else STAY


def _group_of(interview: Interview, participant: Participant | None) -> None:
    if participant is None:
        return
    interview.team_id = participant.team_id
    interview.role_group = participant.role_key or UNDISCLOSED
    interview.employment_type = participant.employment_type or UNDISCLOSED


# --- the PSW member's own records -----------------------------------------------------------------


def recorded_this_month(session: Session, *, member: PswMember, today: date) -> list[Interview]:
    """The stay interviews this member typed up that are still waiting to be released (opened
    for them to check, and deletable). Released ones are part of a batch and stay with it:
    deleting one would leave the rest of its batch smaller than k."""
    waiting = []
    for row in session.exec(
        select(SealedBallot).where(SealedBallot.kind == PSW, SealedBallot.recorded_by == member.id)
    ):
        content = dict(row.content)
        fields = dict(content.get("interview") or {})
        waiting.append(
            Interview(
                id=row.id,
                kind=InterviewKind.STAY,
                source="psw",
                period=month_of(today),
                team_id=content.get("team"),
                role_group=str(content.get("role") or UNDISCLOSED),
                employment_type=str(content.get("contract") or UNDISCLOSED),
                answers=fields.get("answers") or {},
                themes=fields.get("themes") or {},
                recorded_by=member.id,
            )
        )
    return waiting


def delete_recorded(session: Session, *, member: PswMember, interview_id: str) -> bool:
    """Delete one interview this member recorded that is still waiting to be released; False if
    it is not theirs, is gone, or was released with its batch."""
    sealed = session.get(SealedBallot, interview_id)
    if sealed is None or sealed.kind != PSW or sealed.recorded_by != member.id:
        return False
    session.delete(sealed)
    return True

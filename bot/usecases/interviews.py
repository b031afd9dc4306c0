"""Stay and exit interviews: opening one, taking a step, the exit links and the PSW member's own
records. Each is one unit of work; the PSW-only ones check access (and audit) with `authorise`.

The flows themselves are declared in surveys.interviews (`FLOWS`); what comes back here is a
`Screen` (the step to show, with a picker's options read from the organisation) or what was
stored, for bot/handlers/interviews.py to render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from analysis.comments import analyse
from bot.usecases.access import authorise
from surveys.interviews import (
    FLOWS,
    Coder,
    Flow,
    Flows,
    Kind,
    StaleStep,
    Step,
    Takes,
    answer,
    create_exit_link,
    delete_recorded,
    flow_of,
    open_exit_link,
    queue_of,
    recorded_this_month,
    start_record,
    start_stay,
)
from surveys.models import EmploymentType, Interview, InterviewDraft, Role, Team
from surveys.participants import active_employment_types, active_roles, active_teams


def coder(text: str, question: str | None = None) -> Mapping[str, str]:
    """The analyser's themes for a text, read with the question it answers, as
    surveys.interviews wants them."""
    return analyse(text, question).themes


@dataclass(frozen=True)
class Screen:
    """The step an interview is at: its flow and step, its position, the answers so far, and a
    picker's options as (value, label), read from the organisation (team, role, contract)."""

    flow: Flow
    step: Step
    position: int
    answers: Mapping[str, Any]
    options: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> int:
        """How many steps the flow has."""
        return len(self.flow.steps)

    @property
    def fresh(self) -> bool:
        """At the first step with nothing answered yet (so the introduction goes first)."""
        return self.position == 0 and not self.answers


@dataclass(frozen=True)
class Recorded:
    """An interview a PSW member typed up, as its summary shows it: the group's names (None:
    no team, or prefer not to say), the themes, and its id (for Delete)."""

    id: str
    team: str | None
    role: str | None
    contract: str | None
    themes: Mapping[str, str]


@dataclass(frozen=True)
class Taken:
    """What a step did: the next step to show, or (stored) the queue to release, whether a
    follow-up was asked for, and for a recorded interview, its summary."""

    screen: Screen | None
    kind: Kind
    queue: str = ""
    followup: bool = False
    recorded: Recorded | None = None


@dataclass(frozen=True)
class ExitInvite:
    """A one-time exit link's code and when it stops working."""

    code: str
    expires_at: datetime


class InviteUsage(ValueError):
    """/invite_exit needs exactly one team key; `teams` are the active ones."""

    def __init__(self, teams: Sequence[str]) -> None:
        super().__init__("one team key")
        self.teams = tuple(teams)


def _options(session: Session, step: Step) -> tuple[tuple[str, str], ...]:
    """A picker step's options, from the organisation as it is now."""
    if step.takes is Takes.TEAM:
        return tuple((str(t.id), t.name) for t in active_teams(session=session))
    if step.takes is Takes.ROLE:
        return tuple((r.key, r.name) for r in active_roles(session=session))
    if step.takes is Takes.CONTRACT:
        return tuple((e.key, e.name) for e in active_employment_types(session=session))
    return step.options


def _screen(session: Session, draft: InterviewDraft, flows: Flows) -> Screen:
    flow = flow_of(draft, flows)
    step = flow.step(draft.step)
    return Screen(
        flow, step, flow.names.index(step.name), dict(draft.answers), _options(session, step)
    )


def open_stay(session: Session, *, chat_id: int, now: datetime, flows: Flows = FLOWS) -> Screen:
    """/stay: begin or continue the person's stay interview (or the exit interview they are in);
    InterviewError when they may not (not joined, or they read results)."""
    return _screen(session, start_stay(session, chat_id=chat_id, now=now), flows)


def open_exit(
    session: Session, *, chat_id: int, code: str, now: datetime, flows: Flows = FLOWS
) -> Screen:
    """A leaver opened their one-time link; InterviewError when it cannot be used."""
    return _screen(session, open_exit_link(session, chat_id=chat_id, code=code, now=now), flows)


def open_record(
    session: Session, *, actor: int, chat_id: int, now: datetime, flows: Flows = FLOWS
) -> Screen:
    """/record_stay (PSW members): begin or continue typing up a stay interview (or show the
    exit interview in progress in this chat)."""
    authorise(session, actor=actor, action="interview.record.open")
    return _screen(session, start_record(session, chat_id=chat_id, now=now), flows)


def page(
    session: Session, *, chat_id: int, kind: Kind, position: int, flows: Flows = FLOWS
) -> Screen | None:
    """The step the person's draft is at, for another page of its picker; None when the button
    is from a step or interview that is over."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.kind != kind:
        return None
    screen = _screen(session, draft, flows)
    return screen if screen.position == position else None


def take_step(
    session: Session,
    *,
    chat_id: int,
    actor: int,
    kind: Kind,
    step: str,
    value: object,
    today: date,
    now: datetime,
    flows: Flows = FLOWS,
    code: Coder = coder,
) -> Taken:
    """Take `value` for `step` of the person's `kind` of interview. A recorded interview is the
    PSW member's: checked (Denied) and audited; its storing is audited too. StaleStep for a step
    the interview is not at, InterviewError for a value the step refuses, CommentTooLong."""
    # The caller's word for the kind (a button's data) and the draft's own kind must agree, and
    # either one saying "recorded" means the PSW check: a button can never skip it.
    draft = session.get(InterviewDraft, chat_id)
    member = None
    if kind is Kind.RECORD or (draft is not None and draft.kind == Kind.RECORD):
        member = authorise(session, actor=actor, action="interview.record.step")
    if draft is None or draft.kind != kind:
        raise StaleStep("That question has already been answered.")
    outcome = answer(
        session,
        chat_id=chat_id,
        step=step,
        value=value,
        coder=code,
        member=member,
        today=today,
        now=now,
        flows=flows,
    )
    if outcome.draft is not None:
        return Taken(_screen(session, outcome.draft, flows), kind)
    stored = outcome.stored
    assert stored is not None
    recorded = None
    if member is not None:
        authorise(session, actor=actor, action="interview.record")
        recorded = _recorded(session, stored)
    return Taken(None, kind, queue_of(stored), outcome.followup, recorded)


def _recorded(session: Session, interview: Interview) -> Recorded:
    team = session.get(Team, interview.team_id) if interview.team_id else None
    role = session.get(Role, interview.role_group)
    contract = session.get(EmploymentType, interview.employment_type)
    return Recorded(
        interview.id,
        team.name if team else None,
        role.name if role else None,
        contract.name if contract else None,
        dict(interview.themes),
    )


def my_interviews(session: Session, *, actor: int, today: date) -> list[Recorded]:
    """/my_interviews (PSW members): the stay interviews they recorded that still wait to be
    released, in order."""
    member = authorise(session, actor=actor, action="interview.list")
    return [_recorded(session, i) for i in recorded_this_month(session, member=member, today=today)]


def delete_interview(
    session: Session, *, actor: int, interview_id: str, today: date
) -> tuple[bool, list[Recorded]]:
    """Delete one of their recorded interviews (False: not theirs, gone, or released), and the
    list left, in one unit of work."""
    member = authorise(session, actor=actor, action="interview.delete")
    deleted = delete_recorded(session, member=member, interview_id=interview_id)
    session.flush()
    found = recorded_this_month(session, member=member, today=today)
    return deleted, [_recorded(session, i) for i in found]


def invite_exit(session: Session, *, actor: int, args: Sequence[str], now: datetime) -> ExitInvite:
    """/invite_exit <team> (PSW members): a one-time exit interview link. InviteUsage without
    exactly one team key (nothing audited), InterviewError for an unknown team."""
    member = authorise(session, actor=actor, action="exit.invite", detail=" ".join(args))
    if len(args) != 1:
        keys = session.exec(select(Team.key).where(col(Team.active)).order_by(col(Team.key)))
        raise InviteUsage(list(keys))
    link = create_exit_link(session, team_key=args[0], created_by=member.telegram_id, now=now)
    return ExitInvite(link.code, link.expires_at)

"""Stay and exit interviews: each flow declared once, the drafts, the one-time exit links, and the
ballot box.

Three flows (`Kind`) share one draft per chat (InterviewDraft) and one way out (`_store`):
- a self-serve stay interview (/stay): six open questions, each skippable, then the
  intention-to-stay rating, then whether they would like a follow-up conversation;
- an exit interview opened from a one-time link: reasons (toggles, at least one), the main
  reason, where they are going, would they come back, then two open questions;
- a stay interview held in person and typed up by a PSW member (/record_stay): team, role group,
  contract, notes, then the themes the analyser proposes, confirmed or corrected by toggles.

Each flow is data (`FLOWS`): its steps in order, what each takes (`Takes`), and what each stores;
`answer` and `_store` walk the declaration, and bot/conversations.py and the diagrams are built
from it. The wording (open questions, destinations, come-back answers) is in interviews.yaml,
checked at start (`load_wording`; a council may reword it, never re-key it).

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlmodel import Session, col, select

from surveys.ballot import EXIT, PSW, STAY, seal
from surveys.bank import SCALE
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
from surveys.yamlfile import ConfigFileError, validate_text


class Coder(Protocol):
    """Themes of a text: {theme: "pos"|"neg"}. The question it answers, when there is one,
    says which way a bare answer goes ("What might tempt you to leave?" "the commute")."""

    def __call__(self, text: str, question: str | None = None, /) -> Mapping[str, str]: ...


EXIT_LINK_DAYS = 14
NOTES_LIMIT = 4000  # characters of a recorded interview's notes, in all


class InterviewError(ValueError):
    """A step that cannot be taken; the message says why, in words for the person."""


class StaleStep(InterviewError):
    """A button or text for a step the interview has already left (a double tap, an old
    message): nothing changes."""


# --- the wording (interviews.yaml) ----------------------------------------------------------------


class _Worded(BaseModel):
    """A key the answers are filed under, and its words."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    key: str = Field(min_length=1, max_length=20, pattern=r"^[a-z][a-z0-9_]*$")
    text: str = Field(min_length=1, max_length=300)


class _Label(_Worded):
    text: str = Field(min_length=1, max_length=40)  # a button


def _same_keys(found: list[Any], info: ValidationInfo, part: str) -> list[Any]:
    """The keys the shipped file has, in its order (answers are filed and counted under them)."""
    shipped: Wording | None = (info.context or {}).get("shipped")
    if shipped is None or info.field_name is None:
        return found
    expected = [w.key for w in getattr(getattr(shipped, part), info.field_name)]
    keys = [w.key for w in found]
    if keys != expected:
        wrong = next(
            (i for i, (a, b) in enumerate(zip(keys, expected, strict=False)) if a != b), None
        )
        where = (
            f"[{wrong}] is {keys[wrong]!r}, not {expected[wrong]!r}"
            if wrong is not None
            else f" has {len(keys)} entries, not {len(expected)}"
        )
        raise ValueError(
            f"{info.field_name}{where}: the keys must be {', '.join(expected)}, in that order "
            "(answers are filed under them); change the text, not the key"
        )
    return found


class _StayWording(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[_Worded] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _keys(cls, found: list[_Worded], info: ValidationInfo) -> list[_Worded]:
        return _same_keys(found, info, "stay")


class _ExitWording(BaseModel):
    model_config = ConfigDict(extra="forbid")

    questions: list[_Worded] = Field(min_length=1)
    destinations: list[_Label] = Field(min_length=2)
    come_back: list[str] = Field(min_length=5, max_length=5)

    @field_validator("questions", "destinations")
    @classmethod
    def _keys(cls, found: list[_Worded], info: ValidationInfo) -> list[_Worded]:
        return _same_keys(found, info, "exit")

    @field_validator("come_back")
    @classmethod
    def _buttons(cls, value: list[str]) -> list[str]:
        for label in value:
            if not 1 <= len(label.strip()) <= 40:
                raise ValueError(f"{label!r}: each answer is a button of 1 to 40 characters")
        return [label.strip() for label in value]


class Wording(BaseModel):
    """The interviews file: the words of the stay and exit interviews."""

    model_config = ConfigDict(extra="forbid")

    stay: _StayWording
    exit: _ExitWording


def parse_wording(text: str, name: str, shipped: Wording | None = None) -> Wording:
    """Validate interviews YAML (against the shipped keys, when given); ConfigFileError names
    the file, line and field."""
    return validate_text(text, name, Wording, context={"shipped": shipped})


@cache
def default_wording() -> Wording:
    """The wording shipped in surveys/interviews.yaml."""
    text = resources.files("surveys").joinpath("interviews.yaml").read_text(encoding="utf-8")
    return parse_wording(text, "surveys/interviews.yaml")


def load_wording(path: Path) -> Wording:
    """A council's interviews file: any words, the shipped keys (ConfigFileError if not)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc})") from None
    return parse_wording(text, str(path), default_wording())


# --- the declarations -----------------------------------------------------------------------------


class Kind(StrEnum):
    """The three interview flows; the value is what a draft keeps in `kind`."""

    STAY = "stay"
    EXIT = "exit"
    RECORD = "record"


class Takes(StrEnum):
    """What a step takes, and so how it is answered (`_TAKE`) and shown (bot/handlers)."""

    TEXT = "text"  # an open question: typed text, or None (skipped)
    SCALE = "scale"  # 1–5 (one of the step's options), or None (skipped)
    FOLLOWUP = "followup"  # True or False; ends the interview
    REASONS = "reasons"  # a theme to toggle, or "done" (at least one chosen)
    MAIN = "main"  # one of the reasons chosen
    CHOICE = "choice"  # one of the step's option keys
    TEAM = "team"  # a team id
    ROLE = "role"  # a role group's key, or UNDISCLOSED
    CONTRACT = "contract"  # an employment type's key, or UNDISCLOSED
    NOTES = "notes"  # typed notes (several messages), or "done": the themes are proposed
    THEMES = "themes"  # a theme to move on (not mentioned → pos → neg → not), or "done"

    @property
    def typed(self) -> bool:
        """Whether the step waits for typed text (it also has a button: skip or done)."""
        return self in (Takes.TEXT, Takes.NOTES)


class Group(StrEnum):
    """Where a stored interview's group (team, role, contract) comes from."""

    PARTICIPANT = "participant"  # the person who answered, as they joined
    EXIT_LINK = "exit link"  # the team the link was made for; role and contract undisclosed
    ANSWERS = "answers"  # the team, role and contract steps (typed up by a PSW member)


_DRAFT = "sealed interview draft (keyed by chat, deleted when stored)"


@dataclass(frozen=True)
class Step:
    """One step: its name (the draft's `step`), what it takes, what it stores (in words, for
    the diagrams), the Interview field it fills, an open question's words, and the options a
    button step offers as (value, label)."""

    name: str
    takes: Takes
    stores: str = _DRAFT
    field: str = ""
    question: str = ""
    options: tuple[tuple[str, str], ...] = ()

    @property
    def key(self) -> str:
        """The key its answer is kept under in the draft: an open question's own key."""
        return self.name.removeprefix("q:")


@dataclass(frozen=True)
class Flow:
    """One kind of interview: how its buttons name it (`letter`, bot/callbacks.Step), its key
    among the bot's conversations, the queue it is released from, what it is stored as, where
    its group comes from, and its steps in order."""

    kind: Kind
    letter: str
    conversation: str
    queue: str
    stored_as: InterviewKind
    source: str  # "self" or "psw"
    group: Group
    steps: tuple[Step, ...]
    names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "names", tuple(s.name for s in self.steps))

    def step(self, name: str) -> Step:
        """The step called `name` (StaleStep when this flow has none)."""
        for step in self.steps:
            if step.name == name:
                return step
        raise StaleStep("That question is not part of this interview.")

    def questions(self) -> dict[str, str]:
        """Its open questions by key."""
        return {s.key: s.question for s in self.steps if s.takes is Takes.TEXT}


Flows = Mapping[Kind, Flow]


def build_flows(wording: Wording) -> dict[Kind, Flow]:
    """The three flows, worded by `wording`."""
    stay_q, exit_q = wording.stay.questions, wording.exit.questions

    def open_questions(found: list[_Worded], last: str) -> tuple[Step, ...]:
        return tuple(
            Step(
                f"q:{q.key}",
                Takes.TEXT,
                last if i == len(found) - 1 and last else _DRAFT + ", text redacted",
                field="answers",
                question=q.text,
            )
            for i, q in enumerate(found)
        )

    def scale(labels: tuple[str, ...] | list[str]) -> tuple[tuple[str, str], ...]:
        return tuple((str(value), label) for value, label in enumerate(labels, start=1))

    flows = (
        Flow(
            Kind.RECORD,
            "r",
            "record_stay",
            PSW,
            InterviewKind.STAY,
            "psw",
            Group.ANSWERS,
            (
                Step("team", Takes.TEAM, field="team_id"),
                Step("role", Takes.ROLE, field="role_group"),
                Step("emp", Takes.CONTRACT, field="employment_type"),
                Step("notes", Takes.NOTES, _DRAFT + ", notes redacted", field="answers"),
                Step("themes", Takes.THEMES, "sealed ballot in the PSW member's queue", "themes"),
            ),
        ),
        Flow(
            Kind.EXIT,
            "x",
            "exit",
            EXIT,
            InterviewKind.EXIT,
            "self",
            Group.EXIT_LINK,
            (
                Step("reasons", Takes.REASONS, field="reasons"),
                Step("main", Takes.MAIN, field="main_reason"),
                Step(
                    "destination",
                    Takes.CHOICE,
                    field="destination",
                    options=tuple((d.key, d.text) for d in wording.exit.destinations),
                ),
                Step(
                    "come_back",
                    Takes.SCALE,
                    field="come_back",
                    options=scale(wording.exit.come_back),
                ),
                *open_questions(exit_q, "sealed ballot in the exit queue"),
            ),
        ),
        Flow(
            Kind.STAY,
            "s",
            "stay",
            STAY,
            InterviewKind.STAY,
            "self",
            Group.PARTICIPANT,
            (
                *open_questions(stay_q, ""),
                Step("rating", Takes.SCALE, field="intention_to_stay", options=scale(SCALE)),
                Step(
                    "followup",
                    Takes.FOLLOWUP,
                    "sealed ballot in the stay queue; a yes sends /talk",
                ),
            ),
        ),
    )
    return {flow.kind: flow for flow in flows}


FLOWS: Flows = build_flows(default_wording())
# The shipped open questions by key: the analyser labels answers with them (analysis/interviews.py).
STAY_QUESTIONS: tuple[tuple[str, str], ...] = tuple(FLOWS[Kind.STAY].questions().items())
QUESTIONS = dict(STAY_QUESTIONS) | FLOWS[Kind.EXIT].questions()


def flow_of(draft: InterviewDraft, flows: Flows = FLOWS) -> Flow:
    """The flow a draft follows."""
    return flows[Kind(draft.kind)]


def month_of(day: date) -> str:
    """The month an interview is filed under, e.g. 2026-11."""
    return f"{day.year}-{day.month:02d}"


def waiting_for_text(session: Session, *, chat_id: int) -> InterviewDraft | None:
    """The draft, if its current step takes typed text."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or not flow_of(draft).step(draft.step).takes.typed:
        return None
    return draft


def _begin(session: Session, chat_id: int, kind: Kind, now: datetime) -> InterviewDraft:
    """A new draft of `kind`, or the one in progress if it is of the same kind.

    An exit interview in progress is never replaced: its link cannot be opened twice.
    """
    draft = session.get(InterviewDraft, chat_id)
    if draft is not None and draft.kind in (kind, Kind.EXIT):
        return draft
    if draft is not None:
        session.delete(draft)
        session.flush()
    draft = InterviewDraft(chat_id=chat_id, kind=kind, step=FLOWS[kind].names[0], updated_at=now)
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
    return _begin(session, chat_id, Kind.STAY, now)


def start_record(session: Session, *, chat_id: int, now: datetime) -> InterviewDraft:
    """Begin (or continue) typing up a stay interview held in person."""
    return _begin(session, chat_id, Kind.RECORD, now)


def cancel(session: Session, *, chat_id: int) -> bool:
    """Drop the draft in this chat (not an exit interview's: its link is spent)."""
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.kind == Kind.EXIT:
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
        chat_id=chat_id,
        kind=Kind.EXIT,
        step=FLOWS[Kind.EXIT].names[0],
        exit_code=link.code,
        updated_at=now,
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


class Move(StrEnum):
    """Where a step goes once taken."""

    STAY = "stay"  # the same step again (a toggle, a note)
    NEXT = "next"  # the next step; after the last one, store
    STORE = "store"  # store now


def _rating(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or not 1 <= value <= 5:
        raise InterviewError("Please choose one of the five answers.")
    return value


def _theme(value: Any) -> None:
    if value not in THEMES:
        raise StaleStep("That theme is not one I know.")


def _take_text(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    text = clean_comment(value) if value is not None else None
    if text:
        answers[step.key] = text
    return Move.NEXT


def _take_scale(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    answers[step.key] = _rating(value)
    return Move.NEXT


def _take_followup(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    return Move.STORE  # not kept: a yes is sent like /talk, apart from the interview


def _take_reasons(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    reasons = list(answers.get(step.key, []))
    if value == "done":
        if not reasons:
            raise InterviewError("Please choose at least one reason.")
        return Move.NEXT
    _theme(value)
    answers[step.key] = (
        [r for r in reasons if r != value] if value in reasons else [*reasons, value]
    )
    return Move.STAY


def _take_main(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    if value not in answers.get("reasons", []):
        raise InterviewError("Please choose one of the reasons you gave.")
    answers[step.key] = value
    return Move.NEXT


def _take_choice(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    if value not in dict(step.options):
        raise InterviewError("Please choose one of the answers.")
    answers[step.key] = value
    return Move.NEXT


def _take_pick(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    answers[step.key] = value  # checked when stored: an unknown team is no team
    return Move.NEXT


def _take_notes(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    notes = list(answers.get(step.key, []))
    if value == "done":
        if not notes:
            raise InterviewError("Type the notes first, then tap Done.")
        answers["themes"] = dict(coder("\n".join(notes)))
        return Move.NEXT
    text = clean_comment(value)
    if text:
        notes.append(text)
    if sum(len(n) for n in notes) > NOTES_LIMIT:
        raise InterviewError("That's more than 4,000 characters of notes in all.")
    answers[step.key] = notes
    return Move.STAY


def _take_themes(step: Step, answers: dict[str, Any], value: Any, coder: Coder) -> Move:
    if value == "done":
        return Move.STORE
    _theme(value)
    themes = dict(answers.get(step.key, {}))
    # Each tap moves a theme on: not mentioned → a reason to stay → a reason to leave.
    now_is = themes.get(value)
    if now_is is None:
        themes[value] = "pos"
    elif now_is == "pos":
        themes[value] = "neg"
    else:
        del themes[value]
    answers[step.key] = themes
    return Move.STAY


# How each kind of step takes a value: the answers so far are changed in place.
_TAKE: dict[Takes, Callable[[Step, dict[str, Any], Any, Coder], Move]] = {
    Takes.TEXT: _take_text,
    Takes.SCALE: _take_scale,
    Takes.FOLLOWUP: _take_followup,
    Takes.REASONS: _take_reasons,
    Takes.MAIN: _take_main,
    Takes.CHOICE: _take_choice,
    Takes.TEAM: _take_pick,
    Takes.ROLE: _take_pick,
    Takes.CONTRACT: _take_pick,
    Takes.NOTES: _take_notes,
    Takes.THEMES: _take_themes,
}


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
    flows: Flows = FLOWS,
) -> Outcome:
    """Take `value` for `step` of this chat's interview; store it after the last step.

    `value` by what the step takes (`Takes`): text or None (skip) for questions and notes
    ("done" ends the notes); a rating 1–5 or None; a theme to toggle, or "done", for reasons and
    themes; a theme for the main reason; an option key; a team id, role key or contract key;
    True or False for the follow-up. A step the draft is not at raises StaleStep and changes
    nothing.
    """
    draft = session.get(InterviewDraft, chat_id)
    if draft is None or draft.step != step:
        raise StaleStep("That question has already been answered.")
    flow = flow_of(draft, flows)
    spec = flow.step(step)
    answers = dict(draft.answers)
    move = _TAKE[spec.takes](spec, answers, value, coder)
    draft.answers = answers
    if move is Move.STORE or (move is Move.NEXT and step == flow.names[-1]):
        stored = _store(session, draft, flow, coder, member, today)
        return Outcome(None, stored, followup=spec.takes is Takes.FOLLOWUP and bool(value))
    draft.updated_at = now
    if move is Move.NEXT:
        draft.step = flow.names[flow.names.index(step) + 1]
    session.add(draft)
    return Outcome(draft)


def _kept(step: Step, answers: Mapping[str, Any]) -> Any:
    """What a step's answer becomes in the stored interview."""
    value = answers.get(step.key)
    if step.takes is Takes.TEAM:
        return value if isinstance(value, int) and value > 0 else None
    if step.takes in (Takes.ROLE, Takes.CONTRACT):
        return str(value or UNDISCLOSED)
    return value


def _store(
    session: Session,
    draft: InterviewDraft,
    flow: Flow,
    coder: Coder,
    member: PswMember | None,
    today: date,
) -> Interview:
    """The ballot box: write the interview anonymously and delete the draft, in one step."""
    answers = draft.answers
    interview = Interview(
        kind=flow.stored_as,
        source=flow.source,
        period=month_of(today),
        team_id=None,
        role_group=UNDISCLOSED,
        employment_type=UNDISCLOSED,
        answers={},
    )
    coded: dict[tuple[str, str], None] = {}
    reasons: list[str] = []
    for step in flow.steps:
        value = answers.get(step.key)
        if step.takes is Takes.TEXT:
            if isinstance(value, str):
                interview.answers[step.key] = value
                for theme, direction in coder(value, step.question).items():
                    coded[(theme, direction)] = None
        elif step.takes is Takes.NOTES:
            interview.answers[step.key] = "\n\n".join(value or [])
        elif step.takes is Takes.THEMES:
            # The themes the PSW member confirmed, not the analyser's reading of the notes.
            coded = {(t, d): None for t, d in dict(value or {}).items()}
        elif step.takes is Takes.REASONS:
            reasons = list(value or [])
        elif step.field:
            setattr(interview, step.field, _kept(step, answers))
    if flow.group is Group.PARTICIPANT:
        _group_of(interview, get_participant(session=session, chat_id=draft.chat_id))
    elif flow.group is Group.EXIT_LINK:
        link = session.get(ExitLink, draft.exit_code) if draft.exit_code else None
        if link is not None:
            interview.team_id = link.team_id
            link.used_at = link.opened_at  # no new time: the link says nothing about when
            session.add(link)
    else:
        interview.recorded_by = member.id if member is not None else None
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
        kind=flow.queue,
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
            "who": sealer().tag(str(draft.chat_id)) if flow.source == "self" else None,
        },
    )
    session.delete(draft)
    return interview


def queue_of(interview: Interview) -> str:
    """The release queue an interview waits in."""
    return next(
        f.queue
        for f in FLOWS.values()
        if f.source == interview.source and f.stored_as == interview.kind
    )


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

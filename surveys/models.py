"""The database tables, split by what they may know.

Identity side: organisation, teams, roles, participants, PSW members, deliveries, drafts, invites,
audit log. Anonymous side: submissions, their answers, and interviews.

The anonymous side carries no participant id, chat id, message id, username or timestamp: the time
of an answer is its wave or its period (ISO week or month). Its primary keys are random, and on
SQLite its tables are WITHOUT ROWID, so neither a key nor the hidden rowid follows the order in
which people answered (DESIGN.md, anonymity rule 1). The schema itself comes from the Alembic
migrations in `surveys/migrations`; `tests/test_migrations.py` checks they agree with this file.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from surveys.seal import BALLOT_SIZE, SealedJSON
from surveys.types import UTCDateTime, utcnow


def random_id() -> str:
    """A random 128-bit key: it says nothing about when or by whom a row was written."""
    return secrets.token_hex(16)


def _when(*, nullable: bool = False, default_now: bool = False) -> Any:
    """A timezone-aware timestamp column."""
    if default_now:
        return Field(default_factory=utcnow, sa_type=UTCDateTime(), nullable=nullable)
    return Field(default=None, sa_type=UTCDateTime(), nullable=nullable)


class ParticipantStatus(StrEnum):
    """Whether the bot may message a participant."""

    ACTIVE = "active"
    PAUSED = "paused"  # until `paused_until`, then active again by itself
    STOPPED = "stopped"  # said /stop: nothing more until /start
    UNREACHABLE = "unreachable"  # Telegram answered 403: they blocked the bot


class PswRole(StrEnum):
    """What a PSW team member may do: viewers read results, admins also change things."""

    ADMIN = "admin"
    VIEWER = "viewer"


class WaveStatus(StrEnum):
    """Where a wave is in its life."""

    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"
    MISSED = "missed"  # its whole window passed while the bot was down; never sent late


class SubmissionKind(StrEnum):
    """What produced an anonymous submission."""

    PULSE = "pulse"
    FEEDBACK = "feedback"


class InterviewKind(StrEnum):
    """Stay or exit."""

    STAY = "stay"
    EXIT = "exit"


# --- Organisation -------------------------------------------------------------------------------


class Organisation(SQLModel, table=True):
    """The one organisation this installation serves (a single row)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    # Learnt from Telegram when the bot starts, so the shell can print t.me invite links.
    bot_username: str | None = Field(default=None, max_length=64)


class Team(SQLModel, table=True):
    """A team from the organisation file; inactive once removed from it (answers keep it)."""

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    service_area: str = Field(default="", max_length=200)
    active: bool = True
    # Staff in the team, from the organisation file: nobody joins beyond it (a forwarded link
    # cannot fill a team with strangers), and participation is shown against it.
    headcount: int | None = None


class Role(SQLModel, table=True):
    """A role group people can say they belong to (social worker, team manager, …)."""

    key: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    position: int = 0
    active: bool = True


class EmploymentType(SQLModel, table=True):
    """Permanent, agency, …, as the organisation names them."""

    __tablename__ = "employment_type"

    key: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200)
    position: int = 0
    active: bool = True


# --- Identity side ------------------------------------------------------------------------------


class Participant(SQLModel, table=True):
    """A person who agreed to take part. Never referenced from the anonymous side."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, unique=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    role_key: str | None = Field(default=None, max_length=64)
    employment_type: str | None = Field(default=None, max_length=64)
    status: str = Field(default=ParticipantStatus.ACTIVE, max_length=16)
    paused_until: datetime | None = _when(nullable=True)
    joined_at: datetime = _when(default_now=True)


class PswMember(SQLModel, table=True):
    """A member of the Principal Social Worker team, who may read results."""

    __tablename__ = "psw_member"

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_type=BigInteger, unique=True)
    role: str = Field(default=PswRole.VIEWER, max_length=16)
    name: str = Field(default="", max_length=200)
    added_at: datetime = _when(default_now=True)


class Wave(SQLModel, table=True):
    """One run of a pulse survey: opens, invites, reminds once, closes."""

    # One wave per occurrence of a schedule, whatever happens to the process or the settings.
    __table_args__ = (UniqueConstraint("schedule_key", "due_at", name="uq_wave_schedule_due"),)

    id: int | None = Field(default=None, primary_key=True)
    schedule_key: str = Field(max_length=64)
    due_at: datetime = _when()  # the nominal time from the schedule file
    opens_at: datetime = _when()  # the first working moment at or after it
    remind_at: datetime | None = _when(nullable=True)
    closes_at: datetime = _when()
    status: str = Field(default=WaveStatus.PLANNED, max_length=16)
    period: str = Field(max_length=16)  # ISO week of opening, e.g. 2026-W48: the time of answers
    item_keys: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Coverage by design (surveys/forms.py): the wave's forms, each a list of rotating items,
    # and the k they were dealt with. None: everyone gets `item_keys` (PULSE_FORMS=false, or a
    # wave from before forms). Who got which form is never stored: it is redone from the
    # deliveries and BALLOT_KEY while the wave is open, and cannot be once it has closed.
    forms: list[list[str]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    form_k: int | None = None
    # Which teams were dealt each form ({"0": [team ids], …}), so a team's summary can say a
    # theme was "not asked" of it. A group fact (each form a team holds is held by at least k
    # of it, or by the whole team), never a person's.
    form_teams: dict[str, list[int]] | None = Field(
        default=None, sa_column=Column(JSON, nullable=True)
    )


class Delivery(SQLModel, table=True):
    """Participant P was invited to wave W, reminded or not, completed or not. Holds no answers.

    There is deliberately no completion time: with one, completion order could be matched to
    the order of anything else written at that moment.
    """

    __table_args__ = (UniqueConstraint("wave_id", "participant_id", name="uq_delivery"),)

    id: int | None = Field(default=None, primary_key=True)
    wave_id: int = Field(foreign_key="wave.id", ondelete="CASCADE", index=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    invite_message_id: int | None = Field(default=None, sa_type=BigInteger)
    # Claimed just before the message is handed to Telegram and confirmed (invited_at) when it
    # answers: a claim without a confirmation after a crash means "in doubt", never "resend".
    invite_claimed_at: datetime | None = _when(nullable=True)
    invited_at: datetime | None = _when(nullable=True)
    reminder_claimed_at: datetime | None = _when(nullable=True)
    reminded_at: datetime | None = _when(nullable=True)
    # "Remind me later" on the invite: one more reminder at `later_at` (in working hours), sent
    # through the same outbox. About the delivery only, and deleted with it when the wave closes.
    later_at: datetime | None = _when(nullable=True)
    later_claimed_at: datetime | None = _when(nullable=True)
    later_sent_at: datetime | None = _when(nullable=True)
    completed: bool = False
    unreachable: bool = False


class Draft(SQLModel, table=True):
    """Answers of someone mid-survey, sealed (surveys/seal.py); deleted when the pulse is sealed
    as a ballot or when the wave closes."""

    __table_args__ = (UniqueConstraint("participant_id", "kind", "wave_id", name="uq_draft"),)

    id: int | None = Field(default=None, primary_key=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=16)
    wave_id: int | None = Field(default=None, foreign_key="wave.id", ondelete="CASCADE")
    position: int = 0
    answers: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(SealedJSON("draft"), nullable=False)
    )
    updated_at: datetime = _when(default_now=True)


class WaveTally(SQLModel, table=True):
    """How many of a team were invited to a closed wave and how many answered.

    Written when the wave closes, from its deliveries, which are then deleted: after the close
    only these counts remain of who answered (docs/design.md, anonymity rule 2).
    """

    __tablename__ = "wave_tally"
    __table_args__ = (UniqueConstraint("wave_id", "team_id", name="uq_wave_tally"),)

    id: int | None = Field(default=None, primary_key=True)
    wave_id: int = Field(foreign_key="wave.id", ondelete="CASCADE", index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    invited: int = 0
    answered: int = 0


class SealedBallot(SQLModel, table=True):
    """A finished pulse, feedback comment or interview waiting, sealed, to be released in a batch
    of at least MIN_GROUP_SIZE (surveys/ballot.py).

    It holds no person: the group it will be released under travels inside the sealed content.
    `kind` says which queue it waits in; `wave_id` is the wave a pulse answered; `recorded_by`
    is the PSW member who typed up an interview they held (for /my_interviews).
    """

    __tablename__ = "sealed_ballot"

    id: str = Field(default_factory=random_id, primary_key=True, max_length=32)
    kind: str = Field(max_length=16, index=True)
    wave_id: int | None = Field(default=None, foreign_key="wave.id", ondelete="SET NULL")
    recorded_by: int | None = Field(default=None, foreign_key="psw_member.id", ondelete="SET NULL")
    # One size for every pulse and feedback ballot (a 1,000-character comment of four-byte
    # characters with its answers fits), so a copy cannot tell a long comment, or a withdrawn
    # one, by its size. Interview notes may run longer: they round up to whole buckets.
    content: dict[str, Any] = Field(
        sa_column=Column(SealedJSON("ballot", size=BALLOT_SIZE), nullable=False)
    )


class Release(SQLModel, table=True):
    """One batch of ballots released together: a wave's pulses (with held feedback), or a batch
    of interviews of one kind. `people` counts the ballots that count towards thresholds."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # "wave", "stay", "exit" or "psw"
    wave_id: int | None = Field(default=None, foreign_key="wave.id", ondelete="SET NULL")
    period: str = Field(max_length=16)  # the wave's week, or the month of an interview batch
    people: int = 0


class KeyCheck(SQLModel, table=True):
    """A known value sealed with BALLOT_KEY when the database is first used: a wrong key is
    found at start-up, not when the first wave closes."""

    __tablename__ = "key_check"

    id: int = Field(default=1, primary_key=True)
    value: str = Field(sa_column=Column(SealedJSON("check"), nullable=False))


class WeDid(SQLModel, table=True):
    """A "you said, we did" update from the PSW team: what changed because of what staff said.

    The newest is shown after every completed pulse until the next is recorded; an admin may also
    send it to everyone (`broadcast_at`, with one WeDidDelivery per person).
    """

    __tablename__ = "we_did"

    id: int | None = Field(default=None, primary_key=True)
    text: str = Field(max_length=1000)
    recorded_at: datetime = _when(default_now=True)
    recorded_by: int | None = Field(default=None, foreign_key="psw_member.id", ondelete="SET NULL")
    broadcast_at: datetime | None = _when(nullable=True)
    audience: int | None = None
    # The action log (surveys/actions.py): what the update answers, who owns it, by when, and
    # where it stands. A draft is a preview not yet confirmed; a withdrawn one is kept, unshown.
    theme: str | None = Field(default=None, max_length=32)
    owner: str | None = Field(default=None, max_length=100)
    due: date | None = None
    status: str = Field(default="planned", max_length=16)
    updated_at: datetime | None = _when(nullable=True)


class WeDidDelivery(SQLModel, table=True):
    """One person's copy of a broadcast update, claimed and confirmed like an invite."""

    __tablename__ = "we_did_delivery"
    __table_args__ = (UniqueConstraint("we_did_id", "participant_id", name="uq_we_did_delivery"),)

    id: int | None = Field(default=None, primary_key=True)
    we_did_id: int = Field(foreign_key="we_did.id", ondelete="CASCADE", index=True)
    participant_id: int = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    claimed_at: datetime | None = _when(nullable=True)
    sent_at: datetime | None = _when(nullable=True)
    unreachable: bool = False


class Digest(SQLModel, table=True):
    """One weekly digest to the PSW chat, claimed and confirmed like an invite."""

    period: str = Field(primary_key=True, max_length=16)  # ISO week, e.g. 2026-W48
    claimed_at: datetime | None = _when(nullable=True)
    sent_at: datetime | None = _when(nullable=True)
    message_id: int | None = Field(default=None, sa_type=BigInteger)


class ChatMigration(SQLModel, table=True):
    """A group Telegram upgraded to a supergroup: its old id and the new one. The PSW chat is
    followed from PSW_CHAT_ID through these rows to the id it has now."""

    __tablename__ = "chat_migration"

    old_chat_id: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    new_chat_id: int = Field(sa_type=BigInteger)
    migrated_at: datetime = _when(default_now=True)


class TeamInvite(SQLModel, table=True):
    """A code in a deep link that puts whoever opens it in a team, until it expires, is
    revoked or has been used `max_uses` times (a personal invite: once)."""

    __tablename__ = "team_invite"

    code: str = Field(primary_key=True, max_length=32)
    team_id: int = Field(foreign_key="team.id", ondelete="CASCADE")
    created_by: int = Field(sa_type=BigInteger)
    created_at: datetime = _when(default_now=True)
    revoked: bool = False
    expires_at: datetime = _when()
    max_uses: int | None = None
    uses: int = 0
    personal: bool = False


class AuditEntry(SQLModel, table=True):
    """Who read or changed what, and when. Never holds results or comments."""

    __tablename__ = "audit_log"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when(default_now=True)
    actor_telegram_id: int = Field(sa_type=BigInteger, index=True)
    action: str = Field(max_length=64)
    detail: str = Field(default="", max_length=500)


# --- Anonymous side -----------------------------------------------------------------------------

_NO_ROWID = {"sqlite_with_rowid": False}


class Submission(SQLModel, table=True):
    """One anonymous ballot: the group it came from, its period, its answers and comment."""

    __table_args__ = (
        # Summaries count the whole service and a group in one pass over a period (suppression
        # needs both): with the group columns in the index that pass never reads the table.
        Index("ix_submission_period_group", "period", "team_id", "role_group", "employment_type"),
        _NO_ROWID,
    )

    id: str = Field(default_factory=random_id, primary_key=True, max_length=32)
    kind: str = Field(max_length=16)
    wave_id: int | None = Field(default=None, foreign_key="wave.id", ondelete="SET NULL")
    period: str = Field(max_length=16, index=True)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    role_group: str = Field(max_length=64)
    employment_type: str = Field(max_length=64)
    comment: str | None = Field(default=None, max_length=2000)
    comment_themes: dict[str, str] | None = Field(default=None, sa_column=Column(JSON))


class Answer(SQLModel, table=True):
    """One rated item of a submission (1–5)."""

    __table_args__ = (_NO_ROWID,)

    submission_id: str = Field(
        foreign_key="submission.id", ondelete="CASCADE", primary_key=True, max_length=32
    )
    item_key: str = Field(primary_key=True, max_length=64)
    theme: str = Field(max_length=32, index=True)
    value: int = Field(ge=1, le=5)


class Interview(SQLModel, table=True):
    """A stay or exit interview, stored like a submission: group and month, never the person.

    The texts are redacted before they get here. Its themes (coded from the texts, confirmed by
    the PSW for a recorded interview, or ticked as reasons for leaving) are rows of
    InterviewTheme, so they can be counted in SQL. `recorded_by` is the PSW member who typed up an
    interview they held (for /my_interviews); the interviewee is never recorded.
    """

    __table_args__ = (_NO_ROWID,)

    id: str = Field(default_factory=random_id, primary_key=True, max_length=32)
    kind: str = Field(max_length=16)
    source: str = Field(max_length=16)  # "self" or "psw"
    period: str = Field(max_length=16, index=True)  # month, e.g. 2026-11
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    role_group: str = Field(max_length=64)
    employment_type: str = Field(max_length=64)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    themes: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    intention_to_stay: int | None = Field(default=None, ge=1, le=5)
    recorded_by: int | None = Field(default=None, foreign_key="psw_member.id", ondelete="SET NULL")
    # The batch it was released in: interview figures are sums over whole batches.
    # (No foreign key: SQLite cannot add one to an existing table without rebuilding it.)
    release_id: int | None = None
    main_reason: str | None = Field(default=None, max_length=32)  # exit: the one main theme
    destination: str | None = Field(default=None, max_length=32)  # exit: where they are going
    come_back: int | None = Field(default=None, ge=1, le=5)  # exit: would they come back


class InterviewTheme(SQLModel, table=True):
    """One theme of an interview: `coded` from its words (pos or neg) or a ticked exit `reason`."""

    __tablename__ = "interview_theme"
    __table_args__ = (_NO_ROWID,)

    interview_id: str = Field(
        foreign_key="interview.id", ondelete="CASCADE", primary_key=True, max_length=32
    )
    source: str = Field(primary_key=True, max_length=16)  # "coded" or "reason"
    theme: str = Field(primary_key=True, max_length=32)
    # "pos" or "neg" (reasons are "neg"); both may be there: learning praised, progression not.
    direction: str = Field(primary_key=True, max_length=8)


class ExitLink(SQLModel, table=True):
    """A one-time link for a leaver: whoever opens it first may answer, within 14 days."""

    __tablename__ = "exit_link"

    code: str = Field(primary_key=True, max_length=32)
    team_id: int | None = Field(default=None, foreign_key="team.id", ondelete="SET NULL")
    created_by: int = Field(sa_type=BigInteger)
    created_at: datetime = _when(default_now=True)
    expires_at: datetime = _when()
    opened_at: datetime | None = _when(nullable=True)  # bound to the chat that opened it
    used_at: datetime | None = _when(nullable=True)  # the interview was stored


class InterviewDraft(SQLModel, table=True):
    """An interview in progress in one chat: redacted answers so far; deleted when stored.

    Identity side (it has the chat): nothing here is ever copied to the anonymous side except
    through the same step that writes the Interview and deletes this row.
    """

    __tablename__ = "interview_draft"

    chat_id: int = Field(sa_type=BigInteger, primary_key=True)
    kind: str = Field(max_length=16)  # "stay", "exit" or "record"
    step: str = Field(default="", max_length=32)
    answers: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(SealedJSON("interview_draft"), nullable=False)
    )
    exit_code: str | None = Field(
        default=None, foreign_key="exit_link.code", ondelete="CASCADE", max_length=32
    )
    updated_at: datetime = _when(default_now=True)

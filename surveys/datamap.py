"""What StayPulse stores, column by column, generated from the models: the report for a data
protection officer (docs/data-map.md, `staypulse datamap`).

Every table is on one side: `anonymous` (answers: no person, no time finer than a week or month),
`identity` (people and the operational rows about them, never an answer), or `reference` (the
organisation's own lists and the timetable: no personal data). Every column has a line saying
what it holds. A test regenerates the report and fails if a table or column is new and not
described here, if an anonymous table gains a key to a person or a time, or if the document in
docs/ is stale, so the report cannot drift from the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from sqlalchemy import DateTime, MetaData, Table
from sqlmodel import SQLModel

import surveys.models  # noqa: F401  (registers every table)

ANONYMOUS: Final = "anonymous"
IDENTITY: Final = "identity"
REFERENCE: Final = "reference"
SEALED: Final = "sealed"

SIDES: Final[dict[str, str]] = {
    "submission": ANONYMOUS,
    "answer": ANONYMOUS,
    "interview": ANONYMOUS,
    "interview_theme": ANONYMOUS,
    "participant": IDENTITY,
    "delivery": IDENTITY,
    "draft": IDENTITY,
    "team_invite": IDENTITY,
    "psw_member": IDENTITY,
    "audit_log": IDENTITY,
    "interview_draft": IDENTITY,
    "exit_link": IDENTITY,
    "we_did_delivery": IDENTITY,
    "sealed_ballot": SEALED,
    "key_check": SEALED,
    "wave_tally": REFERENCE,
    "release": REFERENCE,
    "organisation": REFERENCE,
    "team": REFERENCE,
    "role": REFERENCE,
    "employment_type": REFERENCE,
    "wave": REFERENCE,
    "digest": REFERENCE,
    "chat_migration": REFERENCE,
    "we_did": REFERENCE,
}

# The one key from an answer to a person, and why it is allowed: the PSW member who typed up a
# stay interview they held (for /my_interviews). The interviewee is never recorded.
ALLOWED_LINKS: Final[dict[str, str]] = {
    "interview.recorded_by": (
        "the PSW member who typed up an interview they held themselves, so they can list and "
        "delete their own records; the person interviewed is never recorded"
    ),
}

COLUMNS: Final[dict[str, str]] = {
    # anonymous
    "submission.id": "random 128-bit key; says nothing about when or by whom",
    "submission.kind": "pulse or feedback",
    "submission.wave_id": "the wave answered (feedback: the wave it was released with)",
    "submission.period": "ISO week, e.g. 2026-W48: the finest time kept",
    "submission.team_id": "the team the person said they were in",
    "submission.role_group": "role group, or undisclosed",
    "submission.employment_type": "contract type, or undisclosed",
    "submission.comment": "the optional comment, redacted before it was stored",
    "submission.comment_themes": "the analyser's themes of the comment",
    "answer.submission_id": "the submission it belongs to",
    "answer.item_key": "which question",
    "answer.theme": "the question's theme",
    "answer.value": "the answer, 1–5",
    "interview.release_id": "the batch it was released in",
    "interview.id": "random 128-bit key",
    "interview.kind": "stay or exit",
    "interview.source": "self (answered in the chat) or psw (typed up by the PSW team)",
    "interview.period": "month, e.g. 2026-11: the finest time kept",
    "interview.team_id": "team (stay: from the person's details; exit: from the link)",
    "interview.role_group": "role group, or undisclosed",
    "interview.employment_type": "contract type, or undisclosed",
    "interview.answers": "the open answers or notes, each redacted before it was kept",
    "interview.themes": "themes and directions, as coded or confirmed",
    "interview.intention_to_stay": "stay: the intention-to-stay rating, 1–5",
    "interview.recorded_by": "PSW-recorded only: the PSW member who held it (see below)",
    "interview.main_reason": "exit: the main reason's theme",
    "interview.destination": "exit: another council, agency, leaving social work, …",
    "interview.come_back": "exit: would they come back, 1–5",
    "interview_theme.interview_id": "the interview it belongs to",
    "interview_theme.source": "coded (from the words) or reason (ticked by a leaver)",
    "interview_theme.theme": "one of the eleven themes",
    "interview_theme.direction": "pos (a reason to stay) or neg (a reason to leave)",
    # identity
    "participant.id": "internal number",
    "participant.chat_id": "Telegram chat id, to send invites; deleted by /forget",
    "participant.team_id": "their team",
    "participant.role_key": "their role group, or none (prefer not to say)",
    "participant.employment_type": "their contract type, or none",
    "participant.status": "active, paused, stopped or unreachable",
    "participant.paused_until": "end of a /pause",
    "participant.joined_at": "when they agreed to take part",
    "delivery.id": "internal number",
    "delivery.wave_id": "the wave",
    "delivery.participant_id": "the person invited",
    "delivery.invite_message_id": "the invite's Telegram message, to reply the reminder to it",
    "delivery.invite_claimed_at": "just before the invite was handed to Telegram",
    "delivery.invited_at": "when Telegram accepted the invite",
    "delivery.reminder_claimed_at": "just before the reminder was handed to Telegram",
    "delivery.reminded_at": "when Telegram accepted the reminder",
    "delivery.later_at": "when the one more reminder they asked for (Remind me later) is due",
    "delivery.later_claimed_at": "just before that reminder was handed to Telegram",
    "delivery.later_sent_at": "when Telegram accepted that reminder",
    "delivery.completed": "whether they answered, while the wave is open (for reminders); the "
    "wave's deliveries are deleted when it closes, leaving only wave_tally",
    "delivery.unreachable": "Telegram said they blocked the bot",
    "draft.id": "internal number",
    "draft.participant_id": "whose pulse is in progress",
    "draft.kind": "pulse or feedback",
    "draft.wave_id": "the wave",
    "draft.position": "the question they are at",
    "draft.answers": "answers so far, sealed with BALLOT_KEY; deleted when the pulse is sealed "
    "as a ballot or the wave closes",
    "draft.updated_at": "last change, to resume",
    "sealed_ballot.id": "random key",
    "sealed_ballot.kind": "the queue it waits in: pulse, feedback, stay, exit or psw",
    "sealed_ballot.wave_id": "the wave a pulse answered",
    "sealed_ballot.recorded_by": "the PSW member who typed up an interview they held",
    "sealed_ballot.content": "the answers, comment and group, sealed with BALLOT_KEY (no person); "
    "deleted, overwritten on SQLite, when its batch is released",
    "key_check.id": "always 1",
    "key_check.value": "a known text sealed with BALLOT_KEY, to detect a wrong key at start-up",
    "wave_tally.id": "internal number",
    "wave_tally.wave_id": "a closed wave",
    "wave_tally.team_id": "a team",
    "wave_tally.invited": "how many of the team were invited",
    "wave_tally.answered": "how many of the team answered",
    "release.id": "internal number",
    "release.kind": "wave, stay, exit or psw",
    "release.wave_id": "the wave released",
    "release.period": "the wave's week, or the month an interview batch was released",
    "release.people": "how many people's ballots the batch held (0: fewer than k, none kept)",
    "team_invite.code": "the code in an invite link",
    "team_invite.team_id": "the team it puts people in",
    "team_invite.created_by": "Telegram id of the PSW member or admin who made it",
    "team_invite.created_at": "when",
    "team_invite.revoked": "no longer works",
    "team_invite.expires_at": "after this it no longer works (30 days by default)",
    "team_invite.max_uses": "how many people may join with it (empty: no limit)",
    "team_invite.uses": "how many people have joined or changed team with it",
    "team_invite.personal": "a single-use link made for one person (not who: only that it is)",
    "psw_member.id": "internal number",
    "psw_member.telegram_id": "Telegram id of a PSW team member",
    "psw_member.role": "admin or viewer",
    "psw_member.name": "their name, as the admin typed it",
    "psw_member.added_at": "when",
    "audit_log.id": "internal number",
    "audit_log.at": "when",
    "audit_log.actor_telegram_id": "which PSW member",
    "audit_log.action": "which command, e.g. summary",
    "audit_log.detail": "its parameters (period, team); never results or comments",
    "interview_draft.chat_id": "the chat an interview is in progress in",
    "interview_draft.kind": "stay, exit or record",
    "interview_draft.step": "the step they are at",
    "interview_draft.answers": "answers so far, redacted and sealed with BALLOT_KEY; deleted "
    "when the interview is sealed as a ballot",
    "interview_draft.exit_code": "exit: the link opened",
    "interview_draft.updated_at": "last change",
    "exit_link.code": "the code in a one-time exit interview link",
    "exit_link.team_id": "the leaver's team",
    "exit_link.created_by": "Telegram id of the PSW member who made it",
    "exit_link.created_at": "when",
    "exit_link.expires_at": "14 days later",
    "exit_link.opened_at": "when it was first opened (it then works only in that chat)",
    "exit_link.used_at": "set when the interview is stored (to the opening time, not a new one)",
    "we_did_delivery.id": "internal number",
    "we_did_delivery.we_did_id": "which update",
    "we_did_delivery.participant_id": "who it is sent to",
    "we_did_delivery.claimed_at": "just before it was handed to Telegram",
    "we_did_delivery.sent_at": "when Telegram accepted it",
    "we_did_delivery.unreachable": "Telegram said they blocked the bot",
    # reference
    "organisation.id": "always 1",
    "organisation.name": "the service's name",
    "organisation.bot_username": "the bot's Telegram username, for links",
    "team.id": "internal number",
    "team.key": "short key used in links and commands",
    "team.name": "the team's name",
    "team.service_area": "its service area",
    "team.active": "still in the organisation file",
    "team.headcount": "how many staff the team has (from the organisation file), if given",
    "role.key": "short key",
    "role.name": "e.g. Social worker",
    "role.position": "order in the picker",
    "role.active": "still in the organisation file",
    "employment_type.key": "short key",
    "employment_type.name": "e.g. Permanent, Agency or locum",
    "employment_type.position": "order in the picker",
    "employment_type.active": "still in the organisation file",
    "wave.id": "internal number",
    "wave.schedule_key": "which schedule",
    "wave.due_at": "when the schedule said it was due",
    "wave.opens_at": "when it opened",
    "wave.remind_at": "when the reminder is due",
    "wave.closes_at": "when it closes",
    "wave.status": "planned, open, closed or missed",
    "wave.period": "its ISO week",
    "wave.item_keys": "the questions asked",
    "wave.forms": "the sets of rotating questions dealt to people in this wave; who got which "
    "set is never stored",
    "wave.form_k": "the group size the sets were dealt with",
    "wave.form_teams": "which teams were given each set (a team fact, not a person's)",
    "chat_migration.old_chat_id": "a group's id before Telegram upgraded it to a supergroup",
    "chat_migration.new_chat_id": "the supergroup's id (the PSW chat's id now)",
    "chat_migration.migrated_at": "when the bot learnt of the upgrade",
    "digest.period": "the ISO week of a weekly digest",
    "digest.claimed_at": "just before it was posted",
    "digest.sent_at": "when it was posted",
    "digest.message_id": "the posted message",
    "we_did.id": "internal number",
    "we_did.text": "a PSW team update, as they wrote it",
    "we_did.recorded_at": "when",
    "we_did.recorded_by": "the PSW member who wrote it",
    "we_did.broadcast_at": "when an admin chose to send it to everyone",
    "we_did.audience": "how many it was sent to",
    "we_did.theme": "the theme the action answers",
    "we_did.owner": "who owns the action (a role or name the PSW team typed)",
    "we_did.due": "the date it is due",
    "we_did.status": "draft (previewed, not recorded), planned, in_progress, done or withdrawn",
    "we_did.updated_at": "when it was last edited",
}


def tables() -> list[Table]:
    """Every table, anonymous first, then identity, then reference, each alphabetical."""
    order = {ANONYMOUS: 0, SEALED: 1, IDENTITY: 2, REFERENCE: 3}
    found = list(SQLModel.metadata.tables.values())
    return sorted(found, key=lambda t: (order[SIDES.get(t.name, ANONYMOUS)], t.name))


def problems(
    metadata: MetaData | None = None,
    sides: Mapping[str, str] = SIDES,
    columns: Mapping[str, str] = COLUMNS,
) -> list[str]:
    """Everything that would make the report wrong or the schema unsafe; empty when all is well.

    By default the real schema and descriptions; the tests pass made-up ones to see it catch
    a bad schema.
    """
    metadata = SQLModel.metadata if metadata is None else metadata
    found = []
    for table in metadata.tables.values():
        side = sides.get(table.name)
        if side is None:
            found.append(f"table {table.name} is on no side: add it to SIDES")
            continue
        for column in table.columns:
            if f"{table.name}.{column.name}" not in columns:
                found.append(f"column {table.name}.{column.name} is not described")
            if side == ANONYMOUS and isinstance(column.type, DateTime):
                found.append(f"anonymous column {table.name}.{column.name} holds a time")
        for fk in table.foreign_keys:
            target = sides.get(fk.column.table.name)
            name = f"{table.name}.{fk.parent.name}"
            if side == ANONYMOUS and target == IDENTITY and name not in ALLOWED_LINKS:
                found.append(f"{name} links an answer to {fk.column.table.name}")
            if side == IDENTITY and target == ANONYMOUS:
                found.append(f"{name} links {table.name} to an answer")
    for key in columns:
        table_name, _, column_name = key.partition(".")
        described = metadata.tables.get(table_name)
        if described is None or column_name not in described.columns:
            found.append(f"{key} is described but does not exist")
    return found


def _type(table: Table, name: str) -> str:
    column = table.columns[name]
    kind = type(getattr(column.type, "impl", column.type)).__name__
    return {
        "AutoString": "text",
        "String": "text",
        "Integer": "number",
        "BigInteger": "number",
        "Boolean": "yes/no",
        "JSON": "JSON",
        "DateTime": "date and time",
    }.get(kind, kind)


def report() -> str:
    """The data map as Markdown."""
    lines = [
        "# What StayPulse stores",
        "",
        "Generated from the models by `staypulse datamap`; `tests/surveys/test_datamap.py` fails "
        "if this file, the models or the descriptions disagree.",
        "",
        "Every table is on one side:",
        "",
        "- **anonymous**: answers. Random keys, no person, no time finer than an ISO week (pulses) "
        "or a month (interviews); on SQLite `WITHOUT ROWID`, so not even the hidden row order "
        "follows the order people answered in. Free text is redacted before it is stored.",
        "- **sealed**: finished answers waiting to be released in a batch, encrypted with "
        "`BALLOT_KEY`, which is never in the database: a copy or backup cannot read them.",
        "- **identity**: people and the operational rows about them (who was invited, who is mid-"
        "survey, who may read results, who read what). Never an answer.",
        "- **reference**: the organisation's own lists, the timetable and PSW team updates. No "
        "personal data about staff.",
        "",
        "## Why no answer can be linked to a person",
        "",
        "No anonymous table has a key to an identity table, and no identity table has a key to an "
        "anonymous one, with one exception:",
        "",
        *(f"- `{name}`: {why}." for name, why in ALLOWED_LINKS.items()),
        "",
        "Anonymous tables hold no date or time column. Nothing is written to them when a person "
        "answers: a finished pulse or interview is sealed, and released only with at least "
        "`MIN_GROUP_SIZE` others, in one transaction that changes no one's identity rows, in "
        "random order with fresh random keys; so a transaction id (PostgreSQL's `xmin`), a "
        "SQLite WAL commit or the order of rows on disk points at a batch, never a person. When "
        "a wave closes its deliveries (who answered) are deleted; only per-team counts remain. "
        "The group an answer carries is coarsened in each batch until every combination of "
        "team, role group and contract is shared by at least `MIN_GROUP_SIZE` rows. Every "
        "figure is a sum of cells (wave, team, theme) of at least `MIN_GROUP_SIZE` people. "
        "`/forget` deletes the identity rows and leaves the released answers, which by then "
        "belong to no one.",
        "",
        "Trusted, and said so: the IT operator who can change the running code or read "
        "`BALLOT_KEY` together with the database could read sealed answers before release; and "
        "Telegram itself sees who messages the bot and when.",
        "",
    ]
    side = None
    for table in tables():
        if SIDES[table.name] != side:
            side = SIDES[table.name]
            lines += [f"## {side.capitalize()} tables", ""]
        lines += [f"### `{table.name}`", "", "| column | type | empty? | refers to | holds |"]
        lines.append("|---|---|---|---|---|")
        for column in table.columns:
            refers = ", ".join(f"`{fk.column.table.name}`" for fk in column.foreign_keys)
            lines.append(
                f"| `{column.name}` | {_type(table, column.name)} | "
                f"{'yes' if column.nullable else 'no'} | {refers} | "
                f"{COLUMNS.get(f'{table.name}.{column.name}', '?')} |"
            )
        lines.append("")
    return "\n".join(lines)

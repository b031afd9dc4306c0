"""Round 22 attacks on withdrawing a pulse comment (surveys/pulse.withdraw_pulse_comment),
written to succeed against the first version and now asserting that each fails (one, the
comment-only ballot, is an accepted limit, docs/design.md, and asserts the limit as it stands).

The withdrawal re-seals the ballot in place (same row, same id, new nonce), or deletes it when
it held only the comment. Attackers: someone with copies of the database (no key), and
someone with a copy and BALLOT_KEY.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session

from surveys.bank import default_bank
from surveys.db import scrub, session_scope
from surveys.models import Participant, Team
from surveys.pulse import (
    add_deliveries,
    clean_comment,
    open_wave,
    pulse_state,
    record_answer,
    submit_pulse,
    withdraw_pulse_comment,
)
from surveys.seal import BALLOT_SIZE, sealer

BANK = default_bank()
NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)  # a Wednesday, in working hours
ITEMS = ["intent_stay", "recommend"]


def _setup(engine: Engine, people: int = 6) -> tuple[int, list[int]]:
    with session_scope(engine) as session:
        team = Team(key="t", name="T")
        session.add(team)
        session.flush()
        members = [Participant(chat_id=8000 + n, team_id=team.id) for n in range(people)]
        session.add_all(members)
        session.flush()
        wave = open_wave(
            session=session,
            schedule_key="test",
            item_keys=ITEMS,
            opens_at=NOW - timedelta(hours=1),
            closes_at=NOW + timedelta(days=5),
        )
        assert wave.id is not None
        add_deliveries(session=session, wave_id=wave.id, participants=members)
        return wave.id, [m.chat_id for m in members]


def _answer(engine: Engine, chat: int, wave_id: int, comment: str | None) -> str | None:
    with session_scope(engine) as session:
        state = pulse_state(session, chat_id=chat, wave_id=wave_id, bank=BANK, now=NOW)
        while state.item is not None:
            state = record_answer(
                session,
                chat_id=chat,
                wave_id=wave_id,
                position=state.position,
                value=3,
                bank=BANK,
                now=NOW,
            )
        done = submit_pulse(
            session,
            chat_id=chat,
            wave_id=wave_id,
            comment=clean_comment(comment),
            bank=BANK,
            now=NOW,
        )
        return done.ballot_id


def _withdraw(engine: Engine, ballot_id: str) -> None:
    """As the bot does it: the withdrawal, then the WAL scrubbed (bot.services.scrub)."""
    with session_scope(engine) as session:
        assert withdraw_pulse_comment(session, ballot_id=ballot_id, now=NOW)
    scrub(engine)


def _raw(session: Session) -> dict[int, tuple[str, bytes]]:
    """What a keyless copy shows of the sealed ballots: rowid → (id, ciphertext)."""
    rows = session.execute(text("select rowid, id, content from sealed_ballot order by rowid"))
    return {int(r): (str(i), bytes(c)) for r, i, c in rows}


def _completed(session: Session) -> set[int]:
    rows = session.execute(
        text(
            "select p.chat_id from delivery d join participant p on p.id = d.participant_id"
            " where d.completed"
        )
    )
    return {int(r[0]) for r in rows}


def test_a_long_emoji_comment_does_not_make_a_ballot_of_its_own_size(
    engine: Engine,
) -> None:
    """seal.py: padding so 'sealed ballots all look the same size'. Attack (no key): a comment
    of 1,000 emoji (allowed: 1,000 characters, and redaction keeps emoji) is 4,000 bytes of
    UTF-8, so its ballot takes two buckets; a keyless copy sees which ballot carries a long
    comment, and a later copy sees it shrink to one bucket: a withdrawn comment existed."""
    wave_id, chats = _setup(engine)
    ids = [_answer(engine, chat, wave_id, None) for chat in chats[:-1]]
    x = _answer(engine, chats[-1], wave_id, "😡" * 1000)
    assert x is not None
    assert None in ids
    with session_scope(engine) as session:
        before = {i: len(c) for i, c in _raw(session).values()}
    assert set(before.values()) == {12 + BALLOT_SIZE + 16}  # was two sizes: the long one stood out
    _withdraw(engine, x)
    with session_scope(engine) as session:
        after = {i: len(c) for i, c in _raw(session).values()}
    assert after == before  # and it does not shrink when withdrawn


def test_two_keyless_copies_do_not_show_which_ballot_withdrew_a_comment(
    engine: Engine,
) -> None:
    """Attack (no key, copies at three moments, e.g. nightly backups during the wave): between
    copies A and B one person completed and one sealed row appeared (rowid order is completion
    order: sealed_ballot is a rowid table); between B and C that row's ciphertext changed and
    nothing else did. Ballots are never rewritten except by a withdrawal, so C says: this
    person wrote a pulse comment and withdrew it."""
    wave_id, chats = _setup(engine)
    for chat in chats[:2]:
        _answer(engine, chat, wave_id, None)
    with session_scope(engine) as session:
        a_done, a_rows = _completed(session), _raw(session)
    x = chats[2]
    ballot = _answer(engine, x, wave_id, "Caseloads are too high and I work most evenings.")
    assert ballot is not None
    with session_scope(engine) as session:
        b_done, b_rows = _completed(session), _raw(session)
    for chat in chats[3:]:
        _answer(engine, chat, wave_id, None)
    _withdraw(engine, ballot)
    with session_scope(engine) as session:
        c_rows = _raw(session)
    (who,) = b_done - a_done
    (rowid,) = set(b_rows) - set(a_rows)
    assert who == x  # the copies still pair the person with their row while the wave is open...
    changed = [r for r in b_rows if c_rows.get(r) != b_rows[r]]
    assert changed == sorted(b_rows)  # ...but every ballot was rewritten, not just theirs
    assert {len(c) for _, c in c_rows.values()} == {len(b_rows[rowid][1])}


def test_a_withdrawn_comment_does_not_stay_in_the_wal_for_whoever_has_the_key(
    engine: Engine, db_url: str
) -> None:
    """PULSE_COMMENT_WITHDRAWN: 'your comment is deleted'. Attack (a copy of data/ after the
    withdrawal, before the release scrubs the WAL, and BALLOT_KEY): cut the copied WAL back
    to an earlier commit and open the ballot as it was."""
    if not db_url.startswith("sqlite"):
        pytest.skip("the WAL is SQLite's")
    secret = "My team manager shouts at me in supervision every week."
    wave_id, chats = _setup(engine)
    for chat in chats[:-1]:
        _answer(engine, chat, wave_id, None)
    ballot = _answer(engine, chats[-1], wave_id, secret)
    assert ballot is not None
    _withdraw(engine, ballot)
    with session_scope(engine) as session:  # now, as the bot sees it: gone
        (content,) = session.execute(
            text("select content from sealed_ballot where id = :i"), {"i": ballot}
        ).one()
        assert sealer().open(bytes(content), context="ballot")["comment"] is None
    path = Path(db_url.removeprefix("sqlite:///"))
    wal = Path(f"{path}-wal").read_bytes()  # copied while the bot runs (as a backup would)
    found = _comments_in_wal_history(path, wal, path.parent / "copy")
    assert redacted(secret) not in found  # it did, before the withdrawal scrubbed the WAL


def redacted(comment: str) -> str:
    cleaned = clean_comment(comment)
    assert cleaned is not None
    return cleaned


def _comments_in_wal_history(db: Path, wal: bytes, where: Path) -> set[str]:
    """Every comment any committed state in the WAL held: truncate a copy of the WAL after
    each commit frame and read the sealed ballots as they were then."""
    if len(wal) < 32:  # empty (scrubbed): no earlier commit to cut back to
        return set()
    page = struct.unpack(">I", wal[8:12])[0]
    frame = 24 + page
    commits = [
        32 + (n + 1) * frame
        for n in range((len(wal) - 32) // frame)
        if struct.unpack(">I", wal[32 + n * frame + 4 : 32 + n * frame + 8])[0] != 0
    ]
    found: set[str] = set()
    where.mkdir()
    for end in commits:
        copy = where / f"{end}.db"
        shutil.copy(db, copy)
        Path(f"{copy}-wal").write_bytes(wal[:end])
        connection = sqlite3.connect(copy)
        try:
            for (content,) in connection.execute("select content from sealed_ballot"):
                comment = sealer().open(bytes(content), context="ballot").get("comment")
                if comment:
                    found.add(comment)
        except sqlite3.DatabaseError:
            pass
        finally:
            connection.close()
    return found


def test_accepted_limit_a_comment_only_ballot_withdrawn_leaves_one_row_fewer(
    engine: Engine,
) -> None:
    """Attack (no key, one copy during the wave): a ballot that held only a comment is deleted
    on withdrawal, so completed deliveries outnumber sealed ballots. A 'no thanks' pulse also
    completes without a ballot, so this says 'someone withdrew a comment-only pulse or sent
    nothing' -- and with copies before/after, the row count drops: a withdrawal."""
    wave_id, chats = _setup(engine)
    for chat in chats[:-1]:
        _answer(engine, chat, wave_id, None)
    x = chats[-1]
    with session_scope(engine) as session:  # X skips both items and leaves only a comment
        state = pulse_state(session, chat_id=x, wave_id=wave_id, bank=BANK, now=NOW)
        while state.item is not None:
            state = record_answer(
                session,
                chat_id=x,
                wave_id=wave_id,
                position=state.position,
                value=None,
                bank=BANK,
                now=NOW,
            )
        ballot = submit_pulse(
            session,
            chat_id=x,
            wave_id=wave_id,
            comment=clean_comment("Nobody listens."),
            bank=BANK,
            now=NOW,
        ).ballot_id
    assert ballot is not None
    with session_scope(engine) as session:
        before = len(_raw(session))
    _withdraw(engine, ballot)
    with session_scope(engine) as session:
        after = len(_raw(session))
        assert len(_completed(session)) == len(chats)
    assert (before, after) == (len(chats), len(chats) - 1)

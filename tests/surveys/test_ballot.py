"""The ballot box against someone with a copy of the database: nothing readable is written when a
person answers, a release is one batch of at least k in random order, who answered is forgotten
at close, and every bad input (wrong key, a second close, a crash mid-release) loses nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from surveys.ballot import (
    FEEDBACK,
    PULSE,
    check_key,
    coarsen,
    pending,
    release_interviews,
    release_wave,
    seal,
    waves_to_release,
)
from surveys.bank import default_bank
from surveys.db import run_unit, scrub, session_scope
from surveys.interviews import (
    STAY_QUESTIONS,
    InterviewError,
    answer,
    create_exit_link,
    delete_recorded,
    open_exit_link,
    start_stay,
)
from surveys.models import (
    Answer,
    Delivery,
    Draft,
    Interview,
    Participant,
    PswMember,
    SealedBallot,
    Submission,
    Team,
    WaveTally,
)
from surveys.participants import ParticipantError, join
from surveys.pulse import (
    PulseStage,
    add_deliveries,
    close_wave,
    open_wave,
    reachable_participants,
    record_answer,
    start_feedback,
    submit_feedback,
    submit_pulse,
    withdraw_feedback,
)
from surveys.seal import WrongKey, new_key, parse_key, use_key
from tests.conftest import TEST_BALLOT_KEY

BANK = default_bank()
ITEMS = ["intent_stay", "recommend", "pay_fair", "workload_high"]
NOW = datetime(2026, 11, 24, 10, tzinfo=UTC)
# Answers no one else gives, so a test can look for them in raw bytes.
MARK = 'comment about a very particular rota"'


def _people(session: Session, count: int, team_keys: list[str]) -> list[int]:
    teams = {}
    for key in sorted(set(team_keys)):
        team = Team(key=key, name=key.title())
        session.add(team)
        session.flush()
        teams[key] = team.id
    chats = []
    for index in range(count):
        session.add(Participant(chat_id=5000 + index, team_id=teams[team_keys[index]]))
        chats.append(5000 + index)
    session.flush()
    return chats


def _wave(session: Session, number: int = 0) -> int:
    wave = open_wave(
        session=session,
        schedule_key=f"test{number}",
        item_keys=ITEMS,
        opens_at=NOW,
        closes_at=NOW + timedelta(days=5),
    )
    assert wave.id is not None
    add_deliveries(
        session=session,
        wave_id=wave.id,
        participants=reachable_participants(session=session, now=NOW),
    )
    return wave.id


def _answer(engine: Engine, chat: int, wave_id: int, value: int, comment: str | None) -> None:
    for position in range(len(ITEMS)):
        run_unit(
            engine,
            record_answer,
            chat_id=chat,
            wave_id=wave_id,
            position=position,
            value=value,
            bank=BANK,
            now=NOW,
        )
    run_unit(
        engine, submit_pulse, chat_id=chat, wave_id=wave_id, comment=comment, bank=BANK, now=NOW
    )


def _setup(engine: Engine, count: int, teams: list[str] | None = None) -> tuple[list[int], int]:
    with session_scope(engine) as session:
        chats = _people(session, count, teams or ["north"] * count)
        wave_id = _wave(session)
    return chats, wave_id


def _close_and_release(engine: Engine, wave_id: int, k: int = 5) -> None:
    run_unit(engine, close_wave, wave_id=wave_id, bank=BANK, now=NOW + timedelta(days=5))
    run_unit(engine, release_wave, wave_id=wave_id, bank=BANK, min_group=k)


def _raw_bytes(engine: Engine) -> bytes:
    """Everything a copy of the database holds, as bytes: every table's rows, dumped raw."""
    chunks = []
    with engine.connect() as connection:
        for table in ("sealed_ballot", "draft", "submission", "answer", "delivery"):
            for row in connection.execute(text(f"select * from {table}")):  # noqa: S608
                chunks.append(repr(tuple(row)).encode())
    return b"\n".join(chunks)


def test_nothing_readable_is_written_when_someone_answers(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 6)
    for position in range(2):
        run_unit(
            engine, record_answer, chat_id=chats[0], wave_id=wave_id, position=position,
            value=5, bank=BANK, now=NOW,
        )  # fmt: skip
    with session_scope(engine) as session:
        [draft] = session.exec(select(Draft)).all()
        assert draft.answers == {"intent_stay": 5, "recommend": 5}  # the bot can read it ...
    assert b"intent_stay" not in _raw_bytes(engine)  # ... a copy of the database cannot
    _answer(engine, chats[1], wave_id, 4, MARK)
    with session_scope(engine) as session:
        assert session.exec(select(Submission)).all() == []
        assert session.exec(select(Answer)).all() == []
        assert pending(session=session, kind=PULSE) == 1
    raw = _raw_bytes(engine)
    assert MARK.encode() not in raw
    assert b"workload_high" not in raw


def test_sealed_ballots_are_all_the_same_size(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 2)
    _answer(engine, chats[0], wave_id, 3, None)
    _answer(engine, chats[1], wave_id, 3, "x" * 900)
    with engine.connect() as connection:
        sizes = {
            len(row[0]) for row in connection.execute(text("select content from sealed_ballot"))
        }
    assert len(sizes) == 1  # a long comment's ballot cannot be told from a short one's


def test_a_wave_is_released_as_one_batch_in_random_order_and_who_answered_is_forgotten(
    engine: Engine,
) -> None:
    chats, wave_id = _setup(engine, 8, ["north"] * 4 + ["south"] * 4)
    for index, chat in enumerate(chats):
        _answer(engine, chat, wave_id, 1 + index % 5, f"comment {index}" if index < 3 else None)
    _close_and_release(engine, wave_id)
    with session_scope(engine) as session:
        submissions = session.exec(select(Submission)).all()
        assert len(submissions) == 8
        assert session.exec(select(Delivery).where(Delivery.wave_id == wave_id)).all() == []
        tallies = {t.team_id: (t.invited, t.answered) for t in session.exec(select(WaveTally))}
        assert sorted(tallies.values()) == [(4, 4), (4, 4)]
        assert session.exec(select(SealedBallot)).all() == []
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            for table in ("submission", "answer"):
                query = text(f"select distinct xmin::text from {table}")  # noqa: S608
                xmins = connection.execute(query).all()
                assert len(xmins) == 1, f"{table} rows were written in more than one transaction"


def test_row_order_on_disk_does_not_follow_the_order_people_answered(engine: Engine) -> None:
    """Three waves of 8, each person answering a value that marks their place in the order: the
    order the rows are stored in (rowid-less B-tree on SQLite, ctid on PostgreSQL, the order a
    dump or a plain SELECT returns) must not be the answer order every time."""
    orders = []
    for round_ in range(3):
        with session_scope(engine) as session:
            team = Team(key=f"t{round_}", name=f"T{round_}")
            session.add(team)
            session.flush()
            chats = []
            for index in range(8):
                chat = 9000 + round_ * 100 + index
                session.add(Participant(chat_id=chat, team_id=team.id))
                chats.append(chat)
            session.flush()
            wave_id = _wave(session, round_)
        for index, chat in enumerate(chats):
            _answer(engine, chat, wave_id, 1 + index % 5, f"{index}")
        _close_and_release(engine, wave_id)
        query = "select comment from submission where wave_id = :w"
        if engine.dialect.name == "postgresql":
            query += " order by ctid"
        with engine.connect() as connection:
            orders.append([r[0] for r in connection.execute(text(query), {"w": wave_id})])
    answered = [str(i) for i in range(8)]
    if engine.dialect.name == "postgresql" and shutil.which("pg_dump"):
        # What a backup holds: pg_dump writes rows in their physical order.
        url = engine.url.set(drivername="postgresql")
        dumped = subprocess.run(
            ["pg_dump", "--data-only", "--table=submission", "--column-inserts",
             url.render_as_string(hide_password=False)],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        comments = re.findall(r"'pulse', \d+, '[^']*', \d+, '[^']*', '[^']*', '(\d)'", dumped)
        assert len(comments) == 24
        assert [comments[i : i + 8] for i in (0, 8, 16)] != [answered] * 3
    assert any(order != answered for order in orders)
    assert all(sorted(order) == answered for order in orders)


def test_fewer_than_k_answers_are_not_kept(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 6)
    for chat in chats[:4]:
        _answer(engine, chat, wave_id, 2, None)
    _close_and_release(engine, wave_id, k=5)
    with session_scope(engine) as session:
        assert session.exec(select(Submission)).all() == []
        assert session.exec(select(SealedBallot)).all() == []
        assert waves_to_release(session=session) == []


def test_feedback_is_held_for_the_next_wave_and_never_counts_towards_k(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 7)
    for chat in chats[:3]:
        run_unit(engine, start_feedback, chat_id=chat)
        run_unit(engine, submit_feedback, chat_id=chat, comment="more staff", bank=BANK, now=NOW)
    for chat in chats[3:7]:  # four pulses: with three comments that would be seven messages
        _answer(engine, chat, wave_id, 3, None)
    _close_and_release(engine, wave_id, k=5)
    with session_scope(engine) as session:
        assert session.exec(select(Submission)).all() == []  # 4 people < 5: nothing released
        assert pending(session=session, kind=FEEDBACK) == 3  # the comments wait
        second = _wave(session, 1)
    for chat in chats[:5]:
        _answer(engine, chat, second, 3, None)
    _close_and_release(engine, second, k=5)
    with session_scope(engine) as session:
        kinds = Counter(s.kind for s in session.exec(select(Submission)))
        assert kinds == {"pulse": 5, "feedback": 3}
        assert pending(session=session, kind=FEEDBACK) == 0


def test_a_held_feedback_comment_can_be_withdrawn_until_it_is_released(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 6)
    ids = []
    for chat in chats[:2]:
        run_unit(engine, start_feedback, chat_id=chat)
        ballot_id = run_unit(
            engine, submit_feedback, chat_id=chat, comment=f"note {chat}", bank=BANK, now=NOW
        )
        assert ballot_id is not None
        ids.append(ballot_id)
    assert run_unit(engine, withdraw_feedback, ballot_id=ids[0])
    assert not run_unit(engine, withdraw_feedback, ballot_id=ids[0])  # gone: once only
    for chat in chats:
        _answer(engine, chat, wave_id, 3, None)
    _close_and_release(engine, wave_id, k=5)
    # Released: nothing anyone holds names it any more, so it cannot be withdrawn.
    assert not run_unit(engine, withdraw_feedback, ballot_id=ids[1])
    with session_scope(engine) as session:
        comments = [s.comment for s in session.exec(select(Submission)) if s.comment]
    assert comments == [f"note {chats[1]}"]


def test_a_crash_in_the_middle_of_a_release_releases_nothing_and_loses_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    chats, wave_id = _setup(engine, 5)
    for chat in chats:
        _answer(engine, chat, wave_id, 4, "fine")
    run_unit(engine, close_wave, wave_id=wave_id, bank=BANK, now=NOW + timedelta(days=5))

    def crash(self: Session, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt("the process dies half-way through the batch")

    with monkeypatch.context() as patch:
        calls = {"n": 0}
        real = Session.execute

        def execute(self: Session, *args: object, **kwargs: object) -> object:
            calls["n"] += 1
            if calls["n"] == 2:  # after the submissions, before the answers
                crash(self)
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        patch.setattr(Session, "execute", execute)
        with pytest.raises(KeyboardInterrupt):
            run_unit(engine, release_wave, wave_id=wave_id, bank=BANK, min_group=5)
    with session_scope(engine) as session:
        assert session.exec(select(Submission)).all() == []
        assert pending(session=session, kind=PULSE) == 5
        assert waves_to_release(session=session) == [wave_id]
    run_unit(engine, release_wave, wave_id=wave_id, bank=BANK, min_group=5)
    with session_scope(engine) as session:
        assert len(session.exec(select(Submission)).all()) == 5
        assert len(session.exec(select(Answer)).all()) == 20


def test_closing_or_releasing_twice_changes_nothing(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 5)
    for chat in chats:
        _answer(engine, chat, wave_id, 4, None)
    _close_and_release(engine, wave_id)
    _close_and_release(engine, wave_id)
    with session_scope(engine) as session:
        assert len(session.exec(select(Submission)).all()) == 5
        assert len(session.exec(select(WaveTally)).all()) == 1


def test_a_wrong_key_stops_with_one_line_and_changes_nothing(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 5)
    run_unit(engine, check_key)
    for chat in chats:
        _answer(engine, chat, wave_id, 4, None)
    run_unit(engine, close_wave, wave_id=wave_id, bank=BANK, now=NOW + timedelta(days=5))
    use_key(parse_key(new_key()))
    try:
        with pytest.raises(WrongKey, match="BALLOT_KEY does not open"):
            run_unit(engine, check_key)
        with pytest.raises(WrongKey):
            run_unit(engine, release_wave, wave_id=wave_id, bank=BANK, min_group=5)
    finally:
        use_key(parse_key(TEST_BALLOT_KEY))
    with session_scope(engine) as session:
        assert pending(session=session, kind=PULSE) == 5
        assert session.exec(select(Submission)).all() == []


def test_people_who_read_results_cannot_take_part(engine: Engine) -> None:
    with session_scope(engine) as session:
        session.add(PswMember(telegram_id=777))
        team = Team(key="north", name="North")
        session.add(team)
        session.flush()
        assert team.id is not None
        with pytest.raises(ParticipantError, match="can't answer pulses"):
            join(session=session, chat_id=777, team_id=team.id, role_key="x", employment_type="y")
        # Someone who joined before they were put on the PSW list is no longer invited.
        session.add(Participant(chat_id=778, team_id=team.id))
        session.add(PswMember(telegram_id=778))
        session.flush()
        assert reachable_participants(session=session, now=NOW) == []


def test_interviews_wait_for_a_batch_of_k(engine: Engine) -> None:
    with session_scope(engine) as session:
        for index in range(4):
            seal(
                session=session,
                kind="exit",
                group=(None, "undisclosed", "undisclosed"),
                content={"interview": {"answers": {"why": f"reason {index}"}}, "theme_rows": []},
            )
    assert run_unit(engine, release_interviews, kind="exit", period="2026-11", min_group=5) == 0
    with session_scope(engine) as session:
        assert session.exec(select(Interview)).all() == []
        seal(
            session=session,
            kind="exit",
            group=(None, "undisclosed", "undisclosed"),
            content={
                "interview": {"answers": {"why": "pay"}},
                "theme_rows": [["reason", "pay", "neg"]],
            },
        )
    assert run_unit(engine, release_interviews, kind="exit", period="2026-11", min_group=5) == 5
    with session_scope(engine) as session:
        released = session.exec(select(Interview)).all()
        assert len(released) == 5
        assert len({i.release_id for i in released}) == 1


def test_sqlite_wal_is_empty_after_a_release(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's WAL")
    chats, wave_id = _setup(engine, 5)
    for chat in chats:
        _answer(engine, chat, wave_id, 4, MARK)
    _close_and_release(engine, wave_id)
    engine.dispose()  # other pooled connections would hold the WAL open
    scrub(engine)
    path = Path(str(engine.url.database))
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


groups = st.tuples(
    st.sampled_from([1, 2, 3, None]),
    st.sampled_from(["sw", "manager", "undisclosed"]),
    st.sampled_from(["permanent", "agency", "undisclosed"]),
)


@given(rows=st.lists(groups, min_size=0, max_size=40), k=st.integers(3, 6))
def test_coarsening_leaves_no_combination_rarer_than_k(
    rows: list[tuple[int | None, str, str]], k: int
) -> None:
    result = coarsen(rows, k)
    assert len(result) == len(rows)
    counts = Counter(result)
    if len(rows) >= k:
        assert all(n >= k for n in counts.values())
    else:
        assert set(result) <= {(None, "undisclosed", "undisclosed")}
    for before, after in zip(rows, result, strict=True):  # only ever made coarser
        assert after[0] in (before[0], None)
        assert after[1] in (before[1], "undisclosed")
        assert after[2] in (before[2], "undisclosed")


# --- interviews: batches count people, not interviews ---------------------------------------


def _no_themes(text: str, question: str | None = None) -> dict[str, str]:
    return {}


def _stay(engine: Engine, chat_id: int, why: str) -> None:
    run_unit(engine, start_stay, chat_id=chat_id, now=NOW)
    steps: list[tuple[str, object]] = [(f"q:{key}", None) for key, _ in STAY_QUESTIONS]
    steps[0] = (steps[0][0], why)
    steps += [("rating", 4), ("followup", False)]
    for step, value in steps:
        run_unit(
            engine, answer, chat_id=chat_id, step=step, value=value, coder=_no_themes,
            today=NOW.date(), now=NOW,
        )  # fmt: skip


def test_one_person_answering_again_cannot_make_up_someone_elses_stay_batch(
    engine: Engine,
) -> None:
    """The attack: four blank stay interviews from one account, then a colleague's real one,
    would be a "batch of five" with one real person in it."""
    chats, _ = _setup(engine, 6)
    for _ in range(4):
        _stay(engine, chats[0], "nothing much")
    _stay(engine, chats[1], "my manager")
    assert run_unit(engine, release_interviews, kind="stay", period="2026-11", min_group=5) == 0
    for chat in chats[2:5]:
        _stay(engine, chat, "the team")
    # Five different people now: released, one interview each; the repeats are gone.
    assert run_unit(engine, release_interviews, kind="stay", period="2026-11", min_group=5) == 5
    with session_scope(engine) as session:
        assert len(session.exec(select(Interview)).all()) == 5
        assert pending(session=session, kind="stay") == 0


def test_a_psw_members_records_are_released_only_with_their_own(engine: Engine) -> None:
    with session_scope(engine) as session:
        alice, bob = PswMember(telegram_id=1, name="A"), PswMember(telegram_id=2, name="B")
        session.add_all([alice, bob])
        session.flush()
        for member, count in ((alice, 1), (bob, 4)):
            for index in range(count):
                seal(
                    session=session, kind="psw", group=(None, "undisclosed", "undisclosed"),
                    content={"interview": {"answers": {"notes": f"{index}"}}, "theme_rows": []},
                    recorded_by=member.id,
                )  # fmt: skip
    # Five records, but Bob's four cannot make up a batch around Alice's one.
    assert run_unit(engine, release_interviews, kind="psw", period="2026-11", min_group=5) == 0
    with session_scope(engine) as session:
        seal(
            session=session, kind="psw", group=(None, "undisclosed", "undisclosed"),
            content={"interview": {"answers": {"notes": "x"}}, "theme_rows": []},
            recorded_by=bob.id,
        )  # fmt: skip
    assert run_unit(engine, release_interviews, kind="psw", period="2026-11", min_group=5) == 5
    with session_scope(engine) as session:
        assert {i.recorded_by for i in session.exec(select(Interview))} == {bob.id}
        member = session.get(PswMember, bob.id)
        assert member is not None
        released = session.exec(select(Interview)).first()
        assert released is not None
        # Released records stay with their batch: deleting one would leave four.
        assert not delete_recorded(session=session, member=member, interview_id=released.id)


def test_people_who_read_results_cannot_answer_exit_stay_pulse_or_feedback(engine: Engine) -> None:
    chats, wave_id = _setup(engine, 2)
    with session_scope(engine) as session:
        link = create_exit_link(session=session, team_key="north", created_by=1, now=NOW)
        code = link.code
        session.add(PswMember(telegram_id=chats[0]))  # put on the PSW list after joining
    with pytest.raises(InterviewError, match="can't answer pulses"):
        run_unit(engine, open_exit_link, chat_id=chats[0], code=code, now=NOW)
    with pytest.raises(InterviewError, match="can't answer pulses"):
        run_unit(engine, start_stay, chat_id=chats[0], now=NOW)
    assert run_unit(engine, start_feedback, chat_id=chats[0]) is False
    state = run_unit(
        engine, record_answer, chat_id=chats[0], wave_id=wave_id, position=0, value=5,
        bank=BANK, now=NOW,
    )  # fmt: skip
    assert state.stage == PulseStage.CLOSED

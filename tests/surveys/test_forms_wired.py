"""Coverage by design, wired (#17 item 1): a wave dealt in forms asks each person the anchors and
one form, different teams answer different themes, nothing stored says who got which form, and
the release keeps only answers to items the person was dealt."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import Session, select

from surveys.ballot import PULSE, release_wave, seal
from surveys.bank import default_bank
from surveys.calendar import WorkingCalendar
from surveys.db import session_scope
from surveys.forms import deal_service
from surveys.models import Answer, Participant, Submission, Team, Wave
from surveys.pulse import pulse_state, record_answer, submit_pulse
from surveys.schedule import load_schedules
from surveys.seal import Sealer, new_key, parse_key
from surveys.waves import close_now, open_manual_wave, outgoing

K = 5
BANK = default_bank()
ANCHORS = [anchor.key for anchor in BANK.anchors]
LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar(tz=LONDON)
SPEC = load_schedules(None).schedules[0]  # two rotating items
NOW = datetime(2026, 11, 24, 11, tzinfo=LONDON)  # a Tuesday, in working hours


def test_every_form_is_held_by_a_block_of_k_and_a_small_team_answers_one_form_together() -> None:
    sealer = Sealer(parse_key(new_key()))
    sizes = {1: 9, 2: 9, 3: 8, 4: 3, 5: 23}
    teams = {team: list(range(team * 100, team * 100 + n)) for team, n in sizes.items()}
    forms = sum(n // K for n in sizes.values())  # 1 + 1 + 1 + 0 + 4 blocks
    for wave_id in range(1, 8):
        dealt = deal_service(teams, wave_id=wave_id, forms=forms, k=K, tag=sealer.tag)
        assert set(dealt) == {chat for members in teams.values() for chat in members}
        assert set(dealt.values()) == set(range(forms))  # every form is someone's
        for team, members in teams.items():
            held = Counter(dealt[chat] for chat in members)
            if sizes[team] < K:
                assert set(held) == {0}
            else:
                assert min(held.values()) >= K  # each (team, form) is k people or more
                assert len(held) == sizes[team] // K
        for team in (1, 2, 3):  # a team of six to nine answers together
            assert len({dealt[chat] for chat in teams[team]}) == 1
        assert len({dealt[teams[team][0]] for team in (1, 2, 3)}) == 3  # different forms


def _service(session: Session) -> dict[int, int]:
    """26 people in three teams of 9, 9 and 8: chat id → team id."""
    members = {}
    for key, size in (("north", 9), ("south", 9), ("east", 8)):
        team = Team(key=key, name=key.title())
        session.add(team)
        session.flush()
        assert team.id is not None
        for _ in range(size):
            chat = 7000 + len(members)
            session.add(Participant(chat_id=chat, team_id=team.id))
            members[chat] = team.id
    session.flush()
    return members


def _answer_all(engine: Engine, chats: list[int], wave_id: int) -> dict[int, list[str]]:
    """Everyone answers every item they are shown (4, or 2 for the second); their items."""
    shown: dict[int, list[str]] = {}
    for chat in chats:
        with session_scope(engine) as session:
            state = pulse_state(session, chat_id=chat, wave_id=wave_id, bank=BANK, now=NOW)
            items = []
            while state.item is not None:
                items.append(state.item.key)
                state = record_answer(
                    session,
                    chat_id=chat,
                    wave_id=wave_id,
                    position=state.position,
                    value=4 if state.position % 2 == 0 else 2,
                    bank=BANK,
                    now=NOW,
                )
            submit_pulse(session, chat_id=chat, wave_id=wave_id, comment=None, bank=BANK, now=NOW)
        shown[chat] = items
    return shown


def test_a_wave_in_forms_asks_each_team_its_own_themes_and_releases_whole_forms(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        members = _service(session)
        wave = open_manual_wave(
            session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=NOW, forms_k=K
        )
        wave_id = wave.id
        assert wave_id is not None
        forms = wave.forms
        assert forms is not None
        assert len(forms) == 3
        themes = {BANK.get(key).theme for form in forms for key in form}  # type: ignore[union-attr]
        assert len(themes) == 6  # three forms of two themes, not two themes for everyone
        # Which teams hold each form is kept (a team fact): one team per form here.
        assert wave.form_teams is not None
        assert sorted(len(teams) for teams in wave.form_teams.values()) == [1, 1, 1]
        assert {t for teams in wave.form_teams.values() for t in teams} == set(members.values())
        counts = {m.chat_id: m.items for m in outgoing(session, now=NOW)}
        assert set(counts.values()) == {len(ANCHORS) + 2}  # the invite counts their own form
    shown = _answer_all(engine, list(members), wave_id)
    by_team: dict[int, set[tuple[str, ...]]] = defaultdict(set)
    for chat, items in shown.items():
        assert items[: len(ANCHORS)] == ANCHORS
        assert items[len(ANCHORS) :] in forms
        by_team[members[chat]].add(tuple(items))
    assert all(len(sets) == 1 for sets in by_team.values())  # a team answers together
    assert len({sets.pop() for sets in by_team.values()}) == 3  # teams answer different forms
    with session_scope(engine) as session:
        close_now(session, wave_id=wave_id, bank=BANK, now=NOW + timedelta(hours=1))
    with session_scope(engine) as session:
        assert release_wave(session, wave_id=wave_id, bank=BANK, min_group=K) is not None
    with session_scope(engine) as session:
        sets: dict[str, set[str]] = defaultdict(set)
        for answer in session.exec(select(Answer)):
            sets[answer.submission_id].add(answer.item_key)
        released = Counter(frozenset(keys) for keys in sets.values())
        assert sorted(released.values()) == [8, 9, 9]
        assert {frozenset(ANCHORS + form) for form in forms} == set(released)


def test_the_release_refuses_an_answer_to_an_item_the_person_was_not_dealt(
    engine: Engine,
) -> None:
    with session_scope(engine) as session:
        _service(session)
        wave = open_manual_wave(
            session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=NOW, forms_k=K
        )
        assert wave.id is not None
        assert wave.forms is not None
        wave_id, forms = wave.id, wave.forms
        for _ in range(K):  # form 0 dealt, yet an answer to form 1's first item too
            answers = {ANCHORS[0]: 4, forms[0][0]: 3, forms[1][0]: 1}
            seal(
                session,
                kind=PULSE,
                group=(None, "undisclosed", "undisclosed"),
                wave_id=wave_id,
                content={"answers": answers, "comment": None, "themes": None, "form": 0},
            )
        close_now(session, wave_id=wave_id, bank=BANK, now=NOW + timedelta(hours=1))
    with session_scope(engine) as session:
        release_wave(session, wave_id=wave_id, bank=BANK, min_group=K)
    with session_scope(engine) as session:
        keys = Counter(answer.item_key for answer in session.exec(select(Answer)))
        assert keys == {ANCHORS[0]: K, forms[0][0]: K}
        assert len(session.exec(select(Submission)).all()) == K


def test_with_forms_off_everyone_gets_the_same_items(engine: Engine) -> None:
    with session_scope(engine) as session:
        members = _service(session)
        wave = open_manual_wave(session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=NOW)
        assert wave.id is not None
        assert wave.forms is None
        wave_id, item_keys = wave.id, list(wave.item_keys)
    shown = _answer_all(engine, list(members), wave_id)
    assert all(items == item_keys for items in shown.values())
    with session_scope(engine) as session:
        assert session.exec(select(Wave.forms)).all() == [None]


def test_a_form_fewer_than_k_of_a_group_answered_keeps_only_the_anchors(engine: Engine) -> None:
    with session_scope(engine) as session:
        _service(session)
        wave = open_manual_wave(
            session, spec=SPEC, bank=BANK, calendar=CALENDAR, now=NOW, forms_k=K
        )
        assert wave.id is not None
        assert wave.forms is not None
        wave_id, forms = wave.id, wave.forms
        for form in [0] * K + [1, 1]:  # two of the group answered form 1
            answers = {ANCHORS[0]: 4, forms[form][0]: 3}
            seal(
                session,
                kind=PULSE,
                group=(None, "undisclosed", "undisclosed"),
                wave_id=wave_id,
                content={"answers": answers, "comment": None, "themes": None, "form": form},
            )
        close_now(session, wave_id=wave_id, bank=BANK, now=NOW + timedelta(hours=1))
    with session_scope(engine) as session:
        release_wave(session, wave_id=wave_id, bank=BANK, min_group=K)
    with session_scope(engine) as session:
        keys = Counter(answer.item_key for answer in session.exec(select(Answer)))
        # Their item set would say "one of the two who got form 1", so form 1 keeps only the
        # anchor; but two anchors-only rows would be an item set of two, so form 0 (the
        # group's smallest kept form) joins them: all seven keep only the anchor.
        assert keys == {ANCHORS[0]: K + 2}

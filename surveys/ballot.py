"""The ballot box: finished answers wait sealed, then go out in batches of at least k people.

A finished pulse, a /feedback comment and a stay or exit interview are sealed (surveys/seal.py)
in the transaction that records that the person finished. Nothing readable is written then.
Later, in a transaction of its own that touches no one's identity rows, a whole batch is opened
and written to the anonymous tables at once, in random order, with fresh random keys, and the
sealed rows are deleted. So every anonymous row shares its transaction (PostgreSQL's `xmin`, a
SQLite WAL commit) and its neighbourhood on disk with at least k - 1 others (docs/design.md,
"Anonymity", rules 1, 2 and 5).

Batches:
- a wave's pulses, after it closes; fewer than k answered and nothing of that wave is kept;
  /feedback comments wait and go out with the next wave that is released (they never count
  towards k: they are messages, not respondents);
- stay interviews done in the bot and exit interviews: queues released when they hold k
  different people (a keyed tag sealed with each, so someone answering twice counts once);
  interviews a PSW member typed up: released in batches of that member's own records only, so
  they never make up anyone else's k.

Before a batch is written its group labels are coarsened so that every combination of team, role
group and contract in it is shared by at least k rows (role and contract to "undisclosed", then
team to "other teams"): the only agency ASYE in a team cannot be found by reading the table.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert
from sqlmodel import Session, col, select

from surveys.bank import QuestionBank
from surveys.forms import form_items
from surveys.models import (
    Answer,
    Interview,
    InterviewTheme,
    KeyCheck,
    Release,
    SealedBallot,
    Submission,
    SubmissionKind,
    Wave,
    WaveStatus,
    random_id,
)
from surveys.participants import UNDISCLOSED
from surveys.seal import CHECK_VALUE, WrongKey

Group = tuple[int | None, str, str]  # team id (None: other teams), role group, contract

PULSE = "pulse"
FEEDBACK = "feedback"
STAY = "stay"
EXIT = "exit"
PSW = "psw"  # a stay interview a PSW member typed up
INTERVIEW_QUEUES = (STAY, EXIT, PSW)

_shuffle = random.SystemRandom().shuffle


def seal(
    session: Session,
    *,
    kind: str,
    group: Group,
    content: dict[str, Any],
    wave_id: int | None = None,
    recorded_by: int | None = None,
) -> str:
    """Put a finished ballot in the box, sealed, with the group it will be released under.
    Returns its random id (only a caller that keeps it in memory can ever find it again)."""
    team_id, role, contract = group
    sealed = {"team": team_id, "role": role, "contract": contract, **content}
    ballot = SealedBallot(kind=kind, wave_id=wave_id, recorded_by=recorded_by, content=sealed)
    session.add(ballot)
    return ballot.id


def coarsen(groups: Sequence[Group], k: int) -> list[Group]:
    """The same groups, coarsened until every distinct one occurs at least k times.

    Rare combinations lose their contract, then their role group, then their team ("other
    teams"). If the fully coarsened group is still rarer than k, rows are moved into it at random
    from the largest groups that keep k without them; failing that, everything is coarsened.
    """
    rows = [list(g) for g in groups]
    steps = ((2, UNDISCLOSED), (1, UNDISCLOSED), (0, None))
    for index, value in steps:
        counts = Counter(tuple(r) for r in rows)
        for row in rows:
            if counts[tuple(row)] < k:
                row[index] = value
    bottom = [None, UNDISCLOSED, UNDISCLOSED]
    counts = Counter(tuple(r) for r in rows)
    short = k - counts[tuple(bottom)]
    if 0 < short < k:
        donors = sorted(
            (g for g, n in counts.items() if list(g) != bottom and n > k),
            key=lambda g: -counts[g],
        )
        for donor in donors:
            members = [r for r in rows if tuple(r) == donor]
            _shuffle(members)
            for row in members[: min(short, counts[donor] - k)]:
                row[:] = bottom
                short -= 1
            if short <= 0:
                break
        if short > 0:
            rows = [list(bottom) for _ in rows]
    return [(_team(r[0]), str(r[1]), str(r[2])) for r in rows]


def _team(value: object) -> int | None:
    return value if isinstance(value, int) else None


@dataclass(frozen=True)
class WaveRelease:
    """What releasing a closed wave did."""

    wave_id: int
    released: int  # pulses written to the anonymous tables
    withheld: int  # pulses destroyed because fewer than k answered
    feedback: int  # held /feedback comments released with them


def _open(rows: Sequence[SealedBallot]) -> list[dict[str, Any]]:
    return [dict(row.content) for row in rows]


def _groups(contents: Sequence[dict[str, Any]], k: int) -> list[Group]:
    return coarsen(
        [
            (
                _team(c.get("team")),
                str(c.get("role") or UNDISCLOSED),
                str(c.get("contract") or UNDISCLOSED),
            )
            for c in contents
        ],
        k,
    )


def _form(content: dict[str, Any]) -> int | None:
    form = content.get("form")
    return form if isinstance(form, int) and not isinstance(form, bool) else None


def _released_forms(
    groups: Sequence[Group], forms: Sequence[int | None], k: int
) -> list[int | None]:
    """Each row's form as released: a form is coarsened like a group, so a row's set of items
    never narrows its released group below k, whoever learns which form a team was dealt.

    Within a group, a form held by fewer than k rows loses its rotating answers (None: anchors
    only). The anchors-only rows are then an item set of their own, so they too must be k or
    none: while they are fewer, the group's smallest kept form joins them. (A person who moved
    team mid-wave, or a block whose form few answered, is otherwise its group's one odd row.)
    """
    members: dict[Group, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    released: list[int | None] = list(forms)
    for indices in members.values():
        counts = Counter(forms[i] for i in indices)
        kept = {form for form, n in counts.items() if form is not None and n >= k}
        loose = sum(n for form, n in counts.items() if form not in kept)
        for form in sorted(kept, key=lambda f: (counts[f], f)):
            if loose == 0 or loose >= k:
                break
            kept.discard(form)
            loose += counts[form]
        for i in indices:
            released[i] = forms[i] if forms[i] in kept else None
    return released


def _submission_rows(
    contents: Sequence[dict[str, Any]], kind: str, wave: Wave, bank: QuestionBank, k: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    submissions, answers = [], []
    groups = _groups(contents, k)
    forms = _released_forms(groups, [_form(c) for c in contents], k) if wave.forms else None
    for index, (content, group) in enumerate(zip(contents, groups, strict=True)):
        team_id, role, contract = group
        form = forms[index] if forms is not None else _form(content)
        # Only answers to items this person was dealt (their form's, or the wave's items): an
        # answer to anything else would make the row's set of items a fingerprint.
        dealt = set(form_items(wave.item_keys, wave.forms, form))
        key = random_id()
        comment = content.get("comment")
        submissions.append(
            {
                "id": key,
                "kind": kind,
                "wave_id": wave.id,
                "period": wave.period,
                "team_id": team_id,
                "role_group": role,
                "employment_type": contract,
                "comment": comment,
                "comment_themes": content.get("themes") if comment else None,
            }
        )
        for item_key, value in dict(content.get("answers") or {}).items():
            item = bank.get(item_key)
            refused = (
                kind == SubmissionKind.PULSE and bool(wave.item_keys) and item_key not in dealt
            )
            if item is not None and isinstance(value, int) and not refused:
                answers.append(
                    {
                        "submission_id": key,
                        "item_key": item_key,
                        "theme": item.theme,
                        "value": value,
                    }
                )
    return submissions, answers


def release_wave(
    session: Session, *, wave_id: int, bank: QuestionBank, min_group: int
) -> WaveRelease | None:
    """Release a closed wave's sealed pulses (and held feedback) in one batch; None if the wave
    is not closed or was released before. Run it in a unit of work of its own."""
    wave = session.get(Wave, wave_id)
    if wave is None or wave.status != WaveStatus.CLOSED:
        return None
    if session.exec(select(Release).where(Release.wave_id == wave_id)).first() is not None:
        return None
    pulses = list(
        session.exec(
            select(SealedBallot).where(SealedBallot.kind == PULSE, SealedBallot.wave_id == wave_id)
        )
    )
    if len(pulses) < min_group:
        # Too few to hide anyone: nothing of this wave is kept (the invite says so).
        session.exec(delete(SealedBallot).where(col(SealedBallot.id).in_([p.id for p in pulses])))
        session.add(Release(kind="wave", wave_id=wave_id, period=wave.period, people=0))
        return WaveRelease(wave_id, 0, len(pulses), 0)
    held = list(session.exec(select(SealedBallot).where(SealedBallot.kind == FEEDBACK)))
    pulse_contents, feedback_contents = _open(pulses), _open(held)
    subs, answers = _submission_rows(pulse_contents, SubmissionKind.PULSE, wave, bank, min_group)
    more, _ = _submission_rows(feedback_contents, SubmissionKind.FEEDBACK, wave, bank, min_group)
    subs += more
    _shuffle(subs)
    _shuffle(answers)
    session.execute(insert(Submission), subs)
    if answers:
        session.execute(insert(Answer), answers)
    gone = [row.id for row in (*pulses, *held)]
    session.exec(delete(SealedBallot).where(col(SealedBallot.id).in_(gone)))
    session.add(Release(kind="wave", wave_id=wave_id, period=wave.period, people=len(pulses)))
    return WaveRelease(wave_id, len(pulses), 0, len(held))


def waves_to_release(session: Session) -> list[int]:
    """Closed waves that still have sealed pulses, or were never released: oldest first."""
    released = select(Release.wave_id).where(col(Release.wave_id).is_not(None))
    waiting = select(SealedBallot.wave_id).where(SealedBallot.kind == PULSE)
    rows = session.exec(
        select(Wave.id)
        .where(
            Wave.status == WaveStatus.CLOSED,
            col(Wave.id).not_in(released),
            col(Wave.id).in_(waiting),
        )
        .order_by(col(Wave.closes_at))
    )
    return [wave_id for wave_id in rows if wave_id is not None]


def pending(session: Session, *, kind: str) -> int:
    """How many ballots wait sealed in one queue."""
    return len(session.exec(select(SealedBallot.id).where(SealedBallot.kind == kind)).all())


def _one_each(rows: Sequence[SealedBallot]) -> tuple[list[SealedBallot], list[SealedBallot]]:
    """(one ballot per person, the rest): a person who answered twice counts once. Which one
    is kept does not depend on when it was written (the keys are random)."""
    kept: dict[object, SealedBallot] = {}
    for row in sorted(rows, key=lambda r: r.id):
        who = dict(row.content).get("who")
        kept[who if who is not None else row.id] = row
    chosen = {row.id for row in kept.values()}
    return list(kept.values()), [row for row in rows if row.id not in chosen]


def release_interviews(session: Session, *, kind: str, period: str, min_group: int) -> int:
    """Release one interview queue in batches of at least `min_group` people; how many were
    released (0 if not yet). Run it in a unit of work of its own.

    Self-serve stay and exit interviews count people (a keyed tag sealed with each), so one
    person answering again cannot make up someone else's batch; the earlier answer is replaced.
    Interviews a PSW member typed up go out in batches of that member's own records only.
    """
    rows = list(session.exec(select(SealedBallot).where(SealedBallot.kind == kind)))
    batches: list[tuple[list[SealedBallot], list[SealedBallot]]]
    if kind == PSW:
        groups: dict[object, list[SealedBallot]] = {}
        for row in rows:
            groups.setdefault(row.recorded_by, []).append(row)
        batches = [(group, []) for group in groups.values()]
    else:
        batches = [_one_each(rows)]
    released = 0
    for batch, superseded in batches:
        if len(batch) >= min_group:
            _release_batch(session, kind, period, batch, min_group)
            gone = [r.id for r in (*batch, *superseded)]
            session.exec(delete(SealedBallot).where(col(SealedBallot.id).in_(gone)))
            released += len(batch)
    return released


def _release_batch(
    session: Session, kind: str, period: str, rows: Sequence[SealedBallot], min_group: int
) -> None:
    contents = _open(rows)
    release = Release(kind=kind, period=period, people=len(rows))
    session.add(release)
    session.flush()
    interviews, themes = [], []
    pairs = list(zip(contents, rows, _groups(contents, min_group), strict=True))
    for content, row, (team_id, role, contract) in pairs:
        key = random_id()
        fields = dict(content.get("interview") or {})
        interviews.append(
            {
                "id": key,
                "kind": EXIT if kind == EXIT else STAY,
                "source": "psw" if kind == PSW else "self",
                "period": period,
                "team_id": team_id,
                "role_group": role,
                "employment_type": contract,
                "answers": fields.get("answers") or {},
                "themes": fields.get("themes") or {},
                "intention_to_stay": fields.get("intention_to_stay"),
                "recorded_by": row.recorded_by,
                "release_id": release.id,
                "main_reason": fields.get("main_reason"),
                "destination": fields.get("destination"),
                "come_back": fields.get("come_back"),
            }
        )
        for source, theme, direction in content.get("theme_rows") or []:
            themes.append(
                {"interview_id": key, "source": source, "theme": theme, "direction": direction}
            )
    _shuffle(interviews)
    _shuffle(themes)
    session.execute(insert(Interview), interviews)
    if themes:
        session.execute(insert(InterviewTheme), themes)


def check_key(session: Session) -> None:
    """Seal a known value with the configured key the first time; afterwards open it, so a
    wrong BALLOT_KEY stops start-up (WrongKey) instead of failing when a wave closes."""
    found = session.get(KeyCheck, 1)
    if found is None:
        session.add(KeyCheck(id=1, value=CHECK_VALUE))
        return
    if found.value != CHECK_VALUE:  # opening it raised WrongKey already if the key differs
        raise WrongKey()

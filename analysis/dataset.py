"""Labelled comments for building and judging the analyser: loading (validated), and the fixed
splits that keep the judging honest.

Which lines are held out is decided by a hash of each line's id, fixed here before any result was
seen: a quarter of every new writer's lines (files `writer_*.jsonl`) are never trained or tuned
on; everything else (the development file and the rest of the writers' lines) is the training
pool, which cross-validation cuts into folds by another hash of the id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from surveys.themes import THEMES

SOURCES: Final = ("pulse", "stay", "exit", "feedback")
HELD_OUT_SHARE: Final = 4  # one line in HELD_OUT_SHARE of each writer's file is held out
FOLDS: Final = 5


class DataError(ValueError):
    """A labelled file that cannot be used as it is; the message says which line and why."""


@dataclass(frozen=True)
class Labelled:
    """One labelled comment: what was asked (stay and exit answers), what was said, and the
    themes it takes a stance on."""

    id: str
    source: str
    text: str
    themes: dict[str, str] = field(default_factory=dict)
    question: str | None = None
    file: str = ""


def _bucket(salt: str, key: str, buckets: int) -> int:
    digest = hashlib.sha256(f"{salt}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % buckets


def is_held_out(row: Labelled) -> bool:
    """Whether a line belongs to the held-out split (never trained or tuned on)."""
    return row.file.startswith("writer_") and _bucket("held-out", row.id, HELD_OUT_SHARE) == 0


def fold_of(row: Labelled, folds: int = FOLDS) -> int:
    """The cross-validation fold of a training line."""
    return _bucket("fold", row.id, folds)


def curve_part(row: Labelled, parts: int = 4) -> int:
    """Which of `parts` fixed shares of a training line the learning curve adds it in."""
    return _bucket("curve", row.id, parts)


def parse_line(line: str, *, where: str) -> Labelled:
    """One JSON line as a labelled comment; DataError if it is not one."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise DataError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(row, dict):
        raise DataError(f"{where}: expected an object")
    text, themes, question = row.get("text"), row.get("themes"), row.get("question")
    if not isinstance(text, str) or not isinstance(row.get("id"), str):
        raise DataError(f'{where}: "id" and "text" must be strings')
    themes = themes_of(themes, where)
    if question is not None and not isinstance(question, str):
        raise DataError(f'{where}: "question" must be a string')
    source = row.get("source", "pulse")
    if source not in SOURCES:
        raise DataError(f'{where}: "source" must be one of {", ".join(SOURCES)}')
    return Labelled(row["id"], source, text, themes, question)


def themes_of(value: object, where: str) -> dict[str, str]:
    """A line's "themes" (each of the eleven themes it takes a stance on, "pos" or "neg"), as a
    new dict; DataError, saying `where`, if it is not that."""
    if not isinstance(value, dict):
        raise DataError(f'{where}: "themes" must be an object')
    for theme, direction in value.items():
        if theme not in THEMES or direction not in ("pos", "neg"):
            raise DataError(f'{where}: "{theme}": "{direction}" is not a theme and a direction')
    return dict(value)


def load(path: Path) -> list[Labelled]:
    """Every labelled comment of one JSON Lines file, validated."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            row = parse_line(line, where=f"{path.name}, line {number}")
            rows.append(Labelled(row.id, row.source, row.text, row.themes, row.question, path.name))
    ids = [row.id for row in rows]
    if len(set(ids)) != len(ids):
        raise DataError(f"{path.name}: ids repeat")
    return rows


def load_dir(directory: Path) -> list[Labelled]:
    """Every labelled file of a directory (`*.jsonl`), in name order."""
    rows = [row for path in sorted(directory.glob("*.jsonl")) for row in load(path)]
    ids = [row.id for row in rows]
    if len(set(ids)) != len(ids):
        raise DataError(f"{directory}: ids repeat across files")
    return rows


def split(rows: Iterable[Labelled]) -> tuple[list[Labelled], list[Labelled]]:
    """(training pool, held-out split)."""
    train: list[Labelled] = []
    held: list[Labelled] = []
    for row in rows:
        (held if is_held_out(row) else train).append(row)
    return train, held


def folds(rows: Sequence[Labelled], k: int = FOLDS) -> list[tuple[list[Labelled], list[Labelled]]]:
    """k (train, test) pairs over `rows`, each line tested exactly once."""
    return [
        ([r for r in rows if fold_of(r, k) != i], [r for r in rows if fold_of(r, k) == i])
        for i in range(k)
    ]


def writer_folds(rows: Sequence[Labelled]) -> list[tuple[list[Labelled], list[Labelled]]]:
    """Leave one writer out: for each file (one writer's lines), (every other file's lines, its
    lines). Each writer is scored by a model that never saw their words, the nearest the pool
    comes to text written apart from it."""
    names = sorted({row.file for row in rows})
    return [
        ([r for r in rows if r.file != name], [r for r in rows if r.file == name]) for name in names
    ]

"""The labelled data and its fixed splits: what is held out is decided by the ids alone."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from analysis.dataset import (
    DataError,
    folds,
    is_held_out,
    load,
    load_dir,
    split,
    writer_folds,
)

DATA = Path(__file__).resolve().parents[1] / "data"


def test_a_quarter_of_each_writer_is_held_out_and_none_of_the_development_file() -> None:
    rows = load_dir(DATA)
    train, held = split(rows)
    assert len(train) + len(held) == len(rows)
    by_file = Counter(row.file for row in held)
    assert "comments_dev.jsonl" not in by_file
    writers = {
        n: t for n, t in Counter(row.file for row in rows).items() if n.startswith("writer_")
    }
    for name, total in writers.items():
        # A hash is a fair coin per line, so a file's share scatters binomially about a quarter:
        # four standard deviations either side (on 240 lines, 34 to 86) fail on a broken split,
        # not on chance (forty-two files: writer_ag's 40 of 240 is three deviations under).
        spread = 4 * math.sqrt(total * 0.25 * 0.75)
        assert abs(by_file[name] - total / 4) < spread, (name, by_file[name], total)
    assert 0.23 < sum(by_file.values()) / sum(writers.values()) < 0.27


def test_the_split_follows_the_id_not_the_order_or_the_text() -> None:
    rows = load_dir(DATA)
    held = {row.id for row in rows if is_held_out(row)}
    assert held == {row.id for row in reversed(rows) if is_held_out(row)}
    assert held == {row.id for row in split(rows)[1]}


def test_folds_test_every_training_line_once() -> None:
    train, _held = split(load_dir(DATA))
    tested = [row.id for _fit, test in folds(train) for row in test]
    assert sorted(tested) == sorted(row.id for row in train)


def test_leave_one_writer_out_tests_each_writer_on_a_model_that_never_saw_them() -> None:
    train, _held = split(load_dir(DATA))
    pairs = writer_folds(train)
    assert len(pairs) == len({row.file for row in train})
    for fit, test in pairs:
        assert len({row.file for row in test}) == 1
        assert not {row.file for row in fit} & {row.file for row in test}
    tested = [row.id for _fit, test in pairs for row in test]
    assert sorted(tested) == sorted(row.id for row in train)


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "x1", "text": "ok", "themes": {"salary": "neg"}}',
        '{"id": "x1", "text": "ok", "themes": {"pay": "bad"}}',
        '{"id": "x1", "text": "ok", "themes": {}, "source": "email"}',
        '{"id": "x1", "themes": {}}',
        "not json",
    ],
)
def test_a_bad_line_is_refused_with_its_place(tmp_path: Path, line: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n")
    with pytest.raises(DataError, match=r"bad\.jsonl, line 1"):
        load(path)

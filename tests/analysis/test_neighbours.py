"""The nearest training comments' vote (analysis.neighbours): what it remembers, how it votes,
that it votes the same whatever the order, and that a damaged memory file is refused."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import numpy as np
import pytest

from analysis import neighbours
from analysis.comments import analyse
from analysis.dataset import load_dir, split
from analysis.learned import UNITS, shipped_model
from analysis.neighbours import (
    LIFTED_WITHIN,
    NEAREST,
    NEUTRAL,
    WEIGHT,
    Neighbours,
    NeighboursError,
    build,
    load,
    save,
    terms_of,
)
from surveys.themes import THEMES
from tests.analysis.plain import plain_python

DATA = Path(__file__).resolve().parents[1] / "data"
PAY = list(THEMES).index("pay")
IT = list(THEMES).index("it_systems")


def _filler(count: int) -> list[tuple[list[str], set[str]]]:
    # Comments that share nothing with the tests' words, so the tests' terms stay rare.
    return [([f"filler{i}", f"other{i}"], set()) for i in range(count)]


def _memory(*comments: tuple[str, set[str]]) -> Neighbours:
    return build([(text.split(), themes) for text, themes in comments] + _filler(5000))


def test_terms_are_words_and_the_pairs_side_by_side() -> None:
    assert terms_of(["two", "down", "on", "duty"]) == {
        "two",
        "down",
        "on",
        "duty",
        "two down",
        "down on",
        "on duty",
    }
    assert terms_of([]) == set()


def test_a_unanimous_vote_moves_a_score_by_the_weight_and_the_rest_by_the_neutral_share() -> None:
    memory = _memory(*[("standby rate frozen", {"pay"})] * 3)
    moved = memory.vote(["standby", "rate", "frozen"], UNITS)
    assert moved is not None
    assert moved[PAY] == round(WEIGHT * (1 - NEUTRAL) * UNITS)
    assert moved[IT] == round(WEIGHT * (0 - NEUTRAL) * UNITS)


def test_a_comment_sharing_no_rare_term_gets_no_vote() -> None:
    memory = _memory(*[("standby rate frozen", {"pay"})] * 3)
    assert memory.vote(["laptop", "broken"], UNITS) is None
    assert memory.vote([], UNITS) is None


def test_a_term_of_one_comment_or_of_too_many_is_not_remembered() -> None:
    common = [(["the", f"word{i}"], set()) for i in range(400)]  # "the" in 400 of 2,403
    memory = build([(["once", "twice"], set()), (["twice"], set()), *common, *_filler(2000)])
    assert "twice" in memory.terms
    assert "once" not in memory.terms  # one comment: it finds no other
    assert "the" not in memory.terms  # more than one comment in two hundred


def test_the_nearer_comments_outvote_the_further_ones() -> None:
    near = [("mosaic crashed again today", {"it_systems"})] * NEAREST
    far = [("crashed the pool car", {"environment"})] * NEAREST
    moved = _memory(*near, *far).vote(["mosaic", "crashed", "again", "today"], UNITS)
    assert moved is not None
    assert moved[IT] == round(WEIGHT * (1 - NEUTRAL) * UNITS)
    assert moved[list(THEMES).index("environment")] == round(WEIGHT * (0 - NEUTRAL) * UNITS)


def test_equally_near_comments_vote_in_pool_order_whatever_the_order_of_the_words() -> None:
    # Twelve comments exactly as near: the first ten in the pool vote, whichever way round the
    # comment's words come (a set's order, which varies from run to run, must not decide).
    first = [("rota chaos again", {"workload"})] * NEAREST
    last = [("rota chaos again", {"managers"})] * 2
    memory = _memory(*first, *last)
    for words in (["rota", "chaos", "again"], ["again", "chaos", "rota"]):
        moved = memory.vote(words, UNITS)
        assert moved is not None
        assert moved[list(THEMES).index("workload")] == round(WEIGHT * (1 - NEUTRAL) * UNITS)
        assert moved[list(THEMES).index("managers")] == round(WEIGHT * (0 - NEUTRAL) * UNITS)


def test_the_memory_file_round_trips(tmp_path: Path) -> None:
    memory = _memory(("standby rate frozen", {"pay"}), ("standby rota", {"workload"}))
    path = tmp_path / "neighbours.npz"
    save(memory, path)
    again = load(path)
    assert again.terms == memory.terms
    assert np.array_equal(again.comments, memory.comments)
    assert np.array_equal(again.weights, memory.weights)
    assert np.array_equal(again.labels, memory.labels)
    assert neighbours.differences(memory, again) == []
    words = ["standby", "rate"]
    assert np.array_equal(again.vote(words, UNITS), memory.vote(words, UNITS))  # type: ignore[arg-type]


def _saved(arrays: dict[str, np.ndarray]) -> bytes:
    out = io.BytesIO()
    np.savez(out, **arrays)  # type: ignore[arg-type]
    return out.getvalue()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda a: a.pop("gaps"), "no 'gaps' array"),
        (lambda a: a.update(format=np.array([99])), "format"),
        (lambda a: a.update(themes=np.frombuffer(b"pay\nmorale", dtype=np.uint8)), "themes"),
        (lambda a: a.update(lengths=a["lengths"][:-1]), "do not agree"),
        (lambda a: a.update(weights=a["weights"] * 0), "out of range"),
        (lambda a: a.update(gaps=a["gaps"].astype(np.int64) + 10**6), "out of range"),
        (lambda a: a.update(labels=a["labels"] * 2), "out of range"),
        (lambda a: a.update(terms=np.frombuffer(b"\xff\xfe", dtype=np.uint8)), "UTF-8"),
    ],
)
def test_a_damaged_memory_is_refused_with_a_reason(
    tmp_path: Path, damage: object, message: str
) -> None:
    memory = _memory(("standby rate frozen", {"pay"}), ("standby rota", {"workload"}))
    arrays = memory.to_arrays()
    damage(arrays)  # type: ignore[operator]
    path = tmp_path / "neighbours.npz"
    path.write_bytes(_saved(arrays))
    with pytest.raises(NeighboursError, match=message):
        load(path)


def test_a_file_that_is_no_memory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "neighbours.npz"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(NeighboursError, match="not a memory file"):
        load(path)
    with zipfile.ZipFile(path, "w") as archive:  # a zip, but of a pickled object
        archive.writestr("labels.npy", b"\x93NUMPY\x01\x00v\x00{'descr': '|O', 'fortran_order'")
    with pytest.raises(NeighboursError):
        load(path)


def test_the_shipped_memory_is_the_training_pool_and_its_labels() -> None:
    # Every training comment, in the pool's order, with its labelled themes: none of the
    # held-out split (which would make the held-out figures a look-up), and nothing else.
    train, _held = split(load_dir(DATA))
    memory = shipped_model().neighbours
    assert memory is not None
    assert memory.size == len(train)
    expected = np.array([[theme in row.themes for theme in THEMES] for row in train])
    assert np.array_equal(memory.labels.astype(bool), expected)


def test_the_vote_reads_a_comment_its_neighbours_explain() -> None:
    # On the threshold for the detectors alone (workload -0.53 against -0.6: staff count
    # "families" as caseload); its nearest training comments ("Nothing major to report, had a
    # good week with my families", "Good week.") name no theme. (A near copy is in the pool:
    # this is what the vote is for, not a reading of words it has never seen.)
    assert analyse("Had a good week with my families").themes == {}


def test_without_a_memory_the_model_reads_as_the_detectors_alone() -> None:
    from dataclasses import replace

    from analysis.learned import comment_words
    from analysis.rules import read

    model = shipped_model()
    alone = replace(model, neighbours=None)
    reading = read("Had a good week with my families")
    words = comment_words(reading)
    rows = model.detection_rows(reading, None, None, words)
    assert alone.detect_scores(rows, words) == model.detect_scores(rows)
    assert model.detect_scores(rows, words)["workload"] < model.detect_scores(rows)["workload"]
    assert set(analyse("Had a good week with my families", model=alone).themes) == {"workload"}


@plain_python
def test_the_vote_is_skipped_only_where_it_could_not_change_a_theme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # `Model.detected` asks for the vote only for themes within its reach of the threshold and
    # not kept by the rules. Against a reference that votes on every theme it may lift, worked
    # out here from the detectors' scores and the vote itself, it must find the same themes on
    # every kind of line, and it must skip the vote for some (or the skip is dead code). (The
    # vote is counted by patching its class; compiled, the model would never call the patch: on
    # the plain modules.)
    from analysis.learned import comment_words
    from analysis.rules import read

    model = shipped_model()
    memory = model.neighbours
    assert memory is not None
    asked = []
    vote = Neighbours.vote

    def counted(self: Neighbours, words: list[str], units: int) -> np.ndarray | None:
        asked.append(words)
        return vote(self, words, units)

    _train, held = split(load_dir(DATA))
    skipped = 0
    for row in held[::7]:
        reading = read(row.text, row.question)
        words = comment_words(reading)
        rows = model.detection_rows(reading, row.question, row.source, words)
        alone = model.detect_scores(rows)
        moved = vote(memory, words, UNITS)
        expected = set()
        for i, (theme, score) in enumerate(alone.items()):
            if moved is not None and score > model.threshold - LIFTED_WITHIN:
                score = (round(score * UNITS) + int(moved[i])) / UNITS
            if score > model.threshold and theme not in reading.certain:
                expected.add(theme)
        monkeypatch.setattr(Neighbours, "vote", counted)
        asked.clear()
        assert model.detected(rows, words, reading.certain) == expected, row.text
        skipped += not asked
        monkeypatch.setattr(Neighbours, "vote", vote)
    assert 0 < skipped < len(held[::7])


def test_a_theme_exactly_the_vote_s_reach_over_an_odd_threshold_is_still_voted_on() -> None:
    # -2.99 is no whole number of units in binary: the band is compared as the decision is,
    # so a theme 0.6 over it (what a unanimous vote against takes away) is still voted on.
    from analysis.learned import Model

    memory = _memory(*[("mosaic froze again", {"it_systems"})] * 3)
    bias = dict.fromkeys(THEMES, -9.0)
    bias["pay"] = -2.39
    model = Model(bias, {}, 0.0, {}, -2.99, memory)
    words = ["mosaic", "froze", "again"]
    assert model.detect_scores(set())["pay"] == -2.39  # over the threshold alone
    assert model.detect_scores(set(), words)["pay"] == -2.99  # at it, voted: not over
    assert model.detected(set(), words) == frozenset()
    assert model.detected(set(), words, frozenset({"pay"})) == frozenset()  # kept: not voted


def test_the_vote_is_the_same_whatever_the_hash_seed() -> None:
    # The order a comment's terms are looked up in follows Python's string hashing, which
    # changes from run to run: two runs with other seeds must vote alike.
    import subprocess
    import sys

    script = (
        "from analysis.learned import shipped_model, UNITS\n"
        "words = 'the drive in was two hours and my manager said nothing about the rota'.split()\n"
        "print(shipped_model().neighbours.vote(words, UNITS).tolist())\n"
    )
    root = Path(__file__).resolve().parents[2]
    runs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": seed, "PYTHONPATH": str(root), "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
            cwd=root,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(runs) == 1
    assert runs.pop().startswith("[")


def test_memories_that_differ_are_told_apart() -> None:
    one = _memory(("standby rate frozen", {"pay"}), ("standby rota", {"workload"}))
    other = _memory(("standby rate frozen", {"pay"}), ("standby rota", {"managers"}))
    assert neighbours.differences(one, other) == ["neighbours: labels"]
    more = _memory(*[("standby rota", {"workload"})] * 2, ("standby rate frozen", {"pay"}))
    assert neighbours.differences(one, more)[0] == "neighbours: terms"  # "rota" is in two


@pytest.mark.parametrize(
    ("comments", "weights"),
    [
        ([3, 3], [5, 5]),  # one comment twice in a term's postings
        ([4, 2], [5, 5]),  # postings that fall
        ([1, 2], [0, 5]),  # a weight of nothing: a vote with nothing to divide by
        ([1, 2], [5, 1 << 16]),  # a weight that would spill into the comment's bits
        ([1, 9], [5, 5]),  # a comment the pool does not hold
    ],
)
def test_a_memory_whose_postings_break_the_packing_is_refused(
    comments: list[int], weights: list[int]
) -> None:
    with pytest.raises(NeighboursError):
        Neighbours(
            ("standby",),
            np.array([2]),
            np.array(comments),
            np.array(weights),
            np.zeros((5, len(THEMES))),
        )


def test_a_pool_too_small_for_a_rare_term_remembers_none_and_never_votes() -> None:
    # 150 comments: one in two hundred is under one comment, so no term is rare enough.
    memory = build([(["standby", "rate"], {"pay"})] * 150)
    assert memory.terms == ()
    assert memory.size == 150
    assert memory.vote(["standby", "rate"], UNITS) is None

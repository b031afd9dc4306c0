"""The learned half: the shipped weights are what the training script makes from the data in
the repository, the file is checked when loaded, and the held-out figures do not fall."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import pytest

from analysis.dataset import load_dir, split
from analysis.evaluate import baseline, evaluate
from analysis.learned import (
    MODEL_PATH,
    Model,
    ModelError,
    _comment_features,
    _theme_features,
    _words,
    detection_features,
    model_from_json,
    shipped_model,
)
from analysis.rules import direction_of, read
from surveys.themes import THEMES

DATA = Path(__file__).resolve().parents[1] / "data"
# Measured on the held-out split (6,213 comments from a hundred and two writers) when the weights
# were made (docs/analysis.md): macro-F1 0.849, direction 0.929. The floors sit a little under, so a
# regression fails and a rounding difference between library versions does not; the evaluation
# is deterministic.
HELD_OUT_MACRO_F1 = 0.84
HELD_OUT_DIRECTION = 0.915


@pytest.mark.slow  # trains the weights again: the `make test` tier
def test_the_shipped_weights_are_what_the_script_makes_from_the_data() -> None:
    pytest.importorskip("sklearn")  # a development dependency, installed by `make install`
    from analysis import neighbours
    from analysis.train import build, differences

    shipped, made = shipped_model(), build(DATA)
    assert differences(shipped, made) == []
    assert shipped.neighbours is not None
    assert made.neighbours is not None
    assert neighbours.differences(shipped.neighbours, made.neighbours) == []


def test_the_held_out_split_meets_its_floor_and_beats_the_baseline() -> None:
    _train, held = split(load_dir(DATA))
    ours, theirs = evaluate(held), evaluate(held, baseline)
    assert ours.macro_f1 >= HELD_OUT_MACRO_F1
    assert ours.direction_accuracy >= HELD_OUT_DIRECTION
    assert ours.macro_f1 > theirs.macro_f1 + 0.2
    assert ours.direction_accuracy > theirs.direction_accuracy + 0.2


def test_scoring_looks_up_exactly_the_weighted_features_training_made() -> None:
    # The bot finds a comment's weighted features word by word, from a cache; training makes
    # every feature of the comment. They must be the same set, or the shipped weights are
    # scored against other features than they were trained on. Every labelled comment, then
    # words the data never spelt, each read twice (cold, then from the cache).
    model = shipped_model()
    texts = [(row.text, row.question, row.source) for row in load_dir(DATA)]
    texts += [("Shovedd at the door!! then superviison cancelled x3, 27 kids", None, None)] * 2
    for text, question, source in texts:
        reading = read(text, question)
        words = _words(reading.work_text)  # as `detection_features` and scoring read it
        expected = set(model.detect) & detection_features(reading, question, source, words)
        rows = model.detection_rows(reading, question, source, words)
        assert {model.feature_of_row(row) for row in rows} == expected, text


def test_scoring_finds_the_same_features_while_its_word_memory_is_cleared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With room for three words, the memory is cleared in the middle of most comments' words:
    # each comment must still find exactly the weighted features training makes.
    model = shipped_model()
    tables = model._tables
    monkeypatch.setattr(tables, "word_cache", 3)
    tables.word_rows.clear()
    for row in load_dir(DATA)[::40]:
        reading = read(row.text, row.question)
        words = _words(reading.work_text)
        expected = set(model.detect) & detection_features(reading, row.question, row.source, words)
        rows = model.detection_rows(reading, row.question, row.source, words)
        assert {model.feature_of_row(r) for r in rows} == expected, row.text
        assert len(tables.word_rows) <= 3


def test_a_theme_s_own_direction_features_never_share_a_name_with_the_comment_s() -> None:
    # `Model.apply` adds up the features every theme of a comment shares once, and each theme's
    # own on top: a name in both would count once in training and twice in scoring.
    for row in load_dir(DATA)[::7]:
        reading = read(row.text, row.question)
        words = _words(reading.work_text)
        shared = _comment_features(reading, row.question, row.source, words)
        for theme in THEMES:
            assert not shared & _theme_features(reading, theme, words), (row.text, theme)


def test_direction_is_scored_from_the_words_exactly_as_from_the_features_training_made() -> None:
    # `Model.apply` looks a comment's words up by word (and word pairs as a pair of words)
    # rather than making each feature's string: the units must be those of the features
    # training made, a repeated word or pair counting once, as in a set. Every labelled
    # comment, every theme, then repeats and words no weight names.
    model = shipped_model()
    texts = [(row.text, row.question, row.source) for row in load_dir(DATA)]
    texts += [
        ("my manager my manager is great great, my manager", "Why do you stay?", "stay"),
        ("too many cases too many cases. 27 cases, 31 cases", None, None),
        ("zzqx wibble frobnicate", None, "feedback"),
    ]
    for text, question, source in texts:
        reading = read(text, question)
        words = _words(reading.work_text)
        shared = _comment_features(reading, question, source, words)
        assert model.comment_units(reading, question, source, words) == model.direction_units(
            shared
        ), text
        for theme in THEMES:
            own = _theme_features(reading, theme, words)
            assert model.theme_units(reading, theme, words) == model.direction_units(own), (
                text,
                theme,
            )


def test_a_repeated_word_pair_counts_once_in_direction() -> None:
    model = _tie_model(direction={"l:alpha beta": 0.5, "l:beta": 0.25, "w:alpha": 0.125})
    reading = read("alpha beta alpha beta")
    words = _words(reading.work_text)
    assert model.theme_units(reading, "pay", words) == model.direction_units(
        _theme_features(reading, "pay", words)
    )
    assert model.comment_units(reading, None, None, words) == 1250


def _tie_model(**changes: object) -> Model:
    """A model under which "alpha beta" sits exactly on a tie: 0.1 + 0.2 - 0.3 is 0 in
    decimals, but 5.6e-17 or 2.8e-17 in floats, by the order they are added in."""
    fields: dict[str, object] = {
        "detect_bias": {theme: -5.0 for theme in THEMES} | {"pay": 1.0},
        "detect": {},
        "direction_bias": -0.3,
        "direction": {"w:alpha": 0.1, "w:beta": 0.2},
        "threshold": -0.6,
    }
    return Model(**(fields | changes))  # type: ignore[arg-type]


def test_a_score_exactly_on_the_threshold_is_not_a_theme() -> None:
    # -1.4 + 0.3 + 0.5 is -0.6, the threshold; in floats it is -0.5999999999999999 in any order.
    model = _tie_model(
        detect_bias={theme: -5.0 for theme in THEMES} | {"pay": -1.4},
        detect={"w:alpha": (("pay", 0.3),), "w:beta": (("pay", 0.5),)},
    )
    for text in ("alpha beta", "beta alpha"):
        reading = read(text)
        rows = model.detection_rows(reading, None, None, _words(reading.work_text))
        assert model.detect_scores(rows)["pay"] == -0.6
        assert "pay" not in model.apply(reading).themes


def test_a_lean_of_exactly_nothing_is_the_rules_reading() -> None:
    model = _tie_model()
    for text in ("alpha beta", "beta alpha"):
        reading = read(text)
        assert model.apply(reading).themes == {"pay": direction_of("pay", 0.0, None)}


def test_a_weights_file_that_is_not_one_is_refused() -> None:
    good = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model_from_json(good) == shipped_model()
    for broken in (
        {**good, "format": 99},
        {**good, "detect": {**good["detect"], "bias": {"pay": 0.1}}},
        {**good, "detect": {**good["detect"], "weights": {"w:pay": {"salary": 1.0}}}},
        {**good, "detect": {**good["detect"], "weights": {"p:pay": {"pay": 1.0}}}},
        {**good, "direction": {**good["direction"], "bias": "high"}},
    ):
        with pytest.raises(ModelError):
            model_from_json(broken)


def test_the_learning_curve_trains_each_writer_fold_on_growing_nested_shares() -> None:
    from analysis.dataset import Labelled
    from analysis.evaluate import learning_curve

    rows = [
        Labelled(f"{w}{i}", "pulse", "the pay is fine", {"pay": "pos"}, file=f"writer_{w}.jsonl")
        for w in "abc"
        for i in range(40)
    ]
    seen: list[frozenset[str]] = []

    def fit(train: Sequence[Labelled]) -> Model:
        seen.append(frozenset(row.id for row in train))
        return shipped_model()

    curve = learning_curve(rows, fit=fit)
    assert [share for share, _size, _e in curve] == [0.25, 0.5, 0.75, 1.0]
    assert len(seen) == 4 * 3  # one model per writer fold per share
    first_fold = seen[0::3]  # writer a left out, at each share
    assert all(a < b for a, b in pairwise(first_fold))
    assert len(first_fold[-1]) == 80
    assert 10 <= len(first_fold[0]) <= 30
    assert not any(row_id.startswith("a") for row_id in first_fold[-1])
    assert curve[-1][2].comments == 120  # every line scored once per share


@pytest.mark.parametrize("by_writer", [False, True])
def test_cross_validation_reading_each_line_once_scores_as_training_each_fold_afresh(
    by_writer: bool,
) -> None:
    # The shared path reads and featurises every line once and lends the examples to each fold
    # (and to forked workers); the plain path trains each fold from its rows and reads every
    # scored line again. A line matched to the wrong example, a fold's counts lost or counted
    # twice by the workers, would make them differ.
    pytest.importorskip("sklearn")
    from analysis.evaluate import cross_validate
    from analysis.train import fit

    train, _held = split(load_dir(DATA))
    files = sorted({row.file for row in train})[:4]
    rows = [row for row in train if row.file in files][:600]
    afresh = cross_validate(rows, 3, fit=fit, by_writer=by_writer)
    assert afresh.comments == len(rows)
    assert cross_validate(rows, 3, by_writer=by_writer) == afresh
    assert cross_validate(rows, 3, by_writer=by_writer, jobs=2) == afresh
    assert cross_validate(rows, 3, by_writer=by_writer, jobs=9) == afresh  # more than folds


def test_a_feature_on_one_side_carries_more_evidence_than_one_on_both() -> None:
    # Naive Bayes evidence scales each column before the logistic fit: a word seen only in the
    # theme's comments ("signed off") should be cheap to weigh, one seen as often outside it
    # ("the") dear, and one seen only outside it as strong as one seen only inside.
    from scipy.sparse import csr_matrix

    from analysis.train import _evidence

    # columns: only with the theme, on both sides, only without it
    present = csr_matrix([[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 1, 1]], dtype=float)
    inside, both, outside = _evidence(present, [True, True, False, False])
    assert both == pytest.approx(0.0)
    assert inside > 0.5
    assert inside == pytest.approx(outside)
    # Comments of unequal length (three features against two): a word on both sides is no
    # longer at zero, but still held far below the one-sided ones.
    present = csr_matrix([[1, 1, 0, 1], [1, 1, 0, 1], [0, 1, 1, 0], [0, 1, 1, 0]], dtype=float)
    inside, both, outside, _ = _evidence(present, [True, True, False, False])
    assert 0 < both < min(inside, outside) / 3


def test_a_fit_that_runs_out_of_iterations_is_an_error_not_a_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Stopped short of the optimum, liblinear's weights hang on floating-point detail: the
    # shipped-weights check once failed on a fresh machine for exactly that. A fit cut short
    # must stop the script, not write or pass a file that another machine cannot remake.
    pytest.importorskip("sklearn")
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    import analysis.train as train

    train_rows, _held = split(load_dir(DATA))
    rows = train_rows[:300]
    made = train.examples(rows)
    assert train.fit_examples(made).detect  # converges as shipped

    def starved(c: float) -> LogisticRegression:
        return LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1, tol=1e-12)

    monkeypatch.setattr(train, "_logistic", starved)
    with pytest.raises(ConvergenceWarning):
        train.fit_examples(made)

"""Train the learned half of comment analysis and write the weights it ships with.

    python -m analysis.train            # writes analysis/data/comment_model.json and neighbours.npz
    python -m analysis.train --check    # fails if the shipped file is not what the data make
    python -m analysis.train --curve    # writer CV trained on 25/50/75/100 % of the pool

Trained on the training pool only (tests/data, less the held-out split: analysis.dataset).
scikit-learn is needed here and nowhere else, so it is a development dependency; the running bot
reads the exported weights with plain dictionary lookups (analysis.learned).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from analysis import neighbours
from analysis.dataset import Labelled, load_dir, split
from analysis.learned import (
    DIGITS,
    MODEL_PATH,
    Model,
    comment_words,
    detection_features,
    direction_features,
    shipped_model,
)
from analysis.neighbours import NEIGHBOURS_PATH
from analysis.rules import Reading, read
from surveys.themes import THEMES

DATA_DIR: Final = Path(__file__).resolve().parents[1] / "tests" / "data"
# Chosen by leave-one-writer-out cross-validation on the training pool (never on the held-out
# split; scratch runs in docs/analysis.md): of the settings tried, the most regularised whose
# writer-CV figure is within 0.003 of the best (differences that small are noise on a pool of
# 2,600-9,400 comments), and from the eighth round none that widens the gap between the fit and
# writer CV past the shipped one's for its gain (the issue asks for CV within 0.03 of the fit),
# until the twenty-first round: word pairs in detection lifted writer-grouped CV by 0.015, the
# most since the eighth round, and widened the gap to 0.044; they were taken for the held-out
# figure the issue aims at, and the gap is reported as not met (docs/analysis.md).
# Eleventh round, re-swept on the tenth round's 12,263-comment pool: writer CV rose with every
# step of C (0.03 0.840, 0.05 0.8455, 0.08 0.849, 0.12 0.8526, 0.2 0.8547; fit 0.885 at 0.05,
# 0.9125 at 0.12, 0.929 at 0.2), but the weaker priors drop themes the rules found in short and
# implied comments: at 0.12, seven of the tests' sentences written for issue 19's kinds of error
# ("the travel" to "What might make you leave?", "taught me more in six months than uni did")
# lose their theme; at 0.08, one ("the travel"). The tests hold those kinds, so C stays 0.05.
# A threshold per theme (0.8485 at C 0.05) or a C per theme (0.8544), each chosen in nested writer
# CV, was no better than the best single C (0.2, 0.8547).
# Detection with letter triples and naive Bayes evidence takes C 0.05
# (writer CV 0.846 on the ninth round's 9,399-comment pool, fit 0.889; C 0.03 0.840 and 0.872;
# C 0.08 scored 0.0035 more, 0.850, just outside the 0.003 band, but fitted 0.904 and widened the
# gap from 0.043 to 0.054, so a rule that no setting may widen the gap for a small gain kept 0.05;
# on the eighth round's 5,009, 0.857 and 0.901, without the evidence 0.849 and 0.898).
# Direction: C 0.1 with the rules' score at plain weight (writer CV 0.919 on the fifth round's
# pool, up from 0.913 with C 0.05 and the rules' score weighted 3: the rules were trusted past what
# the data bear, and a weaker prior lets the clause's own words overrule them; 0.2 scores 0.920 but
# fits 0.981). Naive Bayes evidence for direction scored +0.005 in writer CV but read improvements
# told as change ("went from twenty-nine to nineteen") as complaints: not taken.
C_DETECT: Final = 0.05
C_DIRECTION: Final = 0.1
# A change told through the past ("then:", "pw:", analysis.learned._then_and_now) is read at
# scale 3 and 2: a prior that it matters, as the rules' cues are. In writer-grouped 5-fold CV
# (twenty-fifth round) the six change-over-time writers' lines read 0.742 direction with the
# change writers' data alone, 0.757 with the features at plain scale, 0.771 at 3 and 2 and 0.769
# at 6 and 3; the rest of the pool 0.9374, 0.9377, 0.9375 and 0.9374.
SCALES: Final[dict[str, float]] = {"cue:": 3.0, "then:": 3.0, "pw:": 2.0}
THRESHOLD: Final = -0.6
NB_ALPHA: Final = 1.0  # add-one smoothing of the counts behind each feature's evidence
MIN_COUNT: Final = 2  # a feature seen in one comment only is that comment, not a pattern
# A word pair must be seen in five: pairs seen in two to four comments raised the fit by 0.009
# and writer-grouped CV by nothing (0.8562 against 0.8558), so they were the writers' own turns
# of phrase, not patterns.
PAIR_MIN_COUNT: Final = 5
# The words said of a past ("pw:", `_then_and_now`) are counted once a theme of a comment.
PAST_WORD_MIN_COUNT: Final = 5
# Weights smaller than this barely move a score (5-fold CV the same with or without them); pruned
# so the shipped file stays small enough to review (about 1.9 MiB, one weight a line).
PRUNE: Final = 0.05


def _scale(feature: str) -> float:
    """A feature's value in training. The rules' findings weigh more than a single word, so the
    regulariser lets them speak louder: a prior that the rules are right unless the data say
    otherwise. Scoring multiplies it back into the shipped weight, so it stays a lookup."""
    for prefix, scale in SCALES.items():
        if feature.startswith(prefix):
            return scale
    return 1.0


def _vectorise(
    samples: Sequence[AbstractSet[str]], vocabulary: dict[str, int]
) -> Any:  # a scipy sparse matrix; scipy has no stubs
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    for i, features in enumerate(samples):
        for feature in features:
            column = vocabulary.get(feature)
            if column is not None:
                rows.append(i)
                cols.append(column)
                values.append(_scale(feature))
    return csr_matrix((values, (rows, cols)), shape=(len(samples), len(vocabulary)))


def _min_count(feature: str) -> int:
    if feature.startswith("p:"):
        return PAIR_MIN_COUNT
    if feature.startswith("pw:"):
        return PAST_WORD_MIN_COUNT
    return MIN_COUNT


def _vocabulary(samples: Sequence[AbstractSet[str]]) -> dict[str, int]:
    counts = Counter(f for features in samples for f in features)
    kept = sorted(f for f, n in counts.items() if n >= _min_count(f))
    return {feature: i for i, feature in enumerate(kept)}


def _evidence(present: Any, labels: Sequence[bool]) -> Any:
    """How strongly each feature tells a theme's comments from the rest: the size of its
    log-count ratio, add-one smoothed and each side's counts normalised by all its features'
    (naive Bayes features, Wang and Manning 2012). Each column is scaled by it before the
    logistic fit, so the regulariser lets a feature that is nearly always on the theme's side
    carry weight cheaply and holds down one seen on both sides (near, not at, zero: the two
    sides' comments differ in length); the logistic model still chooses each weight's sign and
    size."""
    import numpy as np

    on = np.asarray(labels, dtype=bool)
    with_theme = NB_ALPHA + np.asarray(present[on].sum(axis=0)).ravel()
    without = NB_ALPHA + np.asarray(present[~on].sum(axis=0)).ravel()
    return np.abs(np.log((with_theme / with_theme.sum()) / (without / without.sum())))


def _logistic(c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    # liblinear is deterministic for a fixed random_state, so the shipped file can be remade.
    # It is run to the optimum (tol 1e-6, not its 1e-4): stopped early, where it stops hangs on
    # floating-point detail, and on the same code and data the environment detector's weights
    # came out up to 0.005 apart at different times on the same virtual machine, failing the
    # shipped-weights check; at 1e-6 and 1e-8 they agree, and the fit takes no longer.
    return LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000, tol=1e-6)


def _round(value: float) -> float:
    return round(float(value), DIGITS)


@dataclass(frozen=True)
class Example:
    """A labelled comment with all training needs from it: the rules' reading, the detection
    features, and each labelled theme's direction features with its label. None of it depends
    on which other comments a model is trained with, so cross-validation makes it once for
    every fold (analysis.evaluate)."""

    row: Labelled
    reading: Reading
    # Frozen: every fold shares them, so none may change them for the folds after it.
    detection: frozenset[str]
    directions: tuple[tuple[frozenset[str], bool], ...]


def examples(
    rows: Iterable[Labelled], reader: Callable[[str, str | None], Reading] = read
) -> list[Example]:
    """Each row read and turned into features once, in order."""
    made = []
    for row in rows:
        reading = reader(row.text, row.question)
        directions = tuple(
            (
                frozenset(direction_features(reading, theme, row.question, row.source)),
                label == "pos",
            )
            for theme, label in row.themes.items()
        )
        detection = frozenset(detection_features(reading, row.question, row.source))
        made.append(Example(row, reading, detection, directions))
    return made


def fit(
    rows: Sequence[Labelled],
    *,
    c_detect: float = C_DETECT,
    c_direction: float = C_DIRECTION,
    threshold: float = THRESHOLD,
    reader: Callable[[str, str | None], Reading] = read,
) -> Model:
    """Train both models on `rows` and return the pruned, rounded weights."""
    return fit_examples(
        examples(rows, reader), c_detect=c_detect, c_direction=c_direction, threshold=threshold
    )


def fit_examples(
    made: Sequence[Example],
    *,
    c_detect: float = C_DETECT,
    c_direction: float = C_DIRECTION,
    threshold: float = THRESHOLD,
) -> Model:
    """Train both models on comments already read (`examples`): the same weights as `fit` on
    their rows. Raises sklearn's ConvergenceWarning if a fit runs out of iterations."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits  # scikit-learn's own dependency

    # liblinear's dot products go through BLAS, whose sums come out a few units in the last
    # place apart with one thread or two; within liblinear's tolerance that moved weights by
    # up to 0.0007, past the check's rounding. One thread makes the same file whatever the
    # thread count (a different BLAS build could still differ in the last place).
    # A fit that stops short of the optimum lands where floating-point detail takes it (the
    # twenty-fourth round's failing check), so running out of iterations is an error, not a
    # warning scrolled past: the shipped file and every fold's figure are of the optimum.
    with threadpool_limits(1), warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        return _fit(made, c_detect, c_direction, threshold)


def _fit(made: Sequence[Example], c_detect: float, c_direction: float, threshold: float) -> Model:
    samples = [example.detection for example in made]
    vocabulary = _vocabulary(samples)
    matrix = _vectorise(samples, vocabulary)
    present = (matrix > 0).astype(float)
    names = list(vocabulary)
    detect_bias: dict[str, float] = {}
    detect: dict[str, dict[str, float]] = {}
    for theme in THEMES:
        labels = [theme in example.row.themes for example in made]
        if not any(labels) or all(labels):
            detect_bias[theme] = -1.0 if not any(labels) else 1.0
            continue
        ratio = _evidence(present, labels)
        model = _logistic(c_detect).fit(matrix.multiply(ratio).tocsr(), labels)
        detect_bias[theme] = _round(model.intercept_[0])
        for name, weight, scale in zip(names, model.coef_[0], ratio, strict=True):
            weight *= scale * _scale(name)
            if abs(weight) >= PRUNE:
                detect.setdefault(name, {})[theme] = _round(weight)

    direction_samples = [features for example in made for features, _pos in example.directions]
    direction_labels = [pos for example in made for _features, pos in example.directions]
    vocabulary = _vocabulary(direction_samples)
    model = _logistic(c_direction).fit(_vectorise(direction_samples, vocabulary), direction_labels)
    weights = {
        name: _round(weight * _scale(name))
        for name, weight in zip(vocabulary, model.coef_[0], strict=True)
        if abs(weight * _scale(name)) >= PRUNE
    }
    return Model(
        detect_bias,
        {feature: tuple(sorted(pairs.items())) for feature, pairs in detect.items()},
        _round(model.intercept_[0]),
        weights,
        threshold,
        neighbours.build(
            [(comment_words(example.reading), example.row.themes) for example in made]
        ),
    )


def training_pool(directory: Path = DATA_DIR) -> list[Labelled]:
    """The labelled comments the shipped model is trained on (held-out split excluded)."""
    return split(load_dir(directory))[0]


def build(directory: Path = DATA_DIR) -> Model:
    """The model the shipped file should hold, made from the data in `directory`."""
    return fit(training_pool(directory))


def render(model: Model) -> str:
    """The model as the file text: one weight per line, so a review can read the diff."""
    data = model.to_json()
    lines = ["{"]
    for key in ("format", "threshold"):
        lines.append(f"{json.dumps(key)}: {json.dumps(data[key])},")
    for section in ("detect", "direction"):
        lines.append(f'"{section}": {{"bias": {json.dumps(data[section]["bias"])}, "weights": {{')
        weights = data[section]["weights"]
        for i, (feature, value) in enumerate(weights.items()):
            comma = "," if i < len(weights) - 1 else ""
            lines.append(f"  {json.dumps(feature, ensure_ascii=False)}: {json.dumps(value)}{comma}")
        lines.append("}}," if section == "detect" else "}}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def differences(shipped: Model, made: Model, tolerance: float = 2 * 10**-DIGITS) -> list[str]:
    """Where two models differ by more than rounding (empty when they are the same model)."""
    found = []
    a, b = shipped.to_json(), made.to_json()
    for theme in THEMES:
        if abs(a["detect"]["bias"][theme] - b["detect"]["bias"][theme]) > tolerance:
            found.append(f"detect bias {theme}")
    if a["threshold"] != b["threshold"]:
        found.append("threshold")
    if abs(a["direction"]["bias"] - b["direction"]["bias"]) > tolerance:
        found.append("direction bias")
    for name, x, y in (
        ("detect", _flat(a["detect"]["weights"]), _flat(b["detect"]["weights"])),
        ("direction", a["direction"]["weights"], b["direction"]["weights"]),
    ):
        for key in sorted(set(x) | set(y)):
            if key in x and key in y:
                if abs(x[key] - y[key]) > tolerance:
                    found.append(f"{name} {key}")
            # A weight at the pruning edge may be kept on one machine and dropped on another.
            elif abs(x.get(key, y.get(key, 0.0))) > PRUNE + tolerance:
                found.append(f"{name} {key}")
    return found


def _flat(weights: dict[str, dict[str, float]]) -> dict[str, float]:
    return {
        f"{feature}|{theme}": w for feature, pairs in weights.items() for theme, w in pairs.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Write the shipped weights, or with --check, say whether they match the data."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--curve" in args:
        from analysis.evaluate import default_jobs, learning_curve

        # Processes train the folds side by side; the figures are the same for any number.
        jobs = default_jobs()
        for share, size, figures in learning_curve(training_pool(), jobs=jobs):
            print(
                f"{share:>4.0%} of the other writers' lines (~{size} a fold): writer CV "
                f"{figures.macro_f1:.3f} / {figures.direction_accuracy:.3f}"
            )
        return 0
    made = build()
    memory = made.neighbours
    if memory is None:  # `_fit` always makes one
        raise RuntimeError("training made no memory of the training comments")
    if "--check" in args:
        try:
            shipped = shipped_model()
        except (OSError, ValueError) as exc:  # a missing or damaged file: say so, and fail
            print(f"differs: the shipped weights or memory cannot be read ({exc})")
            return 1
        found = differences(shipped, made)
        if shipped.neighbours is not None:
            found += neighbours.differences(shipped.neighbours, memory)
        for line in found[:20]:
            print(f"differs: {line}")
        print("shipped weights match the data" if not found else f"{len(found)} differences")
        return 1 if found else 0
    MODEL_PATH.write_text(render(made), encoding="utf-8")
    neighbours.save(memory, NEIGHBOURS_PATH)
    size = MODEL_PATH.stat().st_size
    counts = f"{len(made.detect)} + {len(made.direction)} features"
    print(f"wrote {MODEL_PATH} ({size // 1024} KiB, {counts})")
    print(
        f"wrote {NEIGHBOURS_PATH} ({NEIGHBOURS_PATH.stat().st_size // 1024} KiB, "
        f"{memory.size} comments, {len(memory.terms)} terms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

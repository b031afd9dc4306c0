"""How well the analyser finds themes and their directions, against labelled comments, beside a
baseline of keyword themes and plain TextBlob polarity measured in the same run; and the honest
figures: k-fold cross-validation on the training pool and the held-out split."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textblob import TextBlob

from analysis.comments import CommentAnalysis, Direction, analyse
from analysis.dataset import FOLDS, Labelled, curve_part, folds, split, writer_folds
from analysis.learned import Model
from analysis.rules import analyse_rules
from surveys.themes import THEMES

if TYPE_CHECKING:  # analysis.train needs scikit-learn, a development dependency
    from analysis.train import Example

# An analyser reads a comment with what it answered: (text, question, source).
Analyser = Callable[[str, str | None, str | None], CommentAnalysis]


# What a keyword search would look for: each theme's own obvious words.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "pay": ("pay", "salary", "money", "paid"),
    "workload": ("workload", "caseload", "cases"),
    "work_life_balance": ("hours", "evening", "weekend", "balance", "flexib"),
    "managers": ("manager", "supervision", "tm"),
    "team_culture": ("team", "colleague", "culture"),
    "career": ("career", "training", "progression", "development"),
    "leadership": ("leader", "director", "senior"),
    "processes": ("paperwork", "bureaucracy", "forms", "process"),
    "it_systems": ("mosaic", "laptop", "it", "computer", "system"),
    "environment": ("office", "desk", "building", "parking"),
    "wellbeing": ("stress", "wellbeing", "burnout", "mental health"),
}


def baseline(text: str, question: str | None = None, source: str | None = None) -> CommentAnalysis:
    """Keyword themes, each given the direction of plain TextBlob polarity (the question and
    source are ignored: a keyword search has no use for them)."""
    polarity = float(TextBlob(text).sentiment.polarity)
    direction: Direction = "pos" if polarity >= 0 else "neg"
    words = set(re.findall(r"[a-z]+", text.lower()))
    lowered = text.lower()
    themes = {
        theme: direction
        for theme, keywords in BASELINE_KEYWORDS.items()
        if any((k in words) if " " not in k and len(k) <= 4 else (k in lowered) for k in keywords)
    }
    return CommentAnalysis(themes, polarity)


def with_model(model: Model) -> Analyser:
    """The analyser with `model`'s weights in place of the shipped ones."""

    def analyser(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return analyse(text, question, source=source, model=model)

    return analyser


def shipped(text: str, question: str | None = None, source: str | None = None) -> CommentAnalysis:
    """The analyser as it ships."""
    return analyse(text, question, source=source)


@dataclass(frozen=True)
class ThemeScore:
    """Detection figures for one theme."""

    theme: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Per-theme detection, macro-F1, and direction accuracy over correctly found themes."""

    themes: tuple[ThemeScore, ...]
    macro_f1: float
    direction_accuracy: float
    directions_judged: int
    comments: int = 0


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


@dataclass
class _Counts:
    tp: dict[str, int]
    fp: dict[str, int]
    fn: dict[str, int]
    right: int = 0
    judged: int = 0
    comments: int = 0

    @classmethod
    def empty(cls) -> _Counts:
        return cls(dict.fromkeys(THEMES, 0), dict.fromkeys(THEMES, 0), dict.fromkeys(THEMES, 0))

    def add(self, found: Mapping[str, str], truth: Mapping[str, str]) -> None:
        self.comments += 1
        for theme in THEMES:
            if theme in found and theme in truth:
                self.tp[theme] += 1
                self.judged += 1
                self.right += found[theme] == truth[theme]
            elif theme in found:
                self.fp[theme] += 1
            elif theme in truth:
                self.fn[theme] += 1

    def merge(self, other: _Counts) -> None:
        """Add another fold's counts to these."""
        for theme in THEMES:
            self.tp[theme] += other.tp[theme]
            self.fp[theme] += other.fp[theme]
            self.fn[theme] += other.fn[theme]
        self.right += other.right
        self.judged += other.judged
        self.comments += other.comments

    def evaluation(self) -> Evaluation:
        scores = []
        for theme in THEMES:
            tp, fp, fn = self.tp[theme], self.fp[theme], self.fn[theme]
            precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
            f1 = _ratio(2 * precision * recall, precision + recall)
            scores.append(ThemeScore(theme, precision, recall, f1, tp + fn))
        macro = sum(s.f1 for s in scores) / len(scores)
        return Evaluation(
            tuple(scores), macro, _ratio(self.right, self.judged), self.judged, self.comments
        )


def evaluate(rows: Iterable[Labelled], analyser: Analyser = shipped) -> Evaluation:
    """Score `analyser` on labelled comments."""
    return compare(
        (dict(analyser(row.text, row.question, row.source).themes), row.themes) for row in rows
    )


def compare(pairs: Iterable[tuple[Mapping[str, str], Mapping[str, str]]]) -> Evaluation:
    """Score one set of labels against another, comment by comment: each pair is (found, taken as
    true). The same figures as `evaluate`, for any two readers of the same comments."""
    counts = _Counts.empty()
    for found, truth in pairs:
        counts.add(found, truth)
    return counts.evaluation()


def default_jobs() -> int:
    """Processes to train cross-validation folds side by side by default: the CPUs this process
    may use (in a container or under an affinity mask, fewer than the machine has), at most
    four, since each worker holds its own copy of what it touches of the lines' examples (about
    0.7 GB on the shipped pool)."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 1
    return max(1, min(usable, 4))


# What a fold is: (the rows a model is trained on, the rows it is scored on).
Fold = tuple[Sequence[Labelled], Sequence[Labelled]]
Fit = Callable[[Sequence[Labelled]], Model]
# A fold of lines already read (analysis.train.examples): (to train on, to score).
ExampleFold = tuple[list["Example"], list["Example"]]


def cross_validate(
    rows: Sequence[Labelled],
    k: int = FOLDS,
    fit: Fit | None = None,
    *,
    by_writer: bool = False,
    jobs: int = 1,
) -> Evaluation:
    """k-fold cross-validation: each fold scored by a model trained on the other folds, the
    counts pooled; with `by_writer`, leave one writer out instead (each file a fold). With
    `fit`, each fold is trained by it, one after another; without, by scikit-learn (a
    development dependency) on lines read once for every fold, `jobs` processes side by side
    (the figures are the same for any number, and the same as with `fit=analysis.train.fit`)."""
    pairs = writer_folds(rows) if by_writer else folds(rows, k)
    if fit is not None:
        return _fitted_counts(pairs, fit).evaluation()
    return _shared_counts(_examples(rows), pairs, jobs).evaluation()


def learning_curve(
    rows: Sequence[Labelled],
    parts: int = 4,
    fit: Fit | None = None,
    *,
    jobs: int = 1,
) -> list[tuple[float, int, Evaluation]]:
    """Leave-one-writer-out CV with each fold trained on 1/parts, 2/parts ... all of the other
    writers' lines (nested shares fixed by a hash of the id): (share, mean training size,
    evaluation) per step, to tell whether more labelled lines would help. Trained by `fit`, or
    without it by scikit-learn as in `cross_validate` (`jobs` processes side by side; the lines
    are read once for every step)."""
    made = None if fit is not None else _examples(rows)
    curve = []
    for step in range(1, parts + 1):
        pairs: list[Fold] = [
            ([row for row in train_rows if curve_part(row, parts) < step], test_rows)
            for train_rows, test_rows in writer_folds(rows)
        ]
        if fit is not None:
            counts = _fitted_counts(pairs, fit)
        else:
            assert made is not None  # made above when there is no `fit`
            counts = _shared_counts(made, pairs, jobs)
        sizes = sum(len(train_rows) for train_rows, _test in pairs)
        curve.append((step / parts, sizes // max(len(pairs), 1), counts.evaluation()))
    return curve


def _examples(rows: Sequence[Labelled]) -> list[Example]:
    """`rows` read and turned into features, once (after checking scikit-learn is there: the
    reading takes a while and is no use without it)."""
    import sklearn  # noqa: F401  # a development dependency: ImportError here, not after the work

    from analysis.train import examples

    return examples(rows)


def _fitted_counts(pairs: Sequence[Fold], fit: Fit) -> _Counts:
    """The pooled counts of every fold, each trained by `fit` on its rows and scoring its lines
    read afresh."""
    counts = _Counts.empty()
    for train_rows, test_rows in pairs:
        analyser = with_model(fit(train_rows))
        for row in test_rows:
            counts.add(dict(analyser(row.text, row.question, row.source).themes), row.themes)
    return counts


def _shared_counts(made: Sequence[Example], pairs: Sequence[Fold], jobs: int) -> _Counts:
    """The pooled counts of every fold, trained with scikit-learn on the lines' examples (made
    from the rows the folds hold): a line's reading and features do not depend on the fold, and
    made once a fold they were a quarter of its time."""
    # Folds hold the caller's own row objects, so a row's example is found by its identity
    # (rows are not hashable: their themes are a dict).
    where = {id(example.row): example for example in made}
    shared: list[ExampleFold] = [
        ([where[id(row)] for row in train_rows], [where[id(row)] for row in test_rows])
        for train_rows, test_rows in pairs
    ]
    counts = _Counts.empty()
    workers = min(jobs, len(shared))
    if workers <= 1:
        for fold in shared:
            counts.merge(_score_fold(fold))
        return counts
    # Forked workers inherit the examples (the initializer's arguments are not pickled when a
    # process is forked) and each sends back only its fold's counts, which add up the same in
    # any order.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_share, initargs=(shared,)
    ) as pool:
        for fold_counts in pool.map(_score_shared_fold, range(len(shared))):
            counts.merge(fold_counts)
    return counts


# In a worker process only: the folds it was forked with (set by `_share`).
_WORKER_FOLDS: list[ExampleFold] = []


def _share(shared: list[ExampleFold]) -> None:
    _WORKER_FOLDS[:] = shared


def _score_shared_fold(index: int) -> _Counts:
    return _score_fold(_WORKER_FOLDS[index])


def _score_fold(fold: ExampleFold) -> _Counts:
    """Train on a fold's examples and score its test lines, reusing their readings."""
    from analysis.train import fit_examples

    train_examples, test_examples = fold
    model = fit_examples(train_examples)
    counts = _Counts.empty()
    for example in test_examples:
        row = example.row
        counts.add(dict(model.apply(example.reading, row.question, row.source).themes), row.themes)
    return counts


def rules_only(
    text: str, question: str | None = None, source: str | None = None
) -> CommentAnalysis:
    """The hand-written rules without the learned weights, to show what the weights add."""
    return analyse_rules(text, question)


@dataclass(frozen=True)
class Report:
    """The figures `staypulse evaluate` prints: the shipped analyser on the data it was trained
    on (fit), k-fold and leave-one-writer-out cross-validated on that pool, and on the held-out
    split; the rules alone and the keyword baseline beside each. The cross-validated figures are
    None without scikit-learn."""

    fit: Evaluation
    cross_validated: Evaluation | None
    by_writer: Evaluation | None
    held_out: Evaluation
    rules_fit: Evaluation
    rules_held_out: Evaluation
    baseline_fit: Evaluation
    baseline_held_out: Evaluation


def report(rows: Sequence[Labelled], k: int = FOLDS, *, jobs: int = 1) -> Report:
    """Every figure of the honest evaluation, over labelled comments split by analysis.dataset;
    `jobs` processes train the cross-validation's folds side by side."""
    train, held = split(rows)
    cross: Evaluation | None = None
    by_writer: Evaluation | None = None
    try:
        made = _examples(train)  # read once for both kinds of fold
    except ImportError:  # scikit-learn is a development dependency: no cross-validation
        pass
    else:
        cross = _shared_counts(made, folds(train, k), jobs).evaluation()
        by_writer = _shared_counts(made, writer_folds(train), jobs).evaluation()
    return Report(
        fit=evaluate(train),
        cross_validated=cross,
        by_writer=by_writer,
        held_out=evaluate(held),
        rules_fit=evaluate(train, rules_only),
        rules_held_out=evaluate(held, rules_only),
        baseline_fit=evaluate(train, baseline),
        baseline_held_out=evaluate(held, baseline),
    )

"""How far the labels themselves can be read from the text: a labelling study.

Three hundred comments, drawn by a fixed seed (200 from the held-out split, 100 from the
development file the task came with), were each labelled again by two readers who had only the
eleven themes' definitions and the comments (tests/data/label_study/brief.md), never the labels
or the analyser. Scoring the readers against the labels, against each other, and the analyser
against both, says whether the analyser's misses are misses a careful reader would not make, or
disagreements about what a comment says that no reader of the text could settle.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from analysis.dataset import DataError, Labelled, is_held_out, themes_of
from analysis.evaluate import Analyser, Evaluation, compare

DEVELOPMENT_FILE: Final = "comments_dev.jsonl"
READERS: Final = 4  # two to each half of the sample
Labels = Mapping[str, str]


@dataclass(frozen=True)
class StudyLine:
    """One comment of the study: the labelled line, and its two readers' labels."""

    sid: str
    row: Labelled
    readings: tuple[Labels, Labels]

    @property
    def agreed(self) -> dict[str, str]:
        """What both readers labelled alike, theme and direction."""
        first, second = self.readings
        return {theme: d for theme, d in first.items() if second.get(theme) == d}

    @property
    def held_out(self) -> bool:
        """Whether the line is from the held-out split (else the development file)."""
        return is_held_out(self.row)


@dataclass(frozen=True)
class Study:
    """The drawn lines with their readings, and how they were drawn."""

    lines: tuple[StudyLine, ...]
    seed: int
    files: tuple[str, ...]


def draw(rows: Sequence[Labelled], seed: int, held_out: int, development: int) -> list[Labelled]:
    """The study's sample, in the order it was read: `held_out` lines of the held-out split and
    `development` of the development file, drawn and shuffled by `seed`."""
    rng = random.Random(seed)
    held = [row for row in rows if is_held_out(row)]
    dev = [row for row in rows if row.file == DEVELOPMENT_FILE]
    sample = rng.sample(held, held_out) + rng.sample(dev, development)
    rng.shuffle(sample)
    return sample


def _jsonl(path: Path) -> list[dict[str, object]]:
    lines = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataError(f"{path.name}, line {number}: not JSON ({exc.msg})") from exc
        if not isinstance(value, dict) or not isinstance(value.get("sid"), str):
            raise DataError(f'{path.name}, line {number}: expected an object with a "sid"')
        lines.append(value)
    return lines


_COUNTS: Final = ("seed", "held_out", "development")


def _meta(path: Path) -> tuple[int, int, int, tuple[str, ...]]:
    """study.json: (seed, held-out lines, development lines, the files drawn from)."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path.name}: not JSON ({exc.msg})") from exc
    counts = [meta.get(key) if isinstance(meta, dict) else None for key in _COUNTS]
    files = meta.get("files") if isinstance(meta, dict) else None
    if not all(isinstance(count, int) and count >= 0 for count in counts) or not (
        isinstance(files, list) and files and all(isinstance(name, str) for name in files)
    ):
        raise DataError(
            f'{path.name}: expected whole numbers "seed", "held_out" and "development", and '
            '"files", the names of the labelled files it was drawn from'
        )
    seed, held_out, development = (int(count) for count in counts)  # type: ignore[arg-type]
    return seed, held_out, development, tuple(files)


def load_study(directory: Path, rows: Sequence[Labelled]) -> Study:
    """The study in `directory` (study.json, sample.jsonl, reader_1..4.jsonl) joined to the
    labelled `rows`; DataError, naming the file and line, if a line is missing, named twice,
    unknown, or not what study.json says was drawn."""
    if not rows:
        raise DataError("no labelled comments to join the study to")
    seed, held_out, development, files = _meta(directory / "study.json")
    by_id = {row.id: row for row in rows}
    sample = _jsonl(directory / "sample.jsonl")
    sids = [str(line["sid"]) for line in sample]
    ids = [line.get("id") for line in sample]
    if len(set(sids)) != len(sids) or len(set(map(str, ids))) != len(ids):
        raise DataError("sample.jsonl: a line or a labelled comment is named twice")
    readings: dict[str, list[Labels]] = {sid: [] for sid in sids}
    half = len(sample) // 2
    for reader in range(1, READERS + 1):
        path = directory / f"reader_{reader}.jsonl"
        read = _jsonl(path)
        # Readers 1 and 2 read the first half of the sample, 3 and 4 the second.
        if [str(line["sid"]) for line in read] != (sids[:half] if reader <= 2 else sids[half:]):
            raise DataError(f"{path.name}: its lines are not its half of the sample, in order")
        for number, line in enumerate(read, start=1):
            readings[str(line["sid"])].append(
                themes_of(line.get("themes"), f"{path.name}, line {number}")
            )
    lines = []
    for sid, row_id in zip(sids, ids, strict=True):
        if row_id not in by_id:
            raise DataError(f"sample.jsonl: {sid} names no labelled line ({row_id})")
        first, second = readings[sid]
        lines.append(StudyLine(sid, by_id[str(row_id)], (first, second)))
    drawn = (
        sum(line.held_out for line in lines),
        sum(line.row.file == DEVELOPMENT_FILE for line in lines),
    )
    if drawn != (held_out, development) or len(lines) != held_out + development:
        raise DataError(
            f"sample.jsonl: {drawn[0]} held-out and {drawn[1]} development lines, where "
            f"study.json says {held_out} and {development} were drawn"
        )
    return Study(tuple(lines), seed, files)


@dataclass(frozen=True)
class Agreement:
    """One comparison over one part of the sample."""

    part: str
    what: str
    figures: Evaluation


Part = tuple[str, Callable[[StudyLine], bool]]
PARTS: Final[tuple[Part, ...]] = (
    ("held-out", lambda line: line.held_out),
    ("development", lambda line: not line.held_out),
)


def read_with(study: Study, analyser: Analyser) -> dict[str, Labels]:
    """What `analyser` reads in each of the study's comments, by its sid: read once, for
    `agreements`, `spread` and `misses` to compare."""
    return {
        line.sid: dict(analyser(line.row.text, line.row.question, line.row.source).themes)
        for line in study.lines
    }


def agreements(study: Study, found: Mapping[str, Labels]) -> list[Agreement]:
    """Each reader and the analyser (its readings `found`, by `read_with`) against the labels,
    the readers against each other, and the analyser against what both readers agree on, on
    each part of the sample."""
    table = []
    for part, keep in PARTS:
        lines = [line for line in study.lines if keep(line)]
        comparisons: list[tuple[str, Sequence[tuple[Labels, Labels]]]] = [
            ("first reader vs labels", [(line.readings[0], line.row.themes) for line in lines]),
            ("second reader vs labels", [(line.readings[1], line.row.themes) for line in lines]),
            ("second reader vs first", [(line.readings[1], line.readings[0]) for line in lines]),
            ("readers' agreed vs labels", [(line.agreed, line.row.themes) for line in lines]),
            ("analyser vs labels", [(found[line.sid], line.row.themes) for line in lines]),
            (
                "analyser vs readers' agreed",
                [(found[line.sid], line.agreed) for line in lines],
            ),
        ]
        table += [Agreement(part, what, compare(pairs)) for what, pairs in comparisons]
    return table


Interval = tuple[float, float, float]  # (the figure, the 95% interval's low and high ends)


@dataclass(frozen=True)
class Spread:
    """Macro-F1 figures of one part of the sample with 95% intervals from a paired bootstrap
    over its comments: each reader's against the labels, and how far the readers' agreed labels
    outscore the analyser. Two hundred comments are few for eleven themes; the intervals say
    how few."""

    first: Interval
    second: Interval
    gap: Interval


def spread(
    study: Study,
    found: Mapping[str, Labels],
    part: Part = PARTS[0],
    resamples: int = 2000,
    seed: int = 0,
) -> Spread:
    """The `Spread` of a part of the sample, the analyser's readings `found` (by `read_with`):
    every figure is computed on the same resamples of its comments (drawn with replacement by
    `seed`), so the gap is paired."""
    _name, keep = part
    lines = [line for line in study.lines if keep(line)]
    ours = [found[line.sid] for line in lines]
    agreed = [line.agreed for line in lines]

    def figures(picks: Sequence[int]) -> tuple[float, float, float]:
        def score(labels: Callable[[int], Labels]) -> float:
            return compare((labels(i), lines[i].row.themes) for i in picks).macro_f1

        return (
            score(lambda i: lines[i].readings[0]),
            score(lambda i: lines[i].readings[1]),
            score(agreed.__getitem__) - score(ours.__getitem__),
        )

    rng = random.Random(seed)
    every = range(len(lines))
    drawn = [figures(rng.choices(every, k=len(lines))) for _ in range(resamples)]
    point = figures(every)
    low, high = int(0.025 * resamples), int(0.975 * resamples) - 1

    def interval(k: int) -> Interval:
        ordered = sorted(values[k] for values in drawn)
        return point[k], ordered[low], ordered[high]

    return Spread(interval(0), interval(1), interval(2))


@dataclass(frozen=True)
class Misses:
    """The analyser's disagreements with the labels on one part of the sample, by whether the
    readers side with the labels: `named`, `missed` and `turned` are themes both readers and the
    labels agree the analyser got wrong (named where none of them did, missed where all three
    did, or read the other way from all three); `disputed` are the rest: a reader sides with the
    analyser, the readers split, or both readers agree with each other against the labels."""

    named: int
    missed: int
    turned: int
    disputed: int


def misses(study: Study, found: Mapping[str, Labels], part: Part = PARTS[0]) -> Misses:
    """How many of the analyser's disagreements (its readings `found`, by `read_with`) with the
    labels every reader would call its miss, and how many are disputed."""
    _name, keep = part
    named = missed = turned = disputed = 0
    for line in study.lines:
        if not keep(line):
            continue
        ours, labels, (first, second) = found[line.sid], line.row.themes, line.readings
        for theme in set(ours) | set(labels):
            if ours.get(theme) == labels.get(theme):
                continue
            says = {labels.get(theme), first.get(theme), second.get(theme)}
            if says == {None}:
                named += 1
            elif theme not in ours and None not in says and len(says) == 1:
                missed += 1
            elif theme in ours and None not in says and len(says) == 1:
                turned += 1
            else:
                disputed += 1
    return Misses(named, missed, turned, disputed)

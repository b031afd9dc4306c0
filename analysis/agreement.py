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

from analysis.dataset import DataError, Labelled, is_held_out
from analysis.evaluate import Analyser, Evaluation, compare
from surveys.themes import THEMES

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


def _labels(value: object, where: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        theme in THEMES and direction in ("pos", "neg") for theme, direction in value.items()
    ):
        raise DataError(f'{where}: "themes" must map the eleven themes to "pos" or "neg"')
    return dict(value)


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


def load_study(directory: Path, rows: Sequence[Labelled]) -> Study:
    """The study in `directory` (study.json, sample.jsonl, reader_1..4.jsonl) joined to the
    labelled `rows`; DataError if a line is missing, read twice by one reader, or unknown."""
    meta = json.loads((directory / "study.json").read_text(encoding="utf-8"))
    by_id = {row.id: row for row in rows}
    sample = _jsonl(directory / "sample.jsonl")
    readings: dict[str, list[Labels]] = {str(line["sid"]): [] for line in sample}
    half = len(sample) // 2
    for reader in range(1, READERS + 1):
        path = directory / f"reader_{reader}.jsonl"
        read = _jsonl(path)
        # Readers 1 and 2 read the first half of the sample, 3 and 4 the second.
        expected = [str(line["sid"]) for line in (sample[:half] if reader <= 2 else sample[half:])]
        if [str(line["sid"]) for line in read] != expected:
            raise DataError(f"{path.name}: its lines are not its half of the sample, in order")
        for number, line in enumerate(read, start=1):
            readings[str(line["sid"])].append(
                _labels(line.get("themes"), f"{path.name}, line {number}")
            )
    lines = []
    for line in sample:
        sid, row_id = str(line["sid"]), line.get("id")
        if row_id not in by_id:
            raise DataError(f"sample.jsonl: {sid} names no labelled line ({row_id})")
        first, second = readings[sid]
        lines.append(StudyLine(sid, by_id[str(row_id)], (first, second)))
    return Study(tuple(lines), int(meta["seed"]), tuple(meta["files"]))


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


def agreements(study: Study, analyser: Analyser) -> list[Agreement]:
    """Each reader and the analyser against the labels, the readers against each other, and the
    analyser against what both readers agree on, on each part of the sample."""
    found = {
        line.sid: dict(analyser(line.row.text, line.row.question, line.row.source).themes)
        for line in study.lines
    }
    table = []
    for part, keep in PARTS:
        lines = [line for line in study.lines if keep(line)]
        # Both readers' labels where they agree, theme and direction.
        agreed = {
            line.sid: {t: d for t, d in line.readings[0].items() if line.readings[1].get(t) == d}
            for line in lines
        }
        comparisons: list[tuple[str, Sequence[tuple[Labels, Labels]]]] = [
            ("first reader vs labels", [(line.readings[0], line.row.themes) for line in lines]),
            ("second reader vs labels", [(line.readings[1], line.row.themes) for line in lines]),
            ("second reader vs first", [(line.readings[1], line.readings[0]) for line in lines]),
            ("readers' agreed vs labels", [(agreed[line.sid], line.row.themes) for line in lines]),
            ("analyser vs labels", [(found[line.sid], line.row.themes) for line in lines]),
            (
                "analyser vs readers' agreed",
                [(found[line.sid], agreed[line.sid]) for line in lines],
            ),
        ]
        table += [Agreement(part, what, compare(pairs)) for what, pairs in comparisons]
    return table


def gap(
    study: Study, analyser: Analyser, part: Part = PARTS[0], resamples: int = 2000, seed: int = 0
) -> tuple[float, float, float]:
    """How far the readers' agreed labels outscore the analyser against the labels (macro-F1),
    with a 95% interval from a paired bootstrap over the part's comments: (gap, low, high). Two
    hundred comments are few for eleven themes; the interval says how few."""
    _name, keep = part
    lines = [line for line in study.lines if keep(line)]
    found = [
        dict(analyser(line.row.text, line.row.question, line.row.source).themes) for line in lines
    ]
    agreed = [
        {t: d for t, d in line.readings[0].items() if line.readings[1].get(t) == d}
        for line in lines
    ]

    def difference(picks: Sequence[int]) -> float:
        readers = compare((agreed[i], lines[i].row.themes) for i in picks)
        ours = compare((found[i], lines[i].row.themes) for i in picks)
        return readers.macro_f1 - ours.macro_f1

    rng = random.Random(seed)
    every = range(len(lines))
    spread = sorted(difference(rng.choices(every, k=len(lines))) for _ in range(resamples))
    return difference(every), spread[int(0.025 * resamples)], spread[int(0.975 * resamples) - 1]


@dataclass(frozen=True)
class Misses:
    """The analyser's disagreements with the labels on one part of the sample, by whether the
    readers side with the labels: `named`, `missed` and `turned` are themes both readers and the
    labels agree the analyser got wrong (named where none of them did, missed where all three
    did, or read the other way from all three); `disputed` are the rest, where a reader sides
    with the analyser or the readers split."""

    named: int
    missed: int
    turned: int
    disputed: int


def misses(study: Study, analyser: Analyser, part: Part = PARTS[0]) -> Misses:
    """How many of the analyser's disagreements with the labels every reader would call its
    miss, and how many are disputed."""
    _name, keep = part
    named = missed = turned = disputed = 0
    for line in study.lines:
        if not keep(line):
            continue
        found = analyser(line.row.text, line.row.question, line.row.source).themes
        labels, (first, second) = line.row.themes, line.readings
        for theme in set(found) | set(labels):
            if found.get(theme) == labels.get(theme):
                continue
            says = {labels.get(theme), first.get(theme), second.get(theme)}
            if says == {None}:
                named += 1
            elif theme not in found and None not in says and len(says) == 1:
                missed += 1
            elif theme in found and None not in says and len(says) == 1:
                turned += 1
            else:
                disputed += 1
    return Misses(named, missed, turned, disputed)

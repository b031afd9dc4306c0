"""The labelling study: drawn as it says, read as it says, and scored with the same figures as
the analyser (analysis.agreement)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analysis.agreement import (
    DEVELOPMENT_FILE,
    PARTS,
    Study,
    agreements,
    draw,
    gap,
    load_study,
    misses,
)
from analysis.comments import CommentAnalysis
from analysis.dataset import DataError, Labelled, load, load_dir
from analysis.evaluate import compare

DATA = Path(__file__).resolve().parents[1] / "data"
STUDY = DATA / "label_study"


@pytest.fixture(scope="module")
def rows() -> list[Labelled]:
    return load_dir(DATA)


@pytest.fixture(scope="module")
def study(rows: list[Labelled]) -> Study:
    return load_study(STUDY, rows)


def test_the_sample_is_the_seed_s_draw_not_a_choice(rows: list[Labelled], study: Study) -> None:
    # Drawn from the files there were when it was drawn: later writers do not move it.
    then = [row for name in study.files for row in load(DATA / name)]
    meta = json.loads((STUDY / "study.json").read_text(encoding="utf-8"))
    drawn = draw(then, study.seed, meta["held_out"], meta["development"])
    assert [row.id for row in drawn] == [line.row.id for line in study.lines]


def test_two_hundred_held_out_lines_and_a_hundred_of_the_development_file(study: Study) -> None:
    held = [line for line in study.lines if line.held_out]
    dev = [line for line in study.lines if line.row.file == DEVELOPMENT_FILE]
    assert (len(held), len(dev), len(study.lines)) == (200, 100, 300)
    assert len({line.row.id for line in study.lines}) == 300
    # Every line has two readings, from readers who read nothing else of it.
    assert all(len(line.readings) == 2 for line in study.lines)


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "study"
    shutil.copytree(STUDY, target)
    return target


def test_a_reader_s_missing_line_is_refused_by_name(tmp_path: Path, rows: list[Labelled]) -> None:
    target = _copy(tmp_path)
    path = target / "reader_3.jsonl"
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[1:]))
    with pytest.raises(DataError, match=r"reader_3\.jsonl: its lines are not its half"):
        load_study(target, rows)


def test_a_reading_that_is_not_a_theme_is_refused_by_line(
    tmp_path: Path, rows: list[Labelled]
) -> None:
    target = _copy(tmp_path)
    path = target / "reader_2.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[4])
    first["themes"] = {"morale": "neg"}
    lines[4] = json.dumps(first)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match=r"reader_2\.jsonl, line 5"):
        load_study(target, rows)


def test_a_sample_line_no_labelled_comment_has_is_refused(
    tmp_path: Path, rows: list[Labelled]
) -> None:
    target = _copy(tmp_path)
    path = target / "sample.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps({"sid": "s001", "id": "nobody"})
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError, match="s001 names no labelled line"):
        load_study(target, rows)


def test_compare_scores_two_readers_as_the_analyser_is_scored() -> None:
    same = compare([({"pay": "neg"}, {"pay": "neg"}), ({"workload": "pos"}, {"workload": "pos"})])
    assert (same.macro_f1, same.direction_accuracy) == (2 / 11, 1.0)  # nine themes never seen
    turned = compare([({"pay": "pos"}, {"pay": "neg"})])
    assert (turned.direction_accuracy, turned.directions_judged) == (0.0, 1)
    missed = compare([({}, {"pay": "neg"}), ({"pay": "neg"}, {})])
    assert missed.themes[0].f1 == 0.0


def test_an_analyser_that_reads_as_the_labels_scores_as_they_do(study: Study) -> None:
    by_text = {(line.row.text, line.row.question): line.row.themes for line in study.lines}

    def labels(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis(dict(by_text[(text, question)]), 0.0)  # type: ignore[arg-type]

    table = {(row.part, row.what): row.figures for row in agreements(study, labels)}
    for part in ("held-out", "development"):
        assert table[part, "analyser vs labels"].macro_f1 == 1.0
        assert table[part, "analyser vs labels"].direction_accuracy == 1.0
        # The readers are scored against the labels, not against the analyser.
        assert (
            table[part, "first reader vs labels"].macro_f1
            < table[part, "analyser vs labels"].macro_f1
        )
    assert gap(study, labels, resamples=50)[0] < 0  # an analyser that is the labels beats them


def test_misses_are_sorted_by_whether_the_readers_side_with_the_labels(study: Study) -> None:
    def labels(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        line = next(line for line in study.lines if line.row.text == text)
        return CommentAnalysis(dict(line.row.themes), 0.0)  # type: ignore[arg-type]

    def nothing(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis({}, 0.0)

    held = [line for line in study.lines if line.held_out]
    assert misses(study, labels) == misses(study, labels, PARTS[0])
    assert (misses(study, labels).named, misses(study, labels).disputed) == (0, 0)
    found = misses(study, nothing)
    # Saying nothing misses every label: those all three agree on, and the rest disputed.
    unanimous = sum(
        1
        for line in held
        for theme, direction in line.row.themes.items()
        if line.readings[0].get(theme) == direction == line.readings[1].get(theme)
    )
    assert (found.named, found.turned, found.missed) == (0, 0, unanimous)
    assert found.missed + found.disputed == sum(len(line.row.themes) for line in held)

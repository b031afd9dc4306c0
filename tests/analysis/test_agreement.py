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
    Misses,
    Study,
    StudyLine,
    agreements,
    draw,
    load_study,
    misses,
    read_with,
    spread,
)
from analysis.comments import CommentAnalysis
from analysis.dataset import DataError, Labelled, is_held_out, load, load_dir
from analysis.evaluate import compare

DATA = Path(__file__).resolve().parents[1] / "data"
STUDY = DATA / "label_study"


@pytest.fixture(scope="module")
def rows() -> list[Labelled]:
    return load_dir(DATA)


@pytest.fixture(scope="module")
def study(rows: list[Labelled]) -> Study:
    return load_study(STUDY, rows)


def test_the_sample_is_the_seed_s_draw(rows: list[Labelled], study: Study) -> None:
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

    as_labelled = read_with(study, labels)
    table = {(row.part, row.what): row.figures for row in agreements(study, as_labelled)}
    for part in ("held-out", "development"):
        assert table[part, "analyser vs labels"].macro_f1 == 1.0
        assert table[part, "analyser vs labels"].direction_accuracy == 1.0
        # The readers are scored against the labels, not against the analyser.
        assert (
            table[part, "first reader vs labels"].macro_f1
            < table[part, "analyser vs labels"].macro_f1
        )
    # The labels themselves beat the readers.
    assert spread(study, as_labelled, resamples=50).gap[0] < 0


def test_misses_are_sorted_by_whether_the_readers_side_with_the_labels(study: Study) -> None:
    def labels(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        line = next(line for line in study.lines if line.row.text == text)
        return CommentAnalysis(dict(line.row.themes), 0.0)  # type: ignore[arg-type]

    def nothing(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis({}, 0.0)

    held = [line for line in study.lines if line.held_out]
    as_labelled = read_with(study, labels)
    assert misses(study, as_labelled) == misses(study, as_labelled, PARTS[0])
    assert (misses(study, as_labelled).named, misses(study, as_labelled).disputed) == (0, 0)
    found = misses(study, read_with(study, nothing))
    # Saying nothing misses every label: those all three agree on, and the rest disputed.
    unanimous = sum(
        1
        for line in held
        for theme, direction in line.row.themes.items()
        if line.readings[0].get(theme) == direction == line.readings[1].get(theme)
    )
    assert (found.named, found.turned, found.missed) == (0, 0, unanimous)
    assert found.missed + found.disputed == sum(len(line.row.themes) for line in held)


def _drop_first_line(path: Path) -> None:
    path.write_text("".join(path.read_text(encoding="utf-8").splitlines(True)[1:]))


def _replace_line(path: Path, index: int, change: dict[str, object]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[index] = json.dumps({**json.loads(lines[index]), **change})
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize(
    ("change", "says"),
    [
        # A reader who missed a line.
        (
            lambda d: _drop_first_line(d / "reader_3.jsonl"),
            r"reader_3\.jsonl: its lines are not its half",
        ),
        # A reading that is not one of the eleven themes, named by its line.
        (
            lambda d: _replace_line(d / "reader_2.jsonl", 4, {"themes": {"morale": "neg"}}),
            r"reader_2\.jsonl, line 5",
        ),
        # A drawn line no labelled comment has.
        (
            lambda d: _replace_line(d / "sample.jsonl", 0, {"id": "nobody"}),
            "s001 names no labelled line",
        ),
        # The same labelled comment drawn twice would count twice.
        (
            lambda d: (d / "sample.jsonl").write_text(
                (text := (d / "sample.jsonl").read_text())
                + json.dumps({"sid": "s999", "id": json.loads(text.splitlines()[0])["id"]})
                + "\n"
            ),
            "named twice",
        ),
        (lambda d: (d / "study.json").write_text("{"), r"study\.json: not JSON"),
        (
            lambda d: (d / "study.json").write_text('{"files": ["a.jsonl"]}'),
            r"study\.json: expected",
        ),
        (
            lambda d: (d / "study.json").write_text(
                (d / "study.json").read_text().replace('"held_out": 200', '"held_out": 201')
            ),
            "where study.json says 201 and 100 were drawn",
        ),
    ],
)
def test_a_study_that_is_not_what_it_says_is_refused(
    tmp_path: Path, rows: list[Labelled], change: object, says: str
) -> None:
    target = _copy(tmp_path)
    change(target)  # type: ignore[operator]
    with pytest.raises(DataError, match=says):
        load_study(target, rows)


def test_no_labelled_comments_to_join_is_refused() -> None:
    with pytest.raises(DataError, match="no labelled comments"):
        load_study(STUDY, [])


def _held_ids(count: int) -> list[str]:
    ids = (f"t{n}" for n in range(10_000))
    return [i for i in ids if is_held_out(Labelled(i, "pulse", "", {}, None, "writer_t.jsonl"))][
        :count
    ]


def _line(
    sid: str, labels: dict[str, str], first: dict[str, str], second: dict[str, str]
) -> StudyLine:
    row = Labelled(sid, "pulse", f"comment {sid}", labels, None, "writer_t.jsonl")
    return StudyLine(sid, row, (first, second))


def test_each_kind_of_miss_is_counted_as_its_kind() -> None:
    a, b, c, d, e = _held_ids(5)
    lines = (
        _line(a, {"pay": "neg"}, {"pay": "neg"}, {"pay": "neg"}),  # the analyser turns it
        _line(b, {}, {}, {}),  # the analyser names IT, nobody else does
        _line(c, {"workload": "neg"}, {"workload": "neg"}, {}),  # the readers split
        _line(d, {"workload": "neg"}, {"workload": "neg"}, {"workload": "neg"}),  # missed
        _line(e, {"pay": "pos"}, {"pay": "neg"}, {"pay": "neg"}),  # readers against the labels
    )
    reads = {a: {"pay": "pos"}, b: {"it_systems": "neg"}, c: {}, d: {}, e: {}}

    def analyser(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis(reads[text.removeprefix("comment ")], 0.0)  # type: ignore[arg-type]

    study = Study(lines, 0, ("writer_t.jsonl",))
    assert misses(study, read_with(study, analyser)) == Misses(
        named=1, missed=1, turned=1, disputed=2
    )


def test_the_bootstrap_of_comments_all_alike_has_no_spread() -> None:
    ids = _held_ids(12)
    lines = tuple(_line(i, {"pay": "neg"}, {"pay": "neg"}, {"pay": "pos"}) for i in ids)

    def analyser(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis({}, 0.0)

    alike = Study(lines, 0, ("writer_t.jsonl",))
    found = spread(alike, read_with(alike, analyser), resamples=40)
    # Every resample holds the same comment: every figure is its own interval's both ends.
    assert found.first == (1 / 11, 1 / 11, 1 / 11)
    assert found.second == (1 / 11, 1 / 11, 1 / 11)  # the theme found, its direction aside
    assert found.gap == (0.0, 0.0, 0.0)  # the readers agree on nothing, as the analyser finds


def test_the_bootstrap_interval_holds_its_figure(study: Study) -> None:
    def labels(text: str, question: str | None, source: str | None) -> CommentAnalysis:
        return CommentAnalysis({}, 0.0)

    found = spread(study, read_with(study, labels), resamples=200)
    for point, low, high in (found.first, found.second, found.gap):
        assert low <= point <= high
        assert high - low > 0.01  # two hundred comments leave room

"""The compiled analyser (analysis.compiled): used only when built from the sources as they are,
and reading every comment as the plain modules do."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import compiled
from analysis.comments import analyse
from analysis.dataset import load_dir

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"


def printed_by_plain_python(script: str) -> str:
    """What `script` prints, run by a fresh Python that is told to use the plain modules."""
    env = {**os.environ, compiled.PURE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the package's sources and the project modules they import, to edit."""
    copy = tmp_path / "analysis"
    copy.mkdir()
    for source in compiled.PACKAGE.glob("*.py"):
        shutil.copy(source, copy / source.name)
    for name in compiled.OUTSIDE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return copy


def fake_build(build: Path, package: Path) -> None:
    """A build folder whose manifest matches `package` and its files, which are no libraries."""
    (build / "analysis").mkdir(parents=True)
    for path in compiled.built_files(build):
        path.write_bytes(b"not a library: " + path.name.encode())
    manifest = {"digest": compiled.digest(package), "files": compiled.file_digests(build)}
    (build / compiled.MANIFEST.name).write_text(json.dumps(manifest))


@pytest.fixture
def build(tmp_path: Path, package: Path) -> Path:
    """A fake build of `package`, fresh until something is changed."""
    folder = tmp_path / "build"
    fake_build(folder, package)
    return folder


def refused(build: Path, package: Path) -> bool:
    """Whether `use` refuses `build` and leaves the package's path as it was."""
    path: list[str] = []
    return compiled.use(path, build, package) is False and path == []


def test_a_build_of_other_sources_is_not_used(build: Path, package: Path) -> None:
    assert compiled.fresh(build, package)
    # An edit to any module of the package, compiled or not (a compiled module may have
    # inlined another's constants), makes the build stale.
    source = package / "lexicon.py"
    source.write_text(source.read_text() + "\n# an edit\n")
    assert not compiled.fresh(build, package)
    assert refused(build, package)


def test_an_edit_to_the_themes_makes_the_build_stale(
    tmp_path: Path, build: Path, package: Path
) -> None:
    # The compiled modules import the themes from surveys/: their build is of those too.
    themes = tmp_path / "surveys" / "themes.py"
    themes.write_text(themes.read_text().replace("Pay", "Pay and conditions", 1))
    assert not compiled.fresh(build, package)


def test_a_new_module_in_the_package_makes_the_build_stale(build: Path, package: Path) -> None:
    (package / "extra.py").write_text("X = 1\n")
    assert not compiled.fresh(build, package)


@pytest.mark.parametrize(
    "manifest", ["", "{", "[]", '{"digest": 1}', '{"modules": []}', '{"files": {}}']
)
def test_a_missing_or_broken_manifest_is_not_a_build(
    tmp_path: Path, build: Path, package: Path, manifest: str
) -> None:
    (build / compiled.MANIFEST.name).write_text(manifest)
    assert not compiled.fresh(build, package)
    assert not compiled.fresh(tmp_path / "nowhere", package)


def test_a_broken_build_falls_back_to_the_plain_modules(build: Path, package: Path) -> None:
    # A fresh manifest over a shared library that does not load (one built for another
    # machine's libraries): the plain modules, not an import error.
    loaded = sys.modules.get(compiled.SHARED)
    assert refused(build, package)
    assert sys.modules.get(compiled.SHARED) is loaded


@pytest.mark.parametrize("damage", ["missing", "empty", "cut short", "another build's"])
def test_a_damaged_module_is_not_used(build: Path, package: Path, damage: str) -> None:
    # Loaded, a module cut short crashes the process (a bus error), so every file must be as the
    # build wrote it before any is loaded; a manifest over another build's files is no build.
    assert compiled.fresh(build, package)
    module = build / "analysis" / f"rules{compiled.extension_suffix()}"
    if damage == "missing":
        module.unlink()
    elif damage == "empty":
        module.write_bytes(b"")
    elif damage == "cut short":
        module.write_bytes(module.read_bytes()[:5])
    else:
        module.write_bytes(b"another build's rules")
    assert not compiled.fresh(build, package)
    assert refused(build, package)


def test_a_manifest_must_name_every_file_of_the_build(build: Path, package: Path) -> None:
    manifest = json.loads((build / compiled.MANIFEST.name).read_text())
    assert len(manifest["files"]) == len(compiled.MODULES) + 1
    del manifest["files"][f"analysis/text{compiled.extension_suffix()}"]
    (build / compiled.MANIFEST.name).write_text(json.dumps(manifest))
    assert not compiled.fresh(build, package)


def test_a_build_made_another_way_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A build recorded as made another way (another build script, its optimisation level, other
    # mypy settings) or by another mypy is made again by `make compile`, though the sources are
    # the same.
    from tools import compile_analysis

    manifest = tmp_path / "manifest.json"
    monkeypatch.setattr(compile_analysis, "MANIFEST", manifest)
    monkeypatch.setattr(compile_analysis, "fresh", lambda: True)
    manifest.write_text(json.dumps({"settings": compile_analysis.settings()}))
    assert compile_analysis.up_to_date()
    manifest.write_text(json.dumps({"settings": "made with opt_level 0"}))
    assert not compile_analysis.up_to_date()
    manifest.write_text(json.dumps({"settings": compile_analysis.settings()}))
    monkeypatch.setattr(compile_analysis.metadata, "version", lambda _name: "0.1")
    assert not compile_analysis.up_to_date()


def test_the_plain_modules_can_be_asked_for() -> None:
    script = "from analysis import compiled, rules; print(compiled.in_use(), rules.__file__)"
    in_use, rules_file = printed_by_plain_python(script).split()
    assert in_use == "False"
    assert rules_file == str(compiled.PACKAGE / "rules.py")


def test_ci_reads_with_the_compiled_modules() -> None:
    # CI builds them (`make test` runs `make compile`, and .ci/run installs a C compiler), so
    # the comparison below is never skipped there.
    if os.environ.get("CI") != "true":
        pytest.skip("outside CI a machine may have no C compiler (the plain modules then run)")
    assert compiled.fresh()
    assert compiled.in_use()


def readings(rows: list[tuple[str, str | None, str]]) -> list[list[object]]:
    """Each comment's themes, directions and polarity, as JSON would hold them."""
    found = []
    for text, question, source in rows:
        reading = analyse(text, question, source=source)
        found.append([sorted(reading.themes.items()), reading.polarity])
    normal: list[list[object]] = json.loads(json.dumps(found))
    return normal


def assert_read_alike(step: int) -> None:
    """The labelled comments (every `step`th) read in this process and by the plain modules."""
    if not compiled.in_use():
        pytest.skip("the compiled modules are not built here (make compile)")
    rows = [(row.text, row.question, row.source) for row in load_dir(DATA)][::step]
    script = (
        "import json, sys\n"
        "from tests.analysis.test_compiled import readings\n"
        "rows = json.load(sys.stdin)\n"
        "print(json.dumps(readings(rows)))\n"
    )
    env = {**os.environ, compiled.PURE_ENV: "1"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        input=json.dumps(rows),
        capture_output=True,
        text=True,
        check=True,
    )
    plain = json.loads(done.stdout)
    mine = readings(rows)
    differ = [(row, a, b) for row, a, b in zip(rows, mine, plain, strict=True) if a != b]
    assert differ == []


def test_compiled_and_plain_modules_read_alike() -> None:
    assert_read_alike(step=25)


@pytest.mark.slow
def test_compiled_and_plain_modules_read_every_labelled_comment_alike() -> None:
    assert_read_alike(step=1)

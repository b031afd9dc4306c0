"""The analyser's hot modules compiled to C with mypyc, used only where they were built from the
exact sources beside them.

`make compile` (which `make test`, `check` and `bench` run; tools/compile_analysis.py) builds
`analysis.matching`, `text`, `rules`, `learned` and `neighbours` into `build/compiled/`, with a
manifest holding the digest of every `analysis/*.py` file, of `surveys/themes.py` (which they
import), of the Python that built them and of each file built. Importing `analysis` puts that
folder in front of the package's own only while the manifest still matches: an edit to any of
those sources, another Python, a built file missing or changed, or `STAYPULSE_PURE_PYTHON=1`
means the plain modules, so a stale or damaged build never reads a comment. Both
read every labelled comment the same way (tests/analysis/test_compiled.py); compiled, the
analyser reads about a quarter more comments a second (docs/analysis.md).

The build needs mypyc (mypy's `mypyc` extra, a dev tool), a C compiler and Python's headers.
Without them nothing is built and the plain modules run, as they do in a production install (`make
install`), where the bot reads a few comments a minute.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import sysconfig
from pathlib import Path
from typing import Final

PACKAGE: Final = Path(__file__).resolve().parent
BUILD: Final = PACKAGE.parent / "build" / "compiled"
MANIFEST: Final = BUILD / "manifest.json"
# The modules compiled: where the time of a reading goes. (mypyc compiles a `cached_property` as
# a plain property, which would make a model's tables again on every use: `learned` has none.)
MODULES: Final = ("matching", "text", "rules", "learned", "neighbours")
# The mypyc runtime the compiled modules share, an extension module of its own name.
GROUP: Final = "staypulse_analysis"
SHARED: Final = f"{GROUP}__mypyc"
PURE_ENV: Final = "STAYPULSE_PURE_PYTHON"
# The project's modules outside the package that the compiled ones import (the themes).
OUTSIDE: Final = ("surveys/themes.py",)


def digest(package: Path = PACKAGE) -> str:
    """The digest of every source of the package, of the other project modules it imports
    (`OUTSIDE`) and of the Python that runs it: a compiled module may have inlined another
    module's constants, so any change to any of them (or a Python whose extension modules are
    built differently) makes the build stale."""
    hasher = hashlib.sha256()
    hasher.update(f"{sys.version}\0{extension_suffix()}\0".encode())
    for path in [*sorted(package.glob("*.py")), *(package.parent / name for name in OUTSIDE)]:
        source = path.read_bytes() if path.is_file() else b"(none)"
        hasher.update(path.name.encode() + b"\0" + source + b"\0")
    return hasher.hexdigest()


def built_files(build: Path = BUILD) -> list[Path]:
    """The files a build of `MODULES` in `build` is made of: the shared runtime and each module."""
    suffix = extension_suffix()
    return [
        build / f"{SHARED}{suffix}",
        *(build / "analysis" / f"{name}{suffix}" for name in MODULES),
    ]


def file_digests(build: Path = BUILD) -> dict[str, str]:
    """The digest of each of the `built_files` there is, by its path within `build`."""
    return {
        str(path.relative_to(build)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in built_files(build)
        if path.is_file()
    }


def fresh(build: Path = BUILD, package: Path = PACKAGE) -> bool:
    """Whether `build` holds the modules built from the sources in `package` as they are now,
    every file as the build wrote it (not cut short, emptied or copied from another build)."""
    try:
        recorded = json.loads((build / MANIFEST.name).read_text())
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("digest") != digest(package):
        return False
    files = recorded.get("files")
    # The count as well: `file_digests` leaves out a missing file, so a manifest that names
    # fewer files could match a build missing one.
    return (
        isinstance(files, dict)
        and len(files) == len(built_files(build))
        and files == file_digests(build)
    )


def use(package_path: list[str], build: Path = BUILD, package: Path = PACKAGE) -> bool:
    """Put the compiled modules in `build` in front of the package's own (`package_path` is the
    package's `__path__`) if they are fresh and not turned off; whether they are now in use."""
    if os.environ.get(PURE_ENV, "").strip() not in ("", "0") or not fresh(build, package):
        return False
    spec = importlib.util.spec_from_file_location(SHARED, built_files(build)[0])
    if spec is None or spec.loader is None:
        return False
    # Loaded here by its path, so the project's build folder is never put on sys.path.
    try:
        module = importlib.util.module_from_spec(spec)  # an extension module loads here
        spec.loader.exec_module(module)
    except (ImportError, OSError):  # a build for another machine: the plain modules
        return False
    sys.modules[SHARED] = module
    package_path.insert(0, str(build / "analysis"))
    return True


def in_use() -> bool:
    """Whether this process reads comments with the compiled modules."""
    from analysis import rules

    return not str(getattr(rules, "__file__", "")).endswith(".py")


def extension_suffix() -> str:
    """The file ending of this Python's extension modules (".cpython-311-x86_64-linux-gnu.so")."""
    return str(sysconfig.get_config_var("EXT_SUFFIX"))

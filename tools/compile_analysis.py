"""Compile the analyser's hot modules with mypyc into build/compiled (`make compile`).

`analysis.compiled` says which modules, where they go and when they are used: only while every
source of `analysis/` is as it was built from. This script needs mypyc, which comes with mypy (a
dev tool), and a C compiler; without them it says so and builds nothing, and the plain modules
run, reading every comment the same way. It never fails `make` for want of a compiler.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import sysconfig
import tomllib
from importlib import metadata
from pathlib import Path

from analysis.compiled import (
    BUILD,
    GROUP,
    MANIFEST,
    MODULES,
    PACKAGE,
    digest,
    file_digests,
    fresh,
)

# How the modules are compiled, which `settings` records beside the sources' digest.
OPTIMISE = "3"


def settings() -> str:
    """The digest of how a build is made: this script, mypy's version (mypyc is part of it) and
    the project's mypy settings. A change to any of them rebuilds the modules here; it is not
    asked at import (`analysis.compiled.fresh`), where a production install has no mypy."""
    try:
        mypy = metadata.version("mypy")
    except metadata.PackageNotFoundError:
        mypy = "(none)"
    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    made = [Path(__file__).read_text(), mypy, json.dumps(project["tool"]["mypy"], sort_keys=True)]
    return hashlib.sha256("\0".join(made).encode()).hexdigest()


def up_to_date() -> bool:
    """Whether the build is fresh and made as this script now makes one."""
    try:
        recorded = json.loads(MANIFEST.read_text())
    except (OSError, ValueError):
        return False
    return fresh() and isinstance(recorded, dict) and recorded.get("settings") == settings()


def build() -> str:
    """Compile `MODULES` into `BUILD` unless they are up to date; what was done, in words.
    Raises `RuntimeError` where mypyc or a C compiler is missing or the build fails."""
    if up_to_date():
        return "compiled analyser is up to date"
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as error:  # an install without the dev tools has no mypy
        raise RuntimeError(f"{error.name or error} is not installed (a dev tool)") from error
    # setuptools compiles with $CC where it is set, else with the compiler Python was built with.
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        raise RuntimeError(f"no C compiler ({compiler}: apt-get install gcc)")
    MANIFEST.unlink(missing_ok=True)  # first: a build cut short is never taken for a build
    shutil.rmtree(BUILD, ignore_errors=True)
    BUILD.mkdir(parents=True)
    before = digest()
    here = Path.cwd()
    sources = [str(PACKAGE / f"{module}.py") for module in MODULES]
    config = f"--config-file={PACKAGE.parent / 'pyproject.toml'}"
    # setuptools reads the pyproject.toml of the folder it runs in: run in the build folder, it
    # builds only the extensions asked for, not the project.
    os.chdir(BUILD)
    try:
        extensions = mypycify(
            [config, *sources], opt_level=OPTIMISE, group_name=GROUP, target_dir=str(BUILD / "c")
        )
        setup(
            name="staypulse-compiled",
            ext_modules=extensions,
            script_args=[
                "--quiet",
                "build_ext",
                f"--build-lib={BUILD}",
                f"--build-temp={BUILD / 'temp'}",
            ],
        )
    except (SystemExit, Exception) as error:  # setuptools reports a failed compile by exiting
        raise RuntimeError(f"the build failed ({error})") from error
    finally:
        os.chdir(here)
    if digest() != before:  # a source changed while it was built: the build is not of it
        raise RuntimeError("analysis/ changed during the build; run it again")
    files = file_digests()
    if len(files) != len(MODULES) + 1:
        raise RuntimeError(f"the build made {sorted(files)}, not the modules {list(MODULES)}")
    manifest = {"digest": before, "settings": settings(), "files": files}
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    return f"compiled analysis.{{{','.join(MODULES)}}} with mypyc into {BUILD}"


def main() -> int:
    """Build, or say why not (the exit status is 0 either way)."""
    try:
        print(build())
    except RuntimeError as error:
        print(f"the analyser runs as plain Python: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Compile the analyser's hot modules with mypyc into build/compiled (`make compile`).

`analysis.compiled` says which modules, where they go and when they are used: only while every
source of `analysis/` is as it was built from. This script needs mypyc, which comes with mypy (a
dev tool), and a C compiler; without them it says so and builds nothing, and the plain modules
run, reading every comment the same way. It never fails `make` for want of a compiler.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import sysconfig
from pathlib import Path

from analysis.compiled import (
    BUILD,
    GROUP,
    MANIFEST,
    MODULES,
    PACKAGE,
    digest,
    extension_suffix,
    fresh,
)


def build() -> str:
    """Compile `MODULES` into `BUILD` unless they are fresh; what was done, in words. Raises
    `RuntimeError` where mypyc or a C compiler is missing or the build fails."""
    if fresh():
        return "compiled analyser is up to date"
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as error:  # an install without the dev tools has no mypy
        raise RuntimeError(f"mypyc is not installed ({error})") from error
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        raise RuntimeError(f"no C compiler ({compiler}: apt-get install gcc)")
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
            [config, *sources], opt_level="3", group_name=GROUP, target_dir=str(BUILD / "c")
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
    built = sorted(path.name for path in (BUILD / "analysis").glob(f"*{extension_suffix()}"))
    if len(built) != len(MODULES):
        raise RuntimeError(f"the build made {built}, not the modules {list(MODULES)}")
    MANIFEST.write_text(json.dumps({"digest": before, "modules": built}, indent=2) + "\n")
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

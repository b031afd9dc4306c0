"""Tests that replace a module's insides, run on the plain modules (analysis.compiled)."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec

from analysis import compiled

ROOT = Path(__file__).resolve().parents[2]
P = ParamSpec("P")


def plain_python(test: Callable[P, None]) -> Callable[P, None]:
    """Run `test` on the plain modules: in this process if it reads with them, else in a pytest
    of its own told to. A compiled module's functions call each other directly, its constants
    are its own and a patch of a compiled class is accepted but never called, so a test that
    patches them would test nothing (or fail) there."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        if not compiled.in_use():
            test(*args, **kwargs)
            return
        path = Path(sys.modules[test.__module__].__file__ or "").relative_to(ROOT)
        env = {**os.environ, compiled.PURE_ENV: "1"}
        options = ["-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
        done = subprocess.run(
            [sys.executable, "-m", "pytest", *options, f"{path}::{test.__name__}"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
        assert "1 passed" in done.stdout, done.stdout[-2000:]

    return run

"""The fresh probes' pinned cases (probes/*.jsonl), shared by their tests: each line keeps what
became of it, and the ones still read wrong ("wrong", or "lost": read right once, wrong since)
are strict xfails, so a reading that comes right by the way is noticed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

KNOWN_LIMITS = frozenset({"wrong", "lost"})


def load(path: Path) -> list[dict[str, Any]]:
    """A probe's cases, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def params(cases: list[dict[str, Any]]) -> list[Any]:
    """The cases as pytest params, numbered, with the known limits as strict xfails."""
    found = []
    for number, case in enumerate(cases, start=1):
        marks = []
        if case["status"] in KNOWN_LIMITS:
            marks.append(
                pytest.mark.xfail(
                    strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
                )
            )
        found.append(
            pytest.param(case, marks=marks, id=f"{number:02d}-{case['kind']}-{case['status']}")
        )
    return found

"""A fourth fresh probe (twenty-eighth round): 72 comments a helper wrote with no sight of the
data, code or tests, twelve in each of issue 19's six kinds of error, labelled by the writer
before any was run. It was scored once, on the analyser as it stood (36bcd7a): 53 of 72 right.
probes/fourth.jsonl keeps each with what became of it:

- "right": read right when it arrived: every labelled theme found, the labelled way (another
  theme beside them is allowed, as in test_error_kinds);
- "mended": read wrong then, right since; mended from the probe, so no longer text nobody
  tuned to;
- "wrong": still read wrong, a known limit (docs/analysis.md): a strict xfail, so a reading
  that comes right by the way is noticed and moved to "mended";
- "lost": read right once, wrong since (also a strict xfail).

Four short answers ("my TM", "money", "the drive", "burnout") are also bare answers in the
training data, to other questions: what is tested is how their question leans them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.analysis.probe_cases import (
    assert_reads_as_labelled,
    assert_six_kinds_whole,
    load,
    params,
)

PROBE = Path(__file__).parent / "probes" / "fourth.jsonl"


def _cases() -> list[dict[str, Any]]:
    return load(PROBE)


def test_the_probe_is_whole() -> None:
    assert_six_kinds_whole(_cases())


@pytest.mark.parametrize("case", params(_cases()))
def test_the_fourth_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    assert_reads_as_labelled(case)

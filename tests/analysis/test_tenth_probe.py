"""A tenth fresh probe (thirty-ninth round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a social worker of twenty-six in an adolescent and
exploitation team, in a casual young voice, "ngl", "lowkey"; a man of fifty-eight in a child
protection and court team, two years from his pension, dry and complete; a father of two on
compressed hours in a child in need team, on fairness and progression for Black staff), 25
pulse comments, 20 stay and 15 exit answers a writer, labelled by the writer before any was
run. It was scored before any line was read, on the thirty-ninth round's analyser after its
ninth-probe mends and on the thirty-eighth's: the same 180 readings, 148 of 180 right (those
mends touched none of its lines); then its misses were read and three mended.
probes/tenth.jsonl keeps each with what became of it:

- "right": read right when it arrived (every labelled theme found, the labelled way; another
  theme beside them is allowed, as in test_error_kinds);
- "wrong": read wrong when it arrived, a known limit: a strict xfail, so a reading that comes
  right by the way is noticed;
- "mended" and "lost", as in the other probes, once a later round changes a reading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.analysis.probe_cases import (
    assert_reads_as_labelled,
    assert_three_writers_whole,
    load,
    params,
)

PROBE = Path(__file__).parent / "probes" / "tenth.jsonl"


def _cases() -> list[dict[str, Any]]:
    return load(PROBE)


def test_the_probe_is_whole() -> None:
    assert_three_writers_whole(_cases())


@pytest.mark.parametrize("case", params(_cases()))
def test_the_tenth_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    assert_reads_as_labelled(case)

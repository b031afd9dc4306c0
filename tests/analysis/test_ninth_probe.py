"""A ninth fresh probe (thirty-ninth round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a social worker at the front door, in a MASH duty team,
who came to the work from the police: terse, numbers and fragments; a social worker recruited
from Zimbabwe on a sponsored visa, in a looked-after children team: formal, courteous English
with turns of phrase of her own, "my in-charge"; a supervising social worker in a rural fostering
team: rambling, hedged, asides in brackets), 25 pulse comments, 20 stay and 15 exit answers a
writer, labelled by the writer before any was run. It was scored before any line was read, on the
thirty-eighth round's analyser (149 of 180 right); then its misses were read and six mended.
probes/ninth.jsonl keeps each with what became of it:

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

PROBE = Path(__file__).parent / "probes" / "ninth.jsonl"


def _cases() -> list[dict[str, Any]]:
    return load(PROBE)


def test_the_probe_is_whole() -> None:
    assert_three_writers_whole(_cases())


@pytest.mark.parametrize("case", params(_cases()))
def test_the_ninth_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    assert_reads_as_labelled(case)

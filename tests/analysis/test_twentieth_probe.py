"""A twentieth fresh probe (fifty-first round): 160 comments two more helpers wrote with no sight
of the data, code or tests, asked for what staff would actually type (one voice each: an
unqualified family support worker in a North East edge-of-care team, fourteen years in, plain,
warm and a little dialect; a team manager in a children-with-disabilities team who answers the
pulse too, measured, in management words and semicolons), labelled by the writer before any was
run. It was scored before any line was read, on the fiftieth round's analyser: 138 of 160 right
(67 and 71), macro-F1 0.860, direction 0.946. Its misses taught the round that less of a good
thing is bad news ("a lot less laughing"), that a person who checks in on the worker is kind,
that a journey told by its legs ("two buses each way") is the commute, that a loss "they're
threatening" is a complaint, that "I'll leave it at that" says the thing is bad, and that new
handsets and a room that replaced "the old broom cupboard" are good news (docs/analysis.md).
The lines still read otherwise are mostly recognition by "the service" (the writers' leaders,
the pool's team) and themes only implied.
probes/twentieth.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from tests.analysis.probe_cases import (
    PROBES,
    assert_pulse_and_interviews_whole,
    assert_reads_as_labelled,
    load,
    params,
)

_CASES = load(PROBES / "twentieth.jsonl")


def test_the_probe_is_whole() -> None:
    assert_pulse_and_interviews_whole(_CASES, {"pulse": 90, "stay": 50, "exit": 20})
    assert Counter(case["voice"] for case in _CASES) == {"i": 80, "j": 80}
    assert Counter(case["status"] for case in _CASES) == {"right": 138, "mended": 9, "wrong": 13}


@pytest.mark.parametrize("case", params(_CASES))
def test_the_twentieth_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    assert_reads_as_labelled(case)

"""A fifteenth fresh probe (forty-eighth round): 180 comments two helpers wrote with no sight of
the data, code or tests, asked for mixed verdicts (at least 60 lines a writer that weigh one
thing against another, in constructions of their own, no shape twice), one voice each (a senior
residential worker in a council children's home in the north of England, clipped, in dialect
and the home's abbreviations; a court-team social worker in a London borough, measured and wry),
about half pulse comments and half stay and exit answers, labelled by the writer before any was
run. It was scored before any line was read, on the forty-seventh round's analyser: 88 of 180
right (37 and 51), macro-F1 0.837, direction 0.854. The round's forms of statements of parts
and its marks out of ten were written before it arrived and moved none of its readings; its
misses taught the round a children's home's words ("RM" and "DM" its managers, "YP", a
sleep-in's rate), "nothing wrong with" and a problem someone "resolved": 14 mended, none lost
(docs/analysis.md).
probes/fifteenth.jsonl keeps each with what became of it, as the fourteenth's does.
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

_CASES = load(PROBES / "fifteenth.jsonl")


def test_the_probe_is_whole() -> None:
    assert_pulse_and_interviews_whole(_CASES, {"pulse": 91, "stay": 69, "exit": 20})
    assert Counter(case["voice"] for case in _CASES) == {"a": 90, "b": 90}
    # Written to weigh things: most lines name two themes or more.
    assert sum(len(case["themes"]) >= 2 for case in _CASES) >= 120


@pytest.mark.parametrize("case", params(_CASES))
def test_the_fifteenth_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    assert_reads_as_labelled(case)

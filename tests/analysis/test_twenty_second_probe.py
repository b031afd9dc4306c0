"""A twenty-second fresh probe (fifty-second round): 160 comments two more helpers wrote with no
sight of the data, code or tests, asked for what staff would actually type (one voice each: a
social worker in a regional adoption agency hosted by the council, wry and literate, in long
sentences; a practice educator and senior practitioner in a child protection team, reflective, in
practice words), labelled by the writer before any was run. Scored before any line was read, on
the fifty-first round's analyser: 142 of 160 right (70 and 72), macro-F1 0.856, direction 0.959.
Its misses taught the round that being valued "much less by the organisation" is a low degree,
not "much less stress", that a council told by what it does ("by the council that hosts us")
is the leaders, that duplicate recording scrapped is good news, that a manager who "did
everything she could" is praised, and that numbers that "keep climbing" are the load's bad news
(docs/analysis.md). probes/twenty-second.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_second_probe_reads_as_recorded = (
    pulse_and_interviews_tests(
        "twenty-second",
        kinds={"pulse": 90, "stay": 50, "exit": 20},
        voices={"m": 80, "n": 80},
        statuses={"right": 142, "mended": 6, "wrong": 12},
    )
)

"""A twenty-first fresh probe (fifty-first round): 160 comments two more helpers wrote with no
sight of the data, code or tests, asked for what staff would actually type (one voice each: a
senior practitioner in a Midlands child protection and court team, twenty-two years in,
reflective and wary of targets; a part-time social worker in a rural family support team on the
Welsh border, typing late at night in lowercase), labelled by the writer before any was run. It
was written after the round's mends from the nineteenth and twentieth probes, and scored before
any line was read, on the round's analyser with them: 135 of 160 right (69 and 66), macro-F1
0.841, direction 0.954, the very lines the fiftieth round's analyser read (it read all 160 the
same way), so the round's mends neither helped nor hurt text they were not made from. Its
misses taught the round that "Less than I did." is a low degree, that the people who "have my
back" are the team and good news, and that a "3 day pattern" is work-life balance
(docs/analysis.md). The lines still read otherwise are mostly themes only implied (the load
behind "I owe them so much cake") and threats to a part-time or hybrid arrangement, which this
writer labelled as complaints and the pool (77 of its 92 labels) as what the worker values.
probes/twenty-first.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_first_probe_reads_as_recorded = pulse_and_interviews_tests(
    "twenty-first",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"k": 80, "l": 80},
    statuses={"right": 135, "mended": 3, "wrong": 22},
)

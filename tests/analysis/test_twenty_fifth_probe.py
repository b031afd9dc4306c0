"""A twenty-fifth fresh probe (fifty-third round): 160 comments two more helpers wrote on the
same brief (one voice each: a young social worker in a London borough's leaving care team,
sardonic, typing on the bus in lowercase text-speak; a social worker of sixty-one, Scottish by
birth, in a Cumbria children looked after team months from retirement, gentle and reflective,
in long sentences with the odd Scots word), labelled by the writer before any was run. Scored on
the fifty-second round's analyser before any line was read: 136 of 160 right (67 and 69),
macro-F1 0.896, direction 0.958. Its misses taught the round that a one-to-one is supervision,
that "valued? lol" is scorn, that support which "depends who's in the chair" is unsteady and
tells the manager apart from an opening "Very", that "Well enough." answers for both, that a
regrade which came through is good news, and that "I am not ok" is wellbeing's
(docs/analysis.md). The lines still read otherwise are mostly people known only by a first name
("grace was great") and themes only implied. probes/twenty-fifth.jsonl keeps each with what
became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_fifth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "twenty-fifth",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"s": 80, "t": 80},
    statuses={"right": 135, "mended": 7, "wrong": 17, "lost": 1},
)

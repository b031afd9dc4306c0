"""A tenth fresh probe (thirty-ninth round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a social worker of twenty-six in an adolescent and
exploitation team, in a casual young voice, "ngl", "lowkey"; a man of fifty-eight in a child
protection and court team, two years from his pension, dry and complete; a father of two on
compressed hours in a child in need team, on fairness and progression for Black staff), 25
pulse comments, 20 stay and 15 exit answers a writer, labelled by the writer before any was
run. It was scored before any line was read, on the thirty-ninth round's analyser after its
ninth-probe mends and on the thirty-eighth's: the same 180 readings, 148 of 180 right (those
mends touched none of its lines); then its misses were read and three mended.
probes/tenth.jsonl keeps each with what became of it, as the eighth's does: "right" or
"wrong" when it arrived, "mended" or "lost" once a later round changes a reading.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_tenth_probe_reads_as_recorded = three_writers_tests("tenth")

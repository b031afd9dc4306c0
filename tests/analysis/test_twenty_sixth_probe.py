"""A twenty-sixth fresh probe (fifty-third round): 160 comments two more helpers wrote on the
same brief (one voice each: a dyslexic social worker in a children with disabilities team who
dictates every answer to her phone, so homophones and run-on sentences come through; a social
worker back after a five-year career break, part-time on a front door team, anxious and
qualifying everything), labelled by the writer before any was run. It was held back: scored on
the fifty-second round's analyser before any line was read, 134 of 160 right (68 and 66),
macro-F1 0.870, direction 0.948, and again after the round's mends from the twenty-fifth probe,
which read every one of its 160 lines the same way. Only then were its misses read; they taught
the round that the one a worker would follow out ("Sarah. If she went I'd be gone the week
after") is the manager, that a regrade is pay's good news, and that a worker "a bit wobbly"
after a visit that has "stayed with me" is wellbeing's bad news. The rest are mostly themes only
implied and threats to a hybrid arrangement, which this writer labelled as complaints.
probes/twenty-sixth.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_sixth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "twenty-sixth",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"u": 80, "v": 80},
    statuses={"right": 134, "mended": 4, "wrong": 22},
)

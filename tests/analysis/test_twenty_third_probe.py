"""A twenty-third fresh probe (fifty-second round): 160 comments two more helpers wrote on the
same brief (one voice each: a young social worker in an edge-of-care and adolescent team in a
coastal town, fast and lowercase in slang; a child in need social worker who also cares for his
mother, tired and clipped, in typos he does not fix), labelled by the writer before any was run.
Scored before any line was read, on the fifty-first round's analyser: 149 of 160 right (75 and
74), macro-F1 0.898, direction 0.982. Its misses taught the round that "cheers" signing off a
complaint is no thanks, that "I don't blame her" says nothing of the team's culture, that a
return to work "handled well" is good news of it, that agency cover cut is the load's bad news,
and that a pay award "below inflation" is a cut (docs/analysis.md). The lines still read
otherwise are mostly themes only implied ("its just the distance") and a duty rota, which this
writer labelled work-life balance and the pool, in most of its comments, the workload.
probes/twenty-third.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_third_probe_reads_as_recorded = pulse_and_interviews_tests(
    "twenty-third",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"o": 80, "p": 80},
    statuses={"right": 149, "mended": 5, "wrong": 6},
)

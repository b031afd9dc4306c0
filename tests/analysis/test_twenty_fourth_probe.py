"""A twenty-fourth fresh probe (fifty-second round): 160 comments two more helpers wrote on the
same brief (one voice each: an assistant team manager in a West Yorkshire child protection team,
plain-spoken, in a little dialect, counting in numbers; a social worker recruited from India on a
skilled worker visa, polite, formal and understated), labelled by the writer before any was run.
It was held back: scored on the fifty-first round's analyser before any line was read, 142 of
160 right (70 and 72), macro-F1 0.851, direction 0.977, and again after the round's mends from
the twenty-second and twenty-third probes and its review, which read every one of its 160 lines
the same way. Only then were its misses read; one taught the round that colleagues who "never
laugh at me" are kind. The rest are mostly themes only implied ("Bit quieter this month. Not
complaining.") and a duty rota, which these writers labelled work-life balance and the pool, in
most of its comments, the workload. probes/twenty-fourth.jsonl keeps each with what became of
it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twenty_fourth_probe_reads_as_recorded = (
    pulse_and_interviews_tests(
        "twenty-fourth",
        kinds={"pulse": 90, "stay": 50, "exit": 20},
        voices={"q": 80, "r": 80},
        statuses={"right": 142, "mended": 2, "wrong": 16},
    )
)

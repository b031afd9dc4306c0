"""A thirteenth fresh probe (forty-third round): 180 comments three helpers wrote with no sight
of the data, code or tests, one voice each (an unqualified family support worker in an early help
team in the north of England, chatty and warm, in run-on lowercase with dialect, emoji and typos;
a team manager of a front door team, diplomatic and managerial, in hedged, passive sentences; a
newly qualified social worker after twelve years in the army, terse, in fragments and military
comparisons), 25 pulse comments, 20 stay and 15 exit answers a writer, labelled by the writer
before any was run. It was scored before any line was read, on the forty-second round's analyser:
151 of 180 right. Its misses were read, and six mended by the round's readings: thanks nobody
gave ("nobodys even said thank you"), an emoji that ends a statement after a thing named only to
be denied ("not the pay thats for sure 😂 the kids…"), a one-word verdict on what a question asks
how it is ("How is your workload at the moment?" "manageable"), the cost to staff's health,
"Well." as a degree, and time only "when I get it".
probes/thirteenth.jsonl keeps each with what became of it, as the twelfth's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_thirteenth_probe_reads_as_recorded = three_writers_tests(
    "thirteenth"
)

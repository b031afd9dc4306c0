"""A twelfth fresh probe (forty-second round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a social worker in a disabled children's team, precise
and literal, in exact numbers and numbered points; a senior practitioner in a court team,
sardonic, in long sentences of court words and parentheses; an agency locum on a six-month
contract, blunt and comparative, in text-speak), 25 pulse comments, 20 stay and 15 exit answers
a writer, labelled by the writer before any was run. It was scored before any line was read, on
the forty-first round's analyser and on the forty-second's after its mends of the question's own
word and of a habit that ended: the same 180 readings, 150 of 180 right; then its misses were
read: four mended by rules (a practice that restarted, "About time." after news, leaders never
seen) and one by the round's retrained weights, which lost one.
probes/twelfth.jsonl keeps each with what became of it, as the eleventh's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_twelfth_probe_reads_as_recorded = three_writers_tests("twelfth")

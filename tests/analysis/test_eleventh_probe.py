"""An eleventh fresh probe (forty-first round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (an unqualified family support worker in an early help
team, northern and plain-spoken, on the grade and pay gap and the lack of a route to qualify; a
social worker in a children in care team back from maternity leave on three days a week, in long
run-on sentences; an emergency duty team worker on nights, terse, in handover notes), 25 pulse
comments, 20 stay and 15 exit answers a writer, labelled by the writer before any was run. It
was scored before any line was read, on the fortieth round's analyser and on the forty-first's
after its mend of a loss already suffered: the same 180 readings, 145 of 180 right; then its
misses were read and one mended ("How manageable is your workload?" "its not.").
probes/eleventh.jsonl keeps each with what became of it, as the tenth's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_eleventh_probe_reads_as_recorded = three_writers_tests("eleventh")

"""A seventh fresh probe (thirty-seventh round): 180 comments three helpers wrote with no sight
of the data, code or tests, one voice each (a newly qualified social worker in an assessment
team, earnest and anxious to do well; an agency locum who has worked in a dozen councils, blunt
and comparing; a senior practitioner in a disabled children's team in the North of England,
warm and plain-spoken, in lowercase), 25 pulse comments, 20 stay and 15 exit answers a writer,
labelled by the writer before any was run. It was scored, before any line was read, on the
analyser that ships (151 of 180 right) and on its detectors alone, without the vote of the
nearest comments (150). probes/seventh.jsonl keeps each with what became of it:

- "right": read right when it arrived (every labelled theme found, the labelled way; another
  theme beside them is allowed, as in test_error_kinds);
- "wrong": read wrong when it arrived, a known limit not yet read: a strict xfail, so a reading
  that comes right by the way is noticed;
- "mended" and "lost", as in the other probes, once a later round changes a reading.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_seventh_probe_reads_as_recorded = three_writers_tests("seventh")

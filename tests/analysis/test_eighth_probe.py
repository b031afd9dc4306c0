"""An eighth fresh probe (thirty-eighth round): 180 comments three helpers wrote with no sight
of the data, code or tests, one voice each (an Independent Reviewing Officer and conference chair
thirty years qualified, formal and understated; a part-time social worker in a leaving care team
typing on her phone between visits, in fragments and text-speak; a team manager in a children in
need team, loyal to her staff and dry about those above), 25 pulse comments, 20 stay and 15 exit
answers a writer, labelled by the writer before any was run. It was scored before any line was
read, on the thirty-seventh round's analyser and on the thirty-eighth's as it then stood (150 of
180 right on both: the mends made from the seventh probe's misses changed none of its readings);
then its misses were read and five mended. probes/eighth.jsonl keeps each with what became of it:

- "right": read right when it arrived (every labelled theme found, the labelled way; another
  theme beside them is allowed, as in test_error_kinds);
- "wrong": read wrong when it arrived, a known limit: a strict xfail, so a reading that comes
  right by the way is noticed;
- "mended" and "lost", as in the other probes, once a later round changes a reading.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_eighth_probe_reads_as_recorded = three_writers_tests("eighth")

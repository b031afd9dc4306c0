"""A sixth fresh probe (thirty-sixth round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a locality social worker twenty years qualified, dry
and careful; a second-year duty worker typing on a phone; a practice manager in children in
care and fostering, measured and weighing good against bad), 25 pulse comments, 20 stay and 15
exit answers a writer, labelled by the writer before any was run. It was scored, before any line
was read, on the analyser of the round's start (d2dd930): 153 of 180 right. probes/sixth.jsonl
keeps each with what became of it:

- "right": read right at the round's start and since (every labelled theme found, the labelled
  way; another theme beside them is allowed, as in test_error_kinds);
- "mended": read wrong at the round's start, right since: both were mended after the round's
  other changes were scored on the probe (which moved none of its readings but one, put back),
  and after their lines were read, so they are not blind;
- "wrong": still read wrong, a known limit: a strict xfail, so a reading that comes right by the
  way is noticed;
- "lost": read right once, wrong since (also a strict xfail).
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_sixth_probe_reads_as_recorded = three_writers_tests("sixth")

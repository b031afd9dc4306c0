"""A ninth fresh probe (thirty-ninth round): 180 comments three helpers wrote with no sight of
the data, code or tests, one voice each (a social worker at the front door, in a MASH duty team,
who came to the work from the police: terse, numbers and fragments; a social worker recruited
from Zimbabwe on a sponsored visa, in a looked-after children team: formal, courteous English
with turns of phrase of her own, "my in-charge"; a supervising social worker in a rural fostering
team: rambling, hedged, asides in brackets), 25 pulse comments, 20 stay and 15 exit answers a
writer, labelled by the writer before any was run. It was scored before any line was read, on the
thirty-eighth round's analyser (149 of 180 right); then its misses were read and six mended.
probes/ninth.jsonl keeps each with what became of it, as the eighth's does: "right" or
"wrong" when it arrived, "mended" or "lost" once a later round changes a reading.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_ninth_probe_reads_as_recorded = three_writers_tests("ninth")

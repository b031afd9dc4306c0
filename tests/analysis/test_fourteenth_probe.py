"""A fourteenth fresh probe (forty-fifth round): 180 comments three helpers wrote with no sight
of the data, code or tests, asked for mixed verdicts (at least 40 lines a writer that praise one
thing beside a complaint about another, joined every way staff join them), one voice each (a
senior practitioner in a child protection team, in fragments and abbreviations; a newly
qualified social worker in a looked-after children team, careful and hedged; an agency locum
from London, blunt and sarcastic), 25 pulse comments, 20 stay and 15 exit answers a writer,
labelled by the writer before any was run. It was scored before any line was read, on the
forty-fourth round's analyser: 106 of 180 right. The round's rules for statements of parts and
for plain denials were written before it arrived, and change none of its readings; its weights,
retrained with its new words, lose one ("Nothing about the team. Almost everything about the
building."). Its misses are the round's measure of what mixed verdicts still cost
(docs/analysis.md).
probes/fourteenth.jsonl keeps each with what became of it, as the thirteenth's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import three_writers_tests

test_the_probe_is_whole, test_the_fourteenth_probe_reads_as_recorded = three_writers_tests(
    "fourteenth"
)

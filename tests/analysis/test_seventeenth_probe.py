"""A seventeenth fresh probe (fiftieth round): 160 comments two helpers wrote with no sight of
the data, code or tests, asked for what staff would actually type (one voice each: a senior
practitioner of eleven years in a northern children-in-care team, plain and fair-minded, in
northern idiom; a part-time returner in a rural child-in-need team who drives all day, in
sardonic fragments), labelled by the writer before any was run. It was scored before any line
was read, on the forty-ninth round's analyser (417e650): 147 of 160 right (73 and 74), macro-F1
0.898, direction 0.955. Its misses taught the round that a degree question answered part by
part ("Team yes, manager less so") gives each part's theme its degree, that an opening "Very."
is borne out by words that faintly go the other way of everything asked ("after a difficult
visit"), and that time freed up, work turned round in a day, what "suits me" and listening "a
bit more up top" are good news: 9 mended, none lost (docs/analysis.md). Four are still read
otherwise: a rota that is work-life balance read as workload, "not so much by the council", and
two a reader could take either way (what would make the writer leave named as its loss).
probes/seventeenth.jsonl keeps each with what became of it, as the sixteenth's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_seventeenth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "seventeenth",
    kinds={"pulse": 89, "stay": 51, "exit": 20},
    voices={"c": 80, "d": 80},
    statuses={"right": 146, "mended": 9, "wrong": 4, "lost": 1},
)

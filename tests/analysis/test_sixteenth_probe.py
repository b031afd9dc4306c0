"""A sixteenth fresh probe (forty-ninth round): 160 comments two helpers wrote with no sight of
the data, code or tests, asked for what staff would actually type, not for puzzles (one voice
each: a newly qualified social worker in her ASYE year on a Midlands front door, lowercase and
quick, in the team's abbreviations; an agency locum senior practitioner twenty years qualified in
a south-west disabled children's team, in considered sentences, understatement and concession),
45 pulse comments, 25 stay and 10 exit answers a writer, labelled by the writer before any was
run. It was scored before any line was read, on the forty-eighth round's analyser: 140 of 160
right (74 and 66), macro-F1 0.877, direction 0.946. Its misses taught the round that nobody
making the worker feel guilty is kindness, that leave easy to book and care met nowhere else
in a career are good news, that morale "lower than when I arrived" is now's bad news, not a
change told through the past, and that a question of the manager and the team answered part by
part names each part's theme: 4 mended, none lost; the fiftieth round's reading of "By my
colleagues, very" as a part of its own, and its weights, mend 2 more (docs/analysis.md); the
fifty-first round's weights read one of those the other way again ("Moderately, and rather more
than I expected…", a line near the threshold).
probes/sixteenth.jsonl keeps each with what became of it, as the fifteenth's does.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_sixteenth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "sixteenth",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"a": 80, "b": 80},
    statuses={"right": 140, "mended": 5, "wrong": 15},
)

"""A twentieth fresh probe (fifty-first round): 160 comments two more helpers wrote with no sight
of the data, code or tests, asked for what staff would actually type (one voice each: an
unqualified family support worker in a North East edge-of-care team, fourteen years in, plain,
warm and a little dialect; a team manager in a children-with-disabilities team who answers the
pulse too, measured, in management words and semicolons), labelled by the writer before any was
run. It was scored before any line was read, on the fiftieth round's analyser: 138 of 160 right
(67 and 71), macro-F1 0.860, direction 0.946. Its misses taught the round that less of a good
thing is bad news ("a lot less laughing"), that a person who checks in on the worker is kind,
that a journey told by its legs ("two buses each way") is the commute, that a loss "they're
threatening" is a complaint, that "I'll leave it at that" says the thing is bad, and that new
handsets and a room that replaced "the old broom cupboard" are good news (docs/analysis.md).
The lines still read otherwise are mostly recognition by "the service" (the writers' leaders,
the pool's team) and themes only implied.
probes/twentieth.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_twentieth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "twentieth",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"i": 80, "j": 80},
    statuses={"right": 138, "mended": 9, "wrong": 13},
)

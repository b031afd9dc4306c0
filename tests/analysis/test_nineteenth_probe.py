"""A nineteenth fresh probe (fifty-first round): 160 comments two more helpers wrote with no sight
of the data, code or tests, asked for what staff would actually type (one voice each: a newly
qualified social worker in her ASYE year in a shire county's children-looked-after team,
earnest and a little anxious; an agency locum in a referral-and-assessment team, dry, clipped
and lowercase, comparing councils), labelled by the writer before any was run. It was scored
before any line was read, on the fiftieth round's analyser: 140 of 160 right (69 and 71),
macro-F1 0.853, direction 0.954. Its misses taught the round that a part split at its comma
("By the team, very supported.") is still a part, that a locum's "rate" is pay, that a thing
that "works" is good news of it, and that "paying for my own CPD" is a complaint of training
(docs/analysis.md). The lines still read otherwise are mostly a second theme only implied
("Missed my supervision again … because of a court deadline" is the workload's too) and "the
service" read as the team where the writer meant its leaders.
probes/nineteenth.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_nineteenth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "nineteenth",
    kinds={"pulse": 90, "stay": 50, "exit": 20},
    voices={"g": 80, "h": 80},
    statuses={"right": 139, "mended": 8, "wrong": 12, "lost": 1},
)

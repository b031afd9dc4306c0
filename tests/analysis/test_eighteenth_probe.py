"""An eighteenth fresh probe (fiftieth round): 160 comments two more helpers wrote with no sight
of the data, code or tests, asked for what staff would actually type (one voice each: an
advanced practitioner in a shire county's adoption and fostering service, formal, precise and
quietly critical; a second-year social worker in an outer London adolescent exploitation team,
in London slang, lowercase and short), labelled by the writer before any was run. It was scored
before any line was read, on the round's analyser after the seventeenth probe's mends, which
read every one of its lines as the forty-ninth round's did: 134 of 160 right (65 and 69),
macro-F1 0.886, direction 0.911. Its misses taught the round that a manager who rang "to see if
I was alright" is kind (not "nobody rang me to see…"), that good people leaving, a revolving
door, and caseloads going back to what they were (to "What might make you leave?") are bad
news, that work no longer all landing on the worker, a reason to stay named as one and an
arrangement honoured are good, that "if I am honest" praises nothing, and that "less so by my
manager" is a degree of the manager: 9 mended, none lost (docs/analysis.md); the fifty-first
round's weights mended one more ("Our head of service does listen, and changed course…"),
which the fifty-second round's lose again. Seventeen are still read otherwise, most of them
concessions ("manageable at present, though … only because two assessments fell through") and
themes a reader could name either way.
probes/eighteenth.jsonl keeps each with what became of it.
"""

from __future__ import annotations

from tests.analysis.probe_cases import pulse_and_interviews_tests

test_the_probe_is_whole, test_the_eighteenth_probe_reads_as_recorded = pulse_and_interviews_tests(
    "eighteenth",
    kinds={"pulse": 89, "stay": 51, "exit": 20},
    voices={"e": 80, "f": 80},
    statuses={"right": 134, "mended": 10, "wrong": 16},
)

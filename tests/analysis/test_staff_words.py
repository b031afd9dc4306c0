"""Words and shapes the thirty-fourth round's three writers used that the analyser misread.

Every sentence here is written for this file, apart from the data. Each test's first kind of
sentence fails on the thirty-third round's analyser (76ac2f2), in the whole reading or in the
rules' own; the sentences marked as guards passed before and must still.
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.rules import read


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # British praise the word lists lacked: with no word of its own, the rules fell back on
        # the theme's usual direction, which for the office is a complaint.
        ("the refurbished office is lush", {"environment": "pos"}),
        ("chuffed with the new parking passes", {"environment": "pos"}),
        ("my practice educator has been smashing", {"career": "pos"}),
        # And anger the lists lacked.
        ("fuming about the parking", {"environment": "neg"}),
    ],
)
def test_everyday_praise_and_anger_are_read(text: str, expected: dict[str, str]) -> None:
    found = analyse(text).themes
    scores = read(text).scores
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)
        # The rules read the word too, not only the learned half (a score of 0 is no word).
        assert scores[theme] * (1 if direction == "pos" else -1) > 0, (theme, scores)


@pytest.mark.parametrize(
    "text",
    [
        "staffing on the locality team is unsafe",
        "our staffing is a joke at the moment",
        "staffing levels are the worst I have known",
    ],
)
def test_staffing_is_workload(text: str) -> None:
    assert "workload" in read(text).scores  # a cue of the rules, not only a learned word
    assert analyse(text).themes.get("workload") == "neg"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Something due that stopped: "own" (TextBlob's +0.6) had read the first as praise.
        ("my own supervision hasn't happened since the summer", "managers"),
        ("supervision with my manager has not happened in months", "managers"),
        ("my PM's supervision hasn't taken place since easter", "managers"),
    ],
)
def test_something_due_that_has_not_happened_since_is_a_complaint(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 0
    assert analyse(text).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    "text",
    [
        # Guards: said of something good that came back, "which" or "that" points back to it,
        # and the clause says nothing either way.
        "slept a full night, which hasn't happened since march",
        "home by six all week, that has not happened in years",
        "finished on time, it has not happened for ages",
    ],
)
def test_a_good_thing_that_has_not_happened_in_years_is_not_a_complaint(text: str) -> None:
    assert read(text).clauses[-1][1] == 0


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Unallocated cases are a load like any other: fewer is good news. Told over two
        # sentences, the count then said with its month.
        ("19 unallocated back in september. 4 now", "pos"),
        ("We had 6 unallocated in June. 15 now.", "neg"),
        ("I had 24 kids in january. 16 now.", "pos"),
        ("there were 8 of us in the spring. 5 now", "neg"),
    ],
)
def test_a_count_then_with_its_month_and_a_count_now(text: str, direction: str) -> None:
    assert read(text).counted
    assert analyse(text).themes.get("workload") == direction


def test_a_month_alone_is_no_count_then() -> None:
    # A guard: "in may" after a count of visits is a count then, but "now it is 2 weeks away"
    # counts time, not visits.
    assert read("3 visits booked in may. now it is 2 weeks away").counted == ()


@pytest.mark.parametrize(
    "text",
    [
        # Two or three words: the rules' theme holds even where the learned half's weight for
        # a short comment had dropped it (a feature for a rules' cue in a short comment).
        "snowed under",
        # Guards: found before, and still.
        "drowning, honestly",
        "no cover again",
    ],
)
def test_a_short_complaint_of_workload_is_found(text: str) -> None:
    assert analyse(text).themes.get("workload") == "neg"

"""Each kind of mistake issue 19 found on text written apart from the analyser, pinned with
sentences written for these tests (in no data file): the analyser must read them right."""

from __future__ import annotations

import pytest

from analysis.comments import analyse


def _reads(text: str, expected: dict[str, str], question: str | None = None) -> None:
    found = analyse(text, question).themes
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My caseload dropped from twenty-six to fifteen after the new pod started", "workload"),
        ("Duty is far less frantic since they put a second senior on the rota", "workload"),
        ("Paperwork went down from four forms to one for a strategy discussion", "processes"),
    ],
)
def test_improvement_is_not_read_as_complaint(text: str, expected: str) -> None:
    _reads(text, {expected: "pos"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("If our ATM ever moved on I'd follow her, she's the reason I stay", "managers"),
        ("The retention bonus stopped me handing in my notice last spring", "pay"),
        ("Honestly my team is why I am still here", "team_culture"),
    ],
)
def test_reasons_to_stay_said_through_leaving_are_positive(text: str, expected: str) -> None:
    _reads(text, {expected: "pos"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moving to a fostering team in January, no duty rota and far fewer visits", "workload"),
        ("Off to a hospital social work post where the pay is better", "pay"),
    ],
)
def test_what_is_better_elsewhere_is_a_reason_to_leave(text: str, expected: str) -> None:
    _reads(text, {expected: "neg"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a phone that holds a charge? dream on", "it_systems"),
        ("Asked for a proper chair for my back. Seven. Months.", "environment"),
        ("Lovely to see supervision cancelled yet again", "managers"),
        ("How are we supposed to see every child with 28 cases each?", "workload"),
    ],
)
def test_terse_sarcasm_and_rhetorical_questions_are_complaints(text: str, expected: str) -> None:
    _reads(text, {expected: "neg"})


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("What keeps you here?", "my team honestly", {"team_culture": "pos"}),
        ("Why do you stay?", "my manager", {"managers": "pos"}),
        ("What might tempt you to leave?", "my manager", {"managers": "neg"}),
        ("What might tempt you to leave?", "parking", {"environment": "neg"}),
        ("What could have kept you here?", "the salary", {"pay": "neg"}),
    ],
)
def test_a_bare_answer_goes_the_way_its_question_points(
    question: str, text: str, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


def test_a_one_word_reason_to_stay_is_never_a_complaint() -> None:
    found = analyse("the children.", "Why do you stay?").themes
    assert "neg" not in found.values()


@pytest.mark.parametrize(
    "text",
    [
        "A grandad squared up to me at a contact session and nobody asked if I was alright after",
        "Got shoved by a parent on a doorstep visit, no debrief, nothing",
    ],
)
def test_harm_on_a_visit_is_not_dropped_for_want_of_a_theme_word(text: str) -> None:
    _reads(text, {"wellbeing": "neg"})


def test_the_old_one_argument_call_still_works() -> None:
    assert analyse("My TM is fab but the salary is an insult").themes == {
        "managers": "pos",
        "pay": "neg",
    }

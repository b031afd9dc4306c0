"""What the work did to the body that has eased, the body told without a wellbeing word, and an
answer that denies what a question of staying takes for granted (the thirty-sixth round).

Every sentence here is written for this file, apart from the data and the probes. Each test's
first kind of sentence fails on the thirty-fifth round's analyser (d2dd930), in the whole reading
or in the rules' own; the sentences marked as guards passed before and must still.
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.rules import read
from tests.analysis.probe_cases import TURNED_BY_THE_WEIGHTS

KEEPS = "What keeps you here?"


@pytest.mark.parametrize(
    "text",
    [
        "not had a single panic attack since I went part time",
        "not had a migraine in months, this team is kind",
        "no migraines for six weeks now the rota is fair",
        "my blood pressure's gone down since I left duty",
        "I have not had a sleepless night in weeks",
    ],
)
def test_what_eased_is_good_news_for_wellbeing(text: str) -> None:
    reading = read(text)
    assert reading.eased
    assert reading.decided.get("wellbeing") == "pos"
    assert analyse(text).themes.get("wellbeing") == "pos"


@pytest.mark.parametrize(
    "text",
    [
        # Wished for, asked, or not told with how long: not eased.
        "I want no headaches for a month, is that too much to ask",
        "have you not had a migraine since the move?",
        "I have not had a migraine, I have had a headache every day",
        # Someone else's body.
        "the young person has not had a panic attack since the move",
        # Eased, but the clauses say worse: the rules do not decide it.
        "no panic attacks since june but the migraines are back and worse than ever",
        # Too short a while, or only because they are off, or not eased at all (the
        # thirty-sixth round's reviewer).
        "Haven't had a panic attack since Tuesday. Progress I suppose",
        "Not had a panic attack in weeks, but only because I'm signed off",
        "blood pressure hasn't come down at all despite the reduced hours",
        "Mrs K hasn't had a panic attack in weeks now the home conditions improved",
        # Not going sick is as often presenteeism.
        "Not taken a sick day in two years, which says more about the guilt culture here",
    ],
)
def test_what_is_not_the_workers_body_easing_is_not_decided(text: str) -> None:
    assert read(text).decided.get("wellbeing") != "pos"


@pytest.mark.parametrize(
    "text",
    [
        "psoriasis is back on my elbows, always is before final hearings",
        "heart pounding every time the duty phone goes",
        "stomach in knots the night before every strategy",
        "i just forget to eat on duty days",
        "grinding my teeth at night again",
    ],
)
def test_the_body_told_without_a_wellbeing_word_is_wellbeing(text: str) -> None:
    reading = read(text)
    assert reading.scores.get("wellbeing", 0.0) < 0  # the rules' cue and their bad news
    assert analyse(text).themes.get("wellbeing") == "neg"


@pytest.mark.parametrize(
    "text",
    [
        # Guards: other senses.
        "lost loads of weight of paperwork since the new forms",
        "fewer IT headaches since the new laptops came in",
        "the young person has eczema and the carer cannot get an appointment",
        "the duty desk is the heart of the service and it is racing to keep up",
    ],
)
def test_other_senses_are_not_the_body(text: str) -> None:
    assert analyse(text).themes.get("wellbeing") is None


def test_the_workers_doctor_is_a_word_about_their_health() -> None:
    # In the pool, every comment that names the writer's GP or doctor is labelled wellbeing.
    text = "my GP wants to sign me off"
    assert "wellbeing" in read(text).scores
    assert "wellbeing" in read(text).certain
    assert "wellbeing" in analyse(text).themes


@pytest.mark.parametrize(
    ("text", "question", "theme"),
    [
        ("Not much at the minute. The pay is behind every authority round us.", KEEPS, "pay"),
        ("not much. the training budget went", KEEPS, "career"),
        (
            "Not much lately. The team has lost its spark.",
            "What do you enjoy most about your job?",
            "team_culture",
        ),
        # Guards: read right before, by the words.
        (
            "Not much right now, honestly. The mileage rate is a joke next to the county's.",
            KEEPS,
            "pay",
        ),
        ("Very little at the moment. Duty is relentless and I'm drowning.", KEEPS, "workload"),
    ],
)
def test_denying_what_keeps_them_is_bad_news(text: str, question: str, theme: str) -> None:
    reading = read(text, question)
    assert reading.denied
    assert reading.lean is None
    assert analyse(text, question).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Guards: the one good thing left is still good news, and so is what nothing beats.
        ("Not much. My practice manager, maybe.", "managers"),
        ("nothing beats the team", "team_culture"),
        ("Nothing dramatic. A fair caseload and a kind PM.", "workload"),
        ("honestly not a lot, the people i sit with i suppose", "team_culture"),
        # Bad news of the building with the forty-seventh round's weights: a known limit.
        pytest.param(
            "Not a lot. The lift works again, so there's that.",
            "environment",
            marks=TURNED_BY_THE_WEIGHTS,
        ),
    ],
)
def test_the_one_good_thing_left_is_still_good_news(text: str, theme: str) -> None:
    assert analyse(text, KEEPS).themes.get(theme) == "pos"


def test_denying_a_wish_question_is_not_denial() -> None:
    # "What would make your job better?" asks what is missing: "nothing" there is content.
    reading = read("Nothing much, keep the four-day week", "What would make your job better?")
    assert not reading.denied


@pytest.mark.parametrize(
    ("text", "question", "theme"),
    [
        ("Not supervision.", KEEPS, "managers"),
        ("not panels", "What will you miss?", "processes"),
        ("not duty", "What will you miss about the team?", "workload"),
        # Guards: read right before.
        ("Not the laptop.", "What will you miss?", "it_systems"),
        ("Certainly not the car park.", KEEPS, "environment"),
        # IT's detector sat just over its threshold (-0.25 against -0.6); the thirty-seventh
        # round's nearest comments ("The families. And my PM, who I'd follow anywhere.") name
        # no IT and take it under (-0.70): a known limit.
        pytest.param(
            "The families and my PM. Not the laptop.",
            "What will you miss?",
            "it_systems",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
    ],
)
def test_the_thing_named_only_to_be_denied_is_bad_news(
    text: str, question: str, theme: str
) -> None:
    assert analyse(text, question).themes.get(theme) == "neg"


@pytest.mark.parametrize("text", ["Not really.", "Not yet", "not sure"])
def test_a_bare_not_names_nothing(text: str) -> None:
    # Guards: a hedge or a degree, not a thing denied.
    assert analyse(text, "What will you miss?").themes == {}


@pytest.mark.parametrize(
    "text",
    [
        "4th interim director of children's services in two years, who is steering this",
        "yet another acting head of service starting monday",
    ],
)
def test_leaders_who_come_and_go_are_bad_news(text: str) -> None:
    assert read(text).scores.get("leadership", 0.0) < 0
    assert analyse(text).themes.get("leadership") == "neg"


@pytest.mark.parametrize(
    "text",
    [
        "Manager let me leave early for my GP appointment, no questions asked",
        "My doctor's note got lost by HR. Twice.",
        "the baby has lost weight again, third referral to the health visitor",
    ],
)
def test_others_weight_or_a_doctors_note_is_no_cue_of_health(text: str) -> None:
    assert "wellbeing" not in read(text).scores

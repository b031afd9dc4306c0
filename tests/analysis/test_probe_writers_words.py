"""Shapes the seventh and eighth probes' writers used that the analyser misread (thirty-eighth
round).

Every sentence here is written for this file, apart from the data and the probes. Each test's
first kind of sentence was read wrong by the thirty-seventh round's analyser (e93f4a2), in the
whole reading or in the rules' own; the sentences marked as guards were read right before and
must still be.
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.rules import read


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        # The thing named only to be denied, with a lead-in or a tail the rules did not know:
        # "What will you miss?" "Not Mosaic." was read; these were praise of what they deny.
        ("What will you miss?", "the people. definately not mosaic though", {"it_systems": "neg"}),
        ("What will you miss?", "absolutely not the hot desks haha", {"environment": "neg"}),
        ("What will you miss?", "Deffo not the parking lol", {"environment": "neg"}),
    ],
)
def test_the_thing_named_only_to_be_denied(
    question: str, text: str, expected: dict[str, str]
) -> None:
    found = analyse(text, question).themes
    scores = read(text, question).scores
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)
        # The rules' own reading, the denial's full weight, not only the learned half's.
        assert scores[theme] <= -1.5, scores


@pytest.mark.parametrize(
    "text",
    [
        # Guards: "not complaining" is contentment, and a bad state denied is no thing denied.
        "pay's decent. definately not complaining",
        "not underpaid for sure",
    ],
)
def test_a_denial_that_is_no_complaint_is_not_read_as_one(text: str) -> None:
    assert analyse(text, "What keeps you here?").themes == {"pay": "pos"}


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # A doubt past the negator's three-word reach ("do not | think that is | sustainable").
        (
            "doing my recording at 10pm most nights and I don't think that is sustainable",
            "work_life_balance",
        ),
        ("my new caseload is 26 and honestly I do not believe it is safe", "workload"),
    ],
)
def test_a_doubt_about_how_things_are_is_a_complaint(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "neg"
    assert read(text).scores[theme] <= -1.5


def test_surprise_at_the_past_is_no_doubt() -> None:
    # Guard: "didn't think that was possible" is a good thing that came true.
    text = "haven't worked past 6 in a month, didn't think that was possible here"
    assert "neg" not in analyse(text).themes.values()


@pytest.mark.parametrize(
    "text",
    [
        "every manager wants something different so my plans keep getting sent back",
        "each PM seems to want it done differently, it's exhausting",
    ],
)
def test_managers_who_each_want_it_otherwise_are_a_complaint(text: str) -> None:
    assert analyse(text).themes.get("managers") == "neg"


def test_managers_who_each_do_it_otherwise_to_the_writer_s_liking_are_no_complaint() -> None:
    # Guard from the review.
    assert read("Every manager does it differently, which I actually like").scores["managers"] > 0


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # The question's own good word, denied: an opening degree as low as "Not very".
        (
            "How supported do you feel by your manager?",
            "Supported is a strong word. He's never there.",
            "managers",
        ),
        ("How valued do you feel?", "valued is pushing it", "team_culture"),
    ],
)
def test_the_question_s_word_denied_is_a_low_degree(question: str, text: str, theme: str) -> None:
    assert analyse(text, question).themes.get(theme) == "neg"
    assert read(text, question).scores[theme] < 0


def test_nobody_to_miss_is_no_reason_to_stay() -> None:
    question = "Who would you miss if you left?"
    text = "No one. I've been here a year and nobody knows my name"
    assert analyse(text, question).themes.get("team_culture") == "neg"


def test_nobody_who_treats_the_worker_badly_still_leans_the_question_s_way() -> None:
    # Guard: "nobody" at the head of a statement of its own is no denial of the question.
    assert read("Nobody here treats me like an outsider.", "What keeps you here?").lean is not None
    themes = analyse("Nobody here treats me like an outsider.", "What keeps you here?").themes
    assert themes.get("team_culture") == "pos"


@pytest.mark.parametrize(
    "text",
    [
        # A fault that stopped, said as a denial or as an end: good news, not the fault's.
        "the laptop doesn't freeze anymore",
        "Mosaic has stopped crashing, small miracles",
        "the VPN doesn't drop out as often now",
        # The plainest spellings: the rules read the end (+2.0) from the thirty-eighth round,
        # but its weights for "crash" and Mosaic outweighed it (strict xfails then); the
        # thirty-ninth round's weights read them right.
        "Mosaic stopped crashing",
        "Mosaic doesn't crash anymore",
    ],
)
def test_a_fault_that_stopped_is_good_news(text: str) -> None:
    assert analyse(text).themes.get("it_systems") == "pos"
    assert read(text).scores["it_systems"] > 0


@pytest.mark.parametrize(
    "text",
    [
        # Guards from the review: a fault that has not stopped, or is wished to, is no end.
        "Mosaic has not stopped crashing since the upgrade",
        "It would be nice if Mosaic stopped crashing every afternoon",
        "Mosaic stopped crashing for about a week after the upgrade, now it is back to normal",
    ],
)
def test_a_fault_not_stopped_or_wished_to_is_no_end(text: str) -> None:
    assert read(text).scores["it_systems"] < 1.5


def test_not_hanging_around_the_office_is_no_fault_ended() -> None:
    # Guard: "hang" is a fault of a computer only; this is the office's bad news.
    text = "we don't hang around the office anymore, nobody wants to be there"
    assert read(text).scores["environment"] < 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Improvement said plainly: the theme's usual complaint (forms, Mosaic) outweighed the
        # word alone in the learned half.
        ("The referral form has improved.", "processes"),
        ("Supervision has really improved since the new PM started", "managers"),
    ],
)
def test_a_plain_improvement_is_good_news(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "pos"
    assert read(text).scores[theme] >= 1.5


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Guards from the review: improvement denied, doubted, reported, wished or slight is not
        # the phrase's strong good news (its +2.0); each names the theme, so the test can fail.
        ("Nothing on Mosaic has improved", "it_systems"),
        ("I do not think Mosaic has improved", "it_systems"),
        ("We keep being told caseloads have improved. They haven't", "workload"),
        ("Mosaic should have improved by now", "it_systems"),
        ("Mosaic has improved slightly but it still takes ages to save", "it_systems"),
    ],
)
def test_an_improvement_denied_doubted_or_slight_is_not_plain(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 1.5


@pytest.mark.parametrize(
    "text",
    [
        # Guards: improvement denied, asked or slight is not the phrase's strong good news.
        "nothing has improved since the inspection",
        "has anything improved for the duty team?",
        "The new system has improved slightly but it still takes ages to save",
    ],
)
def test_an_improvement_denied_asked_or_slight_is_not_plain(text: str) -> None:
    assert all(score < 1.5 for score in read(text).scores.values())


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # A loss named to a question of leaving is what keeps them, however it is told.
        ("What might make you leave?", "If my PM were to leave."),
        ("What would make you think about leaving?", "TM retiring tbh"),
    ],
)
def test_a_manager_s_loss_named_to_a_question_of_leaving(question: str, text: str) -> None:
    assert analyse(text, question).themes.get("managers") == "pos"
    assert read(text, question).scores["managers"] > 0


@pytest.mark.parametrize(
    "text",
    [
        # Guards: how the manager treats them, or a going they would welcome, is no loss.
        "my manager leaving us to fend for ourselves again",
        "manager going missing when it kicks off",
        "the manager leaving everything to the last minute",
        "TM retiring, fingers crossed",
    ],
)
def test_a_manager_s_going_that_is_no_loss(text: str) -> None:
    question = "What would make you think about leaving?"
    assert analyse(text, question).themes.get("managers") == "neg"
    assert read(text, question).scores["managers"] <= 0


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # Guards from the review: a bad word denied, or a stretch of something else, is no low
        # degree of the question's good word.
        (
            "How supported do you feel by your manager?",
            "Neglected is a big word tbh she does her best",
            "managers",
        ),
        (
            "How supported do you feel by your manager?",
            "Everything is a stretch at the moment, but she has been brilliant",
            "managers",
        ),
    ],
)
def test_another_word_denied_is_no_low_degree(question: str, text: str, theme: str) -> None:
    assert analyse(text, question).themes.get(theme) == "pos"


def test_everyone_kind_is_the_team() -> None:
    text = "Everyone is lovely. Everyone is also exhausted."
    assert read(text).scores.get("team_culture", 0) > 0  # a cue of the rules now
    assert analyse(text).themes == {"team_culture": "pos", "wellbeing": "neg"}


@pytest.mark.parametrize(
    "text",
    [
        # Guards: "everyone" alone is no cue of the team, nor kindness to your face only.
        "everyone is off sick this week",
        "Everyone is nice to your face",
        "Everyone is so supportive until you need them to cover a visit",
    ],
)
def test_everyone_is_not_always_the_team_s_praise(text: str) -> None:
    assert read(text).scores.get("team_culture", 0.0) <= 0


def test_the_people_above_the_worker_s_manager_are_the_leaders() -> None:
    text = "my PM is great, it's the people above her"
    assert "leadership" in read(text).scores
    assert analyse(text).themes.get("leadership") == "neg"
    # Guard: above a pay grade is no one above.
    assert "leadership" not in read("that decision is above her pay grade").scores


def test_cases_that_pile_up_are_the_load_and_toil_that_piles_up_is_not() -> None:
    text = "our cases don't close, they just pile up"
    assert "workload" in read(text).scores
    assert analyse(text).themes.get("workload") == "neg"
    assert "workload" in read("the assessments just keep piling up").scores
    assert "workload" in read("the emails, when I am on leave they just pile up").scores
    assert "workload" not in read("my TOIL piles up and I never get to take it").scores

"""What the work does to the body, emphasis that says neither good nor bad, and a short
complaint told to a question of staying (the thirty-fifth round).

Every sentence here is written for this file, apart from the data. Each test's first kind of
sentence fails on the thirty-fourth round's analyser (7956de0), in the whole reading or in the
rules' own; the sentences marked as guards passed before and must still.
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.rules import read


@pytest.mark.parametrize(
    "text",
    [
        # The pool holds these words a handful of times or never, so only the rules' cues can
        # find them in text nobody trained on.
        "third migraine this fortnight",
        "palpitations on the drive to every ICPC now",
        "insomnia most sundays",
        "my blood pressure is up again",
        "tearful in the car between visits",
    ],
)
def test_what_the_work_does_to_the_body_is_wellbeing(text: str) -> None:
    assert "wellbeing" in read(text).scores  # a cue of the rules, not only a learned word
    assert analyse(text).themes.get("wellbeing") == "neg"


@pytest.mark.parametrize(
    "text",
    [
        "noticeably fewer migraines since the new rota",
        "less frazzled than this time last year",
        # The rules read the good news and, since the thirty-sixth round, decide it
        # (`Reading.eased`): the weights, which know "headaches" only as a complaint, had
        # overruled them.
        "no headaches for a month, the quiet room helps",
    ],
)
def test_fewer_of_them_is_good_news(text: str) -> None:
    assert read(text).scores.get("wellbeing", 0.0) > 0, read(text).scores
    assert analyse(text).themes.get("wellbeing") == "pos"


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # TextBlob reads "simple" as praise and "down" as a complaint: the emphasis turned the
        # rules' reading of the theme it stresses.
        ("Why are you leaving?", "Caseloads. Plain and simple.", "workload", "neg"),
        ("What is your main reason for leaving?", "money, simple as that", "pay", "neg"),
        ("What keeps you here?", "the team, hands down", "team_culture", "pos"),
    ],
)
def test_emphasis_is_neither_good_nor_bad(
    question: str, text: str, theme: str, direction: str
) -> None:
    score = read(text, question).scores.get(theme, 0.0)
    assert score == 0 or (score > 0) == (direction == "pos"), score
    assert analyse(text, question).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # The question leans to good news; the weights learned that short answers to it name
        # what keeps them, and turned the complaint round.
        ("What keeps you here?", "toxic", "team_culture"),
        ("What keeps you here?", "my manager is useless", "managers"),
        ("Why do you stay?", "the team is toxic", "team_culture"),
        ("What do you enjoy about your job?", "honestly the culture is awful", "team_culture"),
    ],
)
def test_a_short_complaint_to_a_question_of_staying_is_a_complaint(
    question: str, text: str, theme: str
) -> None:
    assert analyse(text, question).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # Guards: a reason to stay, a negated complaint and a wish keep their readings.
        ("What keeps you here?", "the team, they are brilliant", "team_culture", "pos"),
        ("What keeps you here?", "my TM, never lets me down", "managers", "pos"),
        ("What would make your job better?", "a less toxic team", "team_culture", "neg"),
    ],
)
def test_what_is_no_plain_complaint_keeps_its_reading(
    question: str, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


# Guards from the review of this round's first draft, which read each of these worse.


@pytest.mark.parametrize(
    "text",
    [
        # A headache the work is, not one the worker has.
        "Mosaic is a headache",
        "my TM takes all the headaches off us so we can do the work",
        "the restructure caused everyone headaches for months",
        # Someone else's tears, and the printer's frazzle.
        "mum was tearful at core group",
        "the parents were tearful at the ICPC",
        "the printer is frazzled again",
        # A budget drained, a body of work.
        "the s17 budget has been drained by march every year",
        "my body of work here is something i'm proud of",
    ],
)
def test_other_senses_are_no_word_about_the_body(text: str) -> None:
    assert "wellbeing" not in read(text).scores, read(text).scores


@pytest.mark.parametrize(
    ("text", "rules_too"),
    [
        ("hoping for fewer migraines once the caseload drops", True),
        ("more work, no less headaches", True),
        # The rules read "no" as turning "migraines" round (+0.8); the weights do not.
        ("there are no fewer migraines, if anything more", False),
    ],
)
def test_fewer_hoped_for_or_denied_is_no_good_news(text: str, rules_too: bool) -> None:
    if rules_too:
        assert read(text).scores.get("wellbeing", 0.0) <= 0, read(text).scores
    assert analyse(text).themes.get("wellbeing") != "pos"


def test_emphasis_before_its_words_leaves_them() -> None:
    text = "hands down the worst manager i have had"
    assert read(text).scores["managers"] < 0
    assert analyse(text).themes.get("managers") == "neg"


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # A bad thing that went is good news; fondness sounds like complaint; the complaint
        # is of the rest, not of what keeps them.
        ("What keeps you here?", "the bad manager finally left", "managers"),
        ("What made you stay?", "the toxic TM left", "managers"),
        ("What keeps you here?", "my mad team", "team_culture"),
        ("What will you miss most?", "the crazy colleagues", "team_culture"),
        ("What keeps you here?", "my team. rest is awful", "team_culture"),
        ("Why do you stay?", "hard to find hybrid elsewhere", "work_life_balance"),
    ],
)
def test_what_sounds_like_a_complaint_to_a_question_of_staying_is_not_turned(
    question: str, text: str, theme: str
) -> None:
    assert analyse(text, question).themes.get(theme) == "pos"


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Beside a louder second theme the learned half dropped wellbeing: it knows these words
        # a handful of times. Now the body's news keeps it, whichever way it goes.
        ("fewer migraines since we moved into the new building with windows that open", "pos"),
        ("my blood pressure is through the roof since they moved us to the hub", "neg"),
        ("panic attacks in the car park before every ICPC, and the duty rota is a joke", "neg"),
        ("not sleeping since the restructure, SLT have no idea what it's like down here", "neg"),
        ("burnt out, and the parking is still a nightmare", "neg"),
    ],
)
def test_what_the_work_does_to_the_body_keeps_wellbeing_beside_another_theme(
    text: str, direction: str
) -> None:
    assert read(text).bodily
    assert analyse(text).themes.get("wellbeing") == direction


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's body, and a shift that is no sleep of the worker's.
        "the young person has panic attacks at school and CAMHS won't see her",
        "mum says her blood pressure is up since the ICPC",
        "sleep-ins are not paid properly",
    ],
)
def test_someone_elses_body_is_not_the_workers(text: str) -> None:
    assert not read(text).bodily

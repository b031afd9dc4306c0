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
    "text",
    [
        # Guards from the review: an agency that employs, a panel that interviews, and two
        # workers on a visit for safety are no load.
        "a staffing agency in leeds, more money",
        "I'm on the staffing panel for the new TM interviews",
        "they brought in double staffing for the high risk home visits, feel so much safer",
    ],
)
def test_staffing_in_other_senses_is_not_workload(text: str) -> None:
    assert "workload" not in read(text).scores


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Something due that stopped: "own" (TextBlob's +0.6) had read the first as praise.
        ("my own supervision hasn't happened since the summer", "managers"),
        ("supervision has not happened in months, my manager keeps cancelling", "managers"),
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
    "text",
    [
        # Guards from the review: a bad thing that stopped is no complaint (only what is due,
        # supervision, appraisals, team meetings, training, counts as stopped).
        "those emails have not happened since i raised it",
        "the shouting in the office has not happened since the new PM",
        "a restructure has not happened in our service for 5 years",
    ],
)
def test_a_bad_thing_that_has_not_happened_since_is_no_complaint(text: str) -> None:
    assert read(text).clauses[-1][1] >= 0


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Unallocated cases are a load like any other: fewer is good news. Told over two
        # sentences, the count then said with its month.
        ("19 unallocated back in september. 4 now", "pos"),
        ("We had 6 unallocated in June. 15 now.", "neg"),
        ("I had 24 kids in january. 16 now.", "pos"),
        ("there were 8 SWs in the team in the spring. 5 now", "neg"),
    ],
)
def test_a_count_then_with_its_month_and_a_count_now(text: str, direction: str) -> None:
    assert read(text).counted
    assert analyse(text).themes.get("workload") == direction


@pytest.mark.parametrize(
    "text",
    [
        # A month is a whole word: a name or a word that starts like one is no month (a first
        # version read "mar…" and "dec…" as months).
        "nine of us in mark's team. 5 now",
        "we had 12 kids in decision making. 4 now",
    ],
)
def test_a_word_that_starts_like_a_month_is_no_month(text: str) -> None:
    assert read(text).counted == ()


@pytest.mark.parametrize(
    "text",
    [
        # Guards from the review: a month dates a place or an event as often as a load, and
        # there the count is of people at it, not of the team's load.
        "there were 9 of us in the office in the winter. 3 now, everyone is hybrid",
        "we were 20 on the course in march. now 12",
        "there were 40 of us on the picket line in november. 10 now",
    ],
)
def test_a_month_dating_a_place_or_an_event_is_no_count_then(text: str) -> None:
    assert read(text).counted == ()


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # Guards from the review: "unallocated" earlier in the clause does not make a count of
        # the team a count of cases.
        ("since the unallocated list exploded our team went from 6 to 4", "neg"),
        ("with all the unallocated pressure the team grew from 4 to 7 and it has helped", "pos"),
    ],
)
def test_unallocated_before_a_count_of_the_team_leaves_it_the_team(
    text: str, direction: str
) -> None:
    assert read(text).counted == (("workload", 2.0 if direction == "pos" else -2.0),)


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


_LEAVE = "What might make you leave?"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # What they would lose is what keeps them: the loss word read each as a complaint, and
        # the learned half, taught that such answers are good news, turned every other
        # complaint to this question with them (below).
        ("losing my PM", "managers"),
        ("my TM retiring", "managers"),
        ("our practice manager moving on", "managers"),
        ("honestly, losing the team", "team_culture"),
    ],
)
def test_a_loss_named_to_a_question_of_leaving_is_what_keeps_them(text: str, theme: str) -> None:
    assert read(text, _LEAVE).scores[theme] > 0
    assert analyse(text, _LEAVE).themes.get(theme) == "pos"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Guards: the loss of oneself, of staff, a post given to someone else, a loss after
        # another theme, or no question of leaving.
        ("losing sleep over my cases", "wellbeing"),
        ("losing my mind with the paperwork", "processes"),
        ("the AP post going to an external candidate again", "career"),
        ("toxic culture. losing my manager would finish me", "team_culture"),
    ],
)
def test_other_losses_stay_complaints(text: str, theme: str) -> None:
    assert read(text, _LEAVE).scores[theme] < 0


def test_a_loss_with_no_question_is_not_turned() -> None:
    assert read("losing my PM").scores["managers"] < 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # A short answer whose words and question agree: each read as good news, the weights
        # having learned that short answers about the manager or the team to this question
        # name what would be lost.
        ("my manager is awful", "managers"),
        ("toxic", "team_culture"),
        ("a toxic team", "team_culture"),
    ],
)
def test_a_short_complaint_to_a_question_of_leaving_is_a_complaint(text: str, theme: str) -> None:
    assert analyse(text, _LEAVE).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # Guards from the second review. A loss asked of what has happened has happened.
        ("What has got worse this year?", "losing our hybrid days", "work_life_balance"),
        ("Why are you leaving?", "losing the hybrid days", "work_life_balance"),
        # The work takes it now.
        (_LEAVE, "losing my evenings to recording", "work_life_balance"),
        # A loss that would be welcome.
        (_LEAVE, "my TM leaving, cant wait", "managers"),
        # Leaving or going in another sense, and a turnover of managers.
        (_LEAVE, "the manager leaving us to sink", "managers"),
        (_LEAVE, "my PM going behind my back", "managers"),
        (_LEAVE, "losing my rag with my TM", "managers"),
        (_LEAVE, "the managers leaving every few months", "managers"),
        (_LEAVE, "losing another TM, thats 5 in 2 years", "managers"),
        # Nothing held is lost, or the loss is of another theme too.
        (_LEAVE, "losing out on promotion again", "career"),
        (_LEAVE, "losing money by staying here", "pay"),
        (_LEAVE, "losing colleagues to burnout", "wellbeing"),
    ],
)
def test_losses_that_are_no_reason_to_stay_are_not_turned(
    question: str, text: str, theme: str
) -> None:
    assert read(text, question).scores[theme] < 0


def test_a_welcome_loss_is_no_reason_to_stay() -> None:
    assert read("my TM leaving would be a relief", _LEAVE).scores["managers"] <= 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Guards from the second review: a negation, a condition or a comparison in a short
        # answer may be what made the rules' sign; the question does not decide it.
        ("never the team", "team_culture"),
        ("if my manager got awful", "managers"),
        ("culture is less toxic now", "team_culture"),
    ],
)
def test_a_hedged_short_answer_is_not_decided_by_its_question(text: str, theme: str) -> None:
    assert analyse(text, _LEAVE).themes.get(theme) != "neg"

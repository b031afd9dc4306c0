"""The analyser understands how social care staff talk, not just one file of examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from textblob import TextBlob

from analysis.comments import analyse
from analysis.dataset import load
from analysis.evaluate import baseline, evaluate
from analysis.rules import read

DEV = Path(__file__).resolve().parents[1] / "data" / "comments_dev.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Contrast: each clause keeps its own stance.
        ("My TM is fab but honestly the salary is an insult", {"managers": "pos", "pay": "neg"}),
        ("Love my colleagues, hate the hot desking", {"team_culture": "pos", "environment": "neg"}),
        # Negation and understatement.
        ("I never get supervision any more", {"managers": "neg"}),
        ("No complaints about pay since the supplement came in", {"pay": "pos"}),
        ("Salary could be better if I'm honest", {"pay": "neg"}),
        ("Not convinced senior leaders know what duty is like", {"leadership": "neg"}),
        # Positive statements made of negative words.
        ("No longer drowning now caseloads have come down", {"workload": "pos"}),
        # Comparisons with agency and neighbouring councils.
        ("Agency workers next to me get paid twice what I do", {"pay": "neg"}),
        ("Moving to the council next door for 4k more a year", {"pay": "neg"}),
        # Domain vocabulary, abbreviations and misspellings.
        ("Mosiac crashed and I lost my S47 write up", {"it_systems": "neg"}),
        ("TOIL never gets taken, I work most weekends", {"work_life_balance": "neg"}),
        ("ASYE programme has been brilliant, great assessor", {"career": "pos"}),
        ("HoS came to our team meeting and actually listened", {"leadership": "pos"}),
        ("too much paperwork and managment want it all duplicated", {"processes": "neg"}),
        # Wishes say something is missing.
        (
            "Would be nice to have somewhere quiet to make calls in the office",
            {"environment": "neg"},
        ),
        # Sarcasm.
        ("Oh great, another new form to fill in for every visit", {"processes": "neg"}),
    ],
)
def test_themes_and_directions(text: str, expected: dict[str, str]) -> None:
    found = analyse(text).themes
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)


@pytest.mark.parametrize(
    "text",
    [
        "Paid a visit to the family this morning, went well",
        # Read as workload from the ninth round's third batch to the twenty-first round (its
        # writers count "families" as caseload: "fewer families", "taking families"), and again
        # from the twenty-fifth round's change-over-time writers to the thirty-sixth; it sits on
        # the threshold. Read right since the thirty-seventh round: its nearest training
        # comments ("Nothing major to report, had a good week with my families") name no theme.
        "Had a good week with my families",
        "Nothing to report",
    ],
)
def test_words_that_only_look_like_a_theme_are_not_one(text: str) -> None:
    assert analyse(text).themes == {}


def test_redaction_placeholders_are_not_themes() -> None:
    found = analyse("My TM [name] is great, ring me on [phone] or [email]").themes
    assert found == {"managers": "pos"}
    moved = analyse("[name] moved from [address] on [date], case [id], [postcode]").themes
    assert moved == {}


def test_plain_textblob_gets_the_design_example_wrong_and_we_do_not() -> None:
    text = "Caseloads are too high and I work most evenings"
    assert TextBlob(text).sentiment.polarity > 0  # why TextBlob alone is not enough
    analysis = analyse(text)
    assert analysis.themes == {"workload": "neg", "work_life_balance": "neg"}
    assert analysis.polarity < 0


def test_polarity_is_between_minus_one_and_one() -> None:
    for text in ("awful awful awful terrible shocking", "brilliant brilliant amazing lovely", ""):
        assert -1.0 <= analyse(text).polarity <= 1.0


def test_the_development_file_is_read_well_and_better_than_the_baseline() -> None:
    rows = load(DEV)
    ours, theirs = evaluate(rows), evaluate(rows, baseline)
    assert ours.macro_f1 >= 0.85
    assert ours.direction_accuracy >= 0.90
    assert ours.macro_f1 > theirs.macro_f1 + 0.1
    assert ours.direction_accuracy > theirs.direction_accuracy + 0.2


@pytest.mark.parametrize(
    "text",
    [
        "Caseload went from twenty-nine to nineteen after the recruitment drive",
        "My caseload dropped from 26 to 15 over the winter",
    ],
)
def test_a_count_that_fell_makes_the_whole_comment_good_news(text: str) -> None:
    # The count decides the clause: the overall polarity agrees with the theme's direction.
    analysis = analyse(text)
    assert analysis.themes.get("workload") == "pos"
    assert analysis.polarity > 0


def test_another_employer_paying_better_is_bad_news_for_pay_here() -> None:
    # Read as pay 👍 before the comparison pattern, even as an answer to a leave question.
    assert analyse(
        "the pay, agency rates are much better", "What might make you leave?"
    ).themes == {"pay": "neg"}
    # The rules' own reading, before the weights: "better" there is worse here...
    assert read("the pay, agency rates are much better").scores["pay"] < 0
    assert read("the LA next door pays more").scores["pay"] < 0
    # ...but not where this employer is the better one ("than agency pay more or less" would
    # otherwise read as "agency pay more").
    assert read("our pay is better than agency pay more or less").scores["pay"] > 0


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # Words staff use for a theme that the seventh round's lists added. Written for this
        # test after the words were chosen, none a training line; each read wrongly before
        # (two phrases, "running on empty" and "took away my", were added when it first failed).
        ("lay awake till 3 going over the strategy discussion", None, {"wellbeing": "neg"}),
        ("honestly running on empty this month", None, {"wellbeing": "neg"}),
        ("hands were still shaking when I got back to the car", None, {"wellbeing": "neg"}),
        ("Mates. Mainly.", "Why do you stay?", {"team_culture": "pos"}),
        # The rules read processes (-2.0: "core group minutes" is a cue); the detector sits
        # near its threshold and has crossed it either way as writers were added (-0.70 against
        # -0.6 in the sixteenth round, -0.76 in the eighteenth; -0.48, found, in the
        # twentieth; -0.65 in the twenty-first, with word pairs: "on time" is mostly hours;
        # found again from the twenty-fifth round's writers to the twenty-ninth; lost with the
        # thirtieth's, found again with the thirty-first's, lost with the thirty-second's at
        # -0.61, found again with the thirty-third's, lost with the thirty-fourth's at -0.606,
        # found again with the thirty-sixth's at -0.55). "group" leans to team culture and
        # "minutes" is mostly time.
        ("the core group minutes never come out on time", None, {"processes": "neg"}),
        ("the PLO letters take weeks to come back from legal", None, {"processes": "neg"}),
        ("no way up here unless you move LA", None, {"career": "neg"}),
        ("taught me more in six months than uni did", None, {"career": "pos"}),
        ("they took away my 9 day fortnight", None, {"work_life_balance": "neg"}),
        ("50 hour weeks on a 37 hour contract", None, {"work_life_balance": "neg"}),
        ("did my third EDT shift this month", None, {"work_life_balance": "neg"}),
    ],
)
def test_the_lists_know_the_words_staff_use(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    assert analyse(text, question).themes == expected


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The same words in their everyday senses (found by a reviewer trying to break the
        # lists): none of these is about the theme.
        ("My caseload is way up since Christmas", "career"),
        # Found as team culture with the forty-seventh round's weights (its writers' "the
        # lads" are colleagues); not with the forty-eighth's to the fifty-second's; found again
        # with the fifty-third's (-0.53 against -0.6): a known limit.
        pytest.param(
            "The lads on my caseload are doing really well at school",
            "team_culture",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
        ("The young person's behaviour is escalating", "processes"),
        ("EDT passed the case back to us on Monday morning", "work_life_balance"),
        ("I get an hour weekly supervision", "work_life_balance"),
        ("The new head of service is shaking things up", "wellbeing"),
        # Found as wellbeing from the twenty-first round's word pairs ("I check Mosaic in bed",
        # "I check my work phone in the bath": the pair "i check") to the twenty-fifth round's
        # retraining, and again from the thirty-seventh round's nearest comments ("Check in on
        # the ones who stay. They're running on empty.") to the forty-seventh round's weights.
        ("I check in on the children every week", "wellbeing"),
        ("The vibe at the family home was tense", "team_culture"),
        # Found as team culture with the thirty-second round's weights (-0.45 against -0.6:
        # "left out" is how staff say a team shuts them out): a known limit.
        pytest.param(
            "Mum was left out of the meeting",
            "team_culture",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
        ("Too many ppl on my caseload", "team_culture"),
        # The rules name no theme here (the cue wants "term-time post", "term time only"); the
        # detector sits near its threshold: the thirty-first round's writers, whose staff value
        # their "term-time hours", took "term time" over it (-0.58 against -0.6); read right again
        # with the thirty-second round's weights, and over it again with the thirty-fourth's
        # (-0.53): a known limit.
        pytest.param(
            "Term time attendance for the child is poor",
            "work_life_balance",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
        ("The organisation of the duty rota is chaotic", "leadership"),
        ("Parking at county hall is a nightmare", "leadership"),
        ("forty minutes to get through the gateway at reception", "processes"),
        ("I count the minutes until five on a Friday", "processes"),
    ],
)
def test_those_words_in_their_everyday_sense_are_not_the_theme(text: str, theme: str) -> None:
    assert theme not in analyse(text).themes


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit, docs/analysis.md")
def test_learning_in_its_everyday_sense_is_not_career() -> None:
    # Read right until the fifteenth round's twelve writers, whose lines on learning say
    # "learned" and "learning" without the theme's words, and again from the twenty-fifth
    # round's retraining to the thirty-third's: career's detector takes "learned" alone as a
    # stance (-0.595 against -0.6 with the thirty-fourth round's weights). The rules find no
    # career.
    assert "career" not in analyse("The child learned to ride a bike").themes


def test_taking_away_a_worry_is_not_taking_something_away() -> None:
    assert analyse("My manager is great at taking away my worries").themes == {"managers": "pos"}

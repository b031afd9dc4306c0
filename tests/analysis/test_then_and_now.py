"""A change told through the past (twenty-fifth round): "caseload is 17. in october it was 29",
"the old office was freezing. we moved in june". The words alone read such a comment as the
complaint it quotes, so the direction model also reads which clauses are about then and which
about now (analysis.learned._then_and_now, the time words in patterns.yaml).

probes/then_now.jsonl: 72 comments a helper wrote with no sight of the data, code or tests,
labelled by the writer before any was run: 36 improvements told through the bad past, 18
declines told through the good past, 18 mixed or unchanged. Each keeps what became of it, as
in test_third_probe:

- "right": read right as the analyser stood when it arrived (93cb00f);
- "mended": read wrong then, right since (the probe was not trained or tuned on: it measured
  the change once, after it was made);
- "wrong": read wrong then and still; "lost": read right then, wrong since. Both are strict
  xfails, so a reading that comes right by the way is noticed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from analysis.comments import analyse
from analysis.learned import _then_and_now, direction_features, shipped_model
from analysis.rules import read
from surveys.themes import THEMES
from tests.analysis.probe_cases import load, params

PROBE = Path(__file__).parent / "probes" / "then_now.jsonl"
_KNOWN_LIMIT = pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit")


def _tags(text: str) -> tuple[str, ...]:
    return _then_and_now(read(text))


def test_a_change_told_through_the_past_is_read_as_then_and_now() -> None:
    tags = _tags("The old office was freezing and damp. We moved in June.")
    assert "then:neg:none" in tags
    assert "then:neg" in tags
    assert {"pw:freezing", "pw:damp", "pw:office"} <= set(tags)
    assert "pw:june" not in tags  # said of now
    # The clause about now may come first.
    tags = _tags("Supervision is monthly now. Last spring I went eleven weeks without one.")
    assert "pw:spring" in tags
    assert "pw:monthly" not in tags
    # With no word of then, "was" is about then beside a word of now, and only then.
    tags = _tags("supervision was rubbish, now it is brilliant")
    assert "then:neg:pos" in tags
    assert "pw:rubbish" in tags
    assert "pw:brilliant" not in tags


@pytest.mark.parametrize(
    "text",
    [
        "my manager is great",  # nothing of then
        "we used to have a team lunch on fridays",  # then alone: no now to set it against
        "the office was cold today",  # "was" with nothing about now is no change
        "there is nowhere to park. it was snowing",  # "nowhere" and "snow" are not "now"
        "the snow was bad, a known issue",
        "",
    ],
)
def test_a_comment_that_tells_no_change_has_no_then_and_now(text: str) -> None:
    assert _tags(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        # A habit now, not a time before a change (twenty-sixth round: 431 of the pool's 2,533
        # firings were "before", most of them like these).
        "I do my recording before I get in the car. Now it takes an hour a night",
        "every assessment is signed off before it goes to legal, since the new guidance",
        "I read the file before I meet the family, no time now",
        # Nothing changed: a thing not done for so long it cannot be remembered.
        "can not remember the last time I left on time, still 7pm finishes now",
        "saying it one last time. the pay is too low, nothing since the review",
        # "my last" of a break or an email is the latest one, not the job before.
        "my last proper lunch break is a distant memory. none since the restructure",
        "my last email went at 23:40. back at 8 since the rota changed",
    ],
)
def test_a_time_word_that_is_not_about_then_leaves_the_clause_about_now(text: str) -> None:
    tags = _tags(text)
    # Each has "was" or a word of now elsewhere, so the gate may open; the clause with the
    # time word is not about then.
    said_then = {tag.removeprefix("pw:") for tag in tags if tag.startswith("pw:")}
    assert not said_then & {"before", "remember", "saying", "lunch", "email"}


@pytest.mark.parametrize(
    ("text", "said_then"),
    [
        ("before the restructure we had a duty desk. now it is a free for all", "desk"),
        ("before they came in nobody did supervision. now it is monthly", "supervision"),
        ("scored 4 last time, up to 7 now the rota is fixed", "scored"),
        ("at my last la the caseloads were mad. here they are sane now", "caseload"),
        ("my old manager never rang back. now I get a call after every visit", "rang"),
    ],
)
def test_a_time_before_a_change_is_about_then(text: str, said_then: str) -> None:
    assert "pw:" + said_then in _tags(text)


@pytest.mark.parametrize(
    ("text", "theme", "now"),
    [
        # A good habit of then is a loss now; a bad one has ended (twenty-seventh round: the
        # rules read each as the habit's own words, so a lost good manager was good news). The
        # clause about now keeps its own words ("The old system used to crash. the new one is
        # great").
        ("the old system used to crash constantly. the new one is great", "it_systems", "pos"),
        ("I used to have a good manager", "managers", "neg"),
        ("my old PM used to be really supportive", "managers", "neg"),
        ("the training offer used to be brilliant", "career", "neg"),
        ("Mosaic used to be a nightmare", "it_systems", "pos"),
        ("the duty rota used to be awful", "workload", "pos"),
        # A habit that holds still has not ended.
        ("Mosaic used to be a nightmare. it still is", "it_systems", "neg"),
        ("supervision used to be rubbish and still is", "managers", "neg"),
        # The twenty-seventh round's review, in a sentence written for this test: a "still"
        # anywhere in the comment keeps every habit in it from turning, here one said of the
        # office, not of the manager.
        pytest.param(
            "I used to have a good manager. the office is still the same",
            "managers",
            "neg",
            marks=_KNOWN_LIMIT,
        ),
    ],
)
def test_a_habit_of_then_that_no_longer_holds_turns(text: str, theme: str, now: str) -> None:
    score = read(text).scores[theme]
    assert score > 0 if now == "pos" else score < 0, score


@pytest.mark.parametrize(
    ("text", "theme", "now"),
    [
        # Being accustomed is not a habit of then.
        ("you get used to the awful forms", "processes", "neg"),
        ("I am not used to being thanked by my manager", "managers", "pos"),
        ("it takes a while to get used to Mosaic but it is brilliant now", "it_systems", "pos"),
        # "never used to": the thing is new, and its words say so already.
        ("we never used to work weekends", "work_life_balance", "neg"),
        # Then set against now in the clause's own words.
        ("Mosaic is so much better than it used to be", "it_systems", "pos"),
        ("I miss the way it used to be in this team", "team_culture", "neg"),
        ("I can't switch off like I used to", "work_life_balance", "neg"),
        # Who used to, not the clause's own verb.
        ("The managers who used to support us have gone", "managers", "neg"),
        ("we are so used to being short staffed", "workload", "neg"),
        # A load of then has its own phrase, which already says which way.
        ("I used to have 30 families", "workload", "pos"),
        ("used to carry twenty-eight cases", "workload", "pos"),
        ("I used to have about 30 cases", "workload", "pos"),  # not spent as "30 cases"
        # The same review: a relative clause with no "who" or "that" is turned as if its "used
        # to" were the clause's own verb, so colleagues who have all left read as good news.
        pytest.param(
            "the colleagues I used to rely on have all left",
            "team_culture",
            "neg",
            marks=_KNOWN_LIMIT,
        ),
    ],
)
def test_used_to_that_is_no_lost_habit_does_not_turn(text: str, theme: str, now: str) -> None:
    score = read(text).scores[theme]
    assert score > 0 if now == "pos" else score < 0, score


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # Written for this test, apart from the data: each was good news before the words of
        # the habit were kept apart from what is said of now.
        ("I used to have a good manager", "managers"),
        ("my old PM used to be really supportive", "managers"),
        # Read bad news with the twenty-seventh round's first weights, good news from its last
        # (lean +0.47: "away day" is praise in the pool) to the thirty-second round's, bad news
        # with the thirty-third's and good news again with the thirty-fourth's: a known limit.
        pytest.param(
            "we used to have a team away day every spring",
            "team_culture",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
        ("the training offer used to be brilliant", "career"),
    ],
)
def test_a_good_habit_that_ended_is_bad_news_now(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "neg"


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The rules turn these, but the theme's prior in the pool (the rota and dread are
        # nearly always complaints) outweighs the rules and the habit's own words.
        ("the duty rota used to be awful", "workload"),
        ("I used to dread Sunday nights", "wellbeing"),
    ],
)
def test_a_bad_habit_that_ended_is_good_news_now(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "pos"


def test_an_ended_bad_habit_that_reads_as_one() -> None:
    # Read as a complaint with the first weights of the twenty-seventh round, as the end of one
    # with the last (lean +0.24), once the rules no longer turned "used to" of comparisons and
    # of who used to.
    assert analyse("Mosaic used to be a nightmare").themes.get("it_systems") == "pos"


def test_the_words_of_a_habit_that_ended_are_kept_apart_from_those_said_of_now() -> None:
    reading = read("I used to have a good manager. the new one is fine")
    assert reading.lost_habits == (0,)
    features = direction_features(reading, "managers")
    assert "h:good" in features
    assert "w:good" not in features  # not said of now
    assert "w:fine" in features
    # A clause about now with "used to" in it is not a habit that ended.
    assert read("the helpdesk answers now instead of the week it used to take").lost_habits == ()
    # Nor is "get used to".
    assert read("you get used to mosaic").lost_habits == ()
    # A theme the rules did not name reads all the clauses: the habit's words still apart.
    reading = read("it used to fall on the same three people")
    for theme in ("workload", "team_culture"):
        features = direction_features(reading, theme)
        assert "h:fall" in features
        assert "l:fall" not in features


def test_the_place_someone_is_going_is_not_turned_twice() -> None:
    # The job someone is going to is turned already (its good points are reasons to leave
    # here), and what it used to be is no habit of here.
    question = "Where are you going, and what does it offer?"
    reading = read("Back to my old team, the manager there used to be brilliant", question)
    assert reading.lost_habits == ()
    assert reading.scores["managers"] < 0


def test_the_rules_clauses_are_the_work_text_and_add_up_to_its_total() -> None:
    # The features read the rules' own clauses and scores (`Reading.clauses`), so they must be
    # the comment's working text, in order, and what the rules added up: a clause the rules
    # turn (sarcasm, the job someone is leaving for, a count that fell) turns here too.
    for text, question in [
        ("The old office was freezing. We moved in June.", None),
        ("I used to have 30 kids, now it is 17 - much better", None),
        ("Love doing my recording at 11pm on a Sunday 🙃. Used to be worse though", None),
        ("leaving for a locum role - better money. I was on 31k before the regrade", None),
        ("my caseload went from 31 to 19 since the new team started", None),
        ("Very. Not the team though, they used to be lovely", "How supported do you feel?"),
        ("Is my wellbeing score shared? My caseload is 32 now", None),
    ]:
        reading = read(text, question)
        assert " . ".join(clause for clause, _score in reading.clauses) == reading.work_text
        assert sum(score for _clause, score in reading.clauses) == pytest.approx(reading.total)
    sarcastic = read("Love doing my recording at 11pm on a Sunday 🙃")
    assert sarcastic.clauses[0][1] < 0
    assert read("n/a").clauses == ()


def test_the_direction_model_weighs_then_and_now() -> None:
    # The shipped weights were trained with the features: some carry weight, and a comment's
    # direction features hold them whatever its theme.
    weights = shipped_model().direction
    assert any(feature.startswith("then:") for feature in weights)
    assert any(feature.startswith("pw:") for feature in weights)
    reading = read("caseload is 17 now. in october it was 29 and i was drowning")
    features = direction_features(reading, "workload")
    assert any(feature.startswith("then:") for feature in features)


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The features' own examples: "pw:freezing" carries no weight, and the second has no
        # word of then or now for the features to see ("in october" is neither).
        ("the old office was freezing. we moved in june", "environment"),
        ("caseload is 17. in october it was 29", "workload"),
    ],
)
def test_an_improvement_told_plainly_after_its_bad_past(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "pos"


def _cases() -> list[dict[str, Any]]:
    return load(PROBE)


def test_the_probe_is_whole() -> None:
    cases = _cases()
    assert len(cases) == 72
    kinds = [case["kind"] for case in cases]
    assert (kinds.count("better"), kinds.count("worse"), kinds.count("mixed")) == (36, 18, 18)
    for case in cases:
        assert case["status"] in {"right", "mended", "wrong", "lost"}
        assert case["themes"]
        assert set(case["themes"]) <= set(THEMES)
        assert set(case["themes"].values()) <= {"pos", "neg"}


@pytest.mark.parametrize("case", params(_cases()))
def test_the_then_and_now_probe_reads_as_recorded(case: dict[str, Any]) -> None:
    found = analyse(case["text"], case["question"]).themes
    for theme, direction in case["themes"].items():
        assert found.get(theme) == direction, (theme, dict(found))

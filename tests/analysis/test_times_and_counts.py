"""Changes told in ways the thirty-third round found the rules could not read: a time of day the
working day ends or starts that moved, a count then and a count now in two sentences, and a count
told against the one it replaced ("instead of"). Every sentence is written for these tests (in
no data file); each rule is also tried where it must not fire."""

from __future__ import annotations

from itertools import pairwise

import pytest

from analysis.comments import analyse
from analysis.rules import _clock_across, _clock_change, _count_across, _count_change, read
from analysis.text import normalise


def _news(text: str, theme: str, question: str | None = None) -> float:
    """The rules' score of `theme` in `text`: positive is good news; 0 if not read at all."""
    return read(text, question).scores.get(theme, 0.0)


@pytest.mark.parametrize(
    ("text", "news"),
    [
        # The day ends earlier now: good news.
        ("Logging off by 5 most days now, used to be nearer 8", 1),
        ("leaving the office at half 5 these days. It used to be gone 7.", 1),
        ("I used to finish at 9pm, now it's more like 6", 1),
        ("used to be sat at my desk till 8, and now I'm away by 5.30", 1),
        ("done by six on Fridays now instead of eight", 1),
        # The day starts later now: good news; earlier: bad.
        ("Starting at 9 now rather than half 7 since duty changed", 1),
        ("log on at 7 these days, it was 9 when I joined", -1),
        # The day ends later now: bad news.
        ("home at 8 most nights now, used to be 6", -1),
        ("I used to clock off at 5, now it's 7 at the earliest", -1),
        ("Working till 10 now, it was 7 last year", -1),
    ],
)
def test_a_working_day_that_moved_says_which_way(text: str, news: int) -> None:
    score = _news(text, "work_life_balance")
    assert score * news > 0, (score, read(text).scores)


@pytest.mark.parametrize(
    "text",
    [
        "would love to be home by 6 instead of 8",  # a wish: the day now ends at 8
        "if I could log off at 5 rather than 7 I'd stay forever",
    ],
)
def test_a_shorter_day_only_wished_for_is_a_complaint(text: str) -> None:
    assert _news(text, "work_life_balance") < 0


def test_a_shorter_day_told_of_the_job_they_are_going_to_is_a_reason_to_leave() -> None:
    # To a question about what would be better, or where they are going, the earlier finish
    # is theirs, not ours.
    assert _news("finishing at 4 instead of 7", "work_life_balance", "Where are you going?") < 0
    assert _news("finishing at 5 rather than 8", "work_life_balance", "What would you change?") < 0


@pytest.mark.parametrize(
    "text",
    [
        "finished 2 assessments, was 5 last week",  # counts of work, not times
        "off sick for 3 weeks, it was 2 last time",
        "home visit at 4, used to be 3 of us on the rota",
        "left at 6 was the plan",
        "done by 5 today, tomorrow I'm in court",  # no time then
        "the visit used to be at 3 and now it's at 4",  # a visit, not the working day
    ],
)
def test_no_time_of_the_working_day_no_change(text: str) -> None:
    assert _clock_change(normalise(text)) is None
    assert _clock_change(normalise(text).replace(",", " ,")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ten of us on the CIN team when I started. Four now.", "neg"),
        ("There were eight SWs in the hub two years ago. There are twelve of us now.", "pos"),
        ("I had 31 children when I qualified. Now it's 19.", "pos"),
        ("We had six vacancies this time last year. Just two now.", "pos"),
        # Not a day that ends at 7 instead of 9: a team of nine that is four.
        ("i finish at 7 most nights. we were 9 when i started, now we are 4", "neg"),
    ],
)
def test_a_count_then_and_a_count_now_in_two_sentences(text: str, expected: str) -> None:
    score = _news(text, "workload")
    assert score != 0, read(text).scores
    assert (score > 0) == (expected == "pos"), read(text).scores


@pytest.mark.parametrize(
    "text",
    [
        "Six of us went to the conference when I started. Great day now I think of it.",
        "I had 3 supervisions when I started. Now I get them monthly.",  # "monthly" is no count
        "Eleven of us when I joined. Now 4 more are leaving.",  # more of the same, not the count
    ],
)
def test_no_count_now_no_change_across_sentences(text: str) -> None:
    reading = read(text)
    assert reading.scores.get("workload", 0.0) >= 0 or "leaving" in text, reading.scores


@pytest.mark.parametrize(
    ("text", "theme", "news"),
    [
        ("on 15 children now instead of 24 and it shows", "workload", 1),
        ("the new referral form is three pages instead of ten, bliss", "processes", 1),
        ("we get 40 contacts a day now rather than 25", "workload", -1),
        ("sign-off now goes through four managers instead of two", "processes", 0),
    ],
)
def test_a_count_told_against_what_it_replaced(text: str, theme: str, news: int) -> None:
    change = _count_change(normalise(text))
    if news == 0:
        assert change is None or change.theme != theme or change.shift <= 0
    else:
        assert change is not None
        assert change.theme == theme
        assert change.shift * news > 0


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Fourteen families instead of twenty-two", "What would make your job better?"),
        ("one assessment template instead of three", "What would you change?"),
        ("an IFA, 9 kids instead of 20", "Where are you going, and what does it offer?"),
        ("Suggestion: two forms instead of five for a transfer", None),
        ("I'd rather have 15 cases instead of 25", None),
    ],
)
def test_a_count_told_against_another_as_a_wish_is_a_complaint(
    text: str, question: str | None
) -> None:
    scores = read(text, question).scores
    assert any(score < 0 for score in scores.values()), scores
    assert not any(score > 0 for score in scores.values()), scores


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Clocking off at half 5 now, it used to be 8 most nights", {"work_life_balance": "pos"}),
        ("12 of us in the team when I joined. Seven now.", {"workload": "neg"}),
        ("20 kids now instead of 14, since the restructure", {"workload": "neg"}),
    ],
)
def test_the_whole_analyser_reads_them(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    for theme, direction in themes.items():
        assert found.get(theme) == direction, found


# A reviewer's sentences that the first version of these readings got wrong, each now read right
# or left unread (theme, the sign of its score, or 0 for no change read).
@pytest.mark.parametrize(
    ("text", "question", "theme", "news"),
    [
        ("i love that i have 15 families now instead of 28", None, "workload", 1),
        (
            "new TM means i am actually able to leave at 5 now, used to be 7",
            None,
            "work_life_balance",
            1,
        ),
        ("no more late nights home by 6 now instead of 8", None, "work_life_balance", 1),
        ("can we have 1 referral form instead of 3 pls", None, "processes", -1),
        (
            "leaving for an agency job, I have 28 kids instead of 18 when i started here",
            None,
            "workload",
            -1,
        ),
        (
            "more of the same! 14 kids now instead of 25",
            "What would make your job better?",
            "workload",
            1,
        ),
        ("on EDT i log off at 1am now instead of 11pm", None, "work_life_balance", -1),
        ("we finish at 12 on fridays now instead of half 4", None, "work_life_balance", 1),
        (
            "caseloads have rather quickly come down from 30 to 20 since the new HoS",
            None,
            "workload",
            1,
        ),
        ("home by 6 now, it was 8 last year", None, "work_life_balance", 1),
        ("Nine of us in the team when I joined. Five these days.", None, "workload", -1),
        ("my day finishes at 5 now instead of 7", None, "work_life_balance", 1),
        ("14 kids on my caseload instead of 25", None, "workload", 1),
    ],
)
def test_a_reviewers_sentences(text: str, question: str | None, theme: str, news: int) -> None:
    score = _news(text, theme, question)
    assert score * news > 0, read(text, question).scores


@pytest.mark.parametrize(
    "text",
    [
        "We had 9 SWs in the team when I joined. Now it's 2 years later and we still have 9",
        "in by 9 and out by 7, it was 5 when i joined",
        "i can do the school drop off at 9 now instead of 8 since flexi came in",
        "supervision starts at 2 now instead of 3 which suits me",
        "i had 25 kids when i started in sept. now 9 on CP plans",
    ],
)
def test_a_reviewers_sentences_that_tell_no_such_change(text: str) -> None:
    # No count across sentences and no time of the working day: each is none of these
    # readings (what else the rules make of it is not this test's business).
    reading = read(text)
    normalised = normalise(text)
    assert _clock_change(normalised) is None
    parts = [clause.strip() for clause in normalised.replace(".", ",").split(",") if clause.strip()]
    for last, this in pairwise(parts):
        assert _count_across(last, this) is None, (last, this, reading.scores)
        assert _clock_across(last, this) is None, (last, this)


# A second reviewer's sentences, each read wrongly by the round's second version: a single long
# day, "was" said of one day or of a count, a count hidden by a time, reports taken for wishes,
# and noon and the small hours.
@pytest.mark.parametrize(
    ("text", "theme", "news"),
    [
        ("my caseload went from 30 to 18 so I log off at 5 now instead of 7", "workload", 1),
        ("I love that Im home by 6 now instead of 8", "work_life_balance", 1),
        ("Feels like I actually get home by 6 now instead of 8", "work_life_balance", 1),
        (
            "with flexi there is no need to log on before 9 now, used to be 8",
            "work_life_balance",
            1,
        ),
        ("Id say Im home by 6 now, used to be 8", "work_life_balance", 1),
        ("Id say I have 15 kids now instead of 25, much better", "workload", 1),
        ("If anything I have 12 kids now instead of 20, which helps", "workload", 1),
        ("My manager is great and I log off at 5 now. It used to be 8", "work_life_balance", 1),
        ("we finish at half 12 on fridays now instead of 5", "work_life_balance", 1),
        ("on EDT I am working till 12am now instead of 6pm", "work_life_balance", -1),
        ("log off at 12pm now instead of 12am", "work_life_balance", 1),
        ("finishing at 6am now rather than 2am", "work_life_balance", -1),
        ("I log off at 6 now and my caseload was 22 last year and its 30 now", "workload", -1),
    ],
)
def test_a_second_reviewers_sentences(text: str, theme: str, news: int) -> None:
    assert _news(text, theme) * news > 0, read(text).scores


@pytest.mark.parametrize(
    "text",
    [
        "Logged on at 8 this morning and it was gone 7 when I logged off",
        "In the office at 8, it was 7 before I left",
        "We officially finish at 5 but it was 9 last night before I logged off",
        "Logged off at 9 tonight. Was 10 last night.",
        "I log off at 6 now and my caseload was 12 when I started",
        "Home by 7 most nights but the team was 11 when I joined, now its 5.",
        "I used to leave at 5, now I have 2 at home so its a rush",
        "Assessments: finished 2 this week, it was 5 last week",
    ],
)
def test_one_long_day_or_a_count_is_no_day_that_got_shorter(text: str) -> None:
    assert _news(text, "work_life_balance") <= 0.5, read(text).scores


@pytest.mark.parametrize(
    "text",
    [
        "We had 10 kids in care proceedings last year. Now 3 have gone home",
        "I had 5 different managers when I started which was awful. Only 1 now.",
        "We only manage 1 visit a month instead of 2 now, not enough staff",
    ],
)
def test_part_of_the_whole_or_fewer_visits_is_no_lighter_load(text: str) -> None:
    assert _news(text, "workload") <= 0, read(text).scores
    # The clause before keeps its say: the comment is no better for it.
    assert read(text).total <= 0

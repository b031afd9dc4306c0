"""Thirtieth round: reasons to stay told in the words of leaving, and the attacks on them.

The frames, each a phrase in analysis/data/patterns.yaml: what leaving would lose ("Leave? And
lose my compressed hours?"), what nobody else would give, what stops them going ("the only thing
stopping me going off sick"), why they did not go, someone whose leaving would take them too.
The sentences here were written for the tests, not taken from the labelled data; each is read by
the rules (what the phrase does) and by the whole analyser (what a reader sees).
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.lexicon import question_lean
from analysis.rules import read
from tests.analysis.probe_cases import TURNED_BY_THE_WEIGHTS

_LEAVE_QUESTION = "What would make you think about leaving?"

_REASONS_TO_STAY = [
    ("Leave? And give up my compressed hours? No chance.", None, "work_life_balance"),
    (
        "considered locum work last spring but then I'd lose my place on the practice educator "
        "course",
        None,
        "career",
    ),
    (
        "Walking away now would mean losing the flexi I fought two years for",
        None,
        "work_life_balance",
    ),
    ("nobody else would let me fit my hours round the school run", None, "work_life_balance"),
    ("The counselling sessions are the only thing stopping me going off sick", None, "wellbeing"),
    ("the retention bonus is the only thing standing between me and an agency", None, "pay"),
    ("my team is the reason I didn't go to the trust last year", None, "team_culture"),
    ("the only thing that would make me leave is my practice manager moving on", None, "managers"),
    ("if my team manager left", _LEAVE_QUESTION, "managers"),
    ("Honestly the peer support on this team is what's keeping me here", None, "team_culture"),
    # The reviewer's: other spellings of the same frames.
    ("thought about agency but I'd lose my flexi", None, "work_life_balance"),
    ("considered the trust, but then again id lose my hybrid days", None, "work_life_balance"),
    ("quit? and give up my 4 day week? not likely", None, "work_life_balance"),
    ("no other council would give me a compressed week", None, "work_life_balance"),
    # The second review's: a departure weighed and not taken ("but then I'd lose", after an
    # offer, is what they would miss here, not the new job's good point), "that'd", "ever".
    (
        "I was offered a job at the trust but then I'd lose my hybrid days",
        None,
        "work_life_balance",
    ),
    ("Only thing that'd get me out the door is my TM leaving.", None, "managers"),
    ("Nobody else ever offered me a secondment", None, "career"),
    ("the peer support here. it's what's holding people.", None, "team_culture"),
]


@pytest.mark.parametrize(("text", "question", "theme"), _REASONS_TO_STAY)
def test_a_reason_to_stay_told_in_words_of_leaving_is_good_news(
    text: str, question: str | None, theme: str
) -> None:
    assert read(text, question).scores[theme] > 0
    assert analyse(text, question).themes.get(theme) == "pos"


# Each attack uses a frame's own words for a complaint: the phrases must not make them reasons to
# stay. Each read as bad news before the phrases and must still.
_COMPLAINTS = [
    ("pay is the reason I'm looking", "pay"),
    ("the caseload is killing me", "workload"),
    ("nobody else does duty cover on a Friday", "workload"),
    ("no one else has a caseload this high", "workload"),
    ("nobody else would pay this badly", "pay"),
    ("The mortgage is the only thing stopping me leaving. Caseloads are unsafe.", "workload"),
    ("the only thing keeping me from leaving is the mortgage, the pay is dreadful", "pay"),
    ("Leave? And lose my mind somewhere with worse IT?", "it_systems"),
]


@pytest.mark.parametrize(("text", "theme"), _COMPLAINTS)
def test_the_words_of_leaving_do_not_turn_a_complaint(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 0
    assert analyse(text).themes.get(theme) == "neg"


# A reviewer with no part in the phrases attacked their first version with these: each was read
# as good news by one of them (what leaving loses, nobody else, what holds them, why they did not
# go, whose going, an end put) and must not be; the second review's five at the end. The rules
# may still see a little good in one ("good social workers" is +0.5, "never leave before 7"
# +0.8, as before any phrase), never a frame's +2.
_ATTACKS = [
    (
        "good social workers leave and give up on the profession because of the caseloads",
        "workload",
    ),
    ("i go and lose an hour every day looking for parking at the civic centre", "environment"),
    ("leave and lose my temper with mosaic every day", "it_systems"),
    ("nobody else gives me supervision, my manager cancels every month", "managers"),
    ("nobody else offered to help when my caseload hit 30", "workload"),
    ("I'd go off sick but then I'd lose pay, sick pay here is a joke", "pay"),
    (
        "the bullying on duty went on for months and management never put a stop to it",
        "team_culture",
    ),
    (
        "the parking is a nightmare, hopefully the new building will put an end to that",
        "environment",
    ),
    ("my manager knew about the late working and could easily have put a stop to it", "managers"),
    ("the only thing that would make me leave is the pay going down any further", "pay"),
    ("there is nothing standing between me and the door now my TM has gone", "managers"),
    ("another SW leaving would mean losing duty cover altogether", "workload"),
    ("the lack of progression is what's holding me back", "career"),
    ("Mosaic is what is holding us back, it crashes daily", "it_systems"),
    ("the reason I never moved up is nobody here gets promoted", "career"),
    ("the reason we didn't go to team training is there was no cover for duty", "career"),
    (
        "Off to the trust in May, and I will lose the commute and get proper flexible working",
        "work_life_balance",
    ),
    ("the paperwork is keeping me from going home before 7", "processes"),
    ("duty is stopping me going on the course", "workload"),
    ("the caseload is the reason I never leave before 7", "workload"),
    ("no other team would give me this many cases", "workload"),
    ("the fire door is broken and they should've put a stop to it", "environment"),
]


@pytest.mark.parametrize(("text", "theme"), _ATTACKS)
def test_no_frame_turns_a_complaint_in_their_words(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0.0) < 1.0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("my team is the reason I'm looking forward to coming in", "team_culture"),
        ("my manager is the reason I'm applying for the senior role", "managers"),
        ("the caseload was killing me until they brought in the cap, now its fine", "workload"),
    ],
)
def test_a_reason_to_look_forward_or_apply_is_not_a_reason_to_leave(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0.0) >= 0


def test_keeping_me_up_at_night_is_not_a_reason_to_stay() -> None:
    assert read("the caseload is what's keeping me up at night").scores["workload"] <= 0


def test_an_end_put_to_what_was_told_before_is_good_news() -> None:
    told = "We used to queue for the one working printer. The new print room put an end to that."
    assert read(told).scores["environment"] > 0
    # An end still wished for is not one; an end put to something named is a loss, not a mend.
    assert (
        read("Mosaic crashes every afternoon, someone should put an end to that").scores[
            "it_systems"
        ]
        < 0
    )
    lost = read("the new duty system has put an end to our lunch breaks").scores
    assert lost
    assert all(score <= 0 for score in lost.values())


_WELCOMED = "if my manager left it would be the best thing for the team"
_DELIGHTED = "if my manager left I'd be delighted tbh"


@pytest.mark.parametrize("question", [None, _LEAVE_QUESTION])
@pytest.mark.parametrize("text", [_DELIGHTED, _WELCOMED])
def test_the_rules_read_a_going_they_would_welcome_as_bad_news(
    text: str, question: str | None
) -> None:
    # Under the wish lean these read as bad news by accident (the praise turned); as a leave
    # question the rules read them as praise of the manager until a phrase read the welcome.
    assert read(text, question).scores["managers"] < 0


@pytest.mark.parametrize(
    ("text", "question"),
    [
        (_DELIGHTED, None),
        (_DELIGHTED, _LEAVE_QUESTION),
        # Lost with the thirty-second round's weights (the rules read it as bad news of the
        # manager, -2.5; the direction model read "best thing" over them), read right again
        # with the thirty-fourth's, lost again with the forty-seventh's.
        pytest.param(
            _WELCOMED,
            _LEAVE_QUESTION,
            marks=TURNED_BY_THE_WEIGHTS,
        ),
        # With no question the learned half weighs "best thing for the team" over the rules.
        pytest.param(
            _WELCOMED,
            None,
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
    ],
)
def test_a_going_they_would_welcome_is_bad_news_of_who_goes(
    text: str, question: str | None
) -> None:
    assert analyse(text, question).themes.get("managers") == "neg"


def test_a_question_of_what_would_make_them_leave_is_not_a_wish() -> None:
    # "What would make you think about leaving?" asks what would drive them out, as "What might
    # make you leave?" does, not what is missing ("What would make your job better?"): a wish
    # question turns every good thing named into a lack, and "if my TM left" into bad news of
    # the manager.
    for question in (
        _LEAVE_QUESTION,
        "What would make you leave?",
        "What would get you to leave?",
        "What would make you want to leave?",
        "What would make you start looking for another job?",
    ):
        lean = question_lean(question)
        assert lean is not None, question
        assert (lean.direction, lean.wish) == ("neg", False), question
    for question in (
        "What would make your job better?",
        "What would make you stay?",
        "What would make you look forward to coming to work?",
        "What would make things go more smoothly?",
    ):
        lean = question_lean(question)
        assert lean is not None, question
        assert lean.wish, question

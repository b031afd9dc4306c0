"""Thirty-first round: reasons to stay told as how hard, or how foolish, giving them up would be,
and what the job has made people give up, which is the other way.

The frames are phrases in analysis/data/patterns.yaml ("hard to give up", "giving up … would be
a wrench", "I'd hate to lose", "couldn't bring myself to leave", "I'd be mad to give up", "I'd
miss … too much to go"; "had to give up my Fridays", "we've stopped asking for supervision").
The sentences here were written for the tests, not taken from the labelled data; each is read by
the rules (what the phrase does) and by the whole analyser (what a reader sees).
"""

from __future__ import annotations

import re

import pytest

from analysis.comments import analyse
from analysis.lexicon import PHRASE_GATES
from analysis.rules import Reading, read
from analysis.text import normalise

_REASONS_TO_STAY = [
    ("Hard to give up the nine day fortnight", None, "work_life_balance"),
    ("It would be a wrench to give up my compressed hours", None, "work_life_balance"),
    ("Giving up the hybrid working would be hard", None, "work_life_balance"),
    ("I'd have to be crazy to give up term-time hours", None, "work_life_balance"),
    ("I'd hate to lose my PM", None, "managers"),
    ("couldn't bring myself to leave this team", None, "team_culture"),
    ("I'd miss the team too much to go", None, "team_culture"),
    ("it would be really hard to walk away from my practice manager", None, "managers"),
    ("Losing my supervisor would be a huge blow", None, "managers"),
    ("id be bonkers to walk away from the retention payment", None, "pay"),
    # With the question they answer.
    ("the team, I'd be daft to leave them", "What keeps you working here?", "team_culture"),
    (
        "the flexi. it would be a wrench to give it up",
        "What would you miss if you left?",
        "work_life_balance",
    ),
]


# What the job made them give up, or what they have stopped asking for: bad news, in the frames'
# own words.
_GIVEN_UP = [
    ("had to give up my flexi when the rota changed", "work_life_balance"),
    ("gave up another Saturday to finish the court bundle", "work_life_balance"),
    ("Since my manager never has time, I've stopped asking for supervision", "managers"),
    ("we've all given up asking for a laptop that works", "it_systems"),
    ("the mileage rate, don't get me started", "pay"),
]


# Attacks in the frames' words that must not become a reason to stay: leaving the office late is
# not leaving the job, an easy goodbye is no loss, a loss imposed is not one they would regret.
# No clause may score a frame's +2 (the theme asked about may not be found at all).
_ATTACKS = [
    ("hard to leave the office before 7 most nights", "work_life_balance"),
    ("it is hard to leave the job at the door after a removal", "wellbeing"),
    ("it wasn't hard to give up the hot desks, they were awful", "environment"),
    ("losing the admin officer would be a disaster for the team", "processes"),
    ("hard to give up on the ASYE when the caseload is this high", "workload"),
]


@pytest.mark.parametrize(
    "text",
    [
        # Whoever stopped is not the writer or the staff, or the stopping is praise of others.
        "the students ask the questions we stopped asking years ago, they're brilliant",
        "the families have stopped bothering to learn our names, four workers in a year",
        "my manager pushed me onto the course when I'd stopped asking",
    ],
)
def test_a_stop_that_is_not_the_staff_giving_up_is_not_read_as_one(text: str) -> None:
    # The phrase is worth -2; before its subject was required, "learn" and "course" (career)
    # took it.
    assert all(score > -1.5 for score in read(text).scores.values())


# More of the round's frames, each with the attack that shaped it.
_MORE_REASONS_TO_STAY = [
    ("Fridays off every week. Not handing them back.", "work_life_balance"),
    ("the lease car is worth a fortune to me, I'm not giving it up", "pay"),
    ("can't see myself walking away from this team", "team_culture"),
    ("I'd kick myself if I left before the practice educator course starts", "career"),
    ("I'd regret it for years if I walked away from my supervisor", "managers"),
    ("The peer support would make me think twice about leaving", "team_culture"),
    ("I doubt I'd ever find a manager like mine anywhere else", "managers"),
    ("I don't think I'd get a team like this again", "team_culture"),
    ("I'd be a proper fool to swap my hybrid days for five in the office", "work_life_balance"),
]


_MORE_COMPLAINTS = [
    # Staying judged foolish.
    ("I'd be daft to stay on this grade when the agency pays double", "pay"),
    # A good thing taken away; what they no longer get, or have not had for months.
    ("ever since they scrapped the market supplement half the team have gone", "pay"),
    ("management took away our flexi in the summer", "work_life_balance"),
    ("don't get a lunch break anymore", "work_life_balance"),
    ("haven't had supervision in four months", "managers"),
    ("we used to have a team day every term, not had one since last year", "team_culture"),
    # A life outside work given up, and the idioms of a complaint.
    ("packed in the gym and the choir, the job has had the lot", "work_life_balance"),
    ("Gave up my netball team, evenings are visits now", "work_life_balance"),
    ("the mileage being what it is, I'm paying to see families", "pay"),
    ("Please stop booking training at 4pm on a Friday", "career"),
]


@pytest.mark.parametrize(
    ("text", "question", "theme"),
    _REASONS_TO_STAY + [(text, None, theme) for text, theme in _MORE_REASONS_TO_STAY],
)
def test_how_hard_or_foolish_giving_it_up_would_be_is_good_news(
    text: str, question: str | None, theme: str
) -> None:
    assert read(text, question).scores[theme] > 0
    assert analyse(text, question).themes.get(theme) == "pos"


@pytest.mark.parametrize(("text", "theme"), _GIVEN_UP + _MORE_COMPLAINTS)
def test_what_the_job_made_them_give_up_and_the_like_is_bad_news(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 0
    assert analyse(text).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # A threat, not a loss; what is stopped is a burden; what they no longer get is a worry.
        ("if they cut the retention payment I am gone", "pay"),
        ("they stopped the double recording in the spring, thank god", "processes"),
        ("I don't get stressed about duty anymore", "wellbeing"),
        # Not giving up more of their own time is not a reason to stay.
        ("I'm not giving up another weekend for this place", "work_life_balance"),
        # Not their own career going nowhere.
        ("my career is going nowhere here", "career"),
    ],
)
def test_the_round_s_frames_leave_these_alone(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0.0) < 1.5


def test_can_not_complain_is_mild_praise_but_complaining_to_someone_is_not() -> None:
    assert read("The office? Can't complain.").scores["environment"] > 0
    assert read("the office is freezing and I can't complain to anyone").scores["environment"] < 0


def test_a_team_outside_work_is_not_the_team() -> None:
    assert "team_culture" not in read("gave up my football team on Thursdays").scores
    assert read("I'd be mad to leave a team like this").scores["team_culture"] > 0


def test_i_d_before_a_past_participle_is_had() -> None:
    # "I'd been looking" is "I had been looking", not a wish; "I'd never leave" keeps "would".
    assert normalise("I'd been looking since they cut it") == "i had been looking since they cut it"
    assert normalise("id given up asking") == "i had given up asking"
    assert normalise("I'd never leave") == "i would never leave"
    # Spaces not yet folded, and an adverb between (the second reviewer's).
    assert normalise("I'd  been looking") == "i had been looking"
    assert normalise("I'd already given up asking") == "i had already given up asking"
    assert normalise("I'd be mad to go") == "i would be mad to go"


# A reviewer with no part in the phrases attacked their first version: each of these read the
# other way through one of them (the rules' +2 or -2), and must not. Complaints first.
_REVIEW_COMPLAINTS = [
    ("Losing our admin support will be a massive blow", "processes"),
    ("Leaving the house at 6am is going to be tough with the new duty rota", "workload"),
    ("Yeah I'd hate to lose my 50 hour weeks lol", "work_life_balance"),
    ("Giving up the unpaid overtime would be a real wrench", "work_life_balance"),
    ("You'd be mad to turn down the overtime, the base pay is that bad", "pay"),
    ("I'm never leaving the job at work, it comes home with me every night", "work_life_balance"),
    ("I'm not giving up my Sundays for this place anymore", "work_life_balance"),
    ("I'll regret leaving my kids with the childminder till 7 every night", "work_life_balance"),
    ("Staff would think twice about leaving if they were paid properly", "pay"),
    ("We're going nowhere with the new case management system", "it_systems"),
    ("Going nowhere with my career here, six years on the same grade", "career"),
    ("It's tough losing our best social workers to agency when the pay gap is that big", "pay"),
    ("Would it be hard to give up the flexi? Not really, it barely works", "work_life_balance"),
    ("Honestly not a wrench to give up the old office, it was freezing", "environment"),
]


def _strongest_clause(reading: Reading) -> float:
    """The highest score of a clause: a frame that fired scores +2 or more."""
    return max(score for _clause, score in reading.clauses)


@pytest.mark.parametrize(("text", "theme"), _ATTACKS + _REVIEW_COMPLAINTS)
def test_no_frame_of_giving_up_turns_a_complaint(text: str, theme: str) -> None:
    reading = read(text)
    assert reading.scores.get(theme, 0.0) < 1.0
    assert _strongest_clause(reading) < 1.5


_REVIEW_GOOD_NEWS = [
    ("They scrapped the parking charges, brilliant news", "environment"),
    ("We had to give up the paper files and thank god, Mosaic is miles better", "it_systems"),
    ("I don't have a ridiculous caseload anymore since they recruited", "workload"),
    ("Haven't had a bad supervision since she started", "managers"),
    (
        "Haven't had a single day of sickness since joining, the wellbeing offer is great",
        "wellbeing",
    ),
    ("My TM always says please stop working and go home, and she means it", "managers"),
]


@pytest.mark.parametrize(("text", "theme"), _REVIEW_GOOD_NEWS)
def test_the_reviewer_s_good_news_is_not_read_as_a_loss(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0.0) > -1.5


@pytest.mark.parametrize(
    "text",
    [
        # Someone else's giving up is casework, not the worker's life outside work.
        "The IRO gave up on the dad after he missed three contacts",
        "Honestly the service gave up on the family years ago",
        "The young person walked away from two friendships when he moved schools",
        "Mum gave up the gym and her friends to keep the kids safe",
    ],
)
def test_someone_else_giving_up_is_not_the_worker_s_life(text: str) -> None:
    assert "work_life_balance" not in read(text).scores


@pytest.mark.parametrize(
    ("text", "theme", "sign"),
    [
        # The reviewer's misses, each caught now.
        ("They've scrapped the market supplement", "pay", -1),
        ("They stopped paying the market supplement in April", "pay", -1),
        ("Haven't had supervision for 3 months", "managers", -1),
        ("Giving up the flexi would really hurt", "work_life_balance", 1),
        ("Not a chance I'm handing back my lease car", "pay", 1),
        # And the training pool's reasons to stay that an early narrowing lost.
        ("id be mad to leave when theyre funding my PE training", "career", 1),
        ("The pension. I'd be mad to leave two years before I can draw it.", "pay", 1),
    ],
)
def test_the_reviewer_s_misses_are_caught(text: str, theme: str, sign: int) -> None:
    assert read(text).scores[theme] * sign > 0


# The second reviewer, reading the whole change: each read the other way through a frame.
_SECOND_REVIEW_COMPLAINTS = [
    # A loss that happened, or one imposed, is not a reason to stay.
    ("It was hard to lose the market supplement after five years", "pay"),
    ("hard to lose my Fridays to court work every week", "workload"),
    ("It's a big ask to give up our Fridays for the duty rota", "workload"),
    ("It's hard to give up my days off every time duty is short", "work_life_balance"),
    ("Wouldn't be too hard to give up the flexi, it barely works", "work_life_balance"),
    ("I'd hate to lose my extra unpaid hours", "work_life_balance"),
    ("Career wise I'm going nowhere till I get my PQ", "career"),
    ("I'll probably regret going for the senior post, the workload is mental", "career"),
    ("I'll never have a manager like that again, she bullied half the team", "managers"),
    ("I miss my kids too much to go back to nights", "work_life_balance"),
    ("Not giving up my days off to cover their rota gaps", "work_life_balance"),
]


@pytest.mark.parametrize(("text", "theme"), _SECOND_REVIEW_COMPLAINTS)
def test_the_second_review_s_complaints_stay_complaints(text: str, theme: str) -> None:
    reading = read(text)
    assert reading.scores.get(theme, 0.0) <= 0
    assert _strongest_clause(reading) < 1.5


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Not had a manager this good in 20 years", "managers"),
        ("They got rid of the paperwork for mileage claims, so much quicker", "processes"),
        ("They've cut the red tape on mileage claims, it's so much easier", "processes"),
        ('My TM always says "please stop working late" and she means it', "managers"),
        ("The team is what it is because of our manager, she built it", "team_culture"),
    ],
)
def test_the_second_review_s_good_news_is_not_a_loss(text: str, theme: str) -> None:
    # No frame's -2 ("late" alone is -1).
    assert read(text).scores.get(theme, 0.0) > -1.5


@pytest.mark.parametrize(
    "text",
    [
        "I gave up running the duty rota, someone else does it now thank god",
        "Dad lost his job and gave up football, the kids noticed",
    ],
)
def test_a_duty_dropped_or_a_parent_s_hobby_is_not_a_life_given_up(text: str) -> None:
    assert read(text).scores.get("work_life_balance", 0.0) >= 0


def test_a_manager_like_her_is_found_again_whichever_way_it_is_said() -> None:
    assert read("can't see myself getting a manager like her again").scores["managers"] > 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("I would be daft to move while I have got this TM", "managers"),
        ("You would be daft to move when the pay here is this good", "pay"),
        ("I would be mad to move to agency with a PM like mine", "managers"),
        ("we would be daft to move jobs with the hybrid working we have", "work_life_balance"),
    ],
)
def test_mad_to_move_is_a_reason_to_stay(text: str, theme: str) -> None:
    # Thirty-second round: "move" beside "leave" and "go", when what follows says it is the job
    # that would be left (teams, jobs, to agency, or nothing at all).
    assert read(text).total > 0
    assert analyse(text).themes[theme] == "pos"


@pytest.mark.parametrize(
    "text",
    [
        "I would be daft to move house right now",
        "I would be daft to move the visit again, the family would complain",
        "it would be mad to move the duty rota to fridays",
        # A reviewer's: moves that are not the writer leaving, judged foolish by the writer.
        "Madness to move teams around again, third restructure in two years",
        "Crazy to move teams every six months, nobody knows who their manager is",
        "It would be mad to move to a new case recording system in the middle of an Ofsted year",
        "Leadership would be mad to move to agency cover for duty, it costs a fortune",
        "Office move planned for December, it would be mad to move now with duty this stretched",
        "You would be mad to move teams within this council, every team is short staffed",
        "It would be crazy to move councils right now, they are all as bad as each other",
        "Anyone would be mad to move to a new job here, the caseloads are awful",
    ],
)
def test_mad_to_move_something_else_is_not_about_leaving(text: str) -> None:
    said = normalise(text)
    assert not _frame("madness to", 2.5).search(said)  # "I'd be mad to leave"
    assert not _frame("to move(?=", 2.5).search(said)  # "I'd be daft to move"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("gutted they're ending the wfh fridays, that was my catch up day", "work_life_balance"),
        ("They are scrapping the market supplement in April", "pay"),
        ("management are quietly taking away our flexi", "work_life_balance"),
        ("the council is getting rid of the lease cars", "pay"),
        ("management's scrapping the market supplement", "pay"),
        ("They are now quietly scrapping the market supplement", "pay"),
        ("they have ended the nine-day fortnight", "work_life_balance"),
        ("they are scrapping the 4-day week trial", "work_life_balance"),
        # Lost to the thirty-seventh round's nearest comments (scrapped forms, the duty rota);
        # read right again since the fiftieth round names "home working" as work-life balance.
        ("they scrapped home working for the duty team", "work_life_balance"),
    ],
)
def test_a_good_thing_being_taken_away_is_bad_news(text: str, theme: str) -> None:
    # Thirty-second round: the loss as it happens, beside the loss done ("they scrapped").
    assert read(text).total <= -2.0
    assert analyse(text).themes[theme] == "neg"


@pytest.mark.parametrize(
    "text",
    [
        # A reviewer's: a bad thing beside a good one, a good thing moved or shortened, a denial.
        "They are ending the lunch time duty cover, so we can finally eat",
        "they are cutting the supervision backlog, about time",
        "they are scrapping the flexi clawback that took hours off us every month",
        "They are ending the team days at 2 now so people can do the school run",
        "They are ending supervision with a reflective bit now, really helpful",
        "they are cutting the training waiting list from six months to six weeks",
        "management are removing the training sign-off step that held up every course",
        "They are pulling the training forward to March so we get it sooner",
        "I dont think they are scrapping the market supplement, HR said it is safe",
    ],
)
def test_a_bad_thing_or_a_move_taken_away_is_not_a_loss(text: str) -> None:
    assert not _frame("scrapped", -2.0).search(normalise(text))


def _frame(word: str, value: float) -> re.Pattern[str]:
    """The one scored phrase that holds `word` and scores `value`."""
    (found,) = [p for p, score, _gate in PHRASE_GATES if word in p.pattern and score == value]
    return found


_SUPPLEMENT = "supplement's paid in April so I'm going nowhere till then"


def test_the_rules_read_staying_till_the_supplement_is_paid_as_a_reason_to_stay() -> None:
    assert read(_SUPPLEMENT).scores["pay"] > 0


def test_staying_till_the_supplement_is_paid_is_good_news_of_pay() -> None:
    # The learned half's direction sits near its line: it crossed it with the thirty-third
    # round's weights (pay read as bad news), came back with the thirty-fourth's, crossed again
    # with the thirty-fifth's, came back with the thirty-sixth's, crossed again with the
    # forty-seventh's and came back with the fifty-first's.
    assert analyse(_SUPPLEMENT).themes.get("pay") == "pos"

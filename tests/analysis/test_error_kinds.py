"""Each kind of mistake issue 19 found on text written apart from the analyser, pinned with
sentences written for these tests (in no data file): the analyser must read them right."""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.lexicon import THEME_PATTERNS, question_lean
from analysis.rules import (
    _HOW_OFTEN,
    _LONG_DAY,
    _NOT_GOING,
    _count_change,
    _departure,
    read,
    themes_in,
)
from analysis.text import clauses, normalise


def _reads(text: str, expected: dict[str, str], question: str | None = None) -> None:
    found = analyse(text, question).themes
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)


# The rules read these as reasons to leave (the mid-clause departure test), but the learned
# half reads the praise words as praise and outweighs them (known misreadings). A direction
# feature for "only what the new job offers" did not help in 5-fold cross-validation
# (direction 0.9338 with it, 0.9340 without), so it was not kept.
_LEARNED_HALF_READS_AS_PRAISE = (
    "I am leaving for a council with a brilliant manager",
    "Finally moving to a council with really good flexible working",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My caseload dropped from twenty-six to fifteen after the new pod started", "workload"),
        ("Duty is far less frantic since they put a second senior on the rota", "workload"),
        ("Caseload down to 14 now the two new starters are allocating", "workload"),
        ("the duty rota is nowhere near as punishing since they added a third worker", "workload"),
        ("Audit requests have dropped from weekly to quarterly, which is a relief", "processes"),
        ("Caseload has come down a lot since Easter, I can breathe again", "workload"),
        ("I used to have 30 kids, now it's 17", "workload"),
        ("Paperwork is lighter since the new single assessment form", "processes"),
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
        ("If they ever took away the hybrid days I'd be out the door", "work_life_balance"),
        ("the retention allowance is the reason I'm still here, without it I'd leave", "pay"),
        ("If we lose our practice manager half the team would walk", "managers"),
        ("Flexible hours. I'd quit without them", "work_life_balance"),
        ("My TM is the only thing keeping me here", "managers"),
        ("Honestly the flexi is what stops me going agency", "work_life_balance"),
    ],
)
def test_reasons_to_stay_said_through_leaving_are_positive(text: str, expected: str) -> None:
    _reads(text, {expected: "pos"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moving to a fostering team in January, no duty rota and far fewer visits", "workload"),
        ("Off to a hospital social work post where the pay is better", "pay"),
        (
            "Starting at a private fostering agency in May: smaller caseload and no weekend duty",
            "workload",
        ),
        ("Joining the neighbouring council, their mileage rate is far better", "pay"),
        ("Off to the council next door, they pay a £4k supplement", "pay"),
        ("Going to a school-based role: term time only, no evenings", "work_life_balance"),
    ],
)
def test_what_is_better_elsewhere_is_a_reason_to_leave(text: str, expected: str) -> None:
    _reads(text, {expected: "neg"})


def test_what_a_new_job_offers_is_a_reason_to_leave_this_one() -> None:
    _reads(
        "A hospital team. Supervision every fortnight and a manager who answers emails",
        {"managers": "neg"},
        "Where are you going, and what does it offer?",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a phone that holds a charge? dream on", "it_systems"),
        # At the detector's threshold: missed with the seventeenth round's first twelve writers
        # (-0.64 against -0.6), found again with all twenty-four (-0.50), missed again since the
        # thirty-seventh round's nearest comments (-0.74), whose "seven months" is a manager's
        # or a panel's and whose chairs are a panel's.
        pytest.param(
            "Asked for a proper chair for my back. Seven. Months.",
            "environment",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
        ("Lovely to see supervision cancelled yet again", "managers"),
        ("How are we supposed to see every child with 28 cases each?", "workload"),
        ("Wonderful, another laptop update that wipes my drafts 🙄", "it_systems"),
        ("working wifi in the hub? yeah right", "it_systems"),
        ("Who needs a lunch break anyway", "work_life_balance"),
        ("Nine. Weeks. Still waiting for a desk that isn't broken.", "environment"),
        ("Oh great, the hotdesk booking system is down again", "it_systems"),
        ("Supervision? What supervision.", "managers"),
        ("Love being told to do self care by people who email at midnight", "work_life_balance"),
        ("senior leaders never come down to the floor", "leadership"),
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
        ("What keeps you here?", "colleagues", {"team_culture": "pos"}),
        ("What might make you leave?", "the hours", {"work_life_balance": "neg"}),
        ("Why do you stay?", "my supervisor, honestly", {"managers": "pos"}),
        ("Why do you stay?", "the pay", {"pay": "pos"}),
        ("What do you enjoy most about your job?", "the training", {"career": "pos"}),
        ("What might make you leave?", "pay", {"pay": "neg"}),
        ("What keeps you here?", "my TM", {"managers": "pos"}),
    ],
)
def test_a_bare_answer_goes_the_way_its_question_points(
    question: str, text: str, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("What would make your job better?", "a working laptop", {"it_systems": "neg"}),
        (
            "What would make your job better?",
            "a mileage rate that actually covers fuel",
            {"pay": "neg"},
        ),
        (
            "What would you change?",
            "fewer panels, more trust in our judgement",
            {"processes": "neg"},
        ),
        ("What could we do to keep you?", "flexible start times", {"work_life_balance": "neg"}),
    ],
)
def test_an_answer_to_a_wish_question_names_what_is_missing(
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
        "A mum spat at me during a contact and nobody checked I was alright",
        "Got punched at a door last month and was back on visits the next day",
        "had to go to a violent household alone because nobody was free",
        "I cry in the car most days after visits",
        "No one debriefed us after the removal",
    ],
)
def test_harm_on_a_visit_is_not_dropped_for_want_of_a_theme_word(text: str) -> None:
    _reads(text, {"wellbeing": "neg"})


def test_the_old_one_argument_call_still_works() -> None:
    assert analyse("My TM is fab but the salary is an insult").themes == {
        "managers": "pos",
        "pay": "neg",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Is the free text on this survey really anonymous?",
        "Question 4 makes no sense to me",
        "Can we see the results broken down by service next time?",
        # A question about the survey, however it is typed, even where it names a theme.
        "Is my wellbeing score shared with my manager?",
        "Is my wellbeing score shared with my manager ?",
        "Is my wellbeing score shared with my manager, or just HR?",
        "will my manager see my wellbeing score",
        "Does this survey go to my manager",
    ],
)
def test_a_comment_about_the_survey_itself_speaks_of_no_theme(text: str) -> None:
    assert analyse(text).themes == {}


# Ninth round: where the retrained learned half overrode rules that read a comment right. Written
# for these tests, apart from every data file.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The survey's own words speak of no theme; the rest of their clause still does.
        ("My wellbeing score is low because my caseload is 32", {"workload": "neg"}),
        ("the workload question is fair, I have 29 kids and no time", {"workload": "neg"}),
        # Harm on a visit is bad news for wellbeing and for nothing else.
        ("My manager backed me when I was assaulted", {"managers": "pos", "wellbeing": "neg"}),
        (
            "Our TM was brilliant after I got shoved on a visit",
            {"managers": "pos", "wellbeing": "neg"},
        ),
        ("A dad threatened me at the door and my PM drove straight out", {"wellbeing": "neg"}),
        # A count that fell is good news whatever its verb.
        ("My caseload went from 31 to 19", {"workload": "pos"}),
        ("Caseload went from 18 to 30 in a month", {"workload": "neg"}),
        (
            "My caseload went from twenty-eight to seventeen, I can see my kids now",
            {"workload": "pos"},
        ),
    ],
)
def test_what_the_rules_read_right_the_model_does_not_overrule(
    text: str, expected: dict[str, str]
) -> None:
    _reads(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "TM" is "team manager": a manager, not the team.
        ("My TM is great", {"managers": "pos"}),
        ("My TM is great but ring me on [phone]", {"managers": "pos"}),
        ("our team manager is lovely", {"managers": "pos"}),
        ("Our team lead is brilliant", {"managers": "pos"}),
        ("my team leader is lovely", {"managers": "pos"}),
    ],
)
def test_a_comment_reads_exactly_these_themes(text: str, expected: dict[str, str]) -> None:
    assert analyse(text).themes == expected


@pytest.mark.parametrize(
    "text",
    [
        # Denied by a word earlier in the clause, or in the harm's own slot.
        "We were never attacked, the lone working app helps",
        "I was not assaulted but it was frightening",
        "No one in the office has ever threatened me",
        # Figurative: the one doing it is not a person, or the words say what it was.
        "It really hit me how much better I feel since the wellbeing sessions started",
        "The news really hit me hard",
        "The EAP counselling has kicked in and I feel so much better",
        "I was hit by the restructure but my wellbeing is ok now",
        "we got hit by budget cuts",
        "got kicked around between three teams",
        "Bitten the bullet and gone part time, best thing for my mental health",
        # Someone else's harm.
        "A colleague was assaulted last year, but my own wellbeing is great",
    ],
)
def test_what_is_not_harm_to_the_worker_is_not_read_as_harm(text: str) -> None:
    assert not read(text).harmed


@pytest.mark.parametrize(
    "text",
    [
        "It really hit me how much better I feel since the wellbeing sessions started",
        "The EAP counselling has kicked in and I feel so much better",
        # The rules read +1.0 (the clause after "but"); with the seventeenth round's writers the
        # learned half leaned just the other way (-0.24) and decided; with the eighteenth's it
        # reads it right again (a threshold sentence: docs/analysis.md).
        "A colleague was assaulted last year, but my own wellbeing is great",
        "Bitten the bullet and gone part time, best thing for my mental health",
    ],
)
def test_good_news_for_wellbeing_in_words_of_harm_stays_good_news(text: str) -> None:
    _reads(text, {"wellbeing": "pos"})


@pytest.mark.parametrize(
    "text",
    [
        "Bitten the bullet and gone part time",
        "finally bit the bullet and asked for help",
        "Had to bite the bullet and move teams",
    ],
)
def test_biting_the_bullet_is_a_decision_not_a_bite(text: str) -> None:
    # "bitten" is a wellbeing cue (a bite on a visit); in the idiom it speaks of no wellbeing.
    assert "wellbeing" not in read(text).scores


@pytest.mark.parametrize(
    "text",
    [
        "My manager was amazing when not long ago I was assaulted",
        "Nothing done after I was attacked on a visit, my manager was great though",
        "no one checked on me. i was kicked and punched at a contact",
        "Got shoved on a doorstep and the duty manager was brilliant about it",
        "I was punched in the face on a visit",
        "I was threatened by the father at conference",
        "He threatened me that he would find where I live",
        "I got spat at in court and my manager was brilliant",
    ],
)
def test_harm_to_the_worker_is_bad_news_for_wellbeing_however_warm_the_rest(text: str) -> None:
    assert read(text).harmed
    _reads(text, {"wellbeing": "neg"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Harm touches wellbeing alone: the manager who helped stays good news. A manager who
        # threatens is bad news about the manager too.
        ("A dad threatened me at the door and my PM drove straight out", {"managers": "pos"}),
        ("I got spat at in court and my manager was brilliant", {"managers": "pos"}),
        ("My manager threatened me with a capability process, I'm exhausted", {"managers": "neg"}),
        ("My manager threatened me and I'm exhausted", {"managers": "neg"}),
    ],
)
def test_harm_says_nothing_of_the_other_themes(text: str, expected: dict[str, str]) -> None:
    _reads(text, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Statements that only open like questions keep their themes.
        ("How my manager reacted to my wellbeing score was brilliant", {"managers": "pos"}),
        ("Do share my wellbeing score with my manager, she is lovely", {"managers": "pos"}),
        (
            "What worries me is my wellbeing score is low because my caseload is 32",
            {"workload": "neg"},
        ),
    ],
)
def test_a_statement_about_a_survey_score_keeps_its_themes(
    text: str, expected: dict[str, str]
) -> None:
    _reads(text, expected)


def test_a_count_that_fell_is_read_without_its_verb_and_sets_the_tone() -> None:
    assert read("My caseload has gone down from 30 to 20").scores["workload"] == 2.0
    # Two themes in the clause: the count sets workload, and the rest sets the comment's tone.
    evenings = analyse("Caseload went from 30 to 18 and I finally get my evenings back")
    assert evenings.themes.get("workload") == "pos"
    assert evenings.polarity > 0
    # Fewer cases where the worker is going is a reason to leave here; more cases here is too.
    for leaving in (
        "Off to a team where caseloads went from 30 to 15",
        "Leaving for agency work, my caseload here went from 20 to 35",
        "Off to a locum post, caseload went from 18 to 32",
    ):
        assert analyse(leaving).themes == {"workload": "neg"}, leaving
    # A change that did not happen is not one.
    assert analyse("Caseloads have not gone from 30 to 20 as promised").themes == {
        "workload": "neg"
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Our team leads on safeguarding and it is brilliant", "managers"),
        ("The senior leadership team leads by fear", "managers"),
    ],
)
def test_a_team_that_leads_is_not_a_team_leader(text: str, expected: str) -> None:
    assert expected not in analyse(text).themes


# Written in the fourth round, apart from every data file, in two batches: the first led to new
# words (workmates, lease car, bundles, the drive in, pinned, bitten); the second was scored
# before anything changed (18 of 26 right), and led to four general rules ("from twenty-nine to
# nineteen", "in my dreams", "keeping me from going", a job in the next county).
ROUND_FOUR = [
    # improvement read as complaint
    ("Our caseloads fell from about twenty-five to sixteen over the year", None, "workload", "pos"),
    (
        "Caseload went from twenty-nine to nineteen after the recruitment drive",
        None,
        "workload",
        "pos",
    ),
    ("Fewer forms to fill in since the new assessment template came in", None, "processes", "pos"),
    ("Mosaic crashes far less than it did last year", None, "it_systems", "pos"),
    ("Duty feels a lot less chaotic since the triage worker started", None, "workload", "pos"),
    # Read wrong from the twenty-fifth round's retraining (its change-over-time writers:
    # "paperwork" and "need" outweighed "less") to the forty-first round's, which reads it right.
    ("Far less paperwork for a child in need review than last year", None, "processes", "pos"),
    ("Mosaic is much faster since the upgrade in September", None, "it_systems", "pos"),
    # ... and a count that rose is still a complaint
    ("My caseload has gone from eighteen to twenty-six since Easter", None, "workload", "neg"),
    ("Court prep is so much quicker since the bundles went digital", None, "processes", "pos"),
    # reasons to stay said through leaving
    (
        "If they scrapped the compressed hours I'd hand my notice in tomorrow",
        None,
        "work_life_balance",
        "pos",
    ),
    ("Without my team I'd have walked out months ago", None, "team_culture", "pos"),
    ("The lease car scheme is the only thing stopping me going to agency", None, "pay", "pos"),
    (
        "Our practice manager is the main reason I've stayed, if she left I'd be gone too",
        None,
        "managers",
        "pos",
    ),
    ("The market supplement is the only thing keeping me from going agency", None, "pay", "pos"),
    ("My colleagues are why I'm still here to be honest", None, "team_culture", "pos"),
    # leaving for something better
    ("Leaving for a family centre job, no duty and no court reports", None, "workload", "neg"),
    ("Going to an agency that pays nearly double", None, "pay", "neg"),
    (
        "Heading to a neighbouring borough where every worker gets a proper laptop",
        None,
        "it_systems",
        "neg",
    ),
    ("Moving to an adoption team, no court and no duty weeks", None, "workload", "neg"),
    ("Taking a job in the next county, the salary is three grand higher", None, "pay", "neg"),
    ("Going to a fostering agency with a four day week", None, "work_life_balance", "neg"),
    # terse sarcasm and rhetorical questions
    ("a desk with a working chair? we can dream", None, "environment", "neg"),
    ("Fourteen. Weeks. For a new headset.", None, "it_systems", "neg"),
    (
        "Love how the pay rise landed the same week as the council tax rise. Not.",
        None,
        "pay",
        "neg",
    ),
    ("Supervision? Haven't had it since March", None, "managers", "neg"),
    ("a VPN that connects first time? in my dreams", None, "it_systems", "neg"),
    ("Asked for a locker in March. Still. Waiting.", None, "environment", "neg"),
    ("Fantastic, reflective supervision cancelled again", None, "managers", "neg"),
    ("How am I meant to do direct work with 30 families?", None, "workload", "neg"),
    # one-word answers and answers whose direction comes from the question
    ("my workmates tbh", "Why do you stay?", "team_culture", "pos"),
    ("money", "What might tempt you to leave?", "pay", "neg"),
    ("my line manager", "What keeps you here?", "managers", "pos"),
    ("the drive in", "What might make you leave?", "environment", "neg"),
    ("my team", "Why do you stay?", "team_culture", "pos"),
    ("salary", "What might make you leave?", "pay", "neg"),
    ("the parking", "What might make you leave?", "environment", "neg"),
    ("flexi", "What keeps you here?", "work_life_balance", "pos"),
    ("my supervisor tbh", "What keeps you here?", "managers", "pos"),
    ("the workload", "What might make you leave?", "workload", "neg"),
    # comments with no theme word of their own
    (
        "A father pinned me against a wall during a visit and nobody followed up",
        None,
        "wellbeing",
        "neg",
    ),
    (
        "got threatened with a knife on a home visit, told to write it up and carry on",
        None,
        "wellbeing",
        "neg",
    ),
    ("I've been crying in the toilets at work most weeks", None, "wellbeing", "neg"),
    (
        "A dad kicked off at a contact and threw a chair at me, nobody checked on me",
        None,
        "wellbeing",
        "neg",
    ),
    (
        "I was assaulted on a visit in May and I'm still waiting for someone to ask how I am",
        None,
        "wellbeing",
        "neg",
    ),
    # Misread until the sixth round (eight new writers' lines, no rule changed): strict xfails
    # then, read right now.
    (
        "Great to hear about the wellbeing webinar while we are two workers down",
        None,
        "wellbeing",
        "neg",
    ),
    ("got followed to my car after a visit, still shaken", None, "wellbeing", "neg"),
    # Misread until the seventh round's word lists named the arrangement ("day fortnight").
    (
        "If they ever stopped the nine day fortnight I would leave",
        None,
        "work_life_balance",
        "pos",
    ),
    # A known misreading from the fifth round to the fifteenth; read right since the sixteenth
    # round's writers (more sarcasm about cancelled team time in the pool).
    ("Brilliant, team day cancelled for the third time", None, "team_culture", "neg"),
    # A known misreading from the sixth round to the fifteenth, read right in the sixteenth,
    # misread again in the seventeenth (the learned half leaned -0.17 against the rules' +2.0;
    # -0.44 with the eighteenth round's writers): since the eighteenth round a count of forms
    # that fell decides processes, as a count of cases decides workload.
    (
        "Paperwork went down from four forms to one for a strategy discussion",
        None,
        "processes",
        "pos",
    ),
    # A known misreading from the fourth round to the twenty-second: since the twenty-third a
    # count now told before "now" ("I'm on 15 now") is a count now.
    ("I had 27 children last spring, I'm on 15 now", None, "workload", "pos"),
]


@pytest.mark.parametrize(("text", "question", "theme", "direction"), ROUND_FOUR)
def test_fresh_sentences_of_every_kind_are_read_right(
    text: str, question: str | None, theme: str, direction: str
) -> None:
    _reads(text, {theme: direction}, question)


# Still misread (docs/analysis.md, Limits): kept here so a fix shows (strict: they fail the run
# if they start to pass, and then move up into ROUND_FOUR).
@pytest.mark.xfail(strict=True, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        ("Vacancies in the team are down to one now", "workload", "pos"),
        (_LEARNED_HALF_READS_AS_PRAISE[0], "managers", "neg"),
        (_LEARNED_HALF_READS_AS_PRAISE[1], "work_life_balance", "neg"),
    ],
)
def test_known_misreadings(text: str, theme: str, direction: str) -> None:
    _reads(text, {theme: direction})


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit, docs/analysis.md")
def test_a_team_that_grew_is_found_beside_a_complaint_of_pay() -> None:
    # Read right until the fifteenth round, when the trailing "though" had wiped the clause
    # before it; then a known misreading (workload's detector under its threshold) until the
    # thirty-fourth round's weights found it again (-0.45 against -0.6); missed again since the
    # thirty-seventh round (-1.05): its nearest comments are "love the kids, hate the pay".
    _reads(
        "Team went from 3 workers to 8 this year, still hate the pay though",
        {"workload": "pos", "pay": "neg"},
    )


@pytest.mark.xfail(strict=True, reason="known limit, docs/analysis.md")
def test_known_misreading_of_a_bare_answer() -> None:
    # Read right until the fifteenth round's retraining on six new writers: environment's
    # detector now sits just under its threshold (-0.62 against -0.6) for the two words.
    _reads("the travel", {"environment": "neg"}, "What might make you leave?")


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # A change wished for, promised or only imagined says the count now is too high.
        ("Caseloads should come down from 30 to 20", "workload", "neg"),
        (
            "We were promised caseloads would drop from 28 to 20 and nothing happened",
            "workload",
            "neg",
        ),
        ("if my caseload went from 30 to 18 I'd stay forever", "workload", "neg"),
        ("If they push us from 20 to 30 cases I'm off", "workload", "neg"),
        # Announced: "will" is a change on its way.
        ("Caseloads will come down from 28 to 18 once the new starters are in", "workload", "pos"),
        # A count of staff that fell is bad news, one that rose is good.
        ("The duty team went from 6 to 3 workers this year, horrendous", "workload", "neg"),
        ("We went from eight social workers to four in a year", "workload", "neg"),
        ("Team has gone from 4 to 9 workers since the spring and it shows", "workload", "pos"),
        # Vacancies are like cases: fewer is better.
        ("Vacancies went from 7 to 2 after the recruitment drive", "workload", "pos"),
        # A reviewer's attacks: idioms that hold "not" or "if" and deny nothing; "team" beside
        # a count of cases; people lost count like cases; "workers" is not a time word.
        ("Not gonna lie my caseload went from 30 to 18 since jan", "workload", "pos"),
        ("if anything caseloads have come down from 30 to 22", "workload", "pos"),
        ("I couldn't believe it when my caseload went from 30 to 15", "workload", "pos"),
        ("caseload in our team went from 30 to 18", "workload", "pos"),
        ("the team grew from 4 sws to 9 and caseloads dropped", "workload", "pos"),
        ("social workers went from 6 to 10 since the recruitment drive", "workload", "pos"),
        ("sickness in the team went from 2 to 5 people off", "workload", "neg"),
        ("referrals went from 12 to 5 a day, lovely", "workload", "pos"),
        # The count decides workload's direction, as harm decides wellbeing's: the learned half
        # read "grew" beside "team" as a complaint until the eleventh round.
        ("the team grew from 4 SWs to 9", "workload", "pos"),
    ],
)
def test_a_count_reads_by_what_is_counted_and_whether_it_changed(
    text: str, theme: str, direction: str
) -> None:
    _reads(text, {theme: direction})


@pytest.mark.parametrize(
    ("text", "score"),
    [
        # The count now told first (thirty-second round): read as the change told the usual way.
        ("we are down to three SWs from seven", -2.0),
        ("the team is down to 4 from 9 social workers", -2.0),
        ("Team is up to 7 from 5 now the new starters are in", 2.0),
        ("my caseload is up to 28 from 19", -2.0),
        ("down to 12 families from 18 since christmas", 2.0),
    ],
)
def test_a_count_now_told_before_the_count_then_is_the_same_change(text: str, score: float) -> None:
    assert read(text).scores["workload"] == score


def test_a_count_now_before_the_count_then_in_hours_is_not_a_caseload() -> None:
    assert "workload" not in read("down to 2 hours from 4 on the drive").scores


@pytest.mark.parametrize(
    ("text", "without"),
    [
        (
            "Working from 8 to 6 most days with this caseload",
            "Working most days with this caseload",
        ),
        ("I'm logged on from 7 to 7 and still behind", "I'm logged on and still behind"),
        ("30 kids, on shift from 9 to 5 then on call", "30 kids, on shift then on call"),
        ("Caseload is fine, I do from 10 to 4 every day", "Caseload is fine, I do every day"),
        ("duty rota is from 9 to 5 which is fine", "duty rota is which is fine"),
        ("the team meeting moved from 10 to 2 on a thursday", "the team meeting on a thursday"),
    ],
)
def test_a_time_of_day_is_not_a_count(text: str, without: str) -> None:
    # "From 8 to 6" is the working day, not a caseload that fell from eight to six: the rules
    # read the clause as they would without it, but for what a long day says of work-life
    # balance (next test).
    with_time, without_time = read(text).scores, read(without).scores
    with_time.pop("work_life_balance", None)
    without_time.pop("work_life_balance", None)
    assert with_time == without_time
    assert read(text).counted == read(without).counted == ()


@pytest.mark.parametrize(
    "text",
    [
        "I'm in from 7 to 7 most days now",
        "On the go from 7 till 7 again today",
        "8 till 8 most days and nobody notices",
        "in from 7am till 7pm most days now",
        "8am-8pm most days now",
        "on shift from 8 to 8 most days now",
    ],
)
def test_a_twelve_hour_day_told_by_its_ends_is_bad_for_work_life_balance(text: str) -> None:
    # Written for this round's rule, after "I'm in from 7 to 7 most days now" read as good
    # work-life balance ("now" and "most" lean good in the data and in TextBlob); each of these
    # read as good news or no theme before it.
    assert read(text).scores.get("work_life_balance", 0) < 0
    _reads(text, {"work_life_balance": "neg"})


def test_the_long_day_cue_is_the_rule_s_pattern() -> None:
    # One pattern in two places (the cue that names the theme, the rule that scores it).
    assert _LONG_DAY.pattern in THEME_PATTERNS["work_life_balance"]


@pytest.mark.parametrize(
    "text",
    [
        "my score went from 5 to 7 this month",
        "rated work-life balance from 6 to 8 this quarter, slowly improving",
        "new cases come in from 8 to 10 a week now, manageable",
        "duty calls come in from 8 to 12 a day, fine",
        "I've worked from 5 to 7 different teams here",
        "we work with 5 till 8 year olds",
        "we support young people aged 5 till 11",
        "the office is open 8 till 6 which is handy",
        "in from 7 till 3 on Fridays",
        "I used to be in from 7 to 7, not anymore",
    ],
)
def test_a_score_a_count_an_age_opening_hours_or_a_past_long_day_is_not_one(text: str) -> None:
    # Most are a reviewer's, written against the first version of the rule, which read a rating,
    # a count, an age, opening hours and a past long day as a long day now.
    assert read(text).scores.get("work_life_balance", 0) >= 0


@pytest.mark.parametrize(
    "text",
    [
        "Four of us covering the whole north locality again",
        "Two of us doing what five should, week after week",
        "We're two social workers short and it shows",
        "Another empty desk this month and nobody covering it",
    ],
)
def test_too_few_people_for_the_work_is_workload_without_its_words(text: str) -> None:
    _reads(text, {"workload": "neg"})


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("The head of service came to our away day and it felt like we mattered", "pos"),
        ("Family support workers are bottom of the pile here", "neg"),
        ("Twelve years in and not one person has said well done", "neg"),
        ("the folk I sit with are what gets me through", "pos"),
        ("When I was off the others picked up my visits without a word", "pos"),
        # A known misreading until the fifteenth round's six writers, who wrote short lines on
        # being overlooked or thanked without the theme's words; again from the twenty-first
        # round (with word pairs the detector trusted the rules' cue less in a four-word line)
        # until the thirty-fourth, whose feature for a rules' cue in a short comment lets the
        # detector trust it there.
        ("I count for nothing", "neg"),
    ],
)
def test_feeling_valued_and_the_people_around_are_team_culture_without_its_words(
    text: str, direction: str
) -> None:
    _reads(text, {"team_culture": direction})


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Signed off for six weeks in the spring, first time in my career", "neg"),
        ("Two of the team are long-term sick and the rest of us are quietly breaking", "neg"),
        ("Had my windscreen smashed outside a family's flat, third time this year", "neg"),
        ("Four-day week means I actually feel rested for once", "pos"),
        ("I keep snapping at my own kids after duty days", "neg"),
    ],
)
def test_sickness_danger_and_recovery_are_wellbeing_without_its_words(
    text: str, direction: str
) -> None:
    _reads(text, {"wellbeing": direction})


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The new cues, in their other senses (a reviewer's attacks).
        ("the two people down the corridor in fostering are lovely", "workload"),
        ("flexi is capped at 10 hours which is fair", "workload"),
        ("pay rise capped at 2% again", "workload"),
        ("the three of us on the course had a great time", "workload"),
        ("can never find an empty desk on a Tuesday", "workload"),
        ("the folk on my caseload are struggling with the cost of living", "team_culture"),
        ("the kids know my name and that means everything", "team_culture"),
        ("it felt like they cared more about stats than kids", "team_culture"),
        ("manager chased me for stats every single day", "wellbeing"),
        ("dad was shouting at the kids when I arrived on the visit", "wellbeing"),
        ("I think I've got it in me to be a team manager one day", "wellbeing"),
        ("the long term sick policy is actually fair", "wellbeing"),
        # Days, hours and percentages are counted, but not of cases or people.
        ("team meeting went from 2 hours to 45 mins", "workload"),
        ("the team went from 5 to 2 days in the office", "workload"),
        ("staff turnover went from 10 to 40 percent", "workload"),
        ("my ASYE has been signed off!! so proud", "wellbeing"),
    ],
)
def test_a_new_cue_in_another_sense_is_not_its_theme(text: str, theme: str) -> None:
    assert theme not in read(text).scores


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("nobody said thanks", "team_culture"),
        ("nobody on the day side knows our names", "team_culture"),
        ("no one has ever said thank you", "team_culture"),
        ("I don't feel like we matter to SMT", "team_culture"),
        ("I feel like I count for nothing here", "team_culture"),
        ("I don't feel rested even after a week off", "wellbeing"),
        ("cant remember the last time i felt rested", "wellbeing"),
    ],
)
def test_a_denied_good_thing_is_bad_news(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0) < 0


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("caseloads dropped after the two new starters", "pos"),
        ("caseloads need to come down", "neg"),
        ("caseloads should come down, simple as", "neg"),
    ],
)
def test_a_fall_in_cases_is_good_news_unless_only_wanted(text: str, direction: str) -> None:
    score = read(text).scores["workload"]
    assert score > 0 if direction == "pos" else score < 0


@pytest.mark.parametrize(
    ("text", "score"),
    [
        # A second reviewer's attacks on the count rule: a word of the working day near a
        # count that names what it counts; people lost later in the clause; a denial or a wish
        # earlier in the sentence than the change; "down" after the first number.
        ("when i started the team went from 6 to 3 workers", -2.0),
        ("the on call team went from 8 to 4 workers", -2.0),
        ("since starting my caseload went from 12 to 8", 2.0),
        ("we went from 8 social workers to 4 after people left", -2.0),
        ("I am not sure why my caseload went from 30 to 18", 2.0),
        ("no doubt my caseload went from 30 to 18", 2.0),
        ("my caseload from 10 down to 5", 2.0),
    ],
)
def test_the_count_is_read_from_its_own_words(text: str, score: float) -> None:
    change = _count_change(normalise(text))
    assert change is not None
    assert change.shift == score


@pytest.mark.parametrize(
    "text",
    [
        "my score has gone from 3 to 7 since I got a smaller caseload",
        "my rating went from 4 to 8 since my TM sorted my caseload out",
        "I'd rate it from 3 to 8 out of 10 now the caseloads are lower",
        "wellbeing scores in the team went from 2 to 6",
        "caseload pressure, I'd put it from 7 to 9 out of 10 this month",
    ],
)
def test_a_score_that_moved_is_not_a_count(text: str) -> None:
    # The pulse's own scale ("my score went from 3 to 7") says nothing of how many cases or
    # staff there are, however near the word "caseload" is.
    assert _count_change(normalise(text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "my caseload went from 30 to 18 and my score went up",
        "turnover rate went from 10 to 25 people a year",
        "since the pulse scores came out my caseload went from 30 to 18",
        # A reviewer's attacks on the first version: a name, "marks", "out of" in other senses.
        "since Mark joined we went from 3 to 4 SWs",
        "my caseload went from 30 to 18 which marks a real change",
        "my caseload went from 28 to 15 out of the blue, lovely",
        "out of hours referrals went from 10 to 25",
    ],
)
def test_a_count_beside_a_score_is_still_a_count(text: str) -> None:
    assert _count_change(normalise(text)) is not None


@pytest.mark.parametrize(
    ("text", "theme", "sign"),
    [
        # A negator that is bad news by itself says nothing more once it turns a word.
        ("our TM is never rude", "managers", 1),
        ("caseload never bad", "workload", 1),
        ("never had supervision in 6 months", "managers", -1),
        # How a manager treats people, in words the lexicon lacked until the eleventh round.
        ("my manager is always snapping at people", "managers", -1),
        ("my new PM micromanages everything I write", "managers", -1),
        ("my TM does not micromanage, she trusts us", "managers", 1),
        ("the SM was condescending in supervision", "managers", -1),
        # A reviewer's attacks: two negators, a negator's reach, "never" that says how much.
        ("barely coping and struggling with my caseload", "wellbeing", -1),
        ("my TM is never not stressed", "managers", -1),
        ("never felt so overwhelmed by my caseload", "workload", -1),
        ("my PM is never around and rude when she is", "managers", -1),
        # A reviewer's attacks on the second version: "so" does not end a negator's reach, and
        # a "never" that says how much has no say of its own.
        ("the workload is not so bad", "workload", 1),
        ("my manager is not so supportive", "managers", -1),
        ("never felt so supported by my TM", "managers", 1),
    ],
)
def test_the_rules_read_how_people_are_treated(text: str, theme: str, sign: int) -> None:
    assert read(text).scores[theme] * sign > 0


def test_a_manager_who_snaps_at_people_is_bad_news() -> None:
    # Read as praise for the manager by the learned half until the eleventh round.
    _reads("my manager is always snapping at people", {"managers": "neg"})


def test_a_count_decides_when_nothing_says_otherwise() -> None:
    assert read("my caseload went from 31 to 19").counted == (("workload", 2.0),)
    assert read("we went from 8 social workers to 4").counted == (("workload", -2.0),)
    assert read("the team grew from 4 SWs to 9 and caseloads dropped").counted == (
        ("workload", 2.0),
    )


@pytest.mark.parametrize(
    ("text", "news"),
    [
        # A count then and a count now (the twenty-first round): read as a complaint by the
        # learned half ("I used to have 30 kids, now it's 17") once the writers' lines moved
        # the weights; now the count decides, within a clause or across the clause break before
        # "now".
        ("I used to have 30 kids, now it's 17", 2.0),
        ("had 28 families last year and now I have 16", 2.0),
        ("I used to have 12 cases. Now I have 25", -2.0),
        ("wen i started i had 9 kids now it is 17", -2.0),
        ("we had 6 SWs, now we have 3", -2.0),
        # The round's reviewer: the clause before read "I had 28 families" alone as a complaint
        # (a count of cases with nothing said), which disputed the change; "was" and "were".
        ("I had 28 families, now I have 16", 2.0),
        ("I had 24 cases. Now I have 14", 2.0),
        ("caseload was 30, now it's 17", 2.0),
        ("we were 9 SWs, we are now 6", -2.0),
    ],
)
def test_a_count_then_and_a_count_now_decide_as_a_change(text: str, news: float) -> None:
    assert read(text).counted == (("workload", news),)
    _reads(text, {"workload": "pos" if news > 0 else "neg"})


@pytest.mark.parametrize(
    "text",
    [
        "used to work 60 hours, now 40",  # hours, not a count of work
        "I had 3 visits cancelled, now 2 more",  # more of the same, not a count now
        "I had 20 cases. Now I'm off sick",  # no count now
        "I was 30, now I'm 45",  # an age: no count of anything
        # The round's reviewer: a wish, a promise or a denial between the counts; a count now
        # that is part of the whole or added to it; a time of day.
        "I used to have 30 kids, now hoping for 20",
        "I used to have 30 kids, now it's not 17 like they promised",
        "we had 6 SWs, now we should have 9",
        "I had 30 kids, now supposed to be 17",
        "I used to have 15 cases, now I would take 20 if it meant staying with this team",
        "I used to have 30 kids, now 17 of them are in proceedings",
        "had 24 cases, now 12 are CIN and 12 CP",
        "I had 3 visits cancelled, now a further 2",
        "I had 3 visits cancelled, now another 2",
        "I had 3 visits cancelled, now 2 others",
        "had 20 cases at 9am now it's 11 and I've had 3 more",
    ],
)
def test_a_count_then_and_now_needs_two_counts_of_the_same_thing(text: str) -> None:
    assert read(text).counted == ()


@pytest.mark.parametrize(
    "text",
    [
        "caseload went from 40 to 35 which is still ridiculous",
        "caseload went from 25 to 18 and I still cannot cope",
    ],
)
def test_a_count_does_not_decide_when_the_words_say_otherwise(text: str) -> None:
    # A fall that is still too high is a complaint: the count decides workload's direction
    # only when no clause about workload says otherwise (a reviewer's attacks).
    assert read(text).counted == ()
    _reads(text, {"workload": "neg"})


def test_a_count_said_otherwise_in_bare_words_does_not_decide() -> None:
    assert read("caseload went from 40 to 36, awful, still awful").counted == ()


# The count does not decide, but the rules' own score of workload is the count's clause's (+2.0
# against the bare "awful"), so the learned half makes the call: a complaint until the
# thirty-third round's weights, good news from the thirty-fourth's to the forty-fifth's, a
# complaint again since the forty-sixth's (docs/analysis.md).
def test_a_fall_called_awful_is_a_complaint() -> None:
    _reads("caseload went from 40 to 36, awful, still awful", {"workload": "neg"})


# How the worker's own manager treats them (the fourteenth round): the learned half weighs "my
# manager", "me" and "team" by the many comments that praise a manager, and read every one of
# these as good news until the rules decided them.
@pytest.mark.parametrize(
    "text",
    [
        "my manager belittled me in front of the team",
        "My PM undermines me in front of families",
        "manager shouted at me in the office",
        "the manager yelled at me",
        "my manager talks down to me",
        "I was belittled by my manager",
        "my manager screamed at me over a late assessment",
        "my TM criticised me in front of everyone",
        "my manager doesn't support me",
        "my manager never listens",
        "My manager is a bully",
        "my senior picks on me",
        "my PM keeps threatening me with capability",
        "manager chased me for stats every single day",
        "my manager makes me feel stupid",
        "My team manager ignores my emails",
        "I was humiliated by my PM in supervision",
        "my manager is not helpful",
    ],
)
def test_a_manager_who_mistreats_the_worker_is_bad_news_for_managers(text: str) -> None:
    _reads(text, {"managers": "neg"})


@pytest.mark.parametrize(
    "text",
    [
        "my TM doesn't micromanage, she trusts me",
        "My manager has never once made me feel stupid",
        "my manager never shouts, even when it all goes wrong",
        "my PM stood up for me when a parent screamed at me",
        "my last manager belittled me, this one is brilliant",
        "My senior is the reason I haven't left, if she goes I go",
    ],
)
def test_a_manager_who_does_not_mistreat_the_worker_is_good_news(text: str) -> None:
    _reads(text, {"managers": "pos"})


@pytest.mark.parametrize(
    ("text", "treated"),
    [
        ("my manager belittled me in front of the team", -1.0),
        ("my TM doesn't micromanage, she trusts me", 1.0),
        ("my manager is not helpful", -1.0),
        # A wish, the past, another manager, or someone else doing it: no news of this one.
        ("if my manager shouted at me I'd leave", 0.0),
        ("my manager used to micromanage everything", 0.0),
        ("my last manager belittled me", 0.0),
        ("the service manager shouted at me in the corridor", 0.0),
        ("a manager who doesn't shout would be nice", 0.0),
        ("a dad shouted at me on a visit and my manager was brilliant", 0.0),
        ("my TM never fails to support me", 0.0),
        # Said both ways, or turned by a later clause: not decided.
        ("my manager never shouts but she belittles me in supervision", 0.0),
        ("my TM never shouts but she cancels supervision every week", 0.0),
    ],
)
def test_what_tells_how_a_manager_treats_the_worker(text: str, treated: float) -> None:
    assert read(text).treated == treated


# A reviewer's attack on the rule's first version (each read wrong by it, or missed and read
# wrong by the analyser): the manager's treatment as the rules decide it (0: not decided), and
# the direction the analyser gives managers where a careful reader is sure of it.
@pytest.mark.parametrize(
    ("text", "treated", "direction"),
    [
        # A mistreatment denied in the passive, or before the manager: good news.
        ("I never feel micromanaged by my manager", 1, "pos"),
        ("I am not micromanaged by my TM", 1, "pos"),
        ("I have never been shouted at by my manager", 1, "pos"),
        ("never been bullied by my manager, unlike my last job", 1, "pos"),
        ("I don't think my manager has ever shouted at me", 1, "pos"),
        ("not once has my manager shouted at me", 1, "pos"),
        ("I can't imagine my manager ever shouting at me", 0, None),
        ("i can't say my manager has ever belittled me", 1, "pos"),
        # Another manager, whatever the words between.
        ("my last TM bullied me", 0, None),
        ("my previous team manager micromanaged everything", 0, None),
        ("my old line manager never listened", 0, None),
        ("my former PM belittled me constantly", 0, None),
        ("another team manager shouted at me in the corridor", 0, None),
        ("my ex-manager belittled me", 0, None),
        # What the job someone is leaving for offers.
        ("leaving for a locum role where the manager doesn't micromanage", 0, None),
        # "Doesn't care what time I start" is leeway, not neglect.
        ("my manager doesn't care what time I start as long as the work is done", 0, None),
        ("my manager doesn't care where we work from", 0, None),
        # The manager on the receiving end, or not helping with something else.
        ("my manager is micromanaged by the HoS so she passes it down", 0, None),
        ("my TM gets micromanaged by the SM constantly", 0, None),
        ("my manager was belittled by the service manager", 0, None),
        ("my TM isn't valued by SLT at all", 0, None),
        ("my manager is not supported by the service manager", 0, None),
        ("my manager can't help with the pay, it's above her", 0, None),
        ("my manager does not support the new policy either, she is on our side", 0, None),
        # Kind acts told roughly, a denial that is not one, and praise told with such words.
        ("my TM shouted at me to go home and rest", 0, None),
        ("my manager yelled at me to take my lunch break lol", 0, None),
        ("my TM told me off for logging on at 10pm lol", 0, None),
        ("my TM chases us to take our TOIL", 0, None),
        ("my manager chased me to book my annual leave", 0, None),
        ("my manager never listens to gossip", 0, None),
        ("my manager never listens to SLT about our workload, she fights for us", 0, None),
        ("my manager does not just support me she champions me", 0, None),
        ("my manager ignores my mistakes and focuses on the good stuff", 0, None),
        ("my manager never shouts about our successes", 0, None),
        ("my manager always shouts about our wins at the team meeting", 0, None),
        # Other people's managers.
        ("the home manager shouted at me on a visit", 0, None),
        ("the ward manager yelled at me at the hospital", 0, None),
        ("her manager shouted at me in the strategy meeting", 0, None),
        ("the IRO's manager belittled me in the review", 0, None),
        ("I was bullied by my manager's manager", 0, None),
        # Sarcasm; "doesn't always".
        ("yeah right my TM never shouts lol", 0, None),
        ("Brilliant, my TM never raises her voice 🙃", 0, None),
        ("my manager doesn't always micromanage", 0, None),
        # "She" in a clause that goes on about the manager.
        ("my TM is lovely but she micromanages everything", -1, "neg"),
        ("my manager is nice but never listens", -1, "neg"),
        ("my manager is really friendly but doesn't support me at all", -1, "neg"),
        ("I have a new TM. she never listens", -1, "neg"),
        # Spellings.
        ("my manager micro manages everything", -1, "neg"),
        ("my TM micro-manages everything", -1, "neg"),
        # Everyday wording.
        ("my manager swore at me in front of the team", -1, "neg"),
        ("my manager made me cry in supervision", -1, "neg"),
        ("my manager is rude to me", -1, "neg"),
        ("my manager throws me under the bus", -1, "neg"),
        ("my manager takes credit for my work", -1, "neg"),
        ("my manager doesn't have my back", -1, "neg"),
        ("my manager never has time for me", -1, "neg"),
        ("my manager never checks in", -1, "neg"),
        ("my manager doesn't trust me", -1, "neg"),
        ("my manager never says thank you", -1, "neg"),
        # A new manager, a contraction, plurals, ways of talking, other targets.
        ("my new manager micromanages everything", -1, "neg"),
        ("my manager's always shouting at me", -1, "neg"),
        ("our managers shout at us", -1, "neg"),
        ("if I'm honest my manager doesn't support me", -1, "neg"),
        ("i would say my manager micromanages", -1, "neg"),
        ("my manager bullies the NQSWs", -1, "neg"),
        # "mgr".
        ("my mgr shouts at me", -1, "neg"),
        ("my line mgr ignores my emails", -1, "neg"),
        # The new cues and phrases in other senses.
        ("my manager puts so much work into supporting us", None, "pos"),
        ("my senior colleagues are supportive", 0, None),
        ("my senior never listens", -1, "neg"),
        # A second reviewer's: a "not" elsewhere in the clause is no denial of this.
        ("I do not know why my manager shouts at me", -1, "neg"),
        ("It's not fair that my manager takes credit for my work", -1, "neg"),
        ("Not only does my manager shout at me, she blames me for everything", -1, "neg"),
        ("I am not surprised my manager ignores my emails", -1, "neg"),
        ("I can't understand why my manager belittles me", -1, "neg"),
        ("I have never felt so small as when my manager shouted at me", -1, "neg"),
        ("I don't feel micromanaged by my TM which I appreciate", 1, "pos"),
        ("I have never felt micromanaged by my manager", 1, "pos"),
        # The job someone is leaving for, told after the leaving; other things not supported;
        # more than enough; someone else's manager; "mgr" anywhere.
        ("I'm leaving for a team where the manager never shouts", 0, "neg"),
        ("my manager does not support mentoring schemes", 0, None),
        ("my manager doesn't support meetings on Fridays", 0, None),
        ("My manager cannot support me enough", 0, "pos"),
        ("I was told off by the manager of the care home", 0, None),
        ("I got shouted at by the manager at the hospital", 0, None),
        ("our mgr ignores me", -1, "neg"),
        ("team mgr belittles me", -1, "neg"),
        ("mgr shouts at me", -1, "neg"),
    ],
)
def test_a_manager_s_treatment_survives_its_attacks(
    text: str, treated: float | None, direction: str | None
) -> None:
    if treated is not None:
        assert read(text).treated == treated
    if direction is not None:
        _reads(text, {"managers": direction})


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        ("so much to do before I can breathe", "workload", "neg"),
        ("too much on and not enough of us", "workload", "neg"),
        ("learnt so much on my ASYE", "career", "pos"),
        ("I learned so much on the course", "career", "pos"),
        ("my tm cancels my supervision again and again", "managers", "neg"),
    ],
)
def test_more_work_than_time_is_a_complaint_and_learning_is_praise(
    text: str, theme: str, direction: str
) -> None:
    _reads(text, {theme: direction})


def test_the_words_between_a_manager_and_the_deed_are_single_words() -> None:
    # Two ways to read the same words ("is", "always", "is always") made the pattern backtrack
    # exponentially on a run of them (seven seconds at 22); single words cannot overlap.
    words = _HOW_OFTEN.removeprefix("(?:(?:").removesuffix(") )*").split("|")
    assert len(words) > 20
    assert all(word.isalpha() for word in words), [w for w in words if not w.isalpha()]


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("the service cancels team days every year", "team_culture"),
        ("Mosaic cancels my saved work", "it_systems"),
        ("the council keeps cancelling the wellbeing days", "wellbeing"),
    ],
)
def test_cancelling_is_bad_news(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 0


def test_a_lesson_not_learnt_is_not_praise() -> None:
    assert read("I didn't learn a lot in my ASYE").scores.get("career", 0) <= 0
    assert read("I haven't learnt a lot since the ASYE").scores.get("career", 0) <= 0
    assert read("learnt so much on the training").scores["career"] > 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("I'm leaving for a team where the pay is better", "pay"),
        ("I am leaving for a council with a brilliant manager", "managers"),
        ("honestly im off to a trust where caseloads are about 12 and they're capped", "workload"),
        ("so I've handed in my notice, going agency where the money is loads better", "pay"),
        (
            "Finally moving to a council with really good flexible working",
            "work_life_balance",
        ),
        (
            "after six years I am joining a hospital team that actually has working laptops",
            "it_systems",
        ),
    ],
)
def test_what_the_new_job_has_is_a_reason_to_leave_even_mid_clause(text: str, theme: str) -> None:
    # The good news is about the job someone is going to, told in the same clause as the
    # going: it is what this job lacks. (Before, the clause was read as about here.)
    assert read(text).scores[theme] < 0, read(text).scores
    if text not in _LEARNED_HALF_READS_AS_PRAISE:
        _reads(text, {theme: "neg"})


@pytest.mark.parametrize(
    ("text", "theme", "sign"),
    [
        ("my caseload is 30 so I'm leaving for a council where it's 15", "workload", -1),
        ("my manager is brilliant, I'm only leaving for a council nearer home", "managers", 1),
        ("the team here are lovely but I'm off to a post with better pay", "team_culture", 1),
        ("supervision has been great here, I am moving to a new role for the pay", "managers", 1),
    ],
)
def test_what_is_said_of_here_before_the_going_stays_about_here(
    text: str, theme: str, sign: int
) -> None:
    assert read(text).scores[theme] * sign > 0, read(text).scores


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Not leaving for an agency, the team is great", "team_culture"),
        ("I'm not going agency, the pay here is decent now", "pay"),
        ("would never go to another council, my manager is the best I've had", "managers"),
        ("no plans to move to a new authority, the flexible working suits me", "work_life_balance"),
        ("I won't be joining the agency lot, my colleagues here are brilliant", "team_culture"),
        ("a colleague left for an agency but the team here is great", "team_culture"),
        ("since moving to the new building, the office is lovely", "environment"),
        (
            "it's like starting a new job every restructure, my colleagues are brilliant",
            "team_culture",
        ),
    ],
)
def test_staying_put_is_not_a_departure(text: str, theme: str) -> None:
    # "not leaving for an agency" is a reason to stay; "a colleague left" is someone else's
    # leaving; "since moving to" a move within here. What follows is about here.
    assert read(text).scores[theme] > 0, read(text).scores


@pytest.mark.parametrize(
    ("text", "theme", "sign"),
    [
        ("the pay is awful though", "pay", -1),
        ("my PM is great though", "managers", 1),
        ("Team is brilliant. The mileage rate is a joke though.", "pay", -1),
        ("Team is brilliant. The mileage rate is a joke though.", "team_culture", 1),
        ("The team is great. However, the pay is poor", "team_culture", 1),
        ("The team is great. However, the pay is poor", "pay", -1),
    ],
)
def test_a_contrast_word_on_its_own_wipes_nothing(text: str, theme: str, sign: int) -> None:
    # A trailing "though" or a leading "However," once stood as a statement of its own that
    # said nothing, spoke of the theme before it, and, as a turn, wiped what was said of it.
    assert read(text).scores[theme] * sign > 0, read(text).scores


def test_a_lone_contrast_word_turns_its_own_statement_or_the_next() -> None:
    assert [(c.text, c.contrast) for c in clauses("the pay is awful though")] == [
        ("the pay is awful", True)
    ]
    assert [(c.text, c.contrast) for c in clauses("team is great. however, pay is not")] == [
        ("team is great", False),
        ("pay is not", True),
    ]
    assert clauses("however") == []


def test_a_trailing_yet_is_a_time_not_a_turn() -> None:
    assert [c.text for c in clauses("i have not gone agency yet")] == ["i have not gone agency"]
    assert read("the supplement is why I haven't gone agency yet").scores["pay"] > 0


# A reviewer's attack on the first version of the departure cut and the lone contrast word
# (fifteenth round). Each sentence was read right by the code before this round's change and
# wrong by the first version, or wrong by both where the cut should decide it: a trailing "yet"
# that broke the clauses' positions, a contrast word before "..." or a dash, moves within the
# employer ("we are moving to a new recording system"), departure words in their everyday sense
# ("off to a training course", "signed me off for another month"), denials and thoughts of
# leaving ("could not imagine leaving for", "if I left for"), and other people leaving.
@pytest.mark.parametrize(
    ("text", "theme", "sign"),
    [
        # A1 yet
        ("Not told my manager, yet. I'm off to an agency in June, the pay is better", "pay", -1),
        (
            "The team here is the best I've had. Yet, I'm off to an "
            "agency. The pay is just so much better.",
            "pay",
            -1,
        ),
        (
            "I've accepted a job at another council, not handed my notice "
            "in, yet. Flexible working is guaranteed there.",
            "work_life_balance",
            -1,
        ),
        # A2 lone contrast then ..., -, newline
        ("My manager is lovely but... she's never around when you need her", "managers", -1),
        ("My PM is lovely but - never there when you need her", "managers", -1),
        ("My manager is lovely. However - she cancels supervision every week", "managers", -1),
        # A3 moves within
        (
            "We're moving to a new case management system in April and it looks much better",
            "it_systems",
            1,
        ),
        (
            "The service is moving to a new recording system that is miles better than the old one",
            "it_systems",
            1,
        ),
        (
            "The council is moving to a four day week pilot which is brilliant",
            "work_life_balance",
            1,
        ),
        (
            "Leadership are moving to a more open style which has made a real difference",
            "leadership",
            1,
        ),
        ("We are joining a new trust in April which should mean better pay for everyone", "pay", 1),
        (
            "We are moving to a new building in the spring which will be much better for the team",
            "environment",
            1,
        ),
        ("The team are moving to a hybrid model which really suits me", "work_life_balance", 1),
        (
            "The move to the new office was hard but moving to a hybrid "
            "pattern has really helped my work life balance",
            "work_life_balance",
            1,
        ),
        # A4 everyday senses
        (
            "I'm off to a training course next week which looks great for my development",
            "career",
            1,
        ),
        (
            "I'm off to the office tomorrow and honestly the new hot desks are great",
            "environment",
            1,
        ),
        (
            "After a rough year I'm starting a phased return and my manager has been brilliant",
            "managers",
            1,
        ),
        (
            "I'm starting a secondment in the fostering team which is a great opportunity",
            "career",
            1,
        ),
        (
            "I'm starting an apprenticeship through the council which is brilliant for my career",
            "career",
            1,
        ),
        (
            "I'm starting another piece of court work and my manager "
            "has been great at helping me prepare",
            "managers",
            1,
        ),
        (
            "I'm joining the duty rota next month which I'm happy about as the support is good",
            "workload",
            1,
        ),
        (
            "My manager insists on joining the tricky visits which makes me feel really supported",
            "managers",
            1,
        ),
        (
            "My GP has signed me off for another month and my manager has been really supportive",
            "managers",
            1,
        ),
        # A5 denials and thoughts
        (
            "I couldn't imagine leaving for an agency when the flexibility here is so good",
            "work_life_balance",
            1,
        ),
        (
            "I wouldn't consider going agency as the flexible working here suits my family",
            "work_life_balance",
            1,
        ),
        ("Can't see myself moving to another authority when my PM is this good", "managers", 1),
        ("I'd never dream of leaving for an agency with a manager this supportive", "managers", 1),
        ("I don't plan on going agency because my manager really backs me", "managers", 1),
        (
            "If I left for an agency I would lose the best team I've ever worked in",
            "team_culture",
            1,
        ),
        (
            "I nearly left for an agency last year and I'm so glad I "
            "stayed because my new manager is brilliant",
            "managers",
            1,
        ),
        # A6 others leaving
        ("My manager is joining another council in May and she's been amazing", "managers", 1),
        (
            "He's moving to another council and honestly the team won't be "
            "the same without him, he holds us together",
            "team_culture",
            1,
        ),
        (
            "Our TM is moving to another authority which is a "
            "real loss as she's been so supportive",
            "managers",
            1,
        ),
        (
            "Our locum was offered a permanent post and the team is so much more stable now",
            "team_culture",
            1,
        ),
        # B
        (
            "Half my team have left for agency, but the ones who stayed are brilliant",
            "team_culture",
            1,
        ),
        ("I'm not actually leaving for an agency, I love the team", "team_culture", 1),
        (
            "I'm not going to be leaving for an agency anytime soon, my manager is too good",
            "managers",
            1,
        ),
        (
            "I'm not leaving for an agency or moving to another council, my team is too good",
            "team_culture",
            1,
        ),
        ("The team is great. I'm leaving for an agency", "team_culture", 1),
        ("The pay is the reason I'm leaving for an agency", "pay", -1),
        (
            "the last three managers have all left for agency, the current one is brilliant though",
            "managers",
            1,
        ),
    ],
)
def test_the_departure_cut_under_attack(text: str, theme: str, sign: int) -> None:
    assert read(text).scores.get(theme, 0) * sign > 0, read(text).scores


def test_a_denied_cue_is_looked_for_near_the_cue_only() -> None:
    # The first version searched the whole text before every cue: quadratic (3.7 s at 62,000
    # characters). A denial is looked for in the 60 characters before a cue.
    text = "I am not leaving for an agency. " * 2000
    assert _departure(normalise(text)) is None
    assert _NOT_GOING.pattern.count("{0,") <= 3  # bounded repeats only, no open-ended scan


# Who someone would come back or stay for, and who they will miss (sixteenth round): the rules
# read "I'll miss this lot" as nothing ("I'll" was not opened to "I will") and "In a heartbeat,
# for this team" to "Would you come back…?" took the question's lean, a reason to leave. Where
# the answer tells of the job they are going to, what they will miss is still here. Written for
# these tests, apart from every data file.
_COME_BACK = "Would you come back, and what would need to be different?"
_GOING_WHERE = "Where are you going, and what does it offer?"


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("I'd come back for my team tomorrow, just not for the pay", _COME_BACK),
        ("Definitely, for the colleagues.", _COME_BACK),
        ("Probably. For the people.", _COME_BACK),
        ("Moving closer to my mum. I'll really miss my team.", "Why are you leaving?"),
        ("Nothing could. I'll miss this lot though", "What could have kept you here?"),
        ("An agency post, more money. I'll miss the team though.", _GOING_WHERE),
        ("I stayed on for the team when the office moved", None),
    ],
)
def test_who_they_would_come_back_for_or_miss_is_a_reason_to_stay(
    text: str, question: str | None
) -> None:
    assert read(text, question).scores["team_culture"] > 0
    _reads(text, {"team_culture": "pos"}, question)


@pytest.mark.parametrize(
    "text",
    [
        "I would not come back for the team, they were horrible to me",
        "I wouldn't come back for the team. They were horrible.",
        "never come back for the people, they were awful to me",
    ],
)
def test_not_coming_back_for_the_team_is_no_reason_to_stay(text: str) -> None:
    assert read(text, _COME_BACK).scores["team_culture"] < 0


@pytest.mark.xfail(strict=True, reason="known limit, docs/analysis.md")
def test_known_misreading_of_not_coming_back_for_the_team() -> None:
    # The rules read it as bad news (-1.0); the learned half, from many lines that would come
    # back for the team, reads it as praise. It did so before the sixteenth round too.
    _reads(
        "I would not come back for the team, they were horrible to me",
        {"team_culture": "neg"},
        _COME_BACK,
    )


def test_a_wish_for_the_team_is_not_a_reason_to_stay() -> None:
    # "for the team" leading into what is missing names no one to come back for.
    assert (
        read("for the team to get more staff", "What would make your job better?").scores.get(
            "team_culture", 0.0
        )
        <= 0
    )


@pytest.mark.parametrize(
    ("text", "opened"),
    [
        ("I'll miss them", "i will miss them"),
        ("we'll see", "we will see"),
        ("they'll never replace her", "they will never replace her"),
        ("you'll lose us all", "you will lose us all"),
        ("I'm ill with stress", "i am ill with stress"),
    ],
)
def test_will_is_opened_but_ill_is_a_word(text: str, opened: str) -> None:
    assert normalise(text) == opened


# Answers to a question that asks how much of something good the worker has (sixteenth round):
# the degree or mark the answer opens with is the answer, whatever follows. Before, "Very." named
# no theme for the rules, and "Very. Which is lucky, because nobody above her has a clue who I
# am" read the manager as bad news. Written for these tests, apart from every data file.
_SUPPORTED = "How supported do you feel by your manager?"
_LEARNING = "What are you learning here, and what would you like to learn?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Very. Which is lucky, because nobody above her has a clue who I am.", "pos"),
        ("Massively. She drove out to meet me after the hearing.", "pos"),
        ("Completely, even on the days she is drowning herself", "pos"),
        ("8 out of 10. The missing 2 is because she is covering another pod.", "pos"),
        ("10/10 no question", "pos"),
        ("Not very. I get more from the duty senior than from my TM", "neg"),
        ("Not at all, she is lovely but I have had one supervision since May", "neg"),
        ("3/10 if I'm honest", "neg"),
        ("Hardly. I see her at the team meeting and that's it", "neg"),
        ("Not.", "neg"),
    ],
)
def test_the_degree_an_answer_opens_with_answers_the_question(text: str, expected: str) -> None:
    assert read(text, _SUPPORTED).answered == (("managers", 2.0 if expected == "pos" else -2.0),)
    assert analyse(text, _SUPPORTED).themes.get("managers") == expected


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Not sure how to answer that, it changes week to week", _SUPPORTED),
        ("Not bad, could be better", _SUPPORTED),
        ("Very little", "What do you look forward to when you come to work?"),
        ("5/10", _SUPPORTED),
        ("Very.", "Why do you stay?"),
    ],
)
def test_a_degree_answers_only_a_question_that_asks_for_one(text: str, question: str) -> None:
    # A middling mark, a hedge, or a question that asks no degree decides nothing. ("How is
    # your workload?" holds no good word for "very" to measure: "Very heavy at the moment" is
    # read as a verdict on the workload instead, test_thirteenth_probe_words.)
    assert read(text, question).answered == ()


# A reviewer's attack on the first version (each read wrong by it; most right before it): the
# answer's opening statement must be the degree or the mark and nothing more.
@pytest.mark.parametrize(
    "text",
    [
        "Very much not. She cancels supervision every other week",
        "Really? No. Havent had supervision since march",
        "So-so. Depends what mood shes in",
        "So, where do I start. Supervision cancelled 4 times since Jan",
        "Completely let down by her tbh",
        "Completely on my own since she went off sick in May",
        "Absolutely no support since she started",
        "Always cancelling supervision last minute",
        "Very, very poorly",
        "Very up and down",
        "Extremely 🙄 she's never here",
        "Very 🙃",
        "Very approachable but never has time for supervision",
        "9 out of 10 times she cancels supervision",
        "10/10/24 was the last supervision I had",
        "10/10 would not recommend",
        "2/10 before she came, 9/10 now",
        "Hardly a day goes by without her checking in on me",
        "Not that I'd want any more, she's brilliant",
        "Rarely have I had a TM this good",
        "Little things like her ringing after a hard visit mean a lot",
        "Not so bad actually, better than my last LA",
        "Supported? I haven't had supervision in 11 weeks",
    ],
)
def test_an_opening_that_is_more_than_a_degree_is_not_one(text: str) -> None:
    assert read(text, _SUPPORTED).answered == ()


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("Totally swamped, 31 cases and duty", "How happy are you with your workload?"),
        ("Very much underpaid for what we do", "How satisfied are you with your pay?"),
        ("Not at all by SLT, my team are great though", "How valued do you feel?"),
    ],
)
def test_a_degree_of_something_else_is_not_the_answer(text: str, question: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("ngl not at all she doesnt know my families names", -2.0),
        ("very she rings me after every difficult visit", 2.0),
        ("Really well. She checks my diary", 2.0),
        ("Not at all, if I am honest. She is kind", -2.0),
    ],
)
def test_a_degree_before_a_new_statement_is_still_the_answer(text: str, news: float) -> None:
    assert read(text, _SUPPORTED).answered == (("managers", news),)


# An answer that says nothing of its own names no theme, whatever the question's words (the
# seventeenth round): before, "n/a", "?" or "ok" to "How supported do you feel by your
# manager?" read the manager as bad news, from the question's words alone, and "same as above"
# read senior leaders as bad news ("above"). Written for these tests, apart from every data file.
_NOTHING_OF_ITS_OWN = (
    "",
    "   ",
    "??",
    "🤷",
    "N/A.",
    "-",
    "Nothing to add at the moment, thanks",
    "Same as previous answer",
    "see above",
    "ok i suppose",
    "Fine, thanks.",
    "6/10",
    "not sure really",
    "Prefer not to say",
    "xx",
    "Dunno tbh",
    # A reviewer's attack on the first version: each still read the question's theme.
    "as mentioned above",
    "see my previous answer",
    "n/a - see above",
    "ｎ／ａ",
    "no comments thank u",
    "nothing further to add",
    "prefer not to answer",
    "I'm not sure",
    "fine thx",
    "Five out of ten",
    "¯\\_(ツ)_/¯",
    "ditto",
    "erm",
)


@pytest.mark.parametrize("text", _NOTHING_OF_ITS_OWN)
@pytest.mark.parametrize(
    "question",
    [
        _SUPPORTED,
        "How valued do you feel?",
        "What might make you leave?",
        "What are you learning here, and what would you like to learn?",
        "Is there anything else you would like the service to know?",
        None,
    ],
)
def test_an_answer_with_nothing_of_its_own_names_no_theme(text: str, question: str | None) -> None:
    assert analyse(text, question).themes == {}
    assert analyse(text, question, source="stay" if question else "pulse").themes == {}


# The same reviewer: "none", "nothing", "nil" to a question that asks a degree are its lowest
# degree, not a placeholder; emoji that take a side are a degree; sarcasm is not a shrug; and
# "What are you learning here?" asks a degree too ("Nothing new.", "Loads").
@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("None at all", _SUPPORTED, {"managers": "neg"}),
        ("nothing really", _SUPPORTED, {"managers": "neg"}),
        ("Nil.", _SUPPORTED, {"managers": "neg"}),
        ("nowt", _SUPPORTED, {"managers": "neg"}),
        ("zero", _SUPPORTED, {"managers": "neg"}),
        ("None at all", "How supported do you feel by senior leaders?", {"leadership": "neg"}),
        ("👎", _SUPPORTED, {"managers": "neg"}),
        (":(", _SUPPORTED, {"managers": "neg"}),
        ("😡😡", _SUPPORTED, {"managers": "neg"}),
        ("👍", _SUPPORTED, {"managers": "pos"}),
        ("🙂", _SUPPORTED, {"managers": "pos"}),
        ("Fine 🙄", _SUPPORTED, {"managers": "neg"}),
        ("Nothing new", _LEARNING, {"career": "neg"}),
        ("none so far", _LEARNING, {"career": "neg"}),
        ("Loads", _LEARNING, {"career": "pos"}),
        (
            "Loads, mostly off the senior on my pod",
            _LEARNING,
            {"career": "pos", "team_culture": "pos"},
        ),
    ],
)
def test_a_low_degree_in_a_placeholder_word_is_an_answer(
    text: str, question: str, expected: dict[str, str]
) -> None:
    assert analyse(text, question).themes == expected


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("ten out of ten", 2.0),
        ("Nine out of 10, she is the reason I'm still here", 2.0),
        ("Two out of ten. She means well", -2.0),
        ("zero out of ten", -2.0),
    ],
)
def test_a_mark_in_words_is_a_mark(text: str, news: float) -> None:
    assert read(text, _SUPPORTED).answered == (("managers", news),)


def test_a_mark_in_words_about_something_else_is_not_one() -> None:
    assert read("Ten out of ten times she cancels", _SUPPORTED).answered == ()
    assert read("five out of ten", _SUPPORTED).answered == ()  # middling


# What they miss that is already gone is a loss here, not a reason to stay (the sixteenth
# round's miss phrase read "I already miss the old team since the restructure" as praise).
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("I already miss the old team since the restructure split us up", "team_culture"),
        ("miss my old TM so much, the new one only talks targets", "managers"),
        ("I miss the way it used to be on this floor", None),
        ("missing our previous manager, nobody checks in now", "managers"),
    ],
)
def test_missing_what_is_gone_is_a_loss(text: str, theme: str | None) -> None:
    reading = read(text)
    assert all(score <= 0 for score in reading.scores.values()), reading.scores
    if theme is not None:
        assert reading.scores[theme] < 0


def test_emoji_that_disagree_are_no_degree() -> None:
    assert read("👍👎", _SUPPORTED).answered == ()


def test_a_long_run_of_placeholders_is_read_at_once() -> None:
    # The placeholder pattern's parts can follow one another in more than one way ("x x x"):
    # only short answers are tried against it, which keeps the ways from multiplying (a run of
    # 5,000 would hang this test without the limit).
    assert analyse(("x " * 40).strip(), _SUPPORTED).themes == {}
    assert read(("x " * 5000).strip(), _SUPPORTED).empty is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No.", {"managers": "neg"}),  # to "How supported…?", "no" is "not supported"
        ("Not really.", {"managers": "neg"}),
        ("Nothing, she is never there", {"managers": "neg"}),
        ("ok but supervision keeps getting moved", {"managers": "neg"}),
        ("Fine. The pay isn't.", {"pay": "neg"}),
        ("7/10", {"managers": "pos"}),
        ("n/a, my TM left in June and nobody replaced her", {"managers": "neg"}),
    ],
)
def test_a_short_answer_that_says_something_still_does(text: str, expected: dict[str, str]) -> None:
    _reads(text, expected, _SUPPORTED)


# The same review on the people they would come back for, and the losses they would leave over.
@pytest.mark.parametrize(
    ("text", "question", "theme"),
    [
        (
            "I wouldn't even stay for the team at this point",
            "What might make you leave?",
            "team_culture",
        ),
        ("No way would I come back for this manager", _COME_BACK, "managers"),
        ("Can't say I'll miss my TM", "Why are you leaving?", "managers"),
        (
            "Everyone keeps saying I'll miss the team, we'll see",
            "Why are you leaving?",
            "team_culture",
        ),
        ("We have to stay for the team briefing every Friday till 6", None, "team_culture"),
        ("Only if the bullying ends", _COME_BACK, "team_culture"),
        ("If the cliques break up morale might pick up", None, "team_culture"),
    ],
)
def test_no_reason_to_stay_where_none_is_given(text: str, question: str | None, theme: str) -> None:
    assert read(text, question).scores.get(theme, 0.0) <= 0


def test_what_is_better_there_is_not_kept_for_a_clause_that_also_misses() -> None:
    # Only a statement that is the missing is about here: the money there is still better.
    found = read(
        "Off to Kent, the money's better and I'll miss my kids' bedtimes less", _GOING_WHERE
    )
    assert found.scores["pay"] < 0


# What someone would leave over losing is a reason to stay (sixteenth round): "if they take the
# flexi away" and "if the pilot ends" were missed by the "if ... taken away" phrase (a word
# between "take" and "away", "ends", "breaks up"), and took the question's lean to leave.
# Written for these tests, apart from every data file.
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("If they take the nine-day fortnight off us", "work_life_balance"),
        ("if they split our team up", "team_culture"),
        ("If the 4 day week trial ends", "work_life_balance"),
        ("If the retention payment is axed", "pay"),
        ("if the team breaks up I am off", "team_culture"),
        ("if they take working from home away from us", "work_life_balance"),
    ],
)
def test_what_they_would_leave_over_losing_is_a_reason_to_stay(text: str, theme: str) -> None:
    assert read(text, "What might make you leave?").scores[theme] > 0
    _reads(text, {theme: "pos"}, "What might make you leave?")


# Being overlooked or included, told in staff's own words (sixteenth round): the rules found no
# theme in these, so the detector had only the words. Written for these tests, apart from every
# data file.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Left off the invite list for the service away day", -1),
        ("They asked for my ideas at the away day. Felt good.", 1),
        ("Pretty invisible on this floor", -1),
        ("taken for granted by everyone", -1),
        ("feel like furniture in team meetings", -1),
    ],
)
def test_being_overlooked_or_included_is_team_culture(text: str, expected: int) -> None:
    assert read(text).scores["team_culture"] * expected > 0
    _reads(text, {"team_culture": "pos" if expected > 0 else "neg"})


@pytest.mark.parametrize(
    "text",
    [
        "The director is invisible",
        "SLT invisible as ever",
        "That is rather the point of an invisible condition",
    ],
)
def test_invisible_leaders_or_illness_are_not_team_culture(text: str) -> None:
    assert "team_culture" not in read(text).scores


# A degree question that names two themes is answered for both (the eighteenth round): before,
# "Very." to "How supported do you feel by your manager and team?" was the answer to neither,
# and the learned half read it as bad news of the manager. Written for these tests, apart from
# every data file.
@pytest.mark.parametrize(
    ("question", "themes"),
    [
        ("How supported do you feel by your manager and team?", ("managers", "team_culture")),
        (
            "How well supported do you feel by your colleagues and your TM?",
            ("managers", "team_culture"),
        ),
        (
            "How valued do you feel by your team and by senior leaders?",
            ("team_culture", "leadership"),
        ),
        ("How satisfied are you with your pay and your caseload?", ("pay", "workload")),
    ],
)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Very.", "pos"),
        ("Massively, honestly", "pos"),
        ("9/10", "pos"),
        ("Not at all.", "neg"),
        ("Hardly", "neg"),
        ("two out of ten", "neg"),
    ],
)
def test_one_degree_answers_every_theme_the_question_names(
    question: str, themes: tuple[str, ...], text: str, expected: str
) -> None:
    found = analyse(text, question).themes
    assert {theme: found.get(theme) for theme in themes} == dict.fromkeys(themes, expected)
    assert set(found) == set(themes)


@pytest.mark.parametrize(
    "text",
    [
        "Very by the team, not at all by my manager",  # a degree of one theme, not both
        "Hugely by my team. My manager is never there.",
        "ok",  # middling: no news of either
        "n/a",
    ],
)
def test_an_answer_that_tells_the_themes_apart_is_not_one_degree_for_both(text: str) -> None:
    question = "How supported do you feel by your manager and team?"
    assert read(text, question).answered == ()


# A count of forms, pages, steps or sign-offs that fell or rose is the news for processes, as a
# count of cases is for workload (the eighteenth round; before, it decided nothing and the
# learned half could read "from four forms to one" as a complaint). Written for these tests,
# apart from every data file.
@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("The referral form went from 3 pages to 12", -2.0),
        ("We went from one sign-off to five for a section 20", -2.0),
        ("the CIN plan template has gone from 12 pages to 4, bliss", 2.0),
        ("s47 paperwork went from two forms to six after the audit", -2.0),
        ("strategy discussion recording cut from 9 sections to 3", 2.0),
    ],
)
def test_a_count_of_forms_that_moved_is_news_of_processes(text: str, news: float) -> None:
    assert read(text).counted == (("processes", news),)
    assert analyse(text).themes.get("processes") == ("pos" if news > 0 else "neg")
    assert "workload" not in read(text).scores


def test_a_count_of_cases_or_staff_stays_news_of_workload() -> None:
    assert read("my caseload went from 31 to 19").counted == (("workload", 2.0),)
    assert read("we went from 8 social workers to 4").counted == (("workload", -2.0),)
    assert read("the meeting moved from 10 to 2").counted == ()  # a time, not a count


# The reviewer's attack on the two-theme degree (eighteenth round): a question names more than
# it asks about, and an answer tells the themes apart. Only the words before a comparison, a
# time or an exception are asked about.
@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("How supported do you feel by your manager compared with your last team?", {"managers"}),
        ("How happy are you with your workload now that pay has gone up?", {"workload"}),
        ("How valued do you feel by the service, apart from pay?", {"team_culture"}),
        ("How supported do you feel by your manager when your caseload is high?", {"managers"}),
        ("How supported do you feel by your manager, not counting the wider team?", {"managers"}),
        ("How happy are you in your team since your manager left?", {"team_culture"}),
        ("How happy are you with your wellbeing since your workload went up?", {"wellbeing"}),
        (
            "How supported do you feel by your manager, your team and senior leaders?",
            {"managers", "team_culture", "leadership"},
        ),
        ("How confident are you about your career progression?", {"career"}),
    ],
)
def test_a_degree_answers_only_what_the_question_asks_about(question: str, asked: set[str]) -> None:
    assert analyse("Very.", question).themes == dict.fromkeys(asked, "pos")
    assert analyse("Not at all.", question).themes == dict.fromkeys(asked, "neg")


@pytest.mark.parametrize(
    ("question", "text", "theme", "not_read"),
    [
        (
            "How happy are you with your workload and your pay?",
            "Very. Pay is still rubbish though.",
            "pay",
            "pos",
        ),
        (
            "How satisfied are you with your career development and your pay?",
            "Very. Pay is still rubbish though.",
            "pay",
            "pos",
        ),
        (
            "How supported do you feel by your manager and team?",
            "Not at all, my manager is lovely",
            "managers",
            "neg",
        ),
        (
            "How supported do you feel by your manager and team?",
            "Not at all. My manager is brilliant though, it's the rest.",
            "managers",
            "neg",
        ),
        (
            "How supported do you feel by your manager and team?",
            "Very. Not the team though.",
            "team_culture",
            "pos",
        ),
        (
            "How supported do you feel by your manager and team?",
            "Massively, thanks to my TM. The team not so much.",
            "team_culture",
            "pos",
        ),
    ],
)
def test_a_theme_the_answer_names_is_told_by_its_own_words(
    question: str, text: str, theme: str, not_read: str
) -> None:
    # Asked of several, the degree answers the rest; the one the answer goes on to name is left
    # to its own words (and is not read as the degree's news).
    assert analyse(text, question).themes.get(theme) != not_read


# Nineteenth round: a theme the answer names after the degree is spoken of, however few its
# words; named with a good or bad word it is told by them, named with none it shares the degree,
# and set apart by a negator alone it is not decided.
_BOTH = "How supported do you feel by your manager and team?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Very. Not the team though.", {"managers": "pos", "team_culture": "neg"}),
        ("Very. Not the team though", {"managers": "pos", "team_culture": "neg"}),
        ("Not at all. The team are great though", {"managers": "neg", "team_culture": "pos"}),
        ("Not at all, my manager is lovely", {"managers": "pos", "team_culture": "neg"}),
        ("Very. The team too.", {"managers": "pos", "team_culture": "pos"}),
        ("Very, the team especially", {"managers": "pos", "team_culture": "pos"}),
        ("Not at all. My manager is brilliant though", {"managers": "pos", "team_culture": "neg"}),
    ],
)
def test_a_theme_told_apart_after_a_degree_is_read_by_its_own_words(
    text: str, expected: dict[str, str]
) -> None:
    assert analyse(text, _BOTH, source="stay").themes == expected


# Twentieth round: a negator that governs the theme's name sets it apart: bad news after
# praise ("but not by the team"), and after a complaint when "even", "either" or "nor" says so;
# a bare negator after a complaint decides nothing, and a negator elsewhere in the clause
# (about something else) does not set the theme apart.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Very, but not by the team", {"managers": "pos", "team_culture": "neg"}),
        ("Very. Not by the team", {"managers": "pos", "team_culture": "neg"}),
        ("Very - not by the team though", {"managers": "pos", "team_culture": "neg"}),
        ("Really well, never by the team", {"managers": "pos", "team_culture": "neg"}),
        ("Very, not really the team", {"managers": "pos", "team_culture": "neg"}),
        ("Not at all, not even the team", {"managers": "neg", "team_culture": "neg"}),
        ("Not really, not even my team", {"managers": "neg", "team_culture": "neg"}),
        ("Not at all. Not by the team either", {"managers": "neg", "team_culture": "neg"}),
        ("Not at all, nor the team", {"managers": "neg", "team_culture": "neg"}),
    ],
)
def test_a_theme_set_apart_by_a_negator_after_a_degree_is_bad_news(
    text: str, expected: dict[str, str]
) -> None:
    assert analyse(text, _BOTH, source="stay").themes == expected


@pytest.mark.parametrize(
    "text",
    [
        # The negator adds the theme to the praise.
        "Very, not just my manager but the team too",
        "Very, not only by my manager but by the team",
        "Extremely, and not only by the team",
        "Very, not least the team",
        "Very, not to mention the team",
        # The negator is about something else (the reviewer's cases).
        "Very, can't say enough about the team",
        "Very, couldn't do it without the team",
        "9/10, couldn't do it without the team",
        "Very, I don't know what I'd do without the team",
        "Very - wouldn't swap the team for anything",
        "Very, the team won't let anyone sink",
        "Very, the team too, no doubt",
        "Very, and by the team no less",
        "Very, though I haven't been in the team long",
        "Very, and I'm new to the team, not even 3 months in",
        "Very, haven't needed much from the team",
        "Very, and the team. Wouldn't be here otherwise.",
        "Not at all, but I can't complain about the team either",
        "Not really. Even the team can't fix that",
    ],
)
def test_a_negator_that_does_not_govern_the_theme_does_not_set_it_apart(text: str) -> None:
    reading = read(text, _BOTH)
    assert reading.decided.get("team_culture") != "neg"
    assert analyse(text, _BOTH, source="stay").themes.get("team_culture") != "neg"


def test_a_bare_negator_after_a_complaint_decides_nothing_of_the_theme() -> None:
    # "Not at all, not by my team": not supported by the manager, and the team either not at
    # all or not the one failing: the words do not say, so the degree does not decide it.
    reading = read("Not at all, not by my team", _BOTH)
    assert "team_culture" not in reading.decided
    assert reading.decided["managers"] == "neg"


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("Extremely. Said no one ever.", _BOTH, {"managers": "neg", "team_culture": "neg"}),
        ("Very. Said nobody ever", _BOTH, {"managers": "neg", "team_culture": "neg"}),
        (
            "Very supported, said no one ever",
            "How supported do you feel by your manager?",
            {"managers": "neg"},
        ),
        ("Not at all 🙄", "How supported do you feel by your manager?", {"managers": "neg"}),
    ],
)
def test_sarcasm_after_a_degree_turns_its_praise_not_its_complaint(
    text: str, question: str, expected: dict[str, str]
) -> None:
    # Nineteenth round: sarcasm the lists did not know ("said no one ever") was read as the
    # degree it mocks, for every theme asked.
    assert analyse(text, question, source="stay").themes == expected


def test_said_no_one_ever_turns_praise_in_any_comment() -> None:
    assert analyse("Feel so valued here, said no-one ever").themes == {"team_culture": "neg"}
    assert analyse("The new Mosaic update is brilliant. Said no one ever.").themes == {
        "it_systems": "neg"
    }


# Twenty-second round: a fresh probe. A helper that saw none of the data, code or tests wrote 72
# sentences, twelve in each of issue 19's six kinds of error, before any was run; the analyser
# read 56 of them right (every expected theme, the right way) and 15 wrong; one more was left out
# as the probe itself judged its expectation arguable ("if they ever bring back the old 40 page
# referral form im out"). Nothing was changed for them: they are the analyser as it stood.
_PROBE_RIGHT = [
    ("caseload dropped from 26 to 15 since the new starters came in", None, {"workload": "pos"}),
    ("duty is far less brutal since the rota changed", None, {"workload": "pos"}),
    (
        "new TM has turned things round, supervision actually happens every month now",
        None,
        {"managers": "pos"},
    ),
    (
        "mosaic used to crash every afternoon, hasnt gone down once since the upgrade",
        None,
        {"it_systems": "pos"},
    ),
    (
        "Sickness in the team has halved since we got the wellbeing sessions and reflective space.",
        "What has got better in the last year?",
        {"wellbeing": "pos"},
    ),
    (
        "Assessments that took an hour to write up now take 20 mins since they cut the template "
        "down",
        None,
        {"processes": "pos"},
    ),
    (
        "if my PM left I'd follow her out the door",
        "What might make you leave?",
        {"managers": "pos"},
    ),
    (
        "honestly couldnt cope without this lot, they're the only reason i havent cracked",
        "What keeps you here?",
        {"team_culture": "pos"},
    ),
    (
        "Without the 9-day fortnight I'd have gone months ago.",
        "What keeps you here?",
        {"work_life_balance": "pos"},
    ),
    (
        "My manager is the only thing stopping me walking",
        "What keeps you here?",
        {"managers": "pos"},
    ),
    (
        "I'd be throwing away the funded masters if I left now, not happening",
        None,
        {"career": "pos"},
    ),
    (
        "a trust with a 4-day week",
        "Where are you going, and what does it offer?",
        {"work_life_balance": "neg"},
    ),
    (
        "Agency. £42 an hour vs what I get here, no contest",
        "Where are you going, and what does it offer?",
        {"pay": "neg"},
    ),
    (
        "neighbouring LA, caseloads capped at 18",
        "Where are you going, and what does it offer?",
        {"workload": "neg"},
    ),
    (
        "a fostering agency where I'll actually have a manager who answers the phone",
        "Where are you going, and what does it offer?",
        {"managers": "neg"},
    ),
    (
        "going to Barnet, theyve got a proper pathway to senior prac within 2 yrs",
        "Where are you going, and what does it offer?",
        {"career": "neg"},
    ),
    (
        "private sector job. laptop that works and a case system that doesnt eat my notes",
        "Where are you going, and what does it offer?",
        {"it_systems": "neg"},
    ),
    (
        "new place has an office with windows, free parking and enough desks for everyone",
        "Where are you going, and what does it offer?",
        {"environment": "neg"},
    ),
    (
        "A council where the director knows our names and the strategy doesn't change every six "
        "months",
        "Why are you leaving?",
        {"leadership": "neg"},
    ),
    (
        "school nursing. no out of hours, home by half 4",
        "Where are you going, and what does it offer?",
        {"work_life_balance": "neg"},
    ),
    (
        "somewhere I won't be threatened on doorsteps and then told to crack on",
        "Why are you leaving?",
        {"wellbeing": "neg"},
    ),
    (
        "an IFA with a lighter caseload and a better salary",
        "Where are you going, and what does it offer?",
        {"workload": "neg", "pay": "neg"},
    ),
    ("a laptop that works? dream on", None, {"it_systems": "neg"}),
    ("Nine. Weeks. For a Mosaic login.", None, {"it_systems": "neg"}),
    (
        "oh yeah love doing my recording at 11pm, living the dream",
        None,
        {"work_life_balance": "neg"},
    ),
    ("Pay rise? What pay rise?", None, {"pay": "neg"}),
    ("another 'vision' from the top floor. cant wait.", None, {"leadership": "neg"}),
    ("Supervision? Havent seen my TM since March.", None, {"managers": "neg"}),
    ("Love a 3 hour round trip to a visit with no mileage paid. Fab.", None, {"pay": "neg"}),
    ("Desks? We hot-desk on the windowsill now apparently", None, {"environment": "neg"}),
    (
        "sure, I'll just clone myself for the 4 strat meetings and 3 court reports due friday",
        None,
        {"workload": "neg"},
    ),
    ("Career progression here = waiting for someone to retire", None, {"career": "neg"}),
    ("Risk assessment for lone visits? lol", None, {"wellbeing": "neg"}),
    ("my team", "What keeps you here?", {"team_culture": "pos"}),
    ("the pay tbh", "What keeps you here?", {"pay": "pos"}),
    ("flexi", "What keeps you here?", {"work_life_balance": "pos"}),
    ("caseload", "What might make you leave?", {"workload": "neg"}),
    ("my manager", "What do you enjoy most about working here?", {"managers": "pos"}),
    ("my manager", "Why are you leaving?", {"managers": "neg"}),
    ("Mosaic.", "What frustrates you most day to day?", {"it_systems": "neg"}),
    ("progression", "Why are you leaving?", {"career": "neg"}),
    ("the office", "What would you change first?", {"environment": "neg"}),
    ("SLT", "What might make you leave?", {"leadership": "neg"}),
    ("burnout", "Why are you leaving?", {"wellbeing": "neg"}),
    ("the paperwork", "What might make you leave?", {"processes": "neg"}),
    (
        "had a dad square up to me on a home visit last week and no one even asked if i was ok "
        "after",
        None,
        {"wellbeing": "neg"},
    ),
    (
        "I eat my lunch at the wheel between visits most days",
        "What might make you leave?",
        {"workload": "neg"},
    ),
    ("Havent seen my own kids at bedtime since christmas", None, {"work_life_balance": "neg"}),
    ("I lie awake going over my cases at 3am", None, {"wellbeing": "neg"}),
    (
        "our ASYEs get shadowing, a mentor and protected study time, its brilliant",
        "What keeps you here?",
        {"career": "pos"},
    ),
    ("Been acting up for two years and still no interview for the post", None, {"career": "neg"}),
    (
        "you type the same family details into three different places then print the lot for panel",
        None,
        {"processes": "neg"},
    ),
    ("the heatings been broken since october, we work in our coats", None, {"environment": "neg"}),
    (
        "the screen freezes every time I open a chronology and I lose half an hour",
        None,
        {"it_systems": "neg"},
    ),
    (
        "When someone's having a bad day the others just pick up their duty calls without being "
        "asked",
        None,
        {"team_culture": "pos"},
    ),
]

# Read wrong (docs/analysis.md, Limits): a past told in bad words before a "now" or "since"
# that says it is better (kind 1), a reason to stay told as what they would lose (kind 2),
# and praise turned by a "when anyone can be bothered" (kind 4). Strict: a fix shows here (four
# more, mended in the twenty-third round, are in `_PROBE_MENDED_LATER`; one in the
# twenty-seventh, in `_PROBE_MENDED_BY_LOST_HABITS`).
_PROBE_WRONG = [
    (
        "Lose my parking space right by the door? Not a chance.",
        "What might make you leave?",
        {"environment": "pos"},
    ),
    (
        "id be lost without our AD tbh, shes the only one who fights our corner with the council",
        None,
        {"leadership": "pos"},
    ),
    (
        "yeah the team's lovely, when anyone can be bothered to answer a message",
        None,
        {"team_culture": "neg"},
    ),
]


# Read right when it arrived, wrong in the twenty-fifth round ("actually" and the theme's own lean
# outweighed the question's), right again from the twenty-sixth round's retraining, and wrong
# again with the thirtieth round's writers: the rules name no theme, so the learned half alone
# decides it, near its line.
_PROBE_LOST_AGAIN = [
    (
        "Moving to a team where people actually talk to each other",
        "Why are you leaving?",
        {"team_culture": "neg"},
    ),
]


@pytest.mark.xfail(strict=True, raises=AssertionError, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_LOST_AGAIN)
def test_a_fresh_probes_reading_lost_again_when_the_weights_were_remade(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_RIGHT)
def test_a_fresh_probe_of_every_kind_reads_right(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


@pytest.mark.xfail(strict=True, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_WRONG)
def test_a_fresh_probes_misreadings(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# One of the probe's improvements told through the bad past, read right since the
# twenty-seventh round, which turns a habit of then that no longer holds (not written from it).
# Mended in the thirty-third round by the rule for a working day's end that moved ("a year ago
# it was 8pm"): it was a strict xfail in `_PROBE_WRONG` until then.
_PROBE_MENDED_BY_TIMES = [
    (
        "i finish at 5 most days now, a year ago it was 8pm at the kitchen table",
        None,
        {"work_life_balance": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_MENDED_BY_TIMES)
def test_a_fresh_probes_improvement_read_right_since_times_of_day(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


_PROBE_MENDED_BY_LOST_HABITS = [
    (
        "team used to be really cliquey, people ate lunch alone. much warmer since the restructure",
        None,
        {"team_culture": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_MENDED_BY_LOST_HABITS)
def test_a_fresh_probes_improvement_read_right_since_lost_habits(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# One of the probe's improvements told through the bad past, read right since the twenty-fifth
# round's then-and-now features and change-over-time writers (neither written from them). It
# leans near nothing: it was read wrong with one of the twenty-seventh round's remade weights.
_PROBE_MENDED_BY_THEN_AND_NOW = [
    (
        "the office was freezing and half the desks broken, since the refurb its actually nice "
        "to come in",
        None,
        {"environment": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_MENDED_BY_THEN_AND_NOW)
def test_a_fresh_probes_improvement_read_right_since_then_and_now(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# Another, read right from the twenty-fifth round to the twenty-sixth, wrong from the
# twenty-seventh round's weights to the twenty-ninth, right again from the thirtieth's to the
# thirty-second's, wrong with the thirty-third's, right again with the thirty-fourth's, wrong
# with the thirty-fifth's first and right with its last, though no rule reads it differently:
# it sits near the learned half's line (docs/analysis.md).
_PROBE_LOST_IN_RETRAINING = [
    (
        "Senior leadership were invisible for years; the new director has been out to every team "
        "twice since January.",
        None,
        {"leadership": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_LOST_IN_RETRAINING)
def test_a_fresh_probes_improvement_lost_and_found_as_the_weights_were_remade(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# Four of the probe's reasons to stay, read wrong before this round's phrases (they were written
# from these, so they are no longer text nobody tuned to): what nowhere else gives them, what
# they would never get anywhere else, what they would be mad to leave, the day it is taken.
_PROBE_MENDED = [
    (
        "I'd be mad to leave, nowhere else round here pays the market supplement",
        None,
        {"pay": "pos"},
    ),
    (
        "I'd never get a caseload this small anywhere else so I'm stuck here lol",
        None,
        {"workload": "pos"},
    ),
    (
        "the day they take my hybrid days away is the day I hand my notice in",
        "What might make you leave?",
        {"work_life_balance": "pos"},
    ),
    # Bad news of wellbeing with the forty-eighth and forty-ninth rounds' weights (the rules
    # read "scared to leave" as a complaint, -2.0, and those weights trusted the rules' sign in
    # a comment of mixed verdicts); read right again by the fiftieth's, turned again by the
    # fifty-first's and fifty-second's, and read right again by the fifty-third's.
    (
        "scared to leave tbh, nowhere else has the clinical psych support we get when cases get "
        "heavy",
        "What keeps you here?",
        {"wellbeing": "pos"},
    ),
]


# Four more of the first probe's misreadings, mended in the twenty-third round (no longer text
# nobody tuned to): a question of what has got better leans its answers to good news, leaders
# known by their floor, a manager known by the task of signing off.
_PROBE_MENDED_LATER = [
    (
        "used to wait months for the pay review to go thru, now its done every april and we "
        "actualy got the uplift",
        "What has got better in the last year?",
        {"pay": "pos"},
    ),
    (
        "Progression was a closed door but since the new framework 3 of us have moved up to "
        "senior prac",
        "What has got better in the last year?",
        {"career": "pos"},
    ),
    (
        "nobody from the 5th floor has ever set foot in our locality office",
        None,
        {"leadership": "neg"},
    ),
    (
        "The person who signs off my cases always makes time for me, even at 6pm on a Friday",
        "What keeps you here?",
        {"managers": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_MENDED_LATER)
def test_the_first_probes_later_mended_readings(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE_MENDED)
def test_what_nowhere_else_gives_them_is_a_reason_to_stay(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("You wouldn't get supervision like this anywhere else", "managers"),
        ("The day they scrap the 9-day fortnight is the day I walk", "work_life_balance"),
        ("honestly I'd be crazy to leave before my PGCert is done", "career"),
        ("Nowhere else round here gives NQSWs a protected caseload", "workload"),
    ],
)
def test_the_rules_read_what_nowhere_else_gives_as_good_news(text: str, theme: str) -> None:
    # The learned half already read these right; the rules read them as nothing or as a
    # complaint ("never get", "crazy") before this round's phrases.
    assert read(text).scores[theme] > 0


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        (
            "We took the call in the stairwell because there was nowhere else to go",
            "environment",
            "neg",
        ),
        ("I'd be mad to stay on these wages", "pay", "neg"),
        ("the day they fix Mosaic is the day I retire", "it_systems", "neg"),
        ("I never get a lunch break, not even on a quiet day", "work_life_balance", "neg"),
        # The reviewer's attack on the first version of the phrases: each read right before it
        # and as a reason to stay by it.
        (
            "I'd be insane to go back to frontline with caseloads like these",
            "workload",
            "neg",
        ),
        ("Nowhere else I've worked has had such awful IT", "it_systems", "neg"),
        ("Nowhere else pays this badly for this much responsibility", "pay", "neg"),
        ("nowhere else has had a pay freeze this long", "pay", "neg"),
        ("I'd never have this much paperwork anywhere else", "processes", "neg"),
        ("I'd never get paid this little anywhere else", "pay", "neg"),
        ("we never get the training that they get anywhere else", "career", "neg"),
        ("The day they sort out the car park is the day I walk in smiling", "environment", "neg"),
        ("the day we get proper laptops is the day I leave my own at home", "it_systems", "neg"),
        ("the day they double my caseload again is the day I walk", "workload", "neg"),
    ],
)
def test_nowhere_else_and_never_get_are_not_always_reasons_to_stay(
    text: str, theme: str, direction: str
) -> None:
    _reads(text, {theme: direction})
    assert read(text).scores.get(theme, 0.0) <= 0


def test_anywhere_else_needs_something_they_would_never_get() -> None:
    assert read("you will not find anywhere else this badly run").scores == {}


# Twenty-third round: a second fresh probe. Another helper that saw none of the data, code or
# tests wrote 72 sentences, twelve in each of issue 19's six kinds of error, before any was run;
# the analyser as it stood (5e85c6d) read 58 of them right (every expected theme, the right way)
# and 14 wrong. The 58 are pinned as they were read.
_PROBE2_RIGHT = [
    (
        "Mosaic hasn't frozen on me once since the spring upgrade - it used to die every time I "
        "attached a scanned document.",
        None,
        {"it_systems": "pos"},
    ),
    (
        "Two years ago I couldn't have told you who our director was. She now comes to our team "
        "meeting every quarter and stays for the awkward questions.",
        None,
        {"leadership": "pos"},
    ),
    (
        "Since we got the new phones and the VPN sorted I can write up in the car between "
        "visits, so I'm no longer at the kitchen table at 9pm.",
        None,
        {"it_systems": "pos", "work_life_balance": "pos"},
    ),
    (
        "Nobody in our team is off sick at the moment, whereas this time last year we had five "
        "out at once. The monthly sessions with the clinical psychologist have made a real "
        "difference.",
        None,
        {"wellbeing": "pos"},
    ),
    (
        "The single assessment is down to 6 pages from 14 and pulls the family details through "
        "from the referral instead of making us type them three times.",
        None,
        {"processes": "pos"},
    ),
    (
        "first year i had nobody to ask. this years ASYE lot get a proper forum, a mentor and a "
        "protected development day every month, wish id had that",
        None,
        {"career": "pos"},
    ),
    (
        "No more doing recordings in a coat and gloves now the heating's finally been fixed - "
        "last winter in that office was grim.",
        None,
        {"environment": "pos"},
    ),
    (
        "Our office used to be heads-down and silent. Since the new team manager arrived we have "
        "lunch together on Fridays and people offer to double up on tricky visits.",
        None,
        {"team_culture": "pos", "managers": "pos"},
    ),
    (
        "Honestly, without Priya as my manager I'd have walked in my first six months.",
        None,
        {"managers": "pos"},
    ),
    (
        "the only thing keeping me here is the lot i sit with, they'd be impossible to replace",
        None,
        {"team_culture": "pos"},
    ),
    ("If they scrap the market supplement I'm gone, simple as.", None, {"pay": "pos"}),
    ("The day they lift the caseload cap is the day I clear my desk.", None, {"workload": "pos"}),
    (
        "not gonna lie the only reason i havent jumped ship is the kit here actually works, my "
        "last LA's laptops were a joke",
        None,
        {"it_systems": "pos"},
    ),
    (
        "If they move us out of this building to the business park I'm done. Being able to walk "
        "from the station and sit by a window is half of why I've stayed.",
        None,
        {"environment": "pos"},
    ),
    (
        "If they bring back the old 20-page assessment I'm out. The shorter one is what's kept "
        "me from losing the will.",
        None,
        {"processes": "pos"},
    ),
    (
        "Only two things stop me resigning: my TM and being able to do the school pick-up.",
        None,
        {"managers": "pos", "work_life_balance": "pos"},
    ),
    (
        "Neighbouring borough. Four grand more and they pay for travel time between visits.",
        "Where are you going, and what does it offer?",
        {"pay": "neg"},
    ),
    (
        "Fostering team in a trust where caseloads are capped at 15, which I didn't think existed.",
        "Where are you going, and what does it offer?",
        {"workload": "neg"},
    ),
    (
        "Got a job with a council that lets me work from home three days, so I won't be spending "
        "two hours a day on the M6.",
        "Why are you leaving?",
        {"work_life_balance": "neg"},
    ),
    # Read wrong in the twenty-fifth round (its writers compare past and new managers, most often
    # in praise of the one now), right again since the twenty-sixth round's retraining.
    (
        "an IFA. my supervisor there has already read my last three assessments and given me "
        "written feedback, which is more than i've had in two years here",
        "Where are you going, and what does it offer?",
        {"managers": "neg"},
    ),
    (
        "A small team where people say good morning, cover for each other and nobody eats lunch "
        "alone at their desk.",
        "Where are you going, and what does it offer?",
        {"team_culture": "neg"},
    ),
    (
        "They're funding my Practice Educator award and there's a clear route to senior "
        "practitioner within 18 months.",
        "Why are you leaving?",
        {"career": "neg"},
    ),
    (
        "Cafcass. The people at the top there seem to understand what frontline work involves, "
        "and they explain decisions instead of just announcing them.",
        "Where are you going, and what does it offer?",
        {"leadership": "neg"},
    ),
    (
        "Private provider. One assessment form, no triple recording, and I won't be waiting "
        "three weeks for a panel to approve one respite night.",
        "Where are you going, and what does it offer?",
        {"processes": "neg"},
    ),
    (
        "LA that runs Liquidlogic and gives everyone a laptop under three years old",
        "Where are you going, and what does it offer?",
        {"it_systems": "neg"},
    ),
    (
        "Moving to a smaller authority: my own desk that's there every morning, and a manager "
        "who actually turns up for supervision.",
        "Where are you going, and what does it offer?",
        {"environment": "neg", "managers": "neg"},
    ),
    (
        "I'm joining a service with a clinical psychologist and proper debriefs after difficult "
        "visits. Somewhere I might not end up crying in the car.",
        "Why are you leaving?",
        {"wellbeing": "neg"},
    ),
    (
        "Agency locum in the next county. Better hourly rate and I choose my hours, so no more "
        "on-call every other weekend.",
        "Where are you going, and what does it offer?",
        {"pay": "neg", "work_life_balance": "neg"},
    ),
    (
        "A laptop that boots up before the visit's over, and a manager who picks up the phone? "
        "Don't be greedy.",
        None,
        {"it_systems": "neg", "managers": "neg"},
    ),
    (
        "oh brilliant, another audit tool. exactly what we were missing 🙃",
        None,
        {"processes": "neg"},
    ),
    (
        "Loved the 'you said, we did' poster from senior management. We said. They didn't.",
        None,
        {"leadership": "neg"},
    ),
    ("27 cases and a student. Totally manageable. Totally.", None, {"workload": "neg"}),
    ("1% pay award. Don't spend it all at once.", None, {"pay": "neg"}),
    (
        "Hot-desking is great, nothing says professional like circling the floor at 8am with a "
        "laptop and three carrier bags.",
        None,
        {"environment": "neg"},
    ),
    ("work life balance?? whats that then", None, {"work_life_balance": "neg"}),
    (
        "Team spirit? There's a WhatsApp group nobody replies to, does that count?",
        None,
        {"team_culture": "neg"},
    ),
    ("Training budget. What training budget.", None, {"career": "neg"}),
    (
        "Headbutted on a visit Tuesday, back on duty Wednesday. Self-care, apparently.",
        None,
        {"wellbeing": "neg"},
    ),
    ("My team.", "What keeps you here?", {"team_culture": "pos"}),
    ("Losing my manager.", "What might make you leave?", {"managers": "pos"}),
    ("money and the hours", "Why are you leaving?", {"pay": "neg", "work_life_balance": "neg"}),
    ("Caseload.", "Why are you leaving?", {"workload": "neg"}),
    ("flexi", "What's the best thing about working here?", {"work_life_balance": "pos"}),
    ("Senior management, honestly.", "What would you change?", {"leadership": "neg"}),
    ("The training offer.", "What keeps you here?", {"career": "pos"}),
    ("Burnt out.", "Why are you leaving?", {"wellbeing": "neg"}),
    ("mosaic obvs", "What would you change?", {"it_systems": "neg"}),
    ("Even more forms.", "What might make you leave?", {"processes": "neg"}),
    ("Bring back fixed desks.", "What would you change?", {"environment": "neg"}),
    (
        "Supervision and hybrid days",
        "What keeps you here?",
        {"managers": "pos", "work_life_balance": "pos"},
    ),
    (
        "A dad followed me back to my car and photographed my number plate. Nobody asked if I "
        "was ok.",
        None,
        {"wellbeing": "neg"},
    ),
    (
        "Same family, same week: CP conference minutes, a CIN plan, and every one of those "
        "details typed again into the legal gateway pack.",
        None,
        {"processes": "neg"},
    ),
    (
        "It's 14 degrees by the window in January and the blinds have been broken since I started.",
        None,
        {"environment": "neg"},
    ),
    (
        "Thursday afternoons I'm at the school gate at 3.15 and nobody has ever made me feel bad "
        "about it.",
        None,
        {"work_life_balance": "pos"},
    ),
    (
        "Whoever runs the Wednesday cake rota deserves an MBE, and when I was off after my op "
        "the card had every single name in it.",
        None,
        {"team_culture": "pos"},
    ),
    (
        "My TM rang me from her holiday to check I'd got home safe after that strategy meeting.",
        None,
        {"managers": "pos"},
    ),
    (
        "The council's putting me through the post-qualifying child protection award and giving "
        "me Fridays to study for it.",
        None,
        {"career": "pos"},
    ),
    (
        "Eleven visits, two strategy discussions and a court statement due Friday. That's my "
        "Monday, and I'm still typing at ten.",
        None,
        {"workload": "neg", "work_life_balance": "neg"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE2_RIGHT)
def test_a_second_fresh_probe_reads_right(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# Six of the second probe's misreadings, mended this round (so no longer text nobody tuned to):
# a count now told before "now", being made to go back to the office as a loss, what they would
# have left without ("were it not for", "I'd have gone if our head of service hadn't"), a lift
# of a cap that is no lift, a system known by its spinning wheel, pay told in spine points.
_PROBE2_MENDED = [
    (
        "caseload was 31 back in march, its 19 now and i actually sleep through the night",
        None,
        {"workload": "pos", "wellbeing": "pos"},
    ),
    (
        "If they ever drag us back to five days a week in the office I'm handing my notice in "
        "that afternoon.",
        None,
        {"work_life_balance": "pos"},
    ),
    (
        "Were it not for the sessions with the therapist after the child death review last year, "
        "I don't think I'd still be in social work at all.",
        None,
        {"wellbeing": "pos"},
    ),
    (
        "I'd have gone after the Ofsted inspection if our head of service hadn't stood up in "
        "front of everyone and taken the flak herself instead of blaming the front line.",
        None,
        {"leadership": "pos"},
    ),
    (
        "spinning wheel every time i try to save a chronology, lost 40 mins of typing yesterday",
        None,
        {"it_systems": "neg"},
    ),
    (
        "Went up two spine points after my review, first time in years anyone's noticed.",
        None,
        {"pay": "pos"},
    ),
]


@pytest.mark.parametrize(("text", "question", "expected"), _PROBE2_MENDED)
def test_the_second_probes_mended_readings(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# The second probe's misreadings left (docs/analysis.md, Limits): improvement told "now" first and
# the past after, a load made survivable by staff it once lacked, pay behind "until" a supplement,
# leaders who kept a budget safe read by the cuts around it, sarcasm with no word of it ("door is
# always open. Shame she's never behind it."), a manager known only by a task, mileage pay.
_PROBE2_WRONG = [
    (
        "Supervision happens every four weeks now, diarised and protected. Last year mine got "
        "cancelled more often than it went ahead.",
        None,
        {"managers": "pos"},
    ),
    (
        "we went from six locums covering vacancies to a full permanent team and duty weeks are "
        "finally survivable",
        None,
        {"workload": "pos"},
    ),
    (
        "I was £3k behind the next borough until the market supplement came in last autumn; now "
        "I'm slightly ahead of them.",
        None,
        {"pay": "pos"},
    ),
    (
        "I'd have gone agency a year ago if senior leadership hadn't kept ringfencing our "
        "training days every time budgets got cut.",
        None,
        {"leadership": "pos", "career": "pos"},
    ),
    ("My manager's door is always open. Shame she's never behind it.", None, {"managers": "neg"}),
    (
        "Three. Weeks. For my manager to sign off one assessment. And panel isn't till next "
        "month anyway.",
        None,
        {"managers": "neg", "processes": "neg"},
    ),
    (
        "The person who signs off my visits hasn't opened a single assessment of mine since June.",
        None,
        {"managers": "neg"},
    ),
    (
        "Fourth floor sent us all a thank-you voucher the same week they cut what we get per mile.",
        None,
        {"leadership": "neg", "pay": "neg"},
    ),
]


@pytest.mark.xfail(strict=True, reason="known limit, docs/analysis.md")
@pytest.mark.parametrize(("text", "question", "expected"), _PROBE2_WRONG)
def test_the_second_probes_misreadings(
    text: str, question: str | None, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


# What a question asks for leans the answer (twenty-third round): "What has got better in the
# last year?" was read as a wish for better ("better" in the question), so what was named in
# answer was bad news; "What did we do well?", "What do you value most?" and "What has helped?"
# leaned nowhere, and "What has got worse?" neither. Written for these tests.
@pytest.mark.parametrize(
    ("question", "lean", "wish"),
    [
        ("What has got better in the last year?", "pos", False),
        ("What's improved since the restructure?", "pos", False),
        ("What did we do well?", "pos", False),
        ("What are we doing well?", "pos", False),
        ("What do you value most about working here?", "pos", False),
        ("Who or what has helped you most this year?", "pos", False),
        ("What support has made a difference?", "pos", False),
        ("What's the best thing about your team?", "pos", False),
        ("What has got worse this year?", "neg", False),
        ("What is not going well?", "neg", False),
        ("What frustrates you most?", "neg", False),
        ("What would have helped you most?", "neg", True),
        ("What could make a difference?", "neg", True),
        # Unchanged: wishes for better are still wishes.
        ("What would make your job better?", "neg", True),
        ("What could we have done better?", "neg", True),
        ("What is going well?", "pos", False),
    ],
)
def test_a_question_leans_its_answers_as_it_asks(question: str, lean: str, wish: bool) -> None:
    found = question_lean(question)
    assert found is not None
    assert (found.direction, found.wish) == (lean, wish)


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        ("the pay review", "What has got better in the last year?", {"pay": "pos"}),
        ("supervision", "What did we do well?", {"managers": "pos"}),
        ("Mosaic", "What has got worse this year?", {"it_systems": "neg"}),
        (
            "my team, no question",
            "Who or what has helped you most this year?",
            {"team_culture": "pos"},
        ),
        ("the paperwork", "What has got worse this year?", {"processes": "neg"}),
    ],
)
def test_a_bare_answer_takes_the_questions_lean(
    text: str, question: str, expected: dict[str, str]
) -> None:
    _reads(text, expected, question)


def test_an_answer_that_says_otherwise_is_not_overruled_by_the_question() -> None:
    _reads(
        "nothing, the pay is still awful", {"pay": "neg"}, "What has got better in the last year?"
    )
    # Read as praise of the pay before the question leaned (the question's words alone).
    _reads(
        "the pay is rubbish but the team is great",
        {"pay": "neg", "team_culture": "pos"},
        "What did we do well?",
    )


# A complaint in few words to a question that leans to good news: the lean and the question's
# words outweighed "keeps getting cancelled" until the twenty-fifth round's retraining (its
# writers' lines on supervision cancelled, "new one's cancelled three on the trot"), and to
# "What did we do well?" again from the forty-seventh round's, and to "What keeps you here?"
# in the fifty-second's. Since the fifty-second round what keeps not happening is a complaint
# said outright (`learned._OUTRIGHT`), which no question's lean turns.
@pytest.mark.parametrize("question", ["What did we do well?", "What keeps you here?"])
def test_a_short_complaint_to_a_question_of_good_news(question: str) -> None:
    _reads("supervision keeps getting cancelled", {"managers": "neg"}, question)


# A count then and the count now, the count now told before "now" (twenty-third round): "it's 19
# now" after "caseload was 31 back in march" was no change. Written for these tests.
@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("caseload was 30 before christmas, it's 18 now", "pos"),
        ("had 28 families last year, I'm on 16 now", "pos"),
        ("I had 20 cases in May and I have 26 now", "neg"),
        ("we were 6 social workers at Easter, there are 9 of us now", "pos"),
        ("we were 9 social workers at Easter, there are 5 of us now", "neg"),
    ],
)
def test_a_count_now_told_before_now_is_a_change(text: str, news: str) -> None:
    _reads(text, {"workload": news})


def test_a_count_now_told_before_now_needs_what_someone_has() -> None:
    # No verb of having between the counts: not a count then and a count now.
    assert _count_change("i was 12 when i first wanted to do this job , 30 now") is None


# What they would have left without is a reason to stay (twenty-third round): "if not for",
# "were it not for", and "I'd have gone … if X hadn't". Written for these tests.
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("if not for the flexible working i would be gone", "work_life_balance"),
        ("Were it not for my PM I would not still be here", "managers"),
        ("id have left ages ago if my TM hadnt fought for me", "managers"),
        ("I'd have quit last winter if the service hadn't paid for my training", "career"),
        ("I'd be giving up the funded AMHP training if I left now", "career"),
        ("I'd lose my market supplement if I left", "pay"),
    ],
)
def test_what_they_would_have_left_without_is_a_reason_to_stay(text: str, theme: str) -> None:
    assert read(text).scores[theme] > 0
    _reads(text, {theme: "pos"})


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("I would have left sooner if I had known how big the caseloads were", "workload"),
        ("if not for me nobody would cover duty", "workload"),
        ("I would lose my mind if I left it another week with this caseload", "workload"),
    ],
)
def test_what_they_would_have_left_over_is_no_reason_to_stay(text: str, theme: str) -> None:
    assert read(text).scores.get(theme, 0.0) <= 0


# Themes known by a word staff use and the lists lacked (twenty-third round). Written for these
# tests.
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("stuck on the same spine point for three years", "pay"),
        ("they've cut what we get per mile again", "pay"),
        ("nobody from the 5th floor has ever sat on duty", "leadership"),
        ("top floor decided it over our heads", "leadership"),
        ("the person who signs off my assessments has changed four times", "managers"),
        ("spinning wheel every time I open a case file", "it_systems"),
        ("lost an hour of typing when it froze", "it_systems"),
        ("they want us back three days a week in the office", "work_life_balance"),
        ("my two home days are what keep me sane", "work_life_balance"),
        ("the lift has been out of order since August", "environment"),
    ],
)
def test_a_theme_named_in_staffs_own_words(text: str, theme: str) -> None:
    assert theme in themes_in(normalise(text))


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("the day they lift the caseload cap is the day I go", "environment"),
        ("she gave me a lift home after the visit", "environment"),
        ("the day they scrap hybrid is the day I clear my desk", "environment"),
        ("the meeting on the fourth floor was useful", "leadership"),
        ("on office days the team has lunch together", "work_life_balance"),
    ],
)
def test_a_word_in_another_sense_names_no_theme(text: str, theme: str) -> None:
    assert theme not in themes_in(normalise(text))


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("duty weeks are finally survivable", 1),
        ("my caseload is actually doable now", 1),
        ("the caseload is not bearable", -1),
    ],
)
def test_a_load_they_can_carry_is_good_news(text: str, news: int) -> None:
    score = read(text).scores["workload"]
    assert score * news > 0


# The reviewer's attack on the first version of this round's changes (twenty-third round): each
# read right before the round and wrong by the first version; now right again.
@pytest.mark.parametrize(
    ("text", "question", "expected", "absent"),
    [
        # A wish or a denial in the question is no question of good news.
        (
            "pay us properly",
            "What would be the best thing we could do to keep you?",
            {"pay": "neg"},
            None,
        ),
        ("a proper pay rise", "What is the best thing we could change?", {"pay": "neg"}, None),
        ("caseloads", "What should have improved but hasn't?", {"workload": "neg"}, None),
        # Sent back is a loss only when it is back to the office or its days.
        (
            "if they send me back to the assessment team i will go off sick",
            None,
            {"wellbeing": "neg"},
            None,
        ),
        # What they would lose by leaving their recording is not what leaving would cost.
        (
            "we could lose the whole weekend if we leave our recording till friday",
            None,
            {"work_life_balance": "neg"},
            None,
        ),
        ("traffic is so bad round the estate it's like 5 minutes per mile", None, {}, "pay"),
        ("the 3rd floor keeps flooding when it rains", None, {"environment": "neg"}, "leadership"),
        ("the 2nd floor thinks it's a sauna in summer", None, {"environment": "neg"}, "leadership"),
        ("someone from the 2nd floor keeps nicking our chairs", None, {}, "leadership"),
        ("lost an hour of work to a fire drill", None, {}, "it_systems"),
        ("there are times in the office when nobody says hello", None, {}, "work_life_balance"),
        (
            "my first few days in the office were lovely, everyone said hi",
            None,
            {"team_culture": "pos"},
            "work_life_balance",
        ),
        ("my colleague gives me a lift to visits as I don't drive", None, {}, "environment"),
    ],
)
def test_this_rounds_phrases_do_not_fire_where_they_do_not_belong(
    text: str, question: str | None, expected: dict[str, str], absent: str | None
) -> None:
    _reads(text, expected, question)
    if absent is not None:
        assert absent not in analyse(text, question).themes


def test_a_pay_point_nobody_moved_up_is_no_rise() -> None:
    # "nobody" is a phrase of its own; the spine-point phrase reads before it is spent.
    text = "is it just me or has nobody moved up a pay point since the regrade?"
    assert read(text).scores["pay"] < 0
    assert read("went up two spine points after my ASYE, really pleased").scores["pay"] > 0


# What keeps them from staying, told as what they would stay without (twenty-third round, from
# the reviewer): bad news of it, not a reason to stay. Written for these tests.
@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("were it not for the travel I would happily stay", "environment"),
        ("If it weren't for the pay I'd stay forever", "pay"),
        ("if it wasnt for the commute i would love this job", "environment"),
    ],
)
def test_what_they_would_stay_without_is_bad_news(text: str, theme: str) -> None:
    assert read(text).scores[theme] < 0


# What they would have left without, told the other way round or as what would have been
# refused, and its mirror, what they would have stayed without (twenty-fourth round, from the
# third probe; the mirror's sentences written for these tests).
@pytest.mark.parametrize(
    ("text", "theme", "news"),
    [
        ("If the AP post hadn't come up I'd have been applying elsewhere", "career", 1),
        ("if my manager hadn't backed me i would have left", "managers", 1),
        (
            "would have gone in june if my flexible working request had been refused",
            "work_life_balance",
            1,
        ),
        ("if they hadn't cut the team i would have stayed", "team_culture", -1),
        ("I'd have stayed if my caseload hadn't doubled", "workload", -1),
    ],
)
def test_what_they_would_have_left_or_stayed_without(text: str, theme: str, news: int) -> None:
    assert read(text).scores[theme] * news > 0


def test_even_if_is_no_condition_they_would_have_left_over() -> None:
    # The second reviewer's: the rules do not read "even if … hadn't" as what they stayed without.
    text = "I would have stayed even if they hadn't given me the pay rise"
    assert read(text).scores.get("pay", 0.0) >= 0

"""Shapes the ninth and tenth probes' writers used that the analyser misread (thirty-ninth
round), and the review's tries to break the rules made for them.

Every sentence here is written for this file, apart from the data and the probes. Each test's
first kind of sentence was read wrong by the thirty-eighth round's analyser (9c56aac), in the
whole reading or in the rules' own; the sentences marked as guards were read right there and
must still be (the review's: sentences a reviewer wrote to break the first form of each rule).
"""

from __future__ import annotations

import pytest

from analysis.comments import analyse
from analysis.rules import read
from analysis.text import normalise


@pytest.mark.parametrize(
    ("question", "text", "direction"),
    [
        # "My in-charge": the line manager, in the English of staff recruited from abroad.
        ("What keeps you here?", "my in-charge, she always makes time for me", "pos"),
        ("What would make you think about leaving?", "If my in-charge goes I will go too", "pos"),
    ],
)
def test_the_in_charge_is_the_manager(question: str, text: str, direction: str) -> None:
    assert analyse(text, question).themes.get("managers") == direction


@pytest.mark.parametrize(
    "text",
    [
        # Guards: the nurse in charge and being in charge of duty name no line manager.
        "the nurse in charge at the hospital was lovely",
        "I was the worker in charge of duty that day",
    ],
)
def test_in_charge_of_something_is_no_manager(text: str) -> None:
    assert "manager" not in normalise(text.lower())
    assert "managers" not in analyse(text).themes


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # "Blame" alone was a mild word (-1.0); the learned half could outweigh it.
        (None, "bit of a blame culture creeping in since the inspection, people second guessing"),
        ("How would you describe the culture here?", "a blame culture, plain and simple"),
    ],
)
def test_a_blame_culture_is_bad_news_in_full(question: str | None, text: str) -> None:
    assert analyse(text, question).themes["team_culture"] == "neg"
    assert read(text, question).scores["team_culture"] <= -2


def test_no_blame_culture_is_no_complaint_of_one() -> None:
    # Guard: the phrase is not read where it is denied.
    assert (
        read("there's no blame culture here, people own their mistakes").scores["team_culture"] > 0
    )


@pytest.mark.parametrize(
    "text",
    [
        "I'm not finding time to see my kids on their own",
        "struggling to find time for direct work with the family",
    ],
)
def test_no_time_found_for_the_work_is_the_load(text: str) -> None:
    assert analyse(text).themes.get("workload") == "neg"
    assert read(text).scores["workload"] <= -1.5


@pytest.mark.parametrize(
    "text",
    [
        # Waste done away with: "duplicate" alone read the form's bad news.
        "They've scrapped the duplicate risk assessment form",
        "finally got rid of the second sign-off on closures",
    ],
)
def test_waste_done_away_with_is_good_news(text: str) -> None:
    assert analyse(text).themes.get("processes") == "pos"
    assert read(text).scores["processes"] >= 1.5


def test_an_extra_good_thing_scrapped_is_no_waste_gone() -> None:
    # Guard: "extra" names waste only of forms, steps and sign-offs; a study day is a loss.
    assert read("They scrapped the extra study day for NQSWs").scores["career"] <= 0


def test_not_a_single_manager_checking_in_is_the_manager_s_bad_news() -> None:
    text = "Not a single manager checked in after the hearing"
    assert analyse(text).themes.get("managers") == "neg"
    assert read(text).scores["managers"] < 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Getting mileage claims signed off is like pulling teeth", "processes"),
        (
            "I end up coming in because the VPN drops, which defeats the point of hybrid",
            "work_life_balance",
        ),
    ],
)
def test_hard_won_and_self_defeating_are_complaints(text: str, theme: str) -> None:
    assert analyse(text).themes.get(theme) == "neg"
    assert read(text).scores[theme] <= -1.5


def test_what_did_not_push_the_worker_out_is_no_complaint() -> None:
    # Guard: the phrase is not read where it is denied.
    assert read("the job didn't push me out, my dad's illness did").total == 0


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # What the job pays or teaches, named as the loss that would make them leave: valued.
        ("losing the car allowance", "pay"),
        ("Losing my mentor", "career"),
        ("the training budget getting cut", "career"),
        ("Losing the lease car scheme", "pay"),
    ],
)
def test_a_good_thing_s_loss_named_to_a_question_of_leaving(text: str, theme: str) -> None:
    question = "What might make you leave?"
    assert analyse(text, question).themes.get(theme) == "pos"
    assert read(text, question).scores[theme] > 0


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # The review's two breaks left open in the thirty-ninth round, mended in the fortieth: a
        # loss that has already happened, or of a thing that already falls short, is a complaint.
        ("losing the mileage rate, it already doesnt cover the petrol", "pay", "neg"),
        ("the secondment being stopped - i was promised it and it got pulled", "career", "neg"),
        ("losing the mileage rate, it barely covers the petrol as it is", "pay", "neg"),
        ("losing the lease car, it is already a joke", "pay", "neg"),
        # The review's misses of the rule's first form: other ways to tell a cut already made.
        ("losing the supplement, they already scrapped it", "pay", "neg"),
        ("losing the supplement, they cut it last year", "pay", "neg"),
        ("losing the supplement, it has already been cut twice", "pay", "neg"),
        ("losing the AP posts, which was already cut in half", "career", "neg"),
        ("losing the secondment, it was promised then withdrawn", "career", "neg"),
        ("losing the supplement, it was suspended", "pay", "neg"),
        ("losing the mileage rate, 45p doesnt cover petrol now", "pay", "neg"),
        ("losing the mileage rate, it has not covered petrol for years", "pay", "neg"),
        ("losing the supplement, its peanuts already", "pay", "neg"),
        # The rules read these as complaints in the fortieth round, but the learned half's lean
        # to the question ("losing X": X is valued) turned them, or did not find the theme; since
        # the forty-first, the rules decide a loss already suffered.
        ("losing the supplement, they took it off us in april", "pay", "neg"),
        ("losing the retention payment - they took it away in the spring", "pay", "neg"),
        ("losing the market supplement, they quietly stopped it in the new year", "pay", "neg"),
        ("losing the bonus, they scrapped it after one year", "pay", "neg"),
        # Guards: what it covers, or how bad its loss would be, leaves it valued.
        ("losing the mileage rate, it already covers the petrol", "pay", "pos"),
        ("losing my mentor, it would be awful", "career", "pos"),
        ("losing the training budget, it was the one thing that kept me", "career", "pos"),
        ("losing the supplement, it was never cut", "pay", "pos"),
        # The review's guards, each read wrong by the rule's first form: a cut that would
        # happen, one at another employer, one undone, and "barely" said of the worker.
        ("losing the supplement. if that was cut i would be gone", "pay", "pos"),
        ("losing the mileage rate, if it was cut i'd go tomorrow", "pay", "pos"),
        ("losing the training budget - if that was stopped i would leave", "career", "pos"),
        (
            "losing the secondment. they promised it and if it was pulled i would walk",
            "career",
            "pos",
        ),
        ("losing the supplement. it was pulled at my last council and i left", "pay", "pos"),
        ("losing the supplement, they were removed at my last LA and everyone left", "pay", "pos"),
        ("losing the AP posts, which were cut at my last authority and i left", "career", "pos"),
        (
            "losing the car allowance, it was removed in 2019 and reinstated after half of us "
            "handed our notice in",
            "pay",
            "pos",
        ),
        ("losing the mileage allowance. it was cut once and they reversed it", "pay", "pos"),
        ("losing the supplement, without it i could barely cover my rent", "pay", "pos"),
        ("losing the car allowance, without it the job is barely worth it", "pay", "pos"),
        ("losing the supplement, it barely covers the commute but it helps", "pay", "pos"),
    ],
)
def test_a_loss_already_suffered_or_of_too_little_is_a_complaint(
    text: str, theme: str, direction: str
) -> None:
    question = "What might make you leave?"
    assert analyse(text, question).themes.get(theme) == direction
    assert (read(text, question).scores[theme] > 0) == (direction == "pos")


def test_losing_more_workers_is_still_the_load() -> None:
    # Guard: staff lost is the load's bad news, not a thing the job gives.
    assert analyse("losing another two workers", "What might make you leave?").themes == {
        "workload": "neg"
    }


def test_nobody_in_particular_to_miss_is_no_reason_to_stay() -> None:
    text = "Nobody in particular, half the team I have never even met"
    assert analyse(text, "Who would you miss if you left?").themes.get("team_culture") == "neg"


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # The rules read these (-2.0), but the learned half's lean to the question's good news
        # outweighed them: known limits. The first reads right with the forty-eighth round's
        # weights.
        (
            "What will you miss?",
            "The flexibility. I'm only taking the new job for the money",
            "pay",
        ),
        pytest.param(
            "What keeps you here?",
            "The team. Otherwise the caseload would have pushed me out by now",
            "workload",
            marks=pytest.mark.xfail(
                strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
            ),
        ),
    ],
)
def test_a_reason_to_go_beside_a_reason_to_stay(question: str, text: str, theme: str) -> None:
    assert read(text, question).scores[theme] <= -1.5
    assert analyse(text, question).themes.get(theme) == "neg"


# The tenth probe's shapes.


@pytest.mark.parametrize(
    "text",
    [
        # A rough count is a count ("like", "roughly" before a number).
        "my caseload went from like 24 to 15 since the new pod",
        "we went from about 9 vacancies to roughly 3",
    ],
)
def test_a_rough_count_that_fell_is_good_news(text: str) -> None:
    question = "What has got better in the last year?"
    assert analyse(text, question).themes.get("workload") == "pos"
    assert read(text, question).scores["workload"] >= 1.5


def test_time_wished_for_is_the_load() -> None:
    text = "loved the parenting group, just wish I had the time to run it more than twice a year"
    assert analyse(text).themes.get("workload") == "neg"
    assert read(text).scores["workload"] <= -1.5


def test_more_time_asked_for_is_the_load() -> None:
    assert analyse("honestly? more time", "What would make your job better?").themes == {
        "workload": "neg"
    }


def test_loving_late_recording_is_sarcasm() -> None:
    text = "Love writing my assessments at 11pm on a Sunday. Living the life."
    assert analyse(text).themes.get("work_life_balance") == "neg"
    assert read(text).scores["work_life_balance"] < 0


# The review's guards: each read right by 9c56aac, and by the first form of the rules wrong.


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        (None, "there's less blame culture now", "team_culture", "pos"),
        (None, "no more blame culture since the restructure", "team_culture", "pos"),
        (
            None,
            "we have moved away from the blame culture we had under the old HoS",
            "team_culture",
            "pos",
        ),
        (None, "i never felt a blame culture here, unlike my last LA", "team_culture", "pos"),
        (None, "it is not hard to find time for reflective supervision here", "managers", "pos"),
        (
            None,
            "since the caseload cap i am not struggling to find time for direct work anymore",
            "workload",
            "pos",
        ),
        (
            "What might make you leave?",
            "nothing would drive me out of this team",
            "team_culture",
            "pos",
        ),
        (None, "my PM drove us out to the home visit and stayed with me", "managers", "pos"),
        (None, "not a single manager has asked me to cover duty on my day off", "managers", "pos"),
        (None, "they haven't got rid of the double recording yet", "processes", "neg"),
        (
            "What keeps you here?",
            "honestly i took the job for the pay but the team is why i stay",
            "pay",
            "pos",
        ),
        (
            "What might make you leave?",
            "losing the supplement wouldnt make much difference, the pay is poor anyway",
            "pay",
            "neg",
        ),
        (
            "What might make you leave?",
            "losing the market supplement in april was the final straw",
            "pay",
            "neg",
        ),
        (
            "Who would you miss if you left?",
            "Nobody in particular, everyone in the office",
            "team_culture",
            "pos",
        ),
    ],
)
def test_the_rules_do_not_reach_past_their_sense(
    question: str | None, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


def test_the_in_charge_social_worker_is_no_manager() -> None:
    # The review's guard: only the writer's own in-charge is their manager.
    text = "the in-charge social worker on the night shift was overwhelmed"
    assert "managers" not in analyse(text).themes


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        # The review's guards on the rules' own reading: denied, or no longer so.
        ("it's not like pulling teeth anymore to get toil signed off", "work_life_balance"),
        ("which doesnt defeat the purpose of hybrid at all", "work_life_balance"),
    ],
)
def test_what_is_no_longer_hard_won_is_no_complaint(text: str, theme: str) -> None:
    assert read(text).scores[theme] > -1.5


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # A second review's guards, each read right by 9c56aac and wrong by the rules as the
        # first review left them.
        (
            None,
            "love finishing at 4pm every day, perfect for school pick up",
            "work_life_balance",
            "pos",
        ),
        (None, "i've never seen a blame culture like it", "team_culture", "neg"),
        (None, "hardly any less sickness than last year", "wellbeing", "neg"),
        (
            None,
            "never thought i'd say it but i don't wish i had the time anymore, the cap is "
            "brilliant",
            "workload",
            "pos",
        ),
        (None, "my caseload went from 28 to just 26, big whoop", "workload", "neg"),
        ("What might make you leave?", "Losing the bonus. The pay is awful.", "pay", "neg"),
        (
            "What might make you leave?",
            "Losing my mentor. Training here is a joke anyway.",
            "career",
            "neg",
        ),
        (
            None,
            "not one manager has ever rang me when i'm on leave, they respect it",
            "managers",
            "pos",
        ),
        (None, "it's not that hard to find time for supervision here", "managers", "pos"),
        (None, "my TM drove me out there and waited outside the whole visit", "managers", "pos"),
        (None, "no one is going to push me out of this team, i love it", "team_culture", "pos"),
        (None, "if they got rid of the duplicate forms i might stay", "processes", "neg"),
        (
            "Who would you miss if you left?",
            "nobody much, we're all close so it'd be everyone",
            "team_culture",
            "pos",
        ),
        (None, "i'd never consider leaving for the money, it's the caseloads", "pay", "pos"),
    ],
)
def test_the_second_review_s_guards(
    question: str | None, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("question", "text", "theme"),
    [
        # Theme the second review's sentences do not speak of: "his" for "he's", time denied.
        (None, "nothing will change while his in charge", "managers"),
        ("What would make your job better?", "better pay, not more time", "workload"),
    ],
)
def test_the_second_review_s_unspoken_themes(question: str | None, text: str, theme: str) -> None:
    assert theme not in analyse(text, question).themes


# The eleventh probe's shapes (forty-first round).


@pytest.mark.parametrize(
    ("question", "text", "direction"),
    [
        ("How manageable is your workload at the moment?", "its not. next question", "neg"),
        ("How manageable is your workload at the moment?", "it's not really", "neg"),
        ("How manageable is your workload at the moment?", "not very", "neg"),
        ("How manageable is your workload at the moment?", "very", "pos"),
        ("How sustainable is your caseload?", "it isnt", "neg"),
    ],
)
def test_how_manageable_is_a_degree_question(question: str, text: str, direction: str) -> None:
    assert analyse(text, question).themes == {"workload": direction}


@pytest.mark.parametrize(
    "text",
    [
        # Guards: an opening that says more than the degree is a statement of its own.
        "it is not her fault, she has two teams",
        "its not that she doesnt care",
    ],
)
def test_it_is_not_followed_by_more_is_no_degree(text: str) -> None:
    assert read(text, "How supported do you feel by your manager?").answered == ()


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # The review's breaks of the first form: "it's not" running on into who it is not, the
        # past, another subject, and a quantity that tells the load.
        (
            "How supported do you feel by your manager?",
            "It's not my manager, she is great, it's the people above her",
        ),
        (
            "How supported do you feel by your manager?",
            "It's not my manager it's senior leadership",
        ),
        (
            "How supported do you feel by your manager?",
            "It wasn't. New TM since May and she's brilliant.",
        ),
        (
            "How valued do you feel by your team?",
            "they are not my team anymore, i moved to MASH and feel very valued",
        ),
        ("How manageable is your workload?", "Loads. 30 kids on my caseload and duty on top"),
        ("How manageable is your workload?", "plenty"),
    ],
)
def test_no_degree_where_the_opening_says_more(question: str, text: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        # A loss that nearly happened, was threatened, would have been, happened elsewhere or was
        # undone leaves what it would take valued (the review's guards).
        ("losing the supplement, it was almost scrapped in april", "pos"),
        ("losing the supplement, they were threatening to cut it", "pos"),
        ("losing the supplement, had it been cut I would have left", "pos"),
        ("losing the supplement, it was cut at other LAs", "pos"),
        ("losing the supplement, it was cut at my mates council", "pos"),
        ("losing the supplement, it was paused during covid and came back", "pos"),
        # ... and more ways to tell that it already happened (the review's misses).
        ("losing the supplement, they got rid of it in april", "neg"),
        ("losing the supplement, they stopped paying it in april", "neg"),
        ("losing the supplement, it was taken from us in april", "neg"),
        ("losing the supplement, we lost it last year", "neg"),
        ("losing the supplement, which has already happened", "neg"),
    ],
)
def test_a_loss_suffered_is_told_from_one_threatened_or_undone(text: str, direction: str) -> None:
    question = "What might make you leave?"
    assert analyse(text, question).themes.get("pay") == direction
    assert (read(text, question).scores["pay"] > 0) == (direction == "pos")


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # Thanks for a small gain is good news; small mercies denied are not (the review's).
        ("Laptops upgraded. Boots in under 2 mins. Small mercies.", "it_systems", "pos"),
        ("We don't even get small mercies like a working printer", "it_systems", "neg"),
        ("The pay freeze has finally ended and we got 4%", "pay", "pos"),
        # Turned by the forty-seventh round's weights, read right again by the forty-eighth's.
        ("I actually miss the old Mosaic. Never thought I'd type that.", "it_systems", "neg"),
    ],
)
def test_words_of_thanks_for_a_small_gain(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


# The question's own word said back (forty-second round): to "How manageable is your
# workload?", "Very manageable" read as bad news and "Completely unmanageable" as nothing.


@pytest.mark.parametrize(
    ("question", "text", "direction"),
    [
        ("How manageable is your workload at the moment?", "Very manageable", "pos"),
        ("How manageable is your workload at the moment?", "manageable", "pos"),
        ("How manageable is your workload at the moment?", "quite manageable tbh", "pos"),
        ("How manageable is your workload at the moment?", "its manageable now", "pos"),
        ("How manageable is your workload at the moment?", "fairly manageable this month", "pos"),
        ("How manageable is your workload at the moment?", "Completely unmanageable", "neg"),
        ("How manageable is your workload at the moment?", "unmanageable.", "neg"),
        ("How manageable is your workload at the moment?", "not manageable at all", "neg"),
        ("How manageable is your workload at the moment?", "It's not manageable", "neg"),
        ("How manageable is your workload at the moment?", "barely manageable", "neg"),
        ("How sustainable is your caseload?", "completely unsustainable", "neg"),
        ("How sustainable is your caseload?", "very sustainable, 14 kids", "pos"),
        ("How supported do you feel by your manager?", "completely unsupported", "neg"),
        ("How supported do you feel by your manager?", "fully supported", "pos"),
    ],
)
def test_the_question_s_own_word_is_a_degree(question: str, text: str, direction: str) -> None:
    theme = "managers" if "manager" in question else "workload"
    assert analyse(text, question).themes == {theme: direction}


@pytest.mark.parametrize(
    ("question", "text", "answered"),
    [
        ("How valued do you feel by your team?", "I don't feel valued", ("team_culture", -2.0)),
        ("How valued do you feel by your team?", "undervalued", ("team_culture", -2.0)),
        ("How valued do you feel by your team?", "feeling very valued", ("team_culture", 2.0)),
        ("How included do you feel in your team?", "excluded, mostly", ("team_culture", -2.0)),
        ("How happy are you in your team?", "unhappy", ("team_culture", -2.0)),
        ("How happy are you in your team?", "happy", ("team_culture", 2.0)),
        # test_error_kinds took this for a degree of something else before the round: it is
        # the question's own word, denied, and the rest says why.
        (
            "How satisfied are you with your pay?",
            "Extremely dissatisfied, agency get £15 more an hour",
            ("pay", -2.0),
        ),
    ],
)
def test_the_own_word_degree_is_the_answer(
    question: str, text: str, answered: tuple[str, float]
) -> None:
    assert read(text, question).answered == (answered,)


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # Guards: the word said with more than a degree, asked back, or not the word asked.
        ("How manageable is your workload?", "manageable but only just"),
        ("How manageable is your workload?", "more manageable than it was in the summer"),
        ("How manageable is your workload?", "just about manageable"),
        ("How manageable is your workload?", "Manageable? I have 31 children"),
        ("How manageable is your workload?", "sort of manageable"),
        ("How supported do you feel by your manager?", "Valued."),
        ("How supported do you feel by your manager?", "Supported in principle, not in practice"),
        ("How supported do you feel by your manager?", "unsupported by the service, not by her"),
    ],
)
def test_no_own_word_degree_where_the_opening_says_more(question: str, text: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # A bad habit that ended, said so in a clause of its own (the forty-first round's
        # review): the ending is no complaint. A good habit that ended is still a loss.
        ("Mosaic used to crash every afternoon, now it doesnt", "it_systems", "pos"),
        ("Mosaic used to crash all the time. Not anymore.", "it_systems", "pos"),
        ("my TM used to cancel supervision every month, now she doesnt", "managers", "pos"),
        ("my TM used to cancel supervision monthly but thankfully not anymore", "managers", "pos"),
        ("I used to have a good manager. not anymore", "managers", "neg"),
        ("my manager used to be supportive, now she isnt", "managers", "neg"),
        # The plain form of a fault, and a practice that started again.
        ("mosaic will crash if you attach a photo", "it_systems", "neg"),
        ("Peer supervision for SPs has restarted.", "team_culture", "pos"),
        ("the flexi scheme has been reinstated for the court unit", "work_life_balance", "pos"),
    ],
)
def test_a_habit_that_ended_and_a_practice_restarted(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


@pytest.mark.parametrize(
    "text",
    [
        # Guards: a crash course teaches; a laptop that restarts mid-visit is a fault.
        "front door is like a crash course in everything",
        "laptop restarted for an update mid conference",
    ],
)
def test_no_fault_in_a_crash_course_nor_good_news_in_a_restart(text: str) -> None:
    reading = read(text)
    assert reading.scores.get("career", 0.0) >= 0
    assert reading.scores.get("it_systems", 0.0) <= 0


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # Leaders or a manager never seen, said to a question about them (the twelfth probe;
        # the seventh's line 37 is read right by the same rule).
        ("How do you feel about senior leadership?", "who?"),
        ("How do you feel about senior leadership?", "who are they lol"),
        ("How do you feel about senior leadership?", "never met them"),
        ("How would you describe the senior leadership team?", "Met one of them once, in 2022."),
        (
            "How do you feel about the senior leadership team?",
            "wouldn't recognise them if they walked into the office",
        ),
        ("How approachable is your manager?", "no idea who she is, it's been 3 TMs this year"),
    ],
)
def test_people_never_seen_are_bad_news(question: str, text: str) -> None:
    theme = "managers" if "manager" in question else "leadership"
    assert analyse(text, question).themes.get(theme) == "neg"


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # Guards: praise beside it, or a question about no one.
        ("How do you feel about senior leadership?", "never met them but the new DCS seems great"),
        ("Who would you miss if you left?", "who?"),
    ],
)
def test_never_seen_decides_nothing_beside_praise_or_of_no_one(question: str, text: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # "About time." after news is good news that came late (13 of 13 in the pool).
        ("Mileage finally went up. About time.", "pay", "pos"),
        ("regrade to senior came through. about time", "pay", "pos"),
        # Not a demand for what has not come.
        ("about time they paid us properly", "pay", "neg"),
    ],
)
def test_about_time_after_news(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


# The forty-second round's review: each read right before the round and wrong by the round's
# first form of its rules.


@pytest.mark.parametrize(
    ("question", "text"),
    [
        # The question's own word, taken back or made to hang on something after it.
        ("How manageable is your workload?", "Manageable, barely"),
        ("How manageable is your workload?", "Manageable, if I work every evening"),
        ("How manageable is your workload?", "Manageable, in theory"),
        ("How manageable is your workload?", "Manageable. Not."),
        ("How manageable is your workload?", "Manageable my arse"),
        ("How manageable is your workload?", "manageable i wish"),
        ("How valued do you feel?", "Valued no"),
        ("How listened to do you feel by senior leaders?", "Listened to, nothing changes"),
        ("How satisfied are you with your pay?", "satisfied, until I see what agency get"),
    ],
)
def test_the_own_word_taken_back_is_no_degree(question: str, text: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # A habit that goes on in another form is no good news.
        (
            None,
            "Mosaic used to crash every afternoon, now it does it every morning",
            "it_systems",
            "neg",
        ),
        (None, "Mosaic used to crash once a week, now it is every day", "it_systems", "neg"),
        # A practice not restarted, asked after, or given back in part.
        (None, "Group supervision hasn't restarted since covid", "managers", "neg"),
        (None, "The flexi scheme never restarted", "work_life_balance", "neg"),
        (None, "The flexi scheme has not been reinstated", "work_life_balance", "neg"),
        (None, "When is group supervision being reinstated?", "managers", "neg"),
        (
            None,
            "In the middle of the session my laptop restarted and I lost my notes",
            "it_systems",
            "neg",
        ),
        (None, "The market supplement was reinstated at half the rate", "pay", "neg"),
        # "About time" after a complaint does not outweigh it in the rules (1.0 against the
        # complaint's 1.5); the learned half turned it until the forty-seventh round's weights.
        (None, "Finally acknowledged caseloads are too high. About time.", "workload", "neg"),
        # Never seen, but praised, elsewhere, or newly started.
        (
            "How do you feel about your manager?",
            "Never met her in person but she rings me every day, brilliant",
            "managers",
            "pos",
        ),
    ],
)
def test_the_review_s_breaks_read_right(
    question: str | None, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("question", "text"),
    [
        (
            "How do you feel about senior leadership?",
            "At my last LA I never met them, here they come to team meetings",
        ),
        (
            "How do you feel about senior leadership?",
            "Haven't met them yet, I only started last month",
        ),
        ("How do you feel about senior leadership?", "I met her once and she was lovely"),
        (
            "How do you feel about your manager?",
            "The families on my caseload? I haven't seen them in weeks because of court",
        ),
    ],
)
def test_never_seen_of_someone_else_or_not_yet_decides_nothing(question: str, text: str) -> None:
    assert read(text, question).answered == ()


@pytest.mark.parametrize(
    "text", ["The team won't let anyone crash", "I'd crash and burn without my team"]
)
def test_a_person_crashing_is_no_fault(text: str) -> None:
    assert read(text).scores.get("team_culture", 0.0) >= 0

"""Praise of one thing beside a complaint about another, plain statements that deny, and words
the rules did not know (forty-fifth round).

Every sentence here is written for this file, apart from the data and the probes. The
forty-fourth round's analyser (d5bf165) read 4,309 of the 13,920 themes of the statements
`test_each_part_of_a_statement_of_parts_says_what_its_words_say` makes the wrong way ("my
manager is great, the team is awful": both praise), and 56 of the 144 of
`test_a_plain_statement_that_denies_says_what_its_words_say` ("the team is not great": praise),
the learned half reading each theme by all the comment's words and by the theme's usual news;
the guards were read right there and must still be.
"""

from __future__ import annotations

import itertools

import pytest

from analysis.comments import analyse
from analysis.learned import _own_parts
from analysis.rules import read
from analysis.text import normalise
from tests.analysis.probe_cases import TURNED_BY_THE_WEIGHTS

_SUBJECTS = {
    "managers": ["my manager is", "my TM is", "supervision is"],
    "team_culture": ["the team is", "my colleagues are"],
    "leadership": ["senior leaders are", "the director is"],
    "pay": ["the pay is", "my salary is"],
    "it_systems": ["Mosaic is", "my laptop is"],
    "environment": ["the office is", "the building is"],
    "career": ["the training is"],
    "workload": ["my caseload is"],
    "processes": ["the paperwork is"],
    "work_life_balance": ["hybrid working is"],
    "wellbeing": ["the EAP is"],
}
_VERDICTS = [("great", "awful"), ("brilliant", "terrible"), ("lovely", "useless")]
_JOINS = [", ", ". ", " but ", "; ", " and "]


def _turned(text: str, expected: dict[str, str]) -> list[tuple[str, str, str]]:
    """The themes of `expected` that `text` is read the other way on. A theme the learned half
    does not find is a miss of another kind (about one in fifty of the statements of parts:
    "hybrid working is awful" beside good pay; "Nothing good to say about the office": no theme
    found), so only one found is judged."""
    found = analyse(text).themes
    return [
        (text, theme, found[theme])
        for theme, direction in expected.items()
        if found.get(theme, direction) != direction
    ]


@pytest.mark.parametrize("good", sorted(_SUBJECTS))
def test_each_part_of_a_statement_of_parts_says_what_its_words_say(good: str) -> None:
    wrong = []
    for bad in sorted(set(_SUBJECTS) - {good}):
        for praised, blamed, (fine, poor), join in itertools.product(
            _SUBJECTS[good], _SUBJECTS[bad], _VERDICTS, _JOINS
        ):
            for text in (
                f"{praised} {fine}{join}{blamed} {poor}",
                f"{blamed} {poor}{join}{praised} {fine}",
            ):
                wrong += _turned(text, {good: "pos", bad: "neg"})
    assert wrong == []


# The same as fragments and as feelings ("great team, awful manager", "love the team, hate the
# paperwork"): the forty-fourth round read 379 and 330 of the 920 themes of each form wrong.
_NOUNS = {
    "managers": ["manager", "supervision"],
    "team_culture": ["team", "colleagues"],
    "leadership": ["senior leaders"],
    "pay": ["pay", "salary"],
    "it_systems": ["Mosaic", "laptop"],
    "environment": ["office", "building"],
    "career": ["training"],
    "workload": ["caseload"],
    "processes": ["paperwork"],
    "work_life_balance": ["hybrid working"],
    "wellbeing": ["wellbeing support"],
}
_FORMS = [
    "great {good}, awful {bad}",
    "Awful {bad}. Great {good}.",
    "I love the {good} but I hate the {bad}",
    "love the {good}, hate the {bad}",
    "great {good} and awful {bad}",
    "I love the {good} and hate the {bad}",
    # A part's own verdict made with a word that would hedge another (forty-sixth round: 115,
    # 125, 165 and 154 of the 460 themes of each read the wrong way).
    "the {good} is good, the {bad} not so much",
    "Really happy with the {good}. Not happy with the {bad}.",
    "Shame about the {bad}, the {good} is great",
    "the {good} is great, the {bad} could be better",
    # Forty-seventh round: "&" for "and" (227 of 460 wrong), a bare "not" after praise (153)
    # and "shame the … is" (159).
    "the {good} is great & the {bad} is awful",
    "{good} great. {bad} not.",
    "the {good} is lovely, shame the {bad} is so bad",
    # Forty-eighth round: a lukewarm "fine" (152 of 460 wrong), what needs work (164), a label
    # and its verdict cut by a dash (188), a list's own labels (197) and what makes up for the
    # other part's complaint (174).
    "{good} fine. {bad} not.",
    "the {good} is great but the {bad} needs work",
    "{good} - great. {bad} - awful.",
    "pros: {good}. cons: {bad}.",
    "the {bad} is poor but the {good} makes up for it",
    # Forty-ninth round: a label asked and answered (156 of 460 "Love the … The …? Not so
    # much." wrong, each theme the other's way; 36 of "The …? Awful. The …? Brilliant.", 154 of
    # "… Love it. … Hate it.", 126 of "…? Not great. …? Excellent.").
    "Love the {good}. The {bad}? Not so much.",
    "The {bad}? Awful. The {good}? Brilliant.",
    "The {good}? Love it. The {bad}? Hate it.",
    "{bad}? Not great. {good}? Excellent.",
    "The {good} - excellent. The {bad} - not great.",
    # "+" for "and" (221 of 460 wrong), as "&" in the forty-seventh round.
    "great {good} + awful {bad}",
]


@pytest.mark.parametrize("form", _FORMS)
def test_each_part_of_a_fragment_or_a_feeling_says_what_its_words_say(form: str) -> None:
    wrong = []
    for good, bad in itertools.permutations(_NOUNS, 2):
        for praised, blamed in itertools.product(_NOUNS[good], _NOUNS[bad]):
            wrong += _turned(form.format(good=praised, bad=blamed), {good: "pos", bad: "neg"})
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # Fragments, as a busy worker writes them.
        ("wonderful team, awful manager", {"team_culture": "pos", "managers": "neg"}),
        ("Awful manager. Lovely team.", {"managers": "neg", "team_culture": "pos"}),
        ("supportive team, useless manager", {"team_culture": "pos", "managers": "neg"}),
        ("Brilliant colleagues; terrible senior leaders.",
         {"team_culture": "pos", "leadership": "neg"}),
        # Whole sentences.
        ("My manager is rubbish. The team is great.", {"managers": "neg", "team_culture": "pos"}),
        ("The team is toxic but my manager is great", {"team_culture": "neg", "managers": "pos"}),
        ("The training is excellent. The caseloads are horrendous.",
         {"career": "pos", "workload": "neg"}),
    ],
)  # fmt: skip
def test_a_good_part_and_a_bad_part_read_each_its_own_way(
    text: str, themes: dict[str, str]
) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "question", "theme", "direction"),
    [
        # A part with no theme of its own turns the one before it: not a statement of parts.
        ("The wellbeing hour is a lovely idea but nobody can ever take it", None,
         "wellbeing", "neg"),
        # A hedge, a wish or a joke: left to the weights, as before.
        ("Training is great in theory but I never get released for it", None, "career", "neg"),
        ("The team would be great, if we had a manager", None, "team_culture", "neg"),
        ("team's great, manager not so much", None, "managers", "neg"),
        # An answer is read with its question, not as a statement.
        ("Great team. Awful manager.", "What might make you leave?", "managers", "neg"),
        ("Great team. Awful manager.", "What keeps you here?", "team_culture", "pos"),
    ],
)  # fmt: skip
def test_what_is_not_a_statement_of_parts_is_read_as_before(
    text: str, question: str | None, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


_DENIALS = [
    ("{subject} not great", "neg"),
    ("{subject} not good enough", "neg"),
    ("{subject} not supportive", "neg"),
    ("{subject} far from ideal", "neg"),
    ("{subject} not too bad", "pos"),
]
_SET_VERDICTS = [
    ("No complaints about {thing}", "pos"),
    ("No problems with {thing}", "pos"),
    ("Nothing good to say about {thing}", "neg"),
]


@pytest.mark.parametrize("theme", sorted(_SUBJECTS))
def test_a_plain_statement_that_denies_says_what_its_words_say(theme: str) -> None:
    texts = [
        (form.format(subject=subject), direction)
        for subject in _SUBJECTS[theme]
        for form, direction in _DENIALS
    ]
    texts += [
        (form.format(thing=subject.rsplit(" ", 1)[0]), direction)
        for subject in _SUBJECTS[theme]
        for form, direction in _SET_VERDICTS
    ]
    assert [miss for text, direction in texts for miss in _turned(text, {theme: direction})] == []


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # A denial that is not the statement's own verb is a hedge still: the weights read it.
        ("The director doesn't know my name.", "leadership", "neg"),
        # A bad thing denied is good news.
        ("my TM is not the problem", "managers", "pos"),
        ("the team is not the issue", "team_culture", "pos"),
    ],
)
def test_a_denial_reads_its_way(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # Words the rules did not know: each of these the forty-fourth round read the other way,
        # by the theme's usual news.
        ("Mosaic is a godsend", "it_systems", "pos"),
        ("the EAP was a godsend", "wellbeing", "pos"),
        ("the office is marvellous", "environment", "pos"),
        ("my colleagues are gossipy", "team_culture", "neg"),
        ("the team is bitchy", "team_culture", "neg"),
        ("the team is a disaster", "team_culture", "neg"),
        ("my TM is erratic", "managers", "neg"),
        ("My manager was a disaster", "managers", "neg"),
        # Guards, read right before: the new words agree with the theme's usual news.
        ("my manager is a treasure", "managers", "pos"),
        ("the training was lacklustre", "career", "neg"),
        ("supervision is inadequate", "managers", "neg"),
    ],
)
def test_a_word_the_rules_did_not_know_reads_its_way(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # The round's review: each read right by the forty-fourth round and wrong by the round's
        # first forms. A set verdict only where it opens the statement.
        ("Leadership have no problem cutting our mileage", "pay", "neg"),
        ("HR have no problem docking our pay", "pay", "neg"),
        ("The director has no problem ignoring us", "leadership", "neg"),
        # A thing denied, a place, the speaker: not a verdict denied.
        ("The problem is not my manager", "managers", "pos"),
        ("The toxic culture is not my team", "team_culture", "pos"),
        ("The office is not somewhere I feel safe", "environment", "neg"),
        ("I am not paid for overtime", "pay", "neg"),
        # What needs to improve is not always the manager; "far from it" takes back a fear.
        ("My manager is honest about what needs to improve", "managers", "pos"),
        ("I thought I'd hate hybrid working, far from it", "work_life_balance", "pos"),
        # Parts that point back, that two themes share, or that set then against now.
        ("The wellbeing offer is great, shame the caseloads make it impossible", "wellbeing",
         "neg"),
        ("wellbeing hour is nice in theory but who takes it w 18 kids", "wellbeing", "neg"),
        ("Previous manager was awful. Current team is great.", "managers", "pos"),
    ],
)  # fmt: skip
def test_what_the_review_found_reads_as_before(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


def test_a_part_two_themes_share_is_not_one_theme_s_own() -> None:
    # "Team is short staffed" is the workload's as much as the team's (the rules name both): not
    # a complaint of the team the part decides.
    assert analyse("Pay is good. Team is short staffed.").themes.get("team_culture") != "neg"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # Verdicts opposed across "and", each part a theme's own: cut (forty-sixth round).
        ("my manager is great and my pay is awful", ["my manager is great", "my pay is awful"]),
        ("I have a great manager and a terrible caseload",
         ["i have a great manager", "a terrible caseload"]),
        ("my manager is not supportive and the team is great",
         ["my manager is not supportive", "the team is great"]),
        # A piece that says no verdict of its own joins the part before it.
        ("good team and manager and awful pay", ["good team and manager", "awful pay"]),
        ("my team are great and supportive and the pay is awful",
         ["my team are great and supportive", "the pay is awful"]),
        ("my manager is great and my pay is awful and the team is lovely",
         ["my manager is great", "my pay is awful", "the team is lovely"]),
        # A thing called fine is a clear verdict, and so is what makes up for another's
        # complaint (forty-eighth round).
        ("the pay is fine and the hours are awful", ["the pay is fine", "the hours are awful"]),
        ("the pay is poor and the team makes up for it",
         ["the pay is poor", "the team makes up for it"]),
        # Kept whole: verdicts the same way, a part with no theme, a theme in two parts, a
        # verdict not clear ("so-so", "fine" of no thing), nothing said of the second part.
        ("caseloads are too high and I work most evenings",
         ["caseload are too high and i work most evenings"]),
        ("my caseload is awful and I love it", ["my caseload is awful and i love it"]),
        ("lovely team and the team is a nightmare", ["lovely team and the team is a nightmare"]),
        ("the pay is so-so and the hours are awful", ["the pay is so-so and the hours are awful"]),
        ("it is fine and the hours are awful", ["it is fine and the hours are awful"]),
        ("the pay is poor and the team is there", ["the pay is poor and the team is there"]),
    ],
)  # fmt: skip
def test_opposed_verdicts_joined_by_and_are_read_apart(text: str, parts: list[str]) -> None:
    assert [clause for clause, _score in read(text).clauses] == parts


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("my manager is not supportive and the team is great",
         {"managers": "neg", "team_culture": "pos"}),
        ("the pay is good and the stress is unbearable", {"pay": "pos", "wellbeing": "neg"}),
        ("my caseload was terrible and my manager helped me sort it out",
         {"workload": "neg", "managers": "pos"}),
        ("Supervision is good and regular and the pay is rubbish",
         {"managers": "pos", "pay": "neg"}),
    ],
)  # fmt: skip
def test_each_verdict_joined_by_and_reads_its_own_way(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


# One theme turned by a bare verdict after "but" (forty-sixth round): the forty-fifth round read
# 68 of these 288 as praise, all of the manager, the team or hybrid working, by their usual news.
_TURNS = [("friendly", "useless"), ("nice", "disorganised"), ("lovely", "hopeless"),
          ("great", "unreliable")]  # fmt: skip
_TURN_FORMS = ["{s} {a} but {b}", "{s} {a}, but {b}", "{s} {a} but {b}.", "{s} {a}. But {b}."]


@pytest.mark.parametrize("theme", sorted(_SUBJECTS))
def test_a_statement_turned_by_a_bare_verdict_reads_as_its_turn(theme: str) -> None:
    wrong = []
    for subject, (fine, poor), form in itertools.product(_SUBJECTS[theme], _TURNS, _TURN_FORMS):
        wrong += _turned(form.format(s=subject, a=fine, b=poor), {theme: "neg"})
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        ("my manager is strict but fair", "managers", "pos"),
        ("the office is nice but cold", "environment", "neg"),
        # Not a bare verdict, or hedged: the weights read these, as before.
        # No word that condemns, so the weights read it; the forty-seventh round's turn it.
        pytest.param(
            "my manager is lovely but never there",
            "managers",
            "neg",
            marks=TURNED_BY_THE_WEIGHTS,
        ),
        ("the pay is good but not enough", "pay", "neg"),
        ("A good team, but a very heavy week.", "team_culture", "pos"),
    ],
)
def test_a_turn_reads_its_way(text: str, theme: str, direction: str) -> None:
    assert analyse(text).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        ("Not impressed with Mosaic. Love my team.", {"it_systems": "neg", "team_culture": "pos"}),
        ("No problems with the pay, the office is awful", {"pay": "pos", "environment": "neg"}),
        ("The office is not too bad, the pay is awful", {"environment": "pos", "pay": "neg"}),
        # Not a verdict the part makes its own: as before.
        ("The team is great, not so much the manager", {"team_culture": "pos", "managers": "neg"}),
        ("my manager is not the problem, the caseload is awful",
         {"managers": "pos", "workload": "neg"}),
    ],
)  # fmt: skip
def test_a_part_s_own_verdict_reads_its_way(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # The forty-sixth round's review, each read wrong by its first form. "shame about" beside
        # praise of another theme; a loss regretted; a few words before it.
        ("Good pay, shame about the manager", {"pay": "pos", "managers": "neg"}),
        ("Great IT. Shame about the manager.", {"it_systems": "pos", "managers": "neg"}),
        ("Shame about the team lead leaving, she was brilliant", {"managers": "pos"}),
        ("Great manager. A real shame about the rest of it", {"managers": "pos"}),
        ("Lovely team, though shame about everything else", {"team_culture": "pos"}),
        # A turn that is the subject's plight, or faint praise after a complaint.
        ("My manager is great but undervalued", {"managers": "pos"}),
        ("The team is great but short", {"team_culture": "pos"}),
        ("The team is lovely but struggling", {"team_culture": "pos"}),
        ("The pay is poor but reliable", {"pay": "neg"}),
        ("The pay is rubbish but regular", {"pay": "neg"}),
        ("The office is cramped but friendly", {"environment": "neg"}),
        # Two themes the subject names together, beside a third the other way.
        ("The pay and the hours are great and my manager is awful",
         {"pay": "pos", "work_life_balance": "pos", "managers": "neg"}),
        ("My manager and my team are great and the pay is poor",
         {"managers": "pos", "team_culture": "pos", "pay": "neg"}),
    ],
)  # fmt: skip
def test_what_the_review_of_the_forty_sixth_round_found(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # A first piece with no verdict joins the next, whichever way it goes.
        ("My manager and my team are great and the pay is poor",
         ["my manager and my team are great", "the pay is poor"]),
        # A need or a wish is not a verdict: kept whole.
        ("Need a good manager and the pay is awful", ["need a good manager and the pay is awful"]),
    ],
)  # fmt: skip
def test_the_and_cut_after_the_review(text: str, parts: list[str]) -> None:
    assert [clause for clause, _score in read(text).clauses] == parts


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # The forty-sixth round's second review, each read wrong by the round's code before it.
        # "not so much" after a complaint takes the complaint back.
        ("The workload is crazy, the team not so much", {"workload": "neg", "team_culture": "pos"}),
        ("Pay is bad. Team not so much.", {"pay": "neg", "team_culture": "pos"}),
        # "shame about" not opening the statement, with a reason that praises, or a loss.
        ("Lovely team shame about senior management and the pay", {"team_culture": "pos"}),
        ("Such a shame about the pay because the team is fab", {"team_culture": "pos"}),
        ("shame about the office cos the team are great", {"team_culture": "pos"}),
        ("My team couldn't be better, shame about the pay", {"team_culture": "pos", "pay": "neg"}),
        ("Great team. Shame about our manager being seconded.", {"managers": "pos"}),
        ("Good team. Shame about the manager being off", {"managers": "pos"}),
        # Praise of how a bad thing is dealt with; a weak verdict after a clear one.
        ("My manager tackles bad behaviour head on and the team is great",
         {"managers": "pos", "team_culture": "pos"}),
        ("the team deals with horrible situations brilliantly and the manager is supportive",
         {"team_culture": "pos", "managers": "pos"}),
        ("Love my team and the pay is terrible and the hours are fine",
         {"team_culture": "pos", "pay": "neg", "work_life_balance": "pos"}),
        # Somewhere else's praise.
        ("Other councils offer great pay and our caseloads are ridiculous",
         {"pay": "neg", "workload": "neg"}),
    ],
)  # fmt: skip
def test_what_the_second_review_of_the_forty_sixth_round_found(
    text: str, themes: dict[str, str]
) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # "&" is "and" only between words: "L&D" and "A&E" keep their sense.
        ("L&D is brilliant here", {"career": "pos"}),
        ("great team & manager", {"team_culture": "pos", "managers": "pos"}),
        # A bare "not" after praise: the part's own complaint, if the part names a theme.
        ("The team is great. The manager is not.", {"team_culture": "pos", "managers": "neg"}),
        ("Manager great. I am not.", {"managers": "pos"}),
        # "shame the … is" opening a part: that part's complaint, not a hedge on the other.
        ("Lovely team, shame the pay is rubbish", {"team_culture": "pos", "pay": "neg"}),
    ],
)  # fmt: skip
def test_what_the_forty_seventh_round_reads(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "decided"),
    [
        # Each part's own verdict decides its theme, against the theme's usual news.
        ("Manager great. Team not.", {"managers", "team_culture"}),
        ("The team is great & the manager is awful.", {"managers", "team_culture"}),
        ("The team is great &  the manager is awful.", {"managers", "team_culture"}),
        ("the manager is lovely, shame the team is so bad", {"managers", "team_culture"}),
        # Not a part's own verdict (the round's review): a time set against now, a hedge, "or
        # not", a loss regretted, a plight; left to the weights, as before.
        ("The team is great. Old manager was not.", set()),
        ("The team is great. The old manager not.", set()),
        ("The manager is great, the team sometimes not.", set()),
        ("The pay is good, overtime or not.", set()),
        ("Lovely team, shame my manager is going.", set()),
        ("The manager is great, shame the team is so short.", set()),
    ],
)
def test_what_the_parts_of_the_forty_seventh_round_decide(text: str, decided: set[str]) -> None:
    assert _own_parts(read(text)) == decided


# Forty-eighth round: a mark out of ten given to what it names (204 of 460 "manager 10/10, team
# 0/10" read the wrong way). Not a mark of the load: "caseload 10/10" may be full or fine.
_MARKED = {theme: nouns for theme, nouns in _NOUNS.items() if theme != "workload"}


@pytest.mark.parametrize("form", ["{good} 10/10, {bad} 0/10", "{good} 9/10. {bad} 2 out of 10."])
def test_a_mark_out_of_ten_is_news_of_what_it_names(form: str) -> None:
    wrong = []
    for good, bad in itertools.permutations(_MARKED, 2):
        for praised, blamed in itertools.product(_MARKED[good], _MARKED[bad]):
            wrong += _turned(form.format(good=praised, bad=blamed), {good: "pos", bad: "neg"})
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # Read the wrong way by the forty-seventh round's analyser ("the team needs improvement",
        # "Nothing wrong with…", "RM sat with me…", "IT support resolved…"), or right by its
        # weights alone and now by the rules too.
        ("the team needs improvement", {"team_culture": "neg"}),
        ("Lone working needs looking at.", {"wellbeing": "neg"}),
        ("10/10 for the people, 2/10 for the building",
         {"team_culture": "pos", "environment": "neg"}),
        ("Nothing wrong with my manager. Plenty wrong with the market supplement being withdrawn.",
         {"managers": "pos", "pay": "neg"}),
        ("Pay's fine. Hours not.", {"pay": "pos", "work_life_balance": "neg"}),
        ("Supervision - excellent. Pay - poor.", {"managers": "pos", "pay": "neg"}),
        # A children's home's managers: the registered manager and the deputy.
        ("Mosaic froze mid incident report again. RM sat with me and we redid it, she's a star",
         {"it_systems": "neg", "managers": "pos"}),
        ("TOIL gets honoured now, my DM keeps a proper sheet", {"managers": "pos"}),
        ("IT support resolved my VPN problem in eleven minutes today.", {"it_systems": "pos"}),
        # Not news of what it names: a count of times, a strain, a joke, a denial.
        ("9 out of 10 times she cancels supervision", {"managers": "neg"}),
        ("Her cases came to me. 8/10, would not recommend.", {"workload": "neg"}),
        ("nothing makes up for the pay", {"pay": "neg"}),
        ("Nothing about my manager needs improving.", {"managers": "pos"}),
        # The round's review: each read wrong by the round's first form.
        ("Team great - manager awful.", {"team_culture": "pos", "managers": "neg"}),
        ("Team - great, manager - useless.", {"team_culture": "pos", "managers": "neg"}),
        ("Morale barely ok.", {"team_culture": "neg"}),
        ("pay ok, hrs not ok", {"pay": "pos", "work_life_balance": "neg"}),
        ("Stress levels are 9/10.", {"wellbeing": "neg"}),
        ("Supervision is brilliant, anything that needs looking at gets looked at.",
         {"managers": "pos"}),
        ("I work evenings to make up for it.", {"work_life_balance": "neg"}),
        ("The wifi has yet to discover the new building.", {"it_systems": "neg"}),
    ],
)  # fmt: skip
def test_what_the_forty_eighth_round_reads(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("text", "decided"),
    [
        ("Manager fine. Team not.", {"managers", "team_culture"}),
        ("manager - great. team - awful.", {"managers", "team_culture"}),
        ("Pros: my manager. Cons: the pay.", {"managers", "pay"}),
        ("the team is poor but the manager makes up for it", {"managers", "team_culture"}),
        ("Nothing wrong with the pay. The hours are awful.", {"pay", "work_life_balance"}),
        # A label asked and answered: its "?" asks nothing, its "not" and "it" are its own
        # (forty-ninth round).
        ("Love the pay. The team? Not so much.", {"pay", "team_culture"}),
        ("Pay? Not great. Team? Excellent.", {"pay", "team_culture"}),
        ("The pay? Love it. The team? Hate it.", {"pay", "team_culture"}),
        # A real question is still a hedge, and an "it" outside the answer still points back.
        ("Is the pay good? The team is awful.", set()),
        ("Love the pay. The team? Not so much. It is what it is.", set()),
        # Not a thing called fine, nor a label and its verdict: left to the weights.
        ("The team is great. It is fine.", set()),
        ("my manager - who is lovely - has left", set()),
    ],
)
def test_what_the_parts_of_the_forty_eighth_round_decide(text: str, decided: set[str]) -> None:
    assert _own_parts(read(text)) == decided


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A label and its verdict, cut by a dash, are one statement (forty-eighth round).
        ("manager - great. team - awful.", ["manager - great", "team - awful"]),
        ("Supervision – excellent! Pay - poor", ["supervision – excellent", "pay - poor"]),
        ("Team - great, manager - useless.", ["team - great", "manager - useless"]),
        # Or by a question mark: a label asked and answered (forty-ninth round), after a "the",
        # "my" or "our" as well.
        ("Love the pay. The team? Not so much.", ["love the pay", "the team? not so much"]),
        ("The senior leaders? Invisible.", ["the senior leaders? invisible"]),
        ("Pay? Shocking! Team? great", ["pay? shocking", "team? great"]),
        # Not a label that says its own verdict, one that does not open its sentence, or no
        # short verdict ending it: cut as before.
        ("Team great - manager awful.", ["team great", "manager awful"]),
        ("my manager - who is lovely - has left", ["my manager", "who is lovely", "has left"]),
        ("I love it here - the team is great", ["i love it here", "the team is great"]),
        # A question that is no label, an answer that says nothing, or one longer than three
        # words: cut as before.
        ("What keeps me here? The team.", ["what keeps me here", "the team"]),
        ("Supervision? What's that?", ["supervision", "what's that"]),
        (
            "Mosaic? Don't get me started.",
            ["mosaic", "do not get me started"],
        ),
    ],
)
def test_a_label_and_its_verdict_are_one_statement(text: str, expected: list[str]) -> None:
    assert [clause for clause, _score in read(text).clauses] == expected


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        # "+" is "and" between words, not between numbers or after one (forty-ninth round).
        ("great TM + awful team", "great team manager and awful team"),
        ("10 min drive + a parking space", "10 min drive and a parking space"),
        ("2 + 2", "2 + 2"),
        ("team 50+ strong", "team 50+ strong"),
    ],
)
def test_a_plus_between_words_is_and(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # The sixteenth probe's lessons (forty-ninth round), each with a guard from the round's
        # review.
        (
            "Annual leave is easy to book and nobody makes you feel guilty for taking it.",
            {"work_life_balance": "pos"},
        ),
        # Read as complaints by the forty-eighth round (-3.0).
        ("nobody makes you feel guilty for leaving on time", {"work_life_balance": "pos"}),
        ("no one makes you feel bad for having a day off sick", {"wellbeing": "pos"}),
        ("Team morale is noticeably lower than when I arrived", {"team_culture": "neg"}),
        ("morale has dropped since the restructure", {"team_culture": "neg"}),
        ("Morale is low in other teams but ours is great.", {"team_culture": "pos"}),
        ("sleep-in rate not gone up since 2019", {"pay": "neg"}),
        ("the mileage rate has gone up", {"pay": "pos"}),
        ("liquid logic crashed again and I lost my assessment", {"it_systems": "neg"}),
        ("the toilets on the 3rd floor have been out of order for weeks", {"environment": "neg"}),
    ],
)  # fmt: skip
def test_what_the_forty_ninth_round_reads(text: str, themes: dict[str, str]) -> None:
    found = analyse(text).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


_BOTH = "How supported do you feel by your manager and team?"


@pytest.mark.parametrize(
    ("text", "themes"),
    [
        # Asked of both and answered part by part, no degree first: a part that names one alone
        # and says clearly which way tells it apart (forty-ninth round; the weights had dropped
        # the team).
        (
            "team 10/10. tm 6/10, shes lovely but never there, always in meetings",
            {"team_culture": "pos", "managers": "neg"},
        ),
        (
            "My manager is brilliant. The team are cliquey.",
            {"managers": "pos", "team_culture": "neg"},
        ),
        # A degree first still answers both.
        ("Very. The team too.", {"managers": "pos", "team_culture": "pos"}),
    ],
)
def test_a_question_of_both_answered_part_by_part(text: str, themes: dict[str, str]) -> None:
    found = analyse(text, _BOTH).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


def test_a_part_that_names_a_theme_alone_and_clearly_tells_it_apart() -> None:
    assert read("team 10/10. my manager is useless", _BOTH).told_apart == (
        "managers",
        "team_culture",
    )
    # Not a part that names it with no clear verdict ("tm 6/10" scores nothing, "never there"
    # names no one), not where its parts disagree, and not to a question of one theme.
    assert read("team 10/10. tm 6/10, never there", _BOTH).told_apart == ("team_culture",)
    assert read("team 10/10. the team can be cliquey", _BOTH).told_apart == ()
    assert read("team 10/10", "How supported do you feel by your manager?").told_apart == ()
    # Nor a loss imagined, a wish or a time before (the round's review: the first two read the
    # team as bad news, the last as good news of the team now).
    assert read("without my team i'd have quit", _BOTH).told_apart == ()
    assert read("the team would be better with more staff", _BOTH).told_apart == ()
    assert read("my previous team was amazing. now i mostly work alone", _BOTH).told_apart == ()


_VALUED = "How valued do you feel?"


def _assert_reads(question: str | None, text: str, themes: dict[str, str | None]) -> None:
    """`text`, answering `question`, reads each of `themes` as given (None: not named); other
    themes beside them are not checked."""
    found = analyse(text, question).themes
    assert {theme: found.get(theme) for theme in themes} == themes, found


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # A degree question answered part by part, each part a theme's name and a word of
        # degree (the seventeenth probe: the forty-ninth round dropped the team beside the
        # manager; the sixteenth: it read "by my colleagues, very" as the team's bad news).
        (_BOTH, "Team yes, manager less so.", {"team_culture": "pos", "managers": "neg"}),
        (
            _BOTH,
            "manager yes. team not really, they're all too busy",
            {"managers": "pos", "team_culture": "neg"},
        ),
        (
            _VALUED,
            "By my colleagues, very. By senior managers, not at all.",
            {"team_culture": "pos", "leadership": "neg"},
        ),
        (_VALUED, "by the team yes", {"team_culture": "pos"}),
        # A degree first, borne out by words that name both faintly the other way: the degree
        # still answers both ("difficult" is the visit's).
        (
            _BOTH,
            "Very. My PM phones after a difficult visit and the rest of the team are the same.",
            {"managers": "pos", "team_culture": "pos"},
        ),
        # Guards: a turn, or a clear complaint of one, still tells it apart.
        (
            _BOTH,
            "Very. The team's a bit cliquey though",
            {"managers": "pos", "team_culture": "neg"},
        ),
        (
            _BOTH,
            "Very. My manager is sometimes slow to reply",
            {"managers": "neg", "team_culture": "pos"},
        ),
        # Time given back, turned round quickly, or no longer sitting for weeks.
        (
            None,
            "Getting a business support officer has freed up hours of my week",
            {"workload": "pos"},
        ),
        (None, "My PM signs assessments off within 24 hours now", {"managers": "pos"}),
        (None, "Referrals sit in the queue for weeks", {"workload": "neg"}),
        # What suits the worker, and what does not.
        (None, "Home working suits me", {"work_life_balance": "pos"}),
        (None, "Hybrid doesn't suit me, I miss the office chat", {"work_life_balance": "neg"}),
        # Listening more, said of "up top", to a question of what got better.
        (
            "What has got better in the last year?",
            "They listen a bit more up top",
            {"leadership": "pos"},
        ),
        # The worker's back, not the team that has it.
        (None, "my back's gone from all the driving", {"wellbeing": "neg"}),
        (None, "my team have got my back", {"team_culture": "pos", "wellbeing": None}),
        # The eighteenth probe's lessons: a manager who rang to see if the worker was ok (not
        # nobody who rang), good people gone, work no longer all landing on the worker, a
        # reason to stay named as one, an arrangement honoured, caseloads going back up to a
        # question of leaving, and praise of one by name beside the degree of another.
        (None, "my manager texted me after the hearing to see if I was ok", {"managers": "pos"}),
        (None, "Nobody rang me to see if I was ok after the assault", {"managers": "neg"}),
        ("What has got worse?", "so many good ppl have left this year", {"team_culture": "neg"}),
        (None, "the duty cover isn't all landing on me any more", {"workload": "pos"}),
        (None, "the pension is one of the main reasons to stay", {"pay": "pos"}),
        (None, "my flexible working request was honoured", {"work_life_balance": "pos"}),
        ("What might make you leave?", "if caseloads went back up to 25", {"workload": "neg"}),
        (
            _BOTH,
            "Well supported by my colleagues; less so by my manager",
            {"team_culture": "pos", "managers": "neg"},
        ),
    ],
)  # fmt: skip
def test_what_the_fiftieth_round_reads(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    _assert_reads(question, text, themes)


def test_candour_is_not_praise() -> None:
    # "to be honest" and "if I am honest" say how the worker speaks, not that anything is good.
    assert read("Very little, to be honest.").total <= 0
    assert read("if I am honest the pay is awful").total < 0
    assert read("my manager is honest with me").total > 0


def test_a_part_that_is_a_name_and_a_degree_is_that_themes_degree() -> None:
    assert read("team yes, manager less so", _BOTH).told_apart == ("managers", "team_culture")
    assert read("by my colleagues, very", _VALUED).told_apart == ("team_culture",)
    assert read("well supported by the team; less so by my manager", _BOTH).told_apart == (
        "managers",
        "team_culture",
    )
    # Not a part of two names, a name of three words, nor to a question that asks no degree.
    assert read("team and manager yes", _BOTH).told_apart == ()
    assert read("the whole flipping team yes", _BOTH).told_apart == ()
    assert read("team yes", "What keeps you here?").told_apart == ()
    # Not where another part says the theme the other way.
    assert read("team yes. the team is cliquey and awful", _BOTH).told_apart == ()


_MANAGEABLE = "How manageable is your workload?"


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # The fiftieth round's two reviews: each read worse by the round's first form.
        # A call that chased or never came is no kindness.
        (
            None,
            "My manager never once rang me to see how I was doing while I was off",
            {"wellbeing": "neg"},
        ),
        (
            None,
            "They rang me on sick leave to see how I was doing and when I'd be back, felt hounded",
            {"wellbeing": "neg"},
        ),
        # Work no longer all landing on the worker, to a question of what got better.
        (
            "What has got better in the last year?",
            "The cover isn't all landing on me anymore",
            {"workload": "pos"},
        ),
        # Another's manager, back or burden is not the worker's.
        (
            "How supported do you feel by your manager?",
            "My manager, yes. Her manager, no.",
            {"managers": "pos"},
        ),
        (None, "My colleague's back pain means I cover her visits", {"wellbeing": None}),
        (None, "My manager has got a bad back and is off.", {"wellbeing": None}),
        (None, "Covering for a colleague with a bad back again.", {"wellbeing": None}),
        (None, "Home working is isolating and I miss the team", {"work_life_balance": "neg"}),
        (None, "Home working does not really suit me.", {"work_life_balance": "neg"}),
        # "not very" and "not always" are low degrees, not a name and "very".
        (_BOTH, "Team yes, manager not very.", {"team_culture": "pos", "managers": "neg"}),
        (_BOTH, "Team yes, manager not always.", {"team_culture": "pos", "managers": "neg"}),
        # A burden's "always" is no praise, and a faint word of both is no bearing out.
        (_MANAGEABLE, "Paperwork no, stress always.", {"wellbeing": "neg"}),
        (
            _BOTH,
            "Very. Manager and team both a bit distant lately.",
            {"managers": "neg", "team_culture": "neg"},
        ),
        # A cap scrapped is still a loss; caseloads going back, a threat.
        ("What might make you leave?", "If they scrapped the caseload cap.", {"workload": "pos"}),
        (None, "Assessments get signed off within 24 hours now", {"processes": "pos"}),
    ],
)  # fmt: skip
def test_what_the_fiftieth_round_s_reviews_keep(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    _assert_reads(question, text, themes)


def test_a_call_is_kind_only_when_it_is_made_to_ask_after_the_worker() -> None:
    # The kind call scores 2; the others not even half that (TextBlob's "ok" may add 0.5).
    assert read("my TM rang me after the visit to see how i was doing").total >= 2
    assert read("My manager never once rang me to see how I was doing").total < 1
    assert read("The only time anyone rang me to see if I was ok was HR").total < 1
    assert read("they rang me to see if I was ok and when I'd be back, felt hounded").total < 1
    assert read("my manager called me in to ask whether I was doing my recording right").total < 1
    # A call that never came is a complaint; one the worker never made in or back is not.
    assert read("off 2 wks with stress and my TM didnt ring once").scores["managers"] < 0
    assert read("I never call in sick").total >= 0
    # Nor is time that was only meant to be freed up.
    assert read("The new system was supposed to free up time").total < 1


_BY_THE_SERVICE = "How valued do you feel by the service?"
_LEAVE = "What might make you leave?"


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # A part split at its comma is still a part ("by the team", "very supported": the
        # fifty-first round's probe lost the team), and "by the council" names whom the rest
        # speaks of.
        (
            _BOTH,
            "By my colleagues, really supported. By my manager, she tries but supervision "
            "keeps getting cancelled.",
            {"team_culture": "pos", "managers": "neg"},
        ),
        (
            _BY_THE_SERVICE,
            "By my team, yes. By the council, I honestly doubt it.",
            {"team_culture": "pos", "leadership": "neg"},
        ),
        # A person who checks in on the worker is kind (a case's "tough" is not the manager's);
        # an app that does is not.
        (_BOTH, "Very well supported. My TM checks in after tough visits.", {"managers": "pos"}),
        (None, "my PM checks in every week without fail", {"managers": "pos"}),
        (
            None,
            "the lone working app checks in every two hours and half the time there is no signal",
            {"it_systems": "neg"},
        ),
        # Never made to feel so is praise of whoever it was; "canny well" is "very well".
        (
            _BOTH,
            "Really supported. I worry about asking daft questions but no one has ever made me "
            "feel that way.",
            {"managers": "pos", "team_culture": "pos"},
        ),
        (
            _BOTH,
            "canny well, they always answer the phone",
            {"managers": "pos", "team_culture": "pos"},
        ),
        # Less of a good thing is bad news; less of a bad thing good; a denied one neither.
        (None, "my manager is less approachable these days", {"managers": "neg"}),
        (None, "the team is a lot less supportive now", {"team_culture": "neg"}),
        (None, "I am less stressed since I went part time", {"wellbeing": "pos"}),
        (None, "no child would be any less safe if we halved the recording", {"processes": "neg"}),
        # What works, said plainly; leaders seen about more; words well received.
        (None, "the wifi finally works in the hub", {"it_systems": "pos"}),
        (None, "new laptops work properly now", {"it_systems": "pos"}),
        (None, "new handsets finally, and they actually hold a charge", {"it_systems": "pos"}),
        (
            "What has got better in the last year?",
            "Our director seems to be around more, she came to our team meeting twice",
            {"leadership": "pos"},
        ),
        (
            None,
            "the HoS thank-you email went down really well with the team",
            {"leadership": "pos"},
        ),
        # Now, not the old thing: the old thing's words are not the news.
        (
            None,
            "We've got a decent family room now with proper chairs, not the old storeroom.",
            {"environment": "pos"},
        ),
        # A loss threatened is a complaint, a loss named alone to a leave question is valued,
        # and a threat to close a building is no threat to the worker.
        (_LEAVE, "If they cut the mileage rate like they're threatening", {"pay": "neg"}),
        (_LEAVE, "losing the mileage rate", {"pay": "pos"}),
        (None, "they are threatening to close the Northgate office", {"wellbeing": None}),
        (None, "a dad threatened me on a home visit", {"wellbeing": "neg"}),
        (None, "dad was threatening and nobody came", {"wellbeing": "neg"}),
        # A commute told by its legs; a locum's rate, not a vacancy rate or the verb.
        (
            _LEAVE,
            "if the hub moves out of town, that's three buses each way",
            {"work_life_balance": "neg"},
        ),
        (None, "my day rate's decent. the caseload is not.", {"pay": "pos", "workload": "neg"}),
        (_LEAVE, "a rate cut", {"pay": "neg"}),
        (None, "I would rate my manager highly", {"pay": None}),
        (None, "the vacancy rate is 30%", {"pay": None}),
        # More of us; no fuss; training paid for by the worker.
        ("What would make your job better?", "More of us.", {"workload": "neg"}),
        (
            None,
            "hybrid working is just accepted here, no fuss at all",
            {"work_life_balance": "pos"},
        ),
        (
            None,
            "no training as a locum, paying for my own CPD to keep my registration",
            {"career": "neg"},
        ),
        # "Ill leave it at that" is "I'll", and saying no more of a thing says it is bad.
        ("Why are you leaving?", "My manager. Ill leave it at that.", {"managers": "neg"}),
        ("Why are you leaving?", "The new TM. I'll say no more.", {"managers": "neg"}),
        (None, "I was off ill for two weeks with flu", {"wellbeing": "neg"}),
        # The atmosphere is the team's; the people at the top are the leaders.
        (None, "the atmosphere in the office is lovely", {"team_culture": "pos"}),
        (
            _BY_THE_SERVICE,
            "To the people at the top I'm a number on a spreadsheet",
            {"leadership": "neg"},
        ),
    ],
)  # fmt: skip
def test_what_the_fifty_first_round_reads(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    # Sentences written for this test, in the forms the nineteenth and twentieth probes taught.
    _assert_reads(question, text, themes)


def test_canny_is_the_north_east_s_very() -> None:
    assert read("canny well", _BOTH).answered == (("managers", 2.0), ("team_culture", 2.0))
    assert read("canny valued tbh", _VALUED).answered == (("team_culture", 2.0),)


def test_less_of_a_good_thing_is_bad_news() -> None:
    assert read("there is a lot less laughing in the office").scores["team_culture"] < 0
    assert read("the team is less supportive").scores["team_culture"] < 0
    assert read("my manager is far less approachable").scores["managers"] < 0
    # Less of a bad thing is still good news, and a denial or elsewhere is neither.
    assert read("I am far less stressed").scores["wellbeing"] > 0
    assert read("the rota is a lot less brutal").total > 0
    assert read("no child would be any less safe").total >= 0
    assert read("I would struggle anywhere with less flexibility").total >= 0


def test_nobody_checking_in_is_no_praise() -> None:
    assert read("nobody checks in after a bad visit").total < 0
    assert read("my TM never checks in").total < 0
    assert read("my TM checks in after every visit").total > 0
    assert read("the lone working app checks in after two hours").total <= 0


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # The fifty-first round's review: each read worse by the round's first form.
        # A rate that is not the worker's pay, or the verb.
        (None, "I really rate Sarah, best manager I've had", {"pay": None}),
        (None, "I don't rate Sarah at all", {"pay": None}),
        (None, "My manager is first-rate", {"pay": None}),
        (None, "At any rate, my manager is fine", {"pay": None}),
        (None, "At the rate things are going I'll be gone by Christmas", {"pay": None}),
        (None, "the burnout rate in this team is insane", {"pay": None}),
        (_LEAVE, "The rate people are leaving", {"pay": None}),
        # Less of a thing that is welcome, or elsewhere; what works only sometimes.
        (None, "I'd feel less safe anywhere else", {"wellbeing": "pos"}),
        (None, "Fewer contact sessions at weekends now which helps", {"work_life_balance": "pos"}),
        (None, "The wifi works about half the time", {"it_systems": "neg"}),
        # A manager who checks in only on the figures; praise emphasised, not withheld.
        (None, "My manager only checks in when the stats are due", {"managers": "neg"}),
        (None, "My manager is amazing, say no more", {"managers": "pos"}),
        # Made to feel so after a complaint; a restructure that did not go down well; funding.
        (
            None,
            "I've never felt valued. No one has ever made me feel that way in 6 years",
            {"team_culture": "neg"},
        ),
        (None, "The restructure didn't exactly go down well", {"leadership": "neg"}),
        (None, "There's funding for our own CPD which is good", {"career": "pos"}),
        # Parents who threaten are a threat to the worker.
        (None, "Some of the parents are threatening.", {"wellbeing": "neg"}),
    ],
)  # fmt: skip
def test_what_the_fifty_first_round_s_review_keeps(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    _assert_reads(question, text, themes)


def test_the_review_s_rules_only_readings() -> None:
    # Neither praise nor a complaint where the words take it back or wish for it.
    assert read("My manager never really checks in").total < 0
    assert read("Nobody really checks in after a bad visit").total < 0
    assert read("Great team. Enough said.").total > 0
    assert read("Senior managers should be about more").total < 1
    assert read("They want us in the building more, not sure why").total < 1
    assert read("I wish my manager had my back").total < 0
    assert read("Senior management say they have our backs but they don't").total < 0
    assert read("Doesn't feel like they have my back").total <= 0
    # "Ill" is "I'll" only where a statement starts.
    assert normalise("Half the team are ill still and no cover").startswith("half the team are ill")
    assert normalise("The team were lovely mind, Ill miss them").endswith("i will miss them")


_KEEP_YOU = "What could we have done to keep you?"


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # Sentences written for this test, in the forms the twenty-second and twenty-third probes
        # taught (the fifty-second round). Valued or supported less by the organisation is a
        # low degree of it, not "much less stress"; not less of a noise.
        (_BY_THE_SERVICE, "Valued by the families, a lot less so by the directorate",
         {"leadership": "neg"}),
        (None, "I'm bothered less by the printer queue since they added a second one",
         {"leadership": None}),
        # A time off handled well is good news of it; denied, it is not.
        (None, "My return after the miscarriage was handled so sensitively by everyone",
         {"wellbeing": "pos"}),
        (None, "None of my time off with stress was handled well", {"wellbeing": "neg"}),
        # A manager who did all she could; not all they could to do harm.
        ("Why are you leaving?", "Nothing more you could do, my PM did all she could for me",
         {"managers": "pos"}),
        (None, "The council did everything they could to avoid paying the supplement",
         {"pay": "neg"}),
        # The work of two people is the load's, not of a manager praised for it.
        (None, "Still doing the job of two social workers since June", {"workload": "neg"}),
        ("What has got better in the last year?",
         "Not doing the job of two people any more since the new starter", {"workload": "pos"}),
        (None, "Our PM is doing the work of three people and is still the first to ask how we are",
         {"managers": "pos"}),
        # Below inflation; the local government pension.
        (None, "pay rise below inflation for the third year", {"pay": "neg"}),
        ("What has got better in the last year?", "The pay award was not below inflation for once",
         {"pay": "pos"}),
        ("What keeps you here?", "LGPS mainly", {"pay": "pos"}),
        # "cheers" signs off a complaint; after a degree, the degree tells ("by both").
        (None,
         "asked for a desk near a window for my migraines, told there's a waiting list. cheers",
         {"environment": "neg"}),
        (_BOTH, "Very well by both, cheers", {"managers": "pos", "team_culture": "pos"}),
        (_BOTH, "Not really by either", {"managers": "neg", "team_culture": "neg"}),
        # Excusing someone is no word about the team's culture.
        (None, "She's covering three teams so I don't blame her for cancelling",
         {"team_culture": None}),
        # Duplication dropped; a marvel, and a marvel said in scorn.
        (None, "The double recording on the child's plan and the review form has been dropped",
         {"processes": "pos"}),
        (None, "My PM is an absolute marvel", {"managers": "pos"}),
        (None, "it's a marvel anything gets recorded on this laptop", {"it_systems": "neg"}),
        # Demand climbing is the load's bad news; staff numbers climbing are not.
        (_LEAVE, "if demand keeps rising and nobody is recruited", {"workload": "neg"}),
        ("What has got better in the last year?",
         "Staff numbers keep rising since the recruitment drive", {"workload": "pos"}),
        # The council as a whole, or told by what it does, is the leaders, part by part.
        (_BY_THE_SERVICE, "By the council as a whole, not really.", {"leadership": "neg"}),
        (_BY_THE_SERVICE, "By the council that employs me, yes.", {"leadership": "pos"}),
        # Cover cut is bad news for the load, unless the team is staffed again.
        (None, "the week they cut our locum cover two more went off sick", {"workload": "neg"}),
        ("What has got better in the last year?",
         "they've got rid of the agency cover because we're fully staffed now",
         {"workload": "pos"}),
        # What keeps slipping is not happening; colleagues who never mock are kind.
        (None, "my reflective supervision keeps slipping to next month", {"managers": "neg"}),
        (None, "the others never make fun of my accent, I'm grateful", {"team_culture": "pos"}),
    ],
)  # fmt: skip
def test_what_the_fifty_second_round_reads(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    _assert_reads(question, text, themes)


def test_the_fifty_second_round_s_rules_only_readings() -> None:
    # What the rules make of each, whatever the weights: each read otherwise before the round.
    assert read("Supported by my TM, a lot less by the organisation").scores["leadership"] < 0
    assert read("back to work after my sick leave was handled really well").total > 0
    assert read("nothing about my sick leave was handled well").total < 0
    assert read("HR say my phased return was handled well").total <= 0
    assert read("my TM did everything she could").scores["managers"] > 0
    assert read("I'm doing the job of three people").scores["workload"] < 0
    assert read("another award below inflation").scores["pay"] < 0
    assert "pay" in read("the LGPS").scores
    assert read("got told I was too emotional in supervision. cheers").total < 0
    assert "team_culture" not in read("I do not blame her").scores
    assert read("there's a blame culture").scores["team_culture"] < 0
    assert read("duplicate recording on the plan has been scrapped").scores["processes"] > 0
    assert read("referrals keep climbing").scores["workload"] < 0
    assert "leadership" in read("by the council that hosts us").scores
    assert read("they cut the agency cover").scores["workload"] < 0
    assert read("supervision keeps sliding").scores["managers"] < 0
    assert read("nobody laughs at my spelling").scores["team_culture"] > 0
    # A part told by whom, at any length, and a degree of both or either.
    assert read("By the council that hosts us, very.", _BY_THE_SERVICE).scores == {
        "leadership": 2.0
    }
    assert read("Really well by both.", _BOTH).answered == (
        ("managers", 2.0),
        ("team_culture", 2.0),
    )
    # The round's second review: "by all" only as the answer's last words; the cue and the
    # phrase of the work of two people guarded alike; blame denied among colleagues; harm done
    # with all one could; "overall".
    assert read("Not by all my team, some are lovely", _BOTH).answered == ()
    assert "workload" not in read("My manager does the work of 3 people").scores
    assert read("We don't blame each other when things go wrong").scores["team_culture"] > 0
    assert "team_culture" not in read("I don't really blame her, she's got 30 cases").scores
    assert read("my TM did everything she could to get me off the team").total <= 0
    assert read("By the council overall, no", _BY_THE_SERVICE).scores == {"leadership": -2.0}


_KEEPS = "What keeps you here?"
_MANAGER = "How supported do you feel by your manager?"


@pytest.mark.parametrize(
    ("question", "text", "themes"),
    [
        # Sentences written for this test, in the forms the twenty-fifth and twenty-sixth probes
        # taught (the fifty-third round); each of the first group was read otherwise before the
        # round. A word asked back and laughed at is scorn.
        (None, "Flexi? haha", {"work_life_balance": "neg"}),
        # Support that depends on who gives it, or on the week or her mood, is unsteady; a part
        # by "management", asked of the manager, is the manager's, and tells the manager apart
        # from an opening degree.
        (_BOTH, "Very, from the team. From management, depends on the week.",
         {"team_culture": "pos", "managers": "neg"}),
        (_BOTH, "Hugely by the team. My manager, it depends on her mood.",
         {"team_culture": "pos", "managers": "neg"}),
        # A fair degree answers for both.
        (_BOTH, "Pretty well.", {"managers": "pos", "team_culture": "pos"}),
        (_BOTH, "Quite well, honestly.", {"managers": "pos", "team_culture": "pos"}),
        # A one-to-one is supervision.
        (None, "four 1:1s cancelled since september", {"managers": "neg"}),
        # A supplement that came through, or a regrade of the team, is good news.
        (None, "Rural supplement came through this month, so relieved", {"pay": "pos"}),
        (None, "the whole team got regraded last month, about time", {"pay": "pos"}),
        # The worker not ok.
        (None, "caseload is 24 and im not ok", {"wellbeing": "neg"}),
        # The one the worker would follow out is the manager.
        (_KEEPS, "Amira. If she went I'd go too.", {"managers": "pos"}),
        (None, "if he ever leaves i will follow him", {"managers": "pos"}),
        (_LEAVE, "if she ever retires i'm out", {"managers": "pos"}),
        # What the round's reviews said must not change, each read so before and after: the
        # worker's own team said back; a depends on what is needed; a part of a time before;
        # a fair degree grudged; one-to-one time with children; pay asked after or scorned;
        # disapproval; a wobbly chair or wifi; a regrade wished for.
        (_KEEPS, "my team? 😂 obviously", {"team_culture": "pos"}),
        (_BOTH, "Team yes. Manager, depends what you need, she's brilliant on practice",
         {"managers": "pos"}),
        (_BOTH, "Very. Previous manager, no.", {"managers": "pos", "team_culture": "pos"}),
        (_MANAGER, "Fairly well I guess, could be better if she was ever in",
         {"managers": "neg"}),
        (None, "finally got some one-to-one time with the twins this week", {"managers": None}),
        (None, "did the back pay come through? did it heck", {"pay": "neg"}),
        (None, "the pay award came through, 2%. wow.", {"pay": "neg"}),
        (None, "I'm not ok with the mileage rate being frozen again", {"wellbeing": None}),
        (None, "my chair is wobbly again", {"wellbeing": None}),
        (None, "the wifi is a bit wobbly today", {"wellbeing": None}),
        (None, "we should have been regraded years ago", {"pay": "neg"}),
        # The weights' detection does not yet find the manager in every 1:1 the rules name
        # (docs/analysis.md, the fifty-third round).
        pytest.param(None, "another 1:1 cancelled, that's four now", {"managers": "neg"},
                     marks=pytest.mark.xfail(strict=True, raises=AssertionError,
                                             reason="the weights miss this 1:1")),
    ],
)  # fmt: skip
def test_what_the_fifty_third_round_reads(
    question: str | None, text: str, themes: dict[str, str | None]
) -> None:
    _assert_reads(question, text, themes)


def test_the_fifty_third_round_s_rules_only_readings() -> None:
    # What the rules make of each, whatever the weights: each read otherwise before the round.
    assert read("supervision? haha").scores["managers"] < 0
    assert read("Team, very. From management, it depends who's about.", _BOTH).scores == {
        "team_culture": 2.0,
        "managers": -2.0,
    }
    # A later part the other way tells its theme apart from the opening degree.
    really = read("Really well. Management, depends on the day.", _BOTH)
    assert really.scores == {"managers": -2.0, "team_culture": 2.0}
    assert really.decided == {"managers": "neg", "team_culture": "pos"}
    assert read("Quite well.", _BOTH).answered == (("managers", 2.0), ("team_culture", 2.0))
    assert read("two 1:1s cancelled this month").scores["managers"] < 0
    assert read("the rural supplement came through").scores["pay"] > 0
    assert read("our team got regraded").scores["pay"] > 0
    # The cues name wellbeing; the words and the weights tell which way.
    assert "wellbeing" in read("im just not coping").scores
    assert "wellbeing" in read("that visit has stayed with me").scores
    assert read("Amira. If he left I would follow", _KEEPS).scores["managers"] > 0
    assert read("if he left i'd go", _LEAVE).decided == {"managers": "pos"}
    # The round's reviews: each stays as it was.
    assert read("Well enough I suppose, but my manager is never around", _BOTH).answered == ()
    assert read("Pretty well, when she's in", _BOTH).answered == ()
    assert (
        read("Team, it depends who's in, but mostly great", _BOTH).scores.get("team_culture", 0.0)
        >= 0
    )
    assert read("Very. My TM yes, my PM no.", _BOTH).told_apart == ()
    assert "managers" not in read("Upper management, not at all", _BOTH).scores
    assert "managers" not in read("she needs 1:1 support in class").scores
    assert "managers" not in read("the AD sat down with each of us one to one").scores
    assert read("if the regrade comes through I'll stay").total <= 0
    assert read("everyone in CP got regraded, we got nothing").total <= 0
    assert read("Wonders will never cease.").total == 0
    assert "wellbeing" not in read("I'm not ok with the new rota").scores
    assert "wellbeing" not in read("they notice when I'm not ok before I do").scores
    assert "wellbeing" not in read("the desk was wobbly").scores
    assert "wellbeing" not in read("my manager stayed with me till 8 to finish it").scores
    assert "managers" not in read("if she left i would be out celebrating").scores

"""Shapes the thirteenth probe's writers used that the analyser misread (forty-third round), and
the plain statements it turned against their words.

Every sentence here is written for this file, apart from the data and the probes. Each test's
first kind of sentence was read wrong by the forty-second round's analyser (f02083a), in the
whole reading or in the rules' own; the sentences marked as guards were read right there and
must still be.
"""

from __future__ import annotations

import itertools

import pytest

from analysis.comments import analyse
from analysis.rules import read
from analysis.text import clauses, normalise

# Plain "X is good / bad" statements, one theme each: the forty-second round read 258 of the
# 1,216 of a longer list the wrong way ("my manager is awful" as praise, "the office is lovely"
# as a complaint), the learned half's usual news of the theme outweighing the words. Here, the
# career and workload sets were read right already: they guard.
_SUBJECTS = {
    "managers": ["my manager is", "my TM is", "my practice manager is", "supervision is"],
    "team_culture": ["the team is", "my colleagues are", "morale is"],
    "leadership": ["senior leaders are", "the SLT is", "the director is"],
    "pay": ["the pay is", "my salary is"],
    "it_systems": ["Mosaic is", "my laptop is", "IT support is"],
    "environment": ["the office is", "the building is"],
    "career": ["the training is", "CPD here is"],
    "workload": ["my caseload is", "my workload is"],
    "processes": ["the paperwork is", "the sign-off process is"],
    "work_life_balance": ["the flexi scheme is", "hybrid working is"],
    "wellbeing": ["the EAP is", "wellbeing support is"],
}
_GOOD = ["great", "brilliant", "excellent", "lovely", "amazing", "so much better"]
_BAD = ["awful", "terrible", "useless", "shocking", "dreadful", "really poor"]


@pytest.mark.parametrize("theme", sorted(_SUBJECTS))
def test_a_plain_statement_says_what_its_words_say(theme: str) -> None:
    wrong = []
    for subject, (words, direction) in itertools.product(
        _SUBJECTS[theme], [(_GOOD, "pos"), (_BAD, "neg")]
    ):
        for word in words:
            for text in (f"{subject} {word}", f"{subject[0].upper()}{subject[1:]} {word}."):
                found = analyse(text).themes.get(theme)
                if found != direction:
                    wrong.append((text, found))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "theme", "direction"),
    [
        # Words neither lexicon had: the rules read nothing, and a statement of them took the
        # theme's usual news.
        ("my TM is unsupportive", "managers", "neg"),
        ("My supervisor is hopeless.", "managers", "neg"),
        ("IT support is woeful", "it_systems", "neg"),
        ("the new office is spacious", "environment", "pos"),
        ("disappointed with the training offer", "career", "neg"),
        # Help that helped; thanks nobody gave, without the apostrophe.
        ("the EAP counsellor was a big help", "wellbeing", "pos"),
        ("covered three cases this month and nobodys said thanks", "team_culture", "neg"),
        # A bad word denied, in a clause of its own, is praise, not a bare name denied.
        ("My PM is fair, not harsh", "managers", "pos"),
        # What the work cost the staff's health; time only when they get it; room to breathe
        # again (the rules spent "again" first).
        ("the restructure has come at a real cost to staff wellbeing", "wellbeing", "neg"),
        ("I love the direct work, when I get the time", "workload", "neg"),
        ("since the new SW started I can breathe again", "wellbeing", "pos"),
        # Guards: sarcasm still turns a plain statement; praise said outright stays praise.
        ("Mosaic is brilliant 🙄", "it_systems", "neg"),
        ("She is supportive, not controlling. Best supervisor I've had", "managers", "pos"),
        ("my TM's door is always open", "managers", "pos"),
    ],
)
def test_words_of_a_good_or_bad_job_read_their_way(text: str, theme: str, direction: str) -> None:
    score = read(text).scores.get(theme, 0.0)
    assert abs(score) >= 1
    assert ("pos" if score > 0 else "neg") == direction
    assert analyse(text).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # Answers to a question are left to the question's rules: "about as valued as the
        # kettle" is no praise, whatever its one good word says (guards).
        ("How valued do you feel by the council?", "About as valued as the office kettle.",
         "team_culture", "neg"),
        ("How valued do you feel?", "roughly as valued as the photocopier", "team_culture", "neg"),
        ("Anything else?", "Best of luck with the next reorganisation.", "leadership", "neg"),
    ],
)  # fmt: skip
def test_an_answer_is_not_read_as_a_plain_statement(
    question: str, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


def test_a_plain_statement_with_a_second_clause_is_left_to_the_weights() -> None:
    reading = read("Pay is fine. It's the weekend work that isn't.")
    assert len(reading.clauses) == 2  # not one plain statement: the rule does not decide it


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("not the pay lol 😂 the kids though", ["not the pay lol", "the kids"]),
        ("great team 👍🏽👍🏽 pay is bad", ["great team", "pay is bad"]),
        # Guards: a heart stands for a word, not a full stop.
        ("I ❤️ my team", ["i ❤️ my team"]),
        ("i 💙 my PM", ["i 💙 my practice manager"]),
    ],
)
def test_an_emoji_ends_a_statement(text: str, expected: list[str]) -> None:
    assert [clause.text for clause in clauses(normalise(text))] == expected


@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        # What follows a thing named only to be denied is not about it (the second a guard).
        ("What keeps you here?", "not the money lol 😂 knowing i make a difference", "pay", "neg"),
        ("What keeps you here?", "Not the pay. The families I work with.", "pay", "neg"),
        # "Well." as a sentence of its own is the degree; "well," leads into one.
        ("How supported do you feel by your team?", "Well. They always pick up the phone.",
         "team_culture", "pos"),
        ("How supported do you feel by your team?", "Well, not really.", "team_culture", "neg"),
        # A one-word verdict on what the question asks how it is.
        ("How is your caseload at the moment?", "heavy", "workload", "neg"),
        ("How is your workload at the moment?", "Very heavy at the moment", "workload", "neg"),
        ("How do you feel about senior leadership?", "I met her once and she was lovely",
         "leadership", "pos"),
        ("How is your caseload at the moment?", "manageable", "workload", "pos"),
        ("How are things with your supervisor?", "brilliant", "managers", "pos"),
        ("How is the office these days?", "grim", "environment", "neg"),
        ("What do you think of the new laptops?", "rubbish", "it_systems", "neg"),
    ],
)  # fmt: skip
def test_an_answer_reads_by_its_question(
    question: str, text: str, theme: str, direction: str
) -> None:
    assert analyse(text, question).themes.get(theme) == direction


@pytest.mark.parametrize(
    ("question", "text"),
    [
        ("How is your caseload at the moment?", "better?"),  # asked back: no verdict
        # A degree question is read by its own rules, not as one that asks how something is.
        ("How valued do you feel?", "roughly as valued as the photocopier"),
        # An answer that names a theme of its own is read by its own words.
        ("How is your caseload at the moment?", "my manager is lovely"),
    ],
)
def test_no_verdict_where_the_answer_does_not_give_one(question: str, text: str) -> None:
    assert read(text, question).answered == ()

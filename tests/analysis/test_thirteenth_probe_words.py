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


_SUPPORTED = "How supported do you feel by your manager?"
_LEAVE = "What would make you leave?"
_MISS = "What will you miss about working here?"


# A review (a helper with both versions of the code, asked to break the round's first forms)
# broke them with 36 sentences the forty-second round read right, and one more it read wrong;
# each reads right now: a wish, a condition, a time set against now, a joke or leaving in a
# short statement ("a manager would be invaluable", "friendly until you raise concerns", "awful
# lol jk", "I felt awful leaving my team"); "Well." before a complaint, a laugh or leaving; a
# name that is also a bad word denied ("Not overtime."); a sentence that points back to the
# thing denied ("Not my manager. She has been amazing."); "not a big help"; "time off"; replies
# to a question of how something is that give no verdict ("Good question", "Hard to say"); and
# "I love my manager. Not.". (Six of the 36 are left: docs/analysis.md.)
@pytest.mark.parametrize(
    ("question", "text", "theme", "direction"),
    [
        (None, 'my manager is great. not.', 'managers', 'neg'),
        (None, 'an efficient IT system would change my life', 'it_systems', 'neg'),
        (None, 'the office was lovely before the move', 'environment', 'neg'),
        (None, 'Mosaic is an efficient way to lose work', 'it_systems', 'neg'),
        (None, 'senior leaders are friendly until you raise concerns', 'leadership', 'neg'),
        (None, 'IT are responsive when the director complains', 'it_systems', 'neg'),
        (None, 'I felt awful leaving my team', 'team_culture', 'pos'),
        (None, 'I feel terrible leaving such a lovely team', 'team_culture', 'pos'),
        (None, 'hate leaving my team', 'team_culture', 'pos'),
        (None, 'my manager is awful lol jk', 'managers', 'pos'),
        (_LEAVE, "Not my manager - she's brilliant. It's the caseload.", 'managers', 'pos'),
        (_LEAVE, 'Not my manager. She has been amazing.', 'managers', 'pos'),
        (_LEAVE, "Not the team. They're the only reason I've lasted this long.", 'team_culture',
         'pos'),
        (_MISS, 'Not overtime.', 'work_life_balance', 'neg'),
        (_MISS, 'Not bureaucracy lol', 'processes', 'neg'),
        (_SUPPORTED, 'Well. Could be better.', 'managers', 'neg'),
        (_SUPPORTED, 'Well. Used to be.', 'managers', 'neg'),
        (_SUPPORTED, 'Well! Where do I start.', 'managers', 'neg'),
        (_SUPPORTED, 'Well. Ha.', 'managers', 'neg'),
        (_SUPPORTED, 'Well. Supervision cancelled three times.', 'managers', 'neg'),
        (_SUPPORTED, "Well. Let's just say I'm leaving.", 'managers', 'neg'),
        (_SUPPORTED, "Well. I've put my notice in.", 'managers', 'neg'),
        (_SUPPORTED, "Well. I'm still waiting for supervision.", 'managers', 'neg'),
        (None, 'When I have time off I can properly switch off now.', 'work_life_balance', 'pos'),
        (None, 'Mosaic has not been a big help', 'it_systems', 'neg'),
        (None, 'IT were not a big help', 'it_systems', 'neg'),
        ('What do you think of the new office?', "Haven't been yet, heard it's lovely",
         'environment', None),
        ('What do you think of the new laptops?', "Never used it, I'm agency", 'it_systems', None),
        ('What do you think of senior leadership?', 'Good question', 'leadership', None),
        ('How is your workload at the moment?', 'Hard to say', 'workload', None),
        (None, 'I love my manager. Not.', 'managers', 'neg'),
    ],
)  # fmt: skip
def test_the_review_s_breaks_read_right(
    question: str | None, text: str, theme: str, direction: str | None
) -> None:
    assert analyse(text, question).themes.get(theme) == direction

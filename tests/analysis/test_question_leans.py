"""How a question leans the answers to it, on questions written apart from the analyser.

probes/questions.jsonl holds 361 stay- and exit-interview questions written in the
twenty-fourth round with no sight of the lists: four helpers' 274 (sets a, b, c, d) and a
reviewer's 87 chosen to trip them (set "review"). Each is labelled with how a bare answer to it
("the pay", "my manager") reads: good news here (pos), bad news (neg), something missing here
(wish), what another employer offers (elsewhere), or no lean (none). Each set was scored once
before it was looked at: set C leaned 35 of its 80 the right way before the round and 66 after
the first two were learned from; the reviewer's 37 of 87 before the round, 4 with the first
version of the change, 83 after its fixes; set D, ordinary form questions written last, 30 of
its 74 new ones before the round and 66 after the review (six more were word for word in the
earlier sets; docs/analysis.md, "Twenty-fourth round"). All are learned from now, so these are
regression tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from analysis.comments import analyse
from analysis.lexicon import QuestionWords, _lean_by_words, question_lean

QUESTIONS = Path(__file__).parent / "probes" / "questions.jsonl"
# Read the same way as labelled, but as another kind of bad news: the writers' call between a
# wish and a complaint is a fine one, and either leans a bare answer to bad news.
_KIND_DIFFERS = {
    "What would need to be different for you to come back to us one day?",
    "What would you not put up with again in your next job?",
    "What improvements would you suggest for the service?",
    "What needs to change most urgently in your team?",
    "What would a better offer from us have looked like?",
    "Who will you be working for after you leave?",
}
# Leaned the wrong way (known limits): a yes-or-no question answered as praise, a next
# employer that would learn from us, and two wishes told without a word of wanting.
_WRONG_WAY = {
    "Has the new manager made things better for the team?",
    "What could your next employer learn from how we do things here?",
    "What talents of yours are not being used in your current role?",
    "What do you miss from your previous job that you don't have here?",
}


def _kind(question: str) -> str:
    lean = question_lean(question)
    if lean is None or lean.direction is None:
        return "none"
    if lean.elsewhere:
        return "elsewhere"
    return "wish" if lean.wish else lean.direction


def _way(kind: str) -> str:
    return "neg" if kind in {"wish", "elsewhere"} else kind


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]


def _params() -> list[Any]:
    wrong = pytest.mark.xfail(
        strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
    )
    return [
        pytest.param(
            case,
            marks=[wrong] if case["question"] in _WRONG_WAY else [],
            id=case["question"][:60],
        )
        for case in _cases()
    ]


def test_the_questions_are_whole() -> None:
    cases = _cases()
    assert len(cases) == 361
    assert len({case["question"] for case in cases}) == 361
    assert {case["set"] for case in cases} == {"a", "b", "c", "d", "review"}
    assert {case["lean"] for case in cases} == {"pos", "neg", "wish", "elsewhere", "none"}
    assert {case["question"] for case in cases} >= _KIND_DIFFERS | _WRONG_WAY


@pytest.mark.parametrize("case", _params())
def test_a_question_leans_a_bare_answer_as_its_writer_said(case: dict[str, Any]) -> None:
    kind = _kind(case["question"])
    assert _way(kind) == _way(case["lean"])
    if case["question"] not in _KIND_DIFFERS:
        assert kind == case["lean"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # The interview bank's own questions (surveys/interviews.yaml) lean as they always have:
        # the shipped weights were trained on answers read with these leans.
        ("What do you look forward to when you come to work?", "pos"),
        ("What are you learning here, and what would you like to learn?", "none"),
        ("Why do you stay?", "pos"),
        ("When did you last think about leaving, and what prompted it?", "neg"),
        ("What might tempt you to leave?", "neg"),
        ("What would make your job better?", "wish"),
        ("What could have kept you here?", "wish"),
        ("Is there anything else you would like the service to know?", "none"),
        ("Would you come back, and what would need to be different?", "neg"),
        ("How supported do you feel by your manager?", "none"),
        ("How valued do you feel by the service?", "none"),
        # A word in another sense: a new manager here is no other employer; what a newcomer
        # misses of an old job is not what they will miss of this one; what keeps them awake
        # is no reason to stay; what we do better than other councils is ours.
        ("How are you getting on with your new manager?", "none"),
        ("What do you miss about your old job?", "none"),
        ("What keeps you awake at night about work?", "neg"),
        ("What does this council do better than other local authorities?", "pos"),
        ("What's the one thing you won't miss?", "neg"),
        ("What will you miss most?", "pos"),
        ("What would make it hard for you to leave?", "pos"),
        ("What would make you leave?", "neg"),
        # The reviewer's: degree and yes-or-no questions, "wish to tell us", offered here,
        # drawn here, a denial, a stop that is no reason to stay, both ways at once.
        ("How satisfied are you with your pay and benefits?", "none"),
        ("On a scale of 1 to 10, how happy are you in your role?", "none"),
        ("Would you recommend the council as an employer to a friend?", "none"),
        ("Is there anything else you wish to tell us?", "none"),
        ("Have you been offered regular reflective supervision?", "none"),
        ("What attracted you to the council in the first place?", "pos"),
        ("What isn't going well at the moment?", "neg"),
        ("What's missing for you at the moment?", "wish"),
        ("What stops you from taking a proper lunch break?", "neg"),
        ("What makes it hard to leave work on time?", "neg"),
        ("What is working well and what could be improved?", "none"),
        ("Have you ever nearly left? If so, what made you stay?", "pos"),
    ],
)
def test_words_in_another_sense_do_not_lean_a_question_wrongly(question: str, kind: str) -> None:
    assert _kind(question) == kind


def _words(**patterns: str) -> QuestionWords:
    never = re.compile(r"(?!x)x")
    kinds = {kind: never for kind in ("skip", "elsewhere", "wish", "pos", "neg")}
    kinds.update({kind: re.compile(pattern) for kind, pattern in patterns.items()})
    return QuestionWords(**kinds)


def test_the_words_lean_a_question_by_which_kind_it_asks_about_more() -> None:
    words = _words(pos=r"\bgood\b|\bgreat\b", neg=r"\bbad\b")
    lean = _lean_by_words("what is good and great here, and what is bad?", words)
    assert lean is not None
    assert lean.direction == "pos"
    assert _lean_by_words("what is good and what is bad?", words) is None  # a tie: no lean
    assert _lean_by_words("what time is it?", words) is None


def test_an_offer_elsewhere_then_a_wish_come_before_good_or_bad_news() -> None:
    words = _words(elsewhere=r"\bnew job\b", wish=r"\bwould you like\b", pos=r"\bgood\b")
    elsewhere = _lean_by_words("what is good about the new job that you would like?", words)
    assert elsewhere is not None
    assert elsewhere.elsewhere
    assert elsewhere.direction == "neg"
    wish = _lean_by_words("what good thing would you like?", words)
    assert wish is not None
    assert wish.wish
    assert not wish.elsewhere


def test_a_question_of_degree_leans_nowhere_by_its_words() -> None:
    words = _words(skip=r"^how\b", pos=r"\bvalued\b")
    assert _lean_by_words("how valued do you feel?", words) is None
    lean = _lean_by_words("what makes you feel valued?", words)
    assert lean is not None
    assert lean.direction == "pos"


# The reviewer's answers, read whole with their questions: 17 of 25 read right before the
# round, 23 now. Two are known limits: "The pay" to "How satisfied are you with your pay?" is
# read as bad news of pay (the learned half weighs the question's words), and "Late visits and
# recording" to "What makes it hard to leave work on time?" as processes, not workload.
_KNOWN = pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="known limit, docs/analysis.md"
)
_ANSWERS = [
    (
        "Is there anything else you wish to tell us?",
        "My manager was brilliant throughout",
        {"managers": "pos"},
    ),
    ("Is there anything else you wish to tell us?", "The team", {"team_culture": "pos"}),
    ("Do you wish to add any further comments?", "Thanks to my team manager", {"managers": "pos"}),
    (
        "Have you been offered regular reflective supervision?",
        "Yes, monthly with my manager",
        {"managers": "pos"},
    ),
    (
        "What development opportunities have you been offered here?",
        "The ASYE programme and practice educator training",
        {"career": "pos"},
    ),
    (
        "What attracted you to the council in the first place?",
        "The flexible working",
        {"work_life_balance": "pos"},
    ),
    (
        "How satisfied are you with your pay and benefits?",
        "Not very, the pay is behind neighbouring councils",
        {"pay": "neg"},
    ),
    pytest.param("How satisfied are you with your pay and benefits?", "The pay", {}, marks=_KNOWN),
    # A wish to be supported better is bad news of the support there is (the second reviewer's).
    ("How could we support you better?", "Better supervision", {"managers": "neg"}),
    # What they would have stayed without is bad news of it; the learned half weighs "stayed".
    pytest.param(
        "Anything else?",
        "if they hadn't cut the team i would have stayed",
        {"team_culture": "neg"},
        marks=_KNOWN,
    ),
    ("What isn't going well at the moment?", "Supervision", {"managers": "neg"}),
    ("What isn't going well at the moment?", "The IT", {"it_systems": "neg"}),
    (
        "What hasn't worked well for you?",
        "The hybrid working arrangements",
        {"work_life_balance": "neg"},
    ),
    ("What's missing for you at the moment?", "Career progression", {"career": "neg"}),
    ("What stops you from taking a proper lunch break?", "Caseload", {"workload": "neg"}),
    ("What stopped you applying for promotion?", "No time for the training", {"career": "neg"}),
    ("What nearly made you stay?", "My team", {"team_culture": "pos"}),
    (
        "Have things got better since the new manager started?",
        "Supervision is more regular",
        {"managers": "pos"},
    ),
    (
        "If you could keep one thing about your job, what would it be?",
        "The team",
        {"team_culture": "pos"},
    ),
    ("Who do you turn to when you are struggling?", "My team manager, always", {"managers": "pos"}),
    (
        "What support do you get after a difficult visit?",
        "A debrief with my team",
        {"team_culture": "pos"},
    ),
    (
        "Would you come back to work for us in the future?",
        "Yes, the team were lovely",
        {"team_culture": "pos"},
    ),
    (
        "Would you recommend the council as an employer to a friend?",
        "Not with the current caseloads",
        {"workload": "neg"},
    ),
    (
        "Do you find it hard to switch off when you go home?",
        "Yes, the workload",
        {"workload": "neg"},
    ),
    pytest.param(
        "What makes it hard to leave work on time?",
        "Late visits and recording",
        {"workload": "neg"},
        marks=_KNOWN,
    ),
    ("What's better here than at your last council?", "The managers", {"managers": "pos"}),
    ("What would you recommend we change?", "The recording system", {"it_systems": "neg"}),
]


@pytest.mark.parametrize(("question", "answer", "expected"), _ANSWERS)
def test_an_answer_is_read_as_its_question_asks(
    question: str, answer: str, expected: dict[str, str]
) -> None:
    found = dict(analyse(answer, question).themes)
    for theme, direction in expected.items():
        assert found.get(theme) == direction, (theme, found)
    if not expected:
        assert found == {}

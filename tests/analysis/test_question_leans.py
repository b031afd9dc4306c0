"""How a question leans the answers to it, on questions written apart from the analyser.

probes/questions.jsonl holds 200 stay- and exit-interview questions three helpers wrote in
the twenty-fourth round with no sight of the project, each labelled with how a bare answer to
it ("the pay", "my manager") reads: good news here (pos), bad news (neg), something missing
here (wish), what another employer offers (elsewhere), or no lean (none). Before the round the
lists knew too few phrasings: a third set, written after the first two were learned from and
scored once before it was looked at, leaned 35 of its 80 the right way; after, 66 (details in
docs/analysis.md). All 200 are learned from now, so these are regression tests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

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


def test_the_questions_are_whole() -> None:
    cases = _cases()
    assert len(cases) == 200
    assert len({case["question"] for case in cases}) == 200
    assert {case["lean"] for case in cases} == {"pos", "neg", "wish", "elsewhere", "none"}
    assert {case["question"] for case in cases} >= _KIND_DIFFERS


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["question"][:60])
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

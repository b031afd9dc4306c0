"""Comment analysis: the themes a comment takes a stance on, each with a direction, and an
overall polarity.

Clause by clause: "my TM is brilliant but the pay is shocking" is two statements, managers
positive and pay negative. Within a clause the domain's own phrases come first ("no complaints
about pay", "could be better", "agency earn double", "no longer drowning"), then single words
with negation, and TextBlob's polarity only as a last, weak signal: plain TextBlob calls
"Caseloads are too high and I work most evenings" positive. No NLTK corpus is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from textblob import TextBlob

from analysis.lexicon import (
    DEPARTURE,
    GATE_INDEX,
    NEGATIVE,
    NEGATORS,
    PHRASE_GATES,
    POSITIVE,
    SARCASM,
    THEME_CUES,
    UNGATED,
)
from analysis.text import Clause, clauses, normalise

Direction = Literal["pos", "neg"]
_WORD = re.compile(r"[a-z£][a-z0-9£'-]*")
# With no signal at all, what a mention most likely means: staff raise these to complain.
_LEANS_NEGATIVE = {
    "workload",
    "processes",
    "it_systems",
    "environment",
    "wellbeing",
    "work_life_balance",
    "pay",
    "leadership",
}


@dataclass(frozen=True)
class CommentAnalysis:
    """The analyser's reading of one comment."""

    themes: dict[str, Direction] = field(default_factory=dict)
    polarity: float = 0.0


def themes_in(text: str) -> set[str]:
    """The themes a (normalised) text mentions."""
    return {theme for theme, cues in THEME_CUES.items() if cues.search(text)}


def _word_score(words: list[str]) -> float:
    score = 0.0
    for index, word in enumerate(words):
        value = POSITIVE.get(word, 0.0) + NEGATIVE.get(word, 0.0)
        if not value:
            continue
        window = words[max(0, index - 3) : index]
        if any(w in NEGATORS for w in window):
            value = -value * 0.8  # "not supportive" is negative; "not bad" mildly positive
        score += value
    return score


def clause_score(text: str) -> float:
    """How good or bad a clause is, in the domain's terms (positive is good)."""
    score = 0.0
    # Scare quotes mean the opposite ("the 'quick' audit tool"): the quoted word does not count.
    rest = re.sub(r"'[a-z ]{1,20}'", " ", text)
    # Each distinct word is looked for once; only the phrases it unlocks are tried, in order.
    candidates = set(UNGATED)
    for word, phrases in GATE_INDEX.items():
        if word in rest:
            candidates.update(phrases)
    for index in sorted(candidates):
        pattern, value, _gate = PHRASE_GATES[index]
        if pattern.search(rest):
            score += value
            rest = pattern.sub(" ", rest)  # its words are spent
    words = _WORD.findall(rest)
    score += _word_score(words)
    if abs(score) < 0.5:
        polarity = float(TextBlob(text).sentiment.polarity)
        if abs(polarity) >= 0.2:
            score += 0.5 if polarity > 0 else -0.5
    return score


def _theme_score(clause: Clause, theme: str, base: float) -> float:
    text = clause.text
    if theme == "workload":
        numbers = [int(n) for n in re.findall(r"\b(\d{2})\b", text)]
        if any(18 <= n <= 60 for n in numbers) and base >= 0 and "only" not in text:
            return base - 1.5
    if (
        theme == "work_life_balance"
        and base == 0
        and re.search(
            r"\b(?:evenings?|weekends?|sundays?|saturdays?|\d{1,2} ?pm|midnight|overtime)\b", text
        )
    ):
        return -1.0
    return base


def analyse(text: str) -> CommentAnalysis:
    """The themes `text` takes a stance on, with directions, and its overall polarity (-1..1)."""
    normalised = normalise(text)
    found: dict[str, tuple[float, bool]] = {}
    total = 0.0
    sarcastic = bool(SARCASM.search(text.lower()))
    departure = DEPARTURE.search(normalised)
    previous: set[str] = set()
    position = 0
    for clause in clauses(normalised):
        position = normalised.find(clause.text, position)
        mentioned = themes_in(clause.text)
        if not mentioned:
            # "PM is lovely but never available", "caseload is 27, can't keep going like this":
            # a statement with no theme of its own is about the one before.
            mentioned = previous
        previous = mentioned or previous
        base = clause_score(clause.text)
        if sarcastic and base > 0:
            base = -base  # "Love doing my recording at 11pm on a Sunday 🙃"
        if departure is not None and position >= departure.start() and base > 0:
            base = -base  # "Leaving for a locum role - better money": better there, not here
        total += base
        for theme in mentioned:
            score = _theme_score(clause, theme, base)
            earlier = found.get(theme)
            # A later clause wins when it turns the sentence ("... but") or is more decided.
            if earlier is None or clause.contrast or abs(score) > abs(earlier[0]):
                found[theme] = (score, clause.contrast)
    themes: dict[str, Direction] = {}
    for theme, (score, _contrast) in found.items():
        if score > 0:
            themes[theme] = "pos"
        elif score < 0:
            themes[theme] = "neg"
        else:
            themes[theme] = "neg" if theme in _LEANS_NEGATIVE else "pos"
    polarity = max(-1.0, min(1.0, total / 3))
    return CommentAnalysis(themes, round(polarity, 3))

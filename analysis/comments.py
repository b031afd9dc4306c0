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

# TextBlob's own pattern analyser, called directly: `TextBlob(text).sentiment` is the same
# function behind a fresh namedtuple class per call, which costs more than the scoring.
from textblob.en import sentiment as textblob_sentiment

from analysis.lexicon import (
    DEPARTURE,
    LEAD_INDEX,
    NEGATIVE,
    NEGATORS,
    PHRASE_GATES,
    POSITIVE,
    SARCASM,
    THEME_CUES,
    UNLED,
    word_starts,
)
from analysis.text import Clause, clauses, normalise

Direction = Literal["pos", "neg"]
_SCARE_QUOTES = re.compile(r"'[a-z ]{1,20}'")
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


def themes_in(text: str, starts: frozenset[str] | None = None) -> set[str]:
    """The themes a (normalised) text mentions; `starts` are its `word_starts` if known."""
    starts = word_starts(text) if starts is None else starts
    return THEME_CUES.themes_in(text, starts)


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


def clause_score(text: str, starts: frozenset[str] | None = None) -> float:
    """How good or bad a clause is, in the domain's terms (positive is good); `starts` are its
    `word_starts` if known."""
    score = 0.0
    # Scare quotes mean the opposite ("the 'quick' audit tool"): the quoted word does not count.
    rest = _SCARE_QUOTES.sub(" ", text) if "'" in text else text
    starts = word_starts(text) if starts is None else starts
    # Only the phrases whose first word starts as one of the clause's words are tried, in
    # order, and only if the strings they cannot match without are there too.
    candidates = set(UNLED)
    for start in starts:
        candidates.update(LEAD_INDEX.get(start, ()))
    for index in sorted(candidates):
        pattern, value, gate = PHRASE_GATES[index]
        if gate and not any(literal in rest for literal in gate):
            continue
        rest, found = pattern.subn(" ", rest)  # its words are spent
        if found:
            score += value
    words = _WORD.findall(rest)
    score += _word_score(words)
    if abs(score) < 0.5:
        polarity = float(textblob_sentiment(text)[0])
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
        starts = word_starts(clause.text)
        mentioned = themes_in(clause.text, starts)
        if not mentioned:
            # "PM is lovely but never available", "caseload is 27, can't keep going like this":
            # a statement with no theme of its own is about the one before.
            mentioned = previous
        previous = mentioned or previous
        base = clause_score(clause.text, starts)
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

"""How well the analyser finds themes and their directions, against labelled comments, beside a
baseline of keyword themes and plain TextBlob polarity measured in the same run."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from textblob import TextBlob

from analysis.comments import CommentAnalysis, Direction
from surveys.themes import THEMES

Analyser = Callable[[str], CommentAnalysis]


# What a keyword search would look for: each theme's own obvious words.
BASELINE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "pay": ("pay", "salary", "money", "paid"),
    "workload": ("workload", "caseload", "cases"),
    "work_life_balance": ("hours", "evening", "weekend", "balance", "flexib"),
    "managers": ("manager", "supervision", "tm"),
    "team_culture": ("team", "colleague", "culture"),
    "career": ("career", "training", "progression", "development"),
    "leadership": ("leader", "director", "senior"),
    "processes": ("paperwork", "bureaucracy", "forms", "process"),
    "it_systems": ("mosaic", "laptop", "it", "computer", "system"),
    "environment": ("office", "desk", "building", "parking"),
    "wellbeing": ("stress", "wellbeing", "burnout", "mental health"),
}


def baseline(text: str) -> CommentAnalysis:
    """Keyword themes, each given the direction of plain TextBlob polarity."""
    polarity = float(TextBlob(text).sentiment.polarity)
    direction: Direction = "pos" if polarity >= 0 else "neg"
    words = set(re.findall(r"[a-z]+", text.lower()))
    lowered = text.lower()
    themes = {
        theme: direction
        for theme, keywords in BASELINE_KEYWORDS.items()
        if any((k in words) if " " not in k and len(k) <= 4 else (k in lowered) for k in keywords)
    }
    return CommentAnalysis(themes, polarity)


@dataclass(frozen=True)
class ThemeScore:
    """Detection figures for one theme."""

    theme: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Per-theme detection, macro-F1, and direction accuracy over correctly found themes."""

    themes: tuple[ThemeScore, ...]
    macro_f1: float
    direction_accuracy: float
    directions_judged: int


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(labelled: Iterable[tuple[str, dict[str, str]]], analyser: Analyser) -> Evaluation:
    """Score `analyser` on (text, {theme: direction}) pairs."""
    tp = dict.fromkeys(THEMES, 0)
    fp = dict.fromkeys(THEMES, 0)
    fn = dict.fromkeys(THEMES, 0)
    right = judged = 0
    for text, truth in labelled:
        found = analyser(text).themes
        for theme in THEMES:
            if theme in found and theme in truth:
                tp[theme] += 1
                judged += 1
                right += found[theme] == truth[theme]
            elif theme in found:
                fp[theme] += 1
            elif theme in truth:
                fn[theme] += 1
    scores = []
    for theme in THEMES:
        precision = _ratio(tp[theme], tp[theme] + fp[theme])
        recall = _ratio(tp[theme], tp[theme] + fn[theme])
        f1 = _ratio(int(2 * precision * recall * 10**6), int((precision + recall) * 10**6))
        scores.append(ThemeScore(theme, precision, recall, f1, tp[theme] + fn[theme]))
    macro = sum(s.f1 for s in scores) / len(scores)
    return Evaluation(tuple(scores), macro, _ratio(right, judged), judged)

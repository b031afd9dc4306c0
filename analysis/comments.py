"""Comment analysis: the themes a comment takes a stance on, each with a direction, and an
overall polarity.

Two halves. The rules (analysis.rules, analysis.lexicon) read a comment clause by clause in the
domain's own terms: "my TM is brilliant but the pay is shocking" is managers positive and pay
negative; "no longer drowning" is good news. The learned half (analysis.learned) weighs what the
rules found beside the comment's words and the question it answers, with weights trained on the
labelled comments in tests/data, and makes the final call. Plain TextBlob polarity is only the
rules' last, weak signal: it calls "Caseloads are too high and I work most evenings" positive.
No NLTK corpus is needed and nothing is downloaded.
"""

from __future__ import annotations

from analysis.learned import Model, shipped_model
from analysis.rules import CommentAnalysis, Direction, read

__all__ = ["CommentAnalysis", "Direction", "analyse"]


def analyse(
    text: str,
    question: str | None = None,
    *,
    source: str | None = None,
    model: Model | None = None,
) -> CommentAnalysis:
    """The themes `text` takes a stance on, with directions, and its overall polarity (-1..1).

    `question` is what a stay or exit answer answers ("What might make you leave?"): where the
    words alone do not say which way a theme goes ("the commute"), the question does. `source`
    is where the text came from (pulse, feedback, stay, exit). `model` replaces the shipped
    weights (cross-validation trains its own).
    """
    reading = read(text, question)
    return (model or shipped_model()).apply(reading, question, source)

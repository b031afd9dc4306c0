"""Comment analysis throughput: comments a second, and the ratio to plain TextBlob polarity over
the same comments in the same run (aim ≥ 0.5)."""

from __future__ import annotations

import json
import time

from textblob import TextBlob

from analysis.comments import analyse
from benchmarks.common import ROOT, emit

DEV = ROOT / "tests" / "data" / "comments_dev.jsonl"
FALLBACK = [
    "My TM is brilliant but the pay is shocking",
    "Caseloads are too high and I work most evenings",
    "No complaints about pay since the market supplement",
    "Mosaic crashed twice today and I lost a whole assessment",
]


def comments() -> list[str]:
    """The development comments when present, else a few written here."""
    if DEV.exists():
        return [json.loads(line)["text"] for line in DEV.read_text().splitlines()]
    return FALLBACK * 100


def rate(function: object, texts: list[str], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            function(text)  # type: ignore[operator]
    return rounds * len(texts) / (time.perf_counter() - started)


def main() -> None:
    """Time both over the same comments, best of three."""
    texts = comments()
    ours = max(rate(analyse, texts, 3) for _ in range(3))
    plain = max(rate(lambda t: TextBlob(t).sentiment.polarity, texts, 3) for _ in range(3))
    emit(
        {
            "benchmark": "analysis",
            "comments": len(texts),
            "comments_per_s": round(ours),
            "textblob_polarity_per_s": round(plain),
            "ratio_to_textblob": round(ours / plain, 3),
        }
    )


if __name__ == "__main__":
    main()

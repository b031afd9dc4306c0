"""Comment analysis throughput: comments a second, and the ratio to plain TextBlob polarity over
the same comments in the same run (aim ≥ 0.5). Rules and learned weights together, each stay and
exit answer read with its question, as the bot reads them."""

from __future__ import annotations

import time
from collections.abc import Callable

from textblob import TextBlob

from analysis.comments import analyse
from analysis.dataset import load_dir
from benchmarks.common import ROOT, emit

DATA = ROOT / "tests" / "data"
ROUNDS = 7


def comments() -> list[tuple[str, str | None, str]]:
    """Every labelled comment in tests/data: (text, question, source)."""
    return [(row.text, row.question, row.source) for row in load_dir(DATA)]


def rate(function: Callable[[], object], count: int) -> float:
    """Comments a second for one pass of `function` over `count` comments."""
    started = time.perf_counter()
    function()
    return count / (time.perf_counter() - started)


def main() -> None:
    """Time both over the same comments in alternating passes. The ratio is the median of the
    ratios of neighbouring passes: on a shared machine the load changes under a run, and two
    passes a moment apart see about the same load where the best of each may not."""
    rows = comments()
    texts = [text for text, _question, _source in rows]

    def ours() -> None:
        for text, question, source in rows:
            analyse(text, question, source=source)

    def plain() -> None:
        for text in texts:
            TextBlob(text).sentiment.polarity  # noqa: B018 - the work being timed

    ours()  # load the weights and lexicons before timing
    pairs = [(rate(ours, len(rows)), rate(plain, len(rows))) for _ in range(ROUNDS)]
    ratios = sorted(mine / theirs for mine, theirs in pairs)
    best_ours = max(mine for mine, _theirs in pairs)
    best_plain = max(theirs for _mine, theirs in pairs)
    emit(
        {
            "benchmark": "analysis",
            "comments": len(rows),
            "comments_per_s": round(best_ours),
            "textblob_polarity_per_s": round(best_plain),
            "ratio_to_textblob": round(ratios[len(ratios) // 2], 3),
            "ratio_range": [round(ratios[0], 3), round(ratios[-1], 3)],
        }
    )


if __name__ == "__main__":
    main()

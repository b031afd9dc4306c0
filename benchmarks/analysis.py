"""Comment analysis throughput: comments a second, and the ratio to plain TextBlob polarity over
the same comments in the same run (aim ≥ 0.5). Rules and learned weights together, each stay and
exit answer read with its question, as the bot reads them. The line says whether the rules ran
compiled (`make bench` compiles them where a C compiler is there: analysis.compiled);
`STAYPULSE_PURE_PYTHON=1` times the plain modules."""

from __future__ import annotations

import time
from collections.abc import Callable

from textblob import TextBlob

from analysis import compiled
from analysis.comments import analyse
from analysis.dataset import load_dir
from benchmarks.common import ROOT, emit

DATA = ROOT / "tests" / "data"
ROUNDS = 7
CHUNK = 250  # comments timed one way, then the other, before the next chunk


def comments() -> list[tuple[str, str | None, str]]:
    """Every labelled comment in tests/data: (text, question, source)."""
    return [(row.text, row.question, row.source) for row in load_dir(DATA)]


def rate(function: Callable[[], object], count: int) -> float:
    """Comments a second for one pass of `function` over `count` comments."""
    return count / seconds(function)


def seconds(function: Callable[[], object]) -> float:
    """How long one call of `function` takes."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def main() -> None:
    """Time both over the same comments, a chunk of a few hundred at a time, one after the
    other: on a shared machine the load changes under a run, and the two halves of a chunk,
    a fraction of a second apart, see about the same load (passes over the whole set, seconds
    apart, did not: their ratios ranged from 0.47 to 0.78 in one idle run); which goes first
    alternates from chunk to chunk. The ratio of a round is the two times added up over every
    chunk; the one reported is the median round."""
    rows = comments()
    chunks = [rows[start : start + CHUNK] for start in range(0, len(rows), CHUNK)]

    def ours(chunk: list[tuple[str, str | None, str]]) -> Callable[[], None]:
        def run() -> None:
            for text, question, source in chunk:
                analyse(text, question, source=source)

        return run

    def plain(chunk: list[tuple[str, str | None, str]]) -> Callable[[], None]:
        texts = [text for text, _question, _source in chunk]

        def run() -> None:
            for text in texts:
                TextBlob(text).sentiment.polarity  # noqa: B018 - the work being timed

        return run

    timed = [(ours(chunk), plain(chunk)) for chunk in chunks]
    for mine, _theirs in timed:  # load the weights and lexicons, warm the caches
        mine()
    rounds = []
    for number in range(ROUNDS):
        mine_total = theirs_total = 0.0
        for index, (mine, theirs) in enumerate(timed):
            # Each goes first in every other chunk, so neither always gets the caches (or the
            # quiet moment) the other leaves behind.
            if (index + number) % 2:
                theirs_total += seconds(theirs)
                mine_total += seconds(mine)
            else:
                mine_total += seconds(mine)
                theirs_total += seconds(theirs)
        rounds.append((mine_total, theirs_total))
    ratios = sorted(theirs / mine for mine, theirs in rounds)
    emit(
        {
            "benchmark": "analysis",
            "comments": len(rows),
            "comments_per_s": round(len(rows) / min(mine for mine, _theirs in rounds)),
            "textblob_polarity_per_s": round(len(rows) / min(theirs for _m, theirs in rounds)),
            "ratio_to_textblob": round(ratios[len(ratios) // 2], 3),
            "ratio_range": [round(ratios[0], 3), round(ratios[-1], 3)],
            "compiled": compiled.in_use(),
        }
    )


if __name__ == "__main__":
    main()

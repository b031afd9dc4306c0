"""`python -m benchmarks` (`make bench`): every benchmark, one JSON line each."""

from __future__ import annotations

import logging

from benchmarks import analysis, fanout, redaction, respondents, summary


def main() -> None:
    """Run every benchmark in turn."""
    logging.basicConfig(level=logging.WARNING)
    analysis.main()
    redaction.main()
    fanout.main()
    respondents.main([])
    summary.main()


if __name__ == "__main__":
    main()

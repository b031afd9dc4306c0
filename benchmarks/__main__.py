"""`python -m benchmarks` (`make bench`): every benchmark, one JSON line each."""

from __future__ import annotations

import logging

from benchmarks import fanout


def main() -> None:
    """Run every benchmark in turn."""
    logging.basicConfig(level=logging.WARNING)
    fanout.main()


if __name__ == "__main__":
    main()

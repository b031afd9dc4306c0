"""The process's log handler: it must outlive the stream that was sys.stderr when it was set up."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from bot.logs import configure_logging


def test_logging_goes_to_the_stderr_of_now_not_a_closed_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # (tests/conftest.py puts the root logger back afterwards)
    # A CLI command run by a test runner configures logging while sys.stderr is the runner's
    # capture, which is closed afterwards; later log lines must not hit the closed stream
    # ("--- Logging error --- ValueError: I/O operation on closed file", once per line).
    first = io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    configure_logging("INFO")
    first.close()
    second = io.StringIO()
    monkeypatch.setattr(sys, "stderr", second)
    logging.getLogger("staypulse.test").warning("still heard")
    written = second.getvalue()
    assert "Logging error" not in written
    assert "still heard" in written


def test_an_explicit_stream_is_kept() -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream=stream)
    logging.getLogger("staypulse.test").info("to the given stream")
    assert "to the given stream" in stream.getvalue()

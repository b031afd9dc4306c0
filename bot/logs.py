"""Logging that is safe to keep: no message text, no comments, no bot token.

Our own log lines carry ids and outcomes only. Library loggers that would print URLs (which
contain the token) or request bodies are held at WARNING, and a filter masks the token in anything
that still gets through.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def mask(secret: str) -> str:
    """`7000000001:…` for a bot token; `…` for anything else."""
    head, colon, _rest = secret.partition(":")
    return f"{head}:…" if colon and head.isdigit() else "…"


class SecretFilter(logging.Filter):
    """Masks secrets (the bot token) in every record that passes."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        masked = message
        for secret in self.secrets:
            # Masked as the operator will recognise it (the bot's id), never the secret half.
            masked = masked.replace(secret, mask(secret))
        if masked != message:
            record.msg, record.args = masked, None
        return True


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is when a record is emitted, not when it was set up.

    A handler that keeps the stream it was given outlives it when a test runner (pytest, click's
    CliRunner) swaps `sys.stderr` for a capture and closes it afterwards: every later log line
    then fails with "I/O operation on closed file".
    """

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        """StreamHandler sets its stream; this one has none of its own."""


def configure_logging(
    level: str = "INFO", *, secrets: list[str] | None = None, stream: object = None
) -> None:
    """Set up the root logger once for the process."""
    handler: logging.Handler = (
        StderrHandler() if stream is None else logging.StreamHandler(stream)  # type: ignore[call-overload]
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(SecretFilter(secrets or []))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request URL, and URLs carry the token; PTB at DEBUG logs request bodies,
    # and bodies carry what people wrote.
    for name in ("httpx", "httpcore", "telegram", "apscheduler", "aiohttp.access", "alembic"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
    logging.getLogger("telegram.ext.Application").setLevel(logging.ERROR)

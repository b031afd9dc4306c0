"""The one call-and-usage shape of the PSW commands: run the use case, and when its arguments
do not say what to do (bot.usecases.errors.UsageError) answer with what was wrong and the
command's usage instead."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Concatenate, ParamSpec, TypeVar

from sqlmodel import Session
from telegram import Update

from analysis.summary import PERIOD_HELP
from bot import texts
from bot.handlers.util import reply
from bot.services import Services
from bot.usecases.errors import UsageError
from surveys.themes import ANCHORS, THEMES

T = TypeVar("T")
P = ParamSpec("P")


def usage_text(error: UsageError) -> str:
    """What was wrong with the arguments (escaped), then the command's usage."""
    themes = ", ".join(THEMES.values())
    usage = {
        "summary": texts.SUMMARY_USAGE,
        "export": texts.EXPORT_USAGE,
        "comments": texts.COMMENTS_USAGE.format(themes=themes),
        "interviews": texts.INTERVIEWS_USAGE.format(themes=themes),
        "trend": texts.TREND_USAGE.format(themes=", ".join([*THEMES.values(), *ANCHORS.values()])),
        "breakdown": texts.BREAKDOWN_USAGE.format(periods=PERIOD_HELP),
        "compare": texts.COMPARE_USAGE.format(periods=PERIOD_HELP),
        "overtime": texts.OVERTIME_USAGE.format(periods=PERIOD_HELP),
        "report": texts.REPORT_USAGE,
        "action": texts.ACTION_USAGE,
    }.get(error.command, "")
    return f"{escape(error.problem)}\n{usage}" if error.problem else usage


async def run_or_usage(
    update: Update,
    services: Services,
    fn: Callable[Concatenate[Session, P], T],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T | None:
    """`services.db(fn, ...)`; on a UsageError, the usage is the answer and the result None
    (so only for use cases that never return None themselves)."""
    try:
        return await services.db(fn, *args, **kwargs)
    except UsageError as error:
        await reply(update, usage_text(error))
        return None

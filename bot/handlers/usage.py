"""The one call-and-usage shape of the PSW commands: run the use case, and when its arguments
do not say what to do (bot.usecases.errors.UsageError) answer with what was wrong and the
command's usage instead."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from sqlmodel import Session
from telegram import Update

from analysis.summary import PERIOD_HELP
from bot import texts
from bot.handlers.util import actor, reply
from bot.services import Services
from bot.usecases.errors import UsageError
from surveys.bank import QuestionBank
from surveys.themes import ANCHORS, THEMES

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
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


class PswView(Protocol[T_co]):
    """A results use case: who asks, what they typed after the command, and what it reads with."""

    def __call__(
        self,
        session: Session,
        *,
        actor: int,
        args: Sequence[str],
        today: date,
        bank: QuestionBank,
        min_group: int,
    ) -> T_co: ...


async def psw_view(
    update: Update, services: Services, args: Sequence[str], fn: PswView[T]
) -> T | None:
    """`run_or_usage` for a results command: the asker, their arguments, today and the
    service's bank and group size (None once the usage has been answered)."""
    return await run_or_usage(
        update,
        services,
        fn,
        actor=actor(update),
        args=args,
        today=services.today(),
        bank=services.bank,
        min_group=services.settings.min_group_size,
    )

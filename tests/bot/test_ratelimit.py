"""Which failed Telegram calls the bot makes again: never one that could post twice."""

from __future__ import annotations

from telegram.error import NetworkError, TimedOut

from bot.ratelimit import _retryable


def test_a_call_safe_to_repeat_is_retried_after_any_network_failure() -> None:
    assert _retryable("editMessageText", TimedOut())
    assert _retryable("answerCallbackQuery", NetworkError("Bad Gateway"))


def test_a_new_message_is_retried_only_when_it_surely_never_arrived() -> None:
    assert _retryable("sendMessage", NetworkError("Bad Gateway"))
    assert _retryable("sendMessage", NetworkError("Service Unavailable"))
    assert not _retryable("sendMessage", TimedOut())  # Telegram may already have posted it
    assert not _retryable("sendPhoto", NetworkError("Connection reset"))


def test_polling_is_left_to_ptb() -> None:
    assert not _retryable("getUpdates", NetworkError("Bad Gateway"))

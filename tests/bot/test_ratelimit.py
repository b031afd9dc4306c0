"""Which failed Telegram calls the bot makes again: never one that could post twice."""

from __future__ import annotations

import httpx
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.ratelimit import _retryable, sent_in_doubt, unreachable_chat


def test_a_call_safe_to_repeat_is_retried_after_any_network_failure() -> None:
    assert _retryable("editMessageText", TimedOut())
    assert _retryable("answerCallbackQuery", NetworkError("Bad Gateway"))


def test_a_new_message_is_retried_only_when_it_surely_never_arrived() -> None:
    assert _retryable("sendMessage", NetworkError("Bad Gateway"))
    assert _retryable("sendMessage", NetworkError("Service Unavailable"))
    assert not _retryable("sendMessage", TimedOut())  # Telegram may already have posted it
    # What PTB raises when the connection drops mid-request: no answer, so it may have posted.
    assert not _retryable("sendPhoto", NetworkError("httpx.ReadError: Connection reset"))


def test_polling_is_left_to_ptb() -> None:
    assert not _retryable("getUpdates", NetworkError("Bad Gateway"))


def test_no_answer_leaves_a_send_in_doubt_an_error_answer_does_not() -> None:
    assert sent_in_doubt(TimedOut())
    assert sent_in_doubt(NetworkError("httpx.RemoteProtocolError: Server disconnected"))
    assert not sent_in_doubt(NetworkError("Bad Gateway"))
    assert not sent_in_doubt(NetworkError("Gateway Timeout"))
    assert not sent_in_doubt(NetworkError("Internal Server Error"))
    assert not sent_in_doubt(BadRequest("Chat not found"))
    never_left = TimedOut()
    never_left.__cause__ = httpx.ConnectTimeout("connect")
    assert not sent_in_doubt(never_left)


def test_chats_gone_for_good_are_told_from_a_refused_message() -> None:
    assert unreachable_chat(Forbidden("Forbidden: user is deactivated"))
    assert unreachable_chat(Forbidden("Forbidden: bot was kicked from the group chat"))
    assert unreachable_chat(BadRequest("Chat not found"))
    assert not unreachable_chat(BadRequest("Can't parse entities: unsupported start tag"))
    assert not unreachable_chat(NetworkError("Bad Gateway"))

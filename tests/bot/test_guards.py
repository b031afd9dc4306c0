"""The per-person flood limit: a ceiling on what is served, never a lock-out."""

from __future__ import annotations

from bot.handlers.guards import WINDOW_SECONDS, Guard


def served_in(guard: Guard, user_id: int, times: list[float]) -> list[float]:
    return [t for t in times if guard.admit(user_id, t)]


def test_no_more_than_the_limit_is_served_in_any_minute() -> None:
    guard = Guard(psw_chat_id=None, per_minute=20)
    burst = [i * 0.1 for i in range(100)]  # 100 taps in ten seconds
    assert len(served_in(guard, 1, burst)) == 20


def test_someone_tapping_steadily_above_the_limit_is_still_served_at_the_limit() -> None:
    # 30 a minute for five minutes: held-back taps must not keep the window full for ever.
    guard = Guard(psw_chat_id=None, per_minute=20)
    times = [i * 2.0 for i in range(150)]
    served = served_in(guard, 1, times)
    for minute in range(1, 5):
        start = minute * WINDOW_SECONDS
        in_minute = [t for t in served if start <= t < start + WINDOW_SECONDS]
        assert 15 <= len(in_minute) <= 20, (minute, len(in_minute))
    assert any(t > 280 for t in served)  # still being answered at the end


def test_people_are_limited_separately() -> None:
    guard = Guard(psw_chat_id=None, per_minute=5)
    assert len(served_in(guard, 1, [0.0] * 10)) == 5
    assert len(served_in(guard, 2, [0.0] * 10)) == 5
    assert guard.admit(1, WINDOW_SECONDS + 0.1)  # a minute on, served again

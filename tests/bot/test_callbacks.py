"""Callback data is versioned, typed, round-trips, and never exceeds 64 bytes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.callbacks import (
    MAX_BYTES,
    CallbackError,
    Change,
    Confirm,
    Onboard,
    Pulse,
    RemindLater,
    SetDetail,
    WithdrawComment,
    decode,
    encode,
)
from surveys.org import _KEY_RE
from surveys.participants import CODE_LENGTH

keys = st.from_regex(_KEY_RE, fullmatch=True)
ids = st.integers(min_value=0, max_value=10**10 - 1)


codes = st.from_regex(f"[A-Za-z0-9_-]{{{CODE_LENGTH}}}", fullmatch=True)


@given(
    step=st.sampled_from(["r", "e", "ok", "no"]),
    code=codes,
    role=keys | st.just("-"),
    employment=keys | st.just("-"),
)
def test_the_longest_onboarding_data_fits_in_64_bytes(
    step: str, code: str, role: str, employment: str
) -> None:
    callback = Onboard(step, code, role, employment)  # type: ignore[arg-type]
    data = encode(callback)
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == callback


@given(
    wave=ids,
    position=st.integers(0, 99),
    action=st.sampled_from(["go", "1", "2", "3", "4", "5", "s", "b", "nc"]),
)
def test_pulse_buttons_round_trip(wave: int, position: int, action: str) -> None:
    assert decode(encode(Pulse(wave, position, action))) == Pulse(wave, position, action)


@pytest.mark.parametrize(
    "callback",
    [
        Change("team"),
        SetDetail("role", "asye"),
        Confirm("fg", True),
        Confirm("tk", False),
        RemindLater(10**10 - 1),
        WithdrawComment(),
    ],
)
def test_other_buttons_round_trip(callback: object) -> None:
    assert decode(encode(callback)) == callback  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "v2:p:1:0:go",
        "v1",
        "v1:p:x:0:1",
        "v1:p:1:0:9",
        "v1:ob:zz:1::",
        "v1:me:age",
        "v1:set:team:",
        "v1:fg:maybe",
        "v1:" + "x" * 70,
    ],
)
def test_garbled_or_foreign_data_is_refused(data: str | None) -> None:
    with pytest.raises(CallbackError):
        decode(data)


@given(st.text(max_size=64))
def test_decoding_anything_never_crashes_unexpectedly(data: str) -> None:
    with contextlib.suppress(CallbackError):
        decode(data)

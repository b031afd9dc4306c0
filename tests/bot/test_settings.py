"""Settings: defaults that work, and one clear line naming the variable for a bad value."""

from __future__ import annotations

from datetime import time

import pytest

from bot.settings import DEFAULT_DATABASE_URL, ConfigError, load_settings


def test_defaults_need_no_environment() -> None:
    settings = load_settings()
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.timezone == "Europe/London"
    assert settings.working_days == (0, 1, 2, 3, 4)
    assert (settings.working_hours_start, settings.working_hours_end) == (time(9), time(17))
    assert settings.min_group_size == 5
    assert settings.min_comment_group_size == 10
    assert settings.token is None
    assert settings.telegram_base_url == "https://api.telegram.org"


def test_values_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi")
    monkeypatch.setenv("WORKING_DAYS", "mon-thu")
    monkeypatch.setenv("ADMIN_TELEGRAM_IDS", "11, 22 33")
    monkeypatch.setenv("PSW_CHAT_ID", "-1001234")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:8081/bot")
    settings = load_settings()
    assert settings.token == "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi"
    assert settings.working_days == (0, 1, 2, 3)
    assert settings.admin_telegram_ids == (11, 22, 33)
    assert settings.psw_chat_id == -1001234
    assert settings.telegram_base_url == "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TIMEZONE", "Europe/Lndon", "TIMEZONE: 'Europe/Lndon' is not a known timezone"),
        ("MIN_GROUP_SIZE", "2", "MIN_GROUP_SIZE: 2 is below 3"),
        ("DATABASE_URL", "not a url", "DATABASE_URL: 'not a url' is not a database URL"),
        ("DATABASE_URL", "mysql://x@h/db", "DATABASE_URL: 'mysql' is not supported"),
        ("WORKING_HOURS_END", "08:00", "WORKING_HOURS_END: working hours must end after"),
        ("WORKING_DAYS", "fri-mon", "WORKING_DAYS: 'fri-mon' is not a list of days"),
        ("ADMIN_TELEGRAM_IDS", "12,abc", "ADMIN_TELEGRAM_IDS: '12,abc' is not a comma-separated"),
        ("MIN_COMMENT_GROUP_SIZE", "4", "MIN_COMMENT_GROUP_SIZE: must be at least MIN_GROUP_SIZE"),
        ("TELEGRAM_BASE_URL", "ftp://x", "TELEGRAM_BASE_URL: 'ftp://x' is not an http(s) URL"),
    ],
)
def test_a_bad_value_stops_start_up_with_one_line_naming_it(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message
    assert expected in message


def test_a_malformed_token_is_refused_without_echoing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "secret-looking-value")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "TELEGRAM_BOT_TOKEN" in str(caught.value)
    assert "secret-looking-value" not in str(caught.value)


def test_env_example_documents_every_setting() -> None:
    from pathlib import Path

    from bot.settings import Settings

    example = (Path(__file__).resolve().parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example, f"{name.upper()} is not in .env.example"


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("WORKING_DAYS", "weekdays", "'weekdays' is not a day (use mon, tue"),
        ("PSW_CHAT_ID", "42", "PSW_CHAT_ID: 42 is a person's id, not a group's"),
        ("INVITE_DAYS", "0", "INVITE_DAYS"),
        ("PRIVACY_DPO_CONTACT", "x" * 301, "PRIVACY_DPO_CONTACT"),
    ],
)
def test_new_settings_refuse_bad_values_in_one_line(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert "\n" not in str(caught.value)
    assert expected in str(caught.value)
    assert "tuple" not in str(caught.value)


def test_the_empty_values_env_example_ships_mean_the_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("PSW_CHAT_ID", "ORG_FILE", "PRIVACY_CONTROLLER", "QUESTION_FILE"):
        monkeypatch.setenv(name, "")
    settings = load_settings()
    assert settings.psw_chat_id is None
    assert settings.org_file is None
    assert settings.privacy_controller.startswith("Your employer")


def test_tokens_are_masked_to_their_bot_id() -> None:
    from bot.settings import mask_token

    assert mask_token("7000000001:secret") == "7000000001:…"
    assert mask_token(None) == "(none)"

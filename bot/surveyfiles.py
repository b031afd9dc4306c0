"""Load the question bank and schedules, checked against the settings and Telegram's limits."""

from __future__ import annotations

from bot.callbacks import MAX_BYTES, Pulse, encode
from bot.settings import Settings
from surveys.bank import QuestionBank, default_bank, load_bank
from surveys.interviews import Flows, build_flows, default_wording, load_wording
from surveys.schedule import SchedulesFile, load_schedules
from surveys.signposting import Signposting, default_signposting, load_signposting
from surveys.yamlfile import ConfigFileError

_LARGEST_WAVE_ID = 10**10 - 1


def pulse_buttons_fit(items: int) -> bool:
    """Whether every button of a pulse with `items` items fits Telegram's 64-byte limit."""
    try:
        for action in ("go", "1", "s", "b", "nc"):
            encode(Pulse(_LARGEST_WAVE_ID, max(items - 1, 0), action))
            encode(Pulse(_LARGEST_WAVE_ID, items, action))
    except ValueError:
        return False
    return len(encode(Pulse(_LARGEST_WAVE_ID, items, "nc")).encode()) <= MAX_BYTES


def load_survey_files(settings: Settings) -> tuple[QuestionBank, SchedulesFile, Signposting]:
    """The bank, schedules and signposting list (ConfigFileError names the variable, file, line
    and field)."""
    try:
        bank = load_bank(settings.question_file) if settings.question_file else default_bank()
    except ConfigFileError as exc:
        raise ConfigFileError(f"QUESTION_FILE: {exc}") from None
    try:
        schedules = load_schedules(
            settings.schedule_file,
            context={
                "calendar": settings.calendar(),
                "bank": bank,
                "button_fits": pulse_buttons_fit,
            },
        )
    except ConfigFileError as exc:
        raise ConfigFileError(f"SCHEDULE_FILE: {exc}") from None
    try:
        path = settings.signposting_file
        signposting = load_signposting(path) if path else default_signposting()
    except ConfigFileError as exc:
        raise ConfigFileError(f"SIGNPOSTING_FILE: {exc}") from None
    return bank, schedules, signposting


def load_interview_flows(settings: Settings) -> Flows:
    """The interview flows in the wording INTERVIEW_FILE names, or the shipped wording
    (ConfigFileError names the variable, file, line and field)."""
    path = settings.interview_file
    try:
        return build_flows(load_wording(path) if path else default_wording())
    except ConfigFileError as exc:
        raise ConfigFileError(f"INTERVIEW_FILE: {exc}") from None

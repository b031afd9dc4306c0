"""Configuration from the environment and `.env`, validated once at start-up.

Every variable is documented in `.env.example`. Settings are built by `load_settings()`, never at
import time, so tests and the sandbox demo can build their own.
"""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.logs import mask
from surveys.calendar import REGIONS, WorkingCalendar
from surveys.seal import KeyMissing, parse_key, use_key

DEFAULT_DATABASE_URL = "sqlite:///./data/staypulse.db"
TELEGRAM_API_URL = "https://api.telegram.org"

# The privacy notice's information-governance defaults: true of every installation, but a council
# must name itself, its DPO and its own retention schedule before going live (docs/operating.md).
DEFAULT_CONTROLLER = "Your employer, the organisation named at the start of this chat."
DEFAULT_DPO_CONTACT = "Your employer's Data Protection Officer (the PSW team can tell you how)."
DEFAULT_LAWFUL_BASIS = (
    "Public task (UK GDPR Article 6(1)(e)): your employer's duty to recruit, support and keep "
    "a safe social care workforce. Taking part is voluntary."
)
DEFAULT_RETENTION = (
    "Your details (chat id, team, role, contract) are kept while you take part and deleted when "
    "you use /forget. Anonymous answers are kept under your employer's records retention "
    "schedule."
)
DEFAULT_COMPLAINTS = (
    "Tell the Data Protection Officer first. You can also complain to the Information "
    "Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113."
)
# Which of those a council must change before going live (`staypulse doctor` warns).
PRIVACY_TO_FILL_IN = ("privacy_controller", "privacy_dpo_contact")

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TOKEN_RE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{10,}$")


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message names the variable."""


def _day(name: str) -> int:
    """One day's name ('mon', 'Monday') as a Python weekday; a clear error for anything else."""
    key = name[:3]
    if len(name) < 3 or key not in _DAY_NAMES:
        # Not list.index's own error, which would leak "tuple.index(x): x not in tuple".
        raise ValueError(f"{name!r} is not a day (use mon, tue, wed, thu, fri, sat, sun)")
    return _DAY_NAMES.index(key)


def _parse_weekdays(value: str) -> tuple[int, ...]:
    """'mon-fri' or 'mon,tue,thu' to Python weekdays (Monday is 0)."""
    days: set[int] = set()
    for part in value.lower().replace(" ", "").split(","):
        if not part:
            continue
        if "-" in part:
            first, last = part.split("-", 1)
            start, end = _day(first), _day(last)
            if end < start:
                raise ValueError(f"range {part!r} runs backwards")
            days.update(range(start, end + 1))
        else:
            days.add(_day(part))
    if not days:
        raise ValueError("at least one working day is needed")
    return tuple(sorted(days))


class Settings(BaseSettings):
    """Everything StayPulse reads from its environment."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    # Seals drafts and unreleased answers (surveys/seal.py); never stored in the database.
    ballot_key: SecretStr | None = None
    # Delete a typed comment from the person's chat once it is stored (they are told so).
    delete_typed_comments: bool = True
    telegram_base_url: str = TELEGRAM_API_URL
    database_url: str = DEFAULT_DATABASE_URL
    timezone: str = "Europe/London"
    working_days: Annotated[tuple[int, ...], NoDecode] = (0, 1, 2, 3, 4)
    working_hours_start: time = time(9, 0)
    working_hours_end: time = time(17, 0)
    min_group_size: int = 5
    min_comment_group_size: int = 10
    # Rotating items go out as a few forms dealt per person, so every theme is asked across the
    # service (surveys/forms.py); false: everyone gets the same rotating items each wave.
    pulse_forms: bool = True
    admin_telegram_ids: Annotated[tuple[int, ...], NoDecode] = ()
    psw_chat_id: int | None = None
    # Unset (empty) means: do not load an organisation file at start; use what is in the database.
    org_file: Path | None = Path("org.yaml")
    # The question bank and schedules; unset means the ones shipped in surveys/.
    question_file: Path | None = None
    schedule_file: Path | None = None
    # Distress signals and support routes (surveys/signposting.yaml); unset means the shipped ones.
    signposting_file: Path | None = None
    # The wording of the stay and exit interviews (surveys/interviews.yaml); unset: the shipped one.
    interview_file: Path | None = None
    # Whose bank holidays are never working days: england-and-wales, scotland, northern-ireland.
    bank_holidays: str = "england-and-wales"
    log_level: str = "INFO"
    # The digest raises an alert when mean intention to stay (1–5) falls below this.
    alert_intent_below: float = Field(default=3.0, ge=1, le=5)
    # Respondents who send more than this many messages a minute are asked to slow down.
    flood_messages_per_minute: int = Field(default=20, ge=5)
    # "Remind me later" on a pulse invite: one more reminder this many hours on, or at the start
    # of the next working window if that is outside working hours (never after the pulse closes).
    remind_later_hours: int = Field(default=3, ge=1, le=72)
    # How long a new team invite link works, in days (an invite can also be revoked at any time).
    invite_days: int = Field(default=30, ge=1, le=365)
    # The information-governance part of the privacy notice; each council fills these in.
    privacy_controller: str = Field(default=DEFAULT_CONTROLLER, min_length=1, max_length=300)
    privacy_dpo_contact: str = Field(default=DEFAULT_DPO_CONTACT, min_length=1, max_length=300)
    privacy_lawful_basis: str = Field(default=DEFAULT_LAWFUL_BASIS, min_length=1, max_length=400)
    privacy_retention: str = Field(default=DEFAULT_RETENTION, min_length=1, max_length=400)
    privacy_complaints: str = Field(default=DEFAULT_COMPLAINTS, min_length=1, max_length=300)

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: Any) -> Any:
        if value in (None, ""):
            return None
        raw = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        if not _TOKEN_RE.match(raw.strip()):
            # Never echo the value: it is a secret.
            raise ValueError("does not look like a bot token (expected '<digits>:<secret>')")
        return raw.strip()

    @field_validator("ballot_key", mode="before")
    @classmethod
    def _ballot_key_shape(cls, value: Any) -> Any:
        if value in (None, ""):
            return None
        raw = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
        parse_key(raw)  # ValueError names no part of the value
        return raw.strip()

    @field_validator("telegram_base_url")
    @classmethod
    def _base_url_shape(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"{value!r} is not an http(s) URL")
        if value.endswith("/bot"):
            # A PTB-style base URL was given; we add '/bot<token>' ourselves.
            value = value[: -len("/bot")]
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        try:
            url = make_url(value.strip())
        except ArgumentError as exc:
            raise ValueError(f"{value!r} is not a database URL") from exc
        backend = url.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise ValueError(f"{backend!r} is not supported; use sqlite:/// or postgresql://")
        if backend == "postgresql" and not url.host and not url.query.get("host"):
            raise ValueError("a postgresql:// URL needs a host")
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _timezone_exists(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not a known timezone (try Europe/London)") from exc
        return value

    @field_validator("working_days", mode="before")
    @classmethod
    def _weekdays(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return _parse_weekdays(value)
            except ValueError as exc:
                raise ValueError(
                    f"{value!r} is not a list of days such as 'mon-fri' or 'mon,wed,fri' ({exc})"
                ) from exc
        return value

    @field_validator("admin_telegram_ids", mode="before")
    @classmethod
    def _id_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            try:
                return tuple(int(p) for p in parts)
            except ValueError as exc:
                raise ValueError(f"{value!r} is not a comma-separated list of ids") from exc
        return value

    @field_validator("min_group_size")
    @classmethod
    def _group_floor(cls, value: int) -> int:
        if value < 3:
            raise ValueError(f"{value} is below 3; groups that small can be identified")
        return value

    @field_validator(
        "question_file",
        "schedule_file",
        "org_file",
        "signposting_file",
        "interview_file",
        mode="before",
    )
    @classmethod
    def _optional_path(cls, value: Any) -> Any:
        return None if value in ("", None) else value

    @field_validator("psw_chat_id", mode="before")
    @classmethod
    def _optional_chat(cls, value: Any) -> Any:
        # `PSW_CHAT_ID=` as shipped in .env.example means "no PSW group".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("psw_chat_id")
    @classmethod
    def _group_id(cls, value: int | None) -> int | None:
        if value is not None and value >= 0:
            raise ValueError(
                f"{value} is a person's id, not a group's; group ids are negative (the bot logs "
                "the id of every group it is added to), or leave it empty to send the digest "
                "to each PSW member privately"
            )
        return value

    @field_validator(
        "privacy_controller",
        "privacy_dpo_contact",
        "privacy_lawful_basis",
        "privacy_retention",
        "privacy_complaints",
        mode="before",
    )
    @classmethod
    def _notice_text(cls, value: Any, info: ValidationInfo) -> Any:
        # An empty line in .env means "use the default wording", not "say nothing".
        if isinstance(value, str) and not value.strip() and info.field_name:
            return cls.model_fields[info.field_name].default
        return value.strip() if isinstance(value, str) else value

    @field_validator("bank_holidays")
    @classmethod
    def _region(cls, value: str) -> str:
        if value not in REGIONS:
            raise ValueError(f"{value!r} is not one of {', '.join(REGIONS)}")
        return value

    @field_validator("log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        value = value.upper()
        if value not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError(f"{value!r} is not one of DEBUG, INFO, WARNING, ERROR")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Settings:
        if self.working_hours_end <= self.working_hours_start:
            raise ValueError(
                "WORKING_HOURS_END: working hours must end after they start "
                f"({self.working_hours_start:%H:%M}–{self.working_hours_end:%H:%M})"
            )
        if self.min_comment_group_size < self.min_group_size:
            raise ValueError(
                "MIN_COMMENT_GROUP_SIZE: must be at least MIN_GROUP_SIZE "
                f"({self.min_comment_group_size} < {self.min_group_size})"
            )
        return self

    @property
    def tz(self) -> ZoneInfo:
        """The organisation's timezone."""
        return ZoneInfo(self.timezone)

    def calendar(self) -> WorkingCalendar:
        """When respondents may be messaged."""
        return WorkingCalendar(
            tz=self.tz,
            days=frozenset(self.working_days),
            start=self.working_hours_start,
            end=self.working_hours_end,
            region=self.bank_holidays,
        )

    def use_ballot_key(self) -> None:
        """Make BALLOT_KEY the key of every sealed column in this process; ConfigError if unset."""
        if self.ballot_key is None:
            raise ConfigError(f"Configuration error: {KeyMissing()}")
        use_key(parse_key(self.ballot_key.get_secret_value()))

    @property
    def token(self) -> str | None:
        """The bot token as plain text, or None."""
        return self.telegram_bot_token.get_secret_value() if self.telegram_bot_token else None

    def missing_files(self) -> list[str]:
        """One line for each file variable that points at no file, naming the variable."""
        problems = []
        for variable, path, otherwise in (
            ("ORG_FILE", self.org_file, "leave it empty to use the teams already loaded"),
            ("QUESTION_FILE", self.question_file, "leave it empty for the shipped question bank"),
            ("SCHEDULE_FILE", self.schedule_file, "leave it empty for the shipped schedules"),
            ("SIGNPOSTING_FILE", self.signposting_file, "leave it empty for the shipped list"),
            ("INTERVIEW_FILE", self.interview_file, "leave it empty for the shipped wording"),
        ):
            if path is not None and not path.is_file():
                where = "is a folder, not a file" if path.is_dir() else "does not exist"
                problems.append(
                    f"{variable}: {path} {where} (relative paths start in {Path.cwd()}); "
                    f"fix the path or {otherwise}."
                )
        return problems


def mask_token(token: str | None) -> str:
    """A token as it may appear anywhere people can read it: its bot id only, `7000000001:…`."""
    return mask(token) if token else "(none)"


def _describe(error: ValidationError) -> str:
    """One line that names the first wrong variable and says why."""
    first = error.errors()[0]
    loc = [str(part) for part in first.get("loc", ()) if part != "__root__"]
    message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
    if loc:
        return f"{loc[0].upper()}: {message}"
    return message


def load_settings(**overrides: Any) -> Settings:
    """Build settings from the environment and `.env`, raising ConfigError with one clear line."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(f"Configuration error: {_describe(exc)}") from None

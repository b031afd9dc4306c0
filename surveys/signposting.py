"""Signposting: does a typed text suggest its writer is struggling, and where to point them.

Every typed text is checked before it is stored (bot/handlers/text.py). The answer is a plain
yes or no that lives only as long as the reply: it is never stored with the answer, never logged,
and nothing leaves the chat because of it (docs/signposting.md). The phrases, the support
routes and the wording around them are configuration (surveys/signposting.yaml, or the file in
SIGNPOSTING_FILE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from surveys.yamlfile import ConfigFileError, validate_text

_APOSTROPHES = re.compile(r"['’‘`]")
_WORD = re.compile(r"[a-z0-9*]+")


def _tokens(text: str) -> list[str]:
    """Lower-case words, apostrophes dropped so "cant" and "can't" are one word on a phone."""
    return _WORD.findall(_APOSTROPHES.sub("", text.lower()))


OPENING = "I'm sorry things are this hard. You don't have to deal with it on your own."
COUNCIL_HEADING = "Support at work"
NATIONAL_HEADING = "Any time"


class SignpostingFile(BaseModel):
    """The signposting file as written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    signals: list[str] = Field(min_length=1)
    not_signals: list[str] = Field(default_factory=list)
    council_routes: list[str] = Field(min_length=1)
    national_routes: list[str] = Field(min_length=1)
    # The wording around the routes (plain text, shown as written). What happens to the text
    # afterwards is not configurable: it states what the software does, so it stays true.
    opening: str = Field(default=OPENING, min_length=1, max_length=300)
    council_heading: str = Field(default=COUNCIL_HEADING, min_length=1, max_length=60)
    national_heading: str = Field(default=NATIONAL_HEADING, min_length=1, max_length=60)

    @field_validator("signals", "not_signals")
    @classmethod
    def _phrases(cls, values: list[str]) -> list[str]:
        for value in values:
            words = _tokens(value)
            if not words:
                raise ValueError(f"{value!r} has no words to match")
            if any("*" in w[:-1] or w == "*" for w in words):
                raise ValueError(f"{value!r}: '*' may only end a word")
        return values

    @field_validator("council_routes", "national_routes")
    @classmethod
    def _routes(cls, values: list[str]) -> list[str]:
        for value in values:
            if not value or len(value) > 300:
                raise ValueError("each route is one line of 1 to 300 characters")
        return values


def _matches(pattern: tuple[str, ...], words: list[str], at: int) -> bool:
    if at + len(pattern) > len(words):
        return False
    for want, got in zip(pattern, words[at:], strict=False):
        if want.endswith("*"):
            if not got.startswith(want[:-1]):
                return False
        elif want != got:
            return False
    return True


def _spans(patterns: tuple[tuple[str, ...], ...], words: list[str]) -> list[tuple[int, int]]:
    return [
        (at, at + len(p)) for at in range(len(words)) for p in patterns if _matches(p, words, at)
    ]


@dataclass(frozen=True)
class Signposting:
    """The loaded file: phrases to look for and the routes to offer."""

    signals: tuple[tuple[str, ...], ...]
    not_signals: tuple[tuple[str, ...], ...]
    council_routes: tuple[str, ...]
    national_routes: tuple[str, ...]
    opening: str = OPENING
    council_heading: str = COUNCIL_HEADING
    national_heading: str = NATIONAL_HEADING

    @classmethod
    def of(cls, spec: SignpostingFile) -> Signposting:
        """From a validated file."""
        return cls(
            tuple(tuple(_tokens(s)) for s in spec.signals),
            tuple(tuple(_tokens(s)) for s in spec.not_signals),
            tuple(spec.council_routes),
            tuple(spec.national_routes),
            spec.opening,
            spec.council_heading,
            spec.national_heading,
        )

    def distressed(self, text: str) -> bool:
        """Whether the text holds a distress signal that no figure of speech in `not_signals`
        explains. Returns only yes or no: which phrase matched is nobody's business."""
        words = _tokens(text)
        excused = _spans(self.not_signals, words)
        for start, end in _spans(self.signals, words):
            if not any(s <= start and end <= e for s, e in excused):
                return True
        return False


def parse_signposting(text: str, name: str) -> Signposting:
    """Validate a signposting file's text (ConfigFileError with file, line and field)."""
    return Signposting.of(validate_text(text, name, SignpostingFile))


def load_signposting(path: Path) -> Signposting:
    """Load a council's own signposting file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_signposting(text, str(path))


@cache
def default_signposting() -> Signposting:
    """The list shipped with StayPulse."""
    text = resources.files("surveys").joinpath("signposting.yaml").read_text(encoding="utf-8")
    return parse_signposting(text, "surveys/signposting.yaml")

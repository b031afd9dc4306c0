"""The question bank: anchors asked in every pulse and rotating items on the eleven themes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from surveys.themes import ANCHORS, THEMES
from surveys.yamlfile import validate_text

ITEM_KEY_PATTERN = r"^[a-z0-9][a-z0-9_]{0,19}$"
# The five labelled buttons, in order of value 1..5.
SCALE = ("Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree")


class ItemSpec(BaseModel):
    """One statement as written in the bank file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    key: str = Field(pattern=ITEM_KEY_PATTERN)
    theme: str
    text: str = Field(min_length=1, max_length=200)
    reverse: bool = False


class _AnchorSpec(ItemSpec):
    @field_validator("theme")
    @classmethod
    def _anchor_theme(cls, value: str) -> str:
        if value not in ANCHORS:
            raise ValueError(f"{value!r} is not an anchor theme ({', '.join(ANCHORS)})")
        return value


class _RotatingSpec(ItemSpec):
    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}; one of {', '.join(THEMES)}")
        return value


class BankSpec(BaseModel):
    """The whole bank file."""

    model_config = ConfigDict(extra="forbid")

    anchors: list[_AnchorSpec] = Field(min_length=1)
    items: list[_RotatingSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_and_complete(self) -> BankSpec:
        seen: set[str] = set()
        for item in [*self.anchors, *self.items]:
            if item.key in seen:
                raise ValueError(f"item key {item.key!r} is used twice")
            seen.add(item.key)
        missing = set(THEMES) - {item.theme for item in self.items}
        if missing:
            raise ValueError(f"no item covers the theme(s) {', '.join(sorted(missing))}")
        return self


@dataclass(frozen=True)
class QuestionBank:
    """Items by key, anchors first."""

    anchors: tuple[ItemSpec, ...]
    items: tuple[ItemSpec, ...]

    def get(self, key: str) -> ItemSpec | None:
        """The item with this key, anchor or rotating."""
        for item in (*self.anchors, *self.items):
            if item.key == key:
                return item
        return None

    def score(self, key: str, value: int) -> int:
        """The answer as a score where higher is always better (reverse items turned round)."""
        item = self.get(key)
        return 6 - value if item is not None and item.reverse else value


def parse_bank(text: str, name: str) -> QuestionBank:
    """Validate bank YAML; ConfigFileError names file, line and field."""
    spec = validate_text(text, name, BankSpec)
    return QuestionBank(anchors=tuple(spec.anchors), items=tuple(spec.items))


def load_bank(path: Path) -> QuestionBank:
    """Load a bank file from disk."""
    from surveys.yamlfile import ConfigFileError

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigFileError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_bank(text, str(path))


@cache
def default_bank() -> QuestionBank:
    """The bank shipped with StayPulse."""
    text = resources.files("surveys").joinpath("questions.yaml").read_text(encoding="utf-8")
    return parse_bank(text, "surveys/questions.yaml")

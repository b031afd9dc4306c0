"""Score redaction against labelled texts: how much personal data went, how much else stayed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from surveys.redact import normalise


@dataclass(frozen=True)
class LabelledText:
    """A text with the strings that must go (`pii`) and those that must stay (`keep`)."""

    id: str
    text: str
    pii: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Miss:
    """One labelled string that redaction got wrong."""

    id: str
    kind: str  # "leaked" (personal data survived) or "lost" (a word to keep was removed)
    string: str
    redacted: str


@dataclass(frozen=True)
class RedactionScore:
    """PII recall and keep rate over a labelled set, with every miss."""

    texts: int
    pii_total: int
    pii_gone: int
    keep_total: int
    keep_kept: int
    misses: list[Miss] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of personal-data strings that no longer appear."""
        return self.pii_gone / self.pii_total if self.pii_total else 1.0

    @property
    def keep_rate(self) -> float:
        """Share of strings to keep that still appear."""
        return self.keep_kept / self.keep_total if self.keep_total else 1.0


def _fold(text: str) -> str:
    return normalise(text).casefold()


def score(rows: Iterable[LabelledText], redactor: Callable[[str], str]) -> RedactionScore:
    """Redact each text and check its labels, case-insensitively after normalisation."""
    texts = pii_total = pii_gone = keep_total = keep_kept = 0
    misses: list[Miss] = []
    for row in rows:
        texts += 1
        redacted = redactor(row.text)
        folded = _fold(redacted)
        for string in row.pii:
            pii_total += 1
            if _fold(string) in folded:
                misses.append(Miss(row.id, "leaked", string, redacted))
            else:
                pii_gone += 1
        for string in row.keep:
            keep_total += 1
            if _fold(string) in folded:
                keep_kept += 1
            else:
                misses.append(Miss(row.id, "lost", string, redacted))
    return RedactionScore(texts, pii_total, pii_gone, keep_total, keep_kept, misses)

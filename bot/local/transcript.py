"""Print a conversation in a terminal: bot messages, their buttons, what people typed."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from sandbox.client import Shown

WIDTH = 78


def render_message(shown: Shown, *, numbered: bool = False, speaker: str = "bot") -> str:
    """One bot message with its buttons; numbered buttons for `staypulse chat`."""
    lines: list[str] = []
    prefix = f"  {speaker} › "
    body = shown.text or ""
    if shown.photo:
        body = f"[picture {shown.photo.get('name', '')}] {body}".strip()
    if shown.document:
        body = f"[file {shown.document.get('name', '')}] {body}".strip()
    marker = " (edited)" if shown.edited else ""
    for index, paragraph in enumerate(body.split("\n")):
        wrapped = textwrap.wrap(paragraph, WIDTH - len(prefix)) or [""]
        for line in wrapped:
            lines.append((prefix if not lines else " " * len(prefix)) + line)
        del index
    if lines and marker:
        lines[-1] += marker
    number = 1
    for row in shown.keyboard:
        cells = []
        for button in row:
            cells.append(f"[{number}] {button.text}" if numbered else f"[ {button.text} ]")
            number += 1
        lines.append(" " * len(prefix) + "  ".join(cells))
    return "\n".join(lines)


def render_all(messages: Iterable[Shown], *, numbered: bool = False) -> str:
    """Several bot messages, one after the other."""
    return "\n".join(render_message(m, numbered=numbered) for m in messages)

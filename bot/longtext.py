"""The one path for long text: split under Telegram's 4,096 characters at paragraph, then line,
then word boundaries, never inside an HTML tag or entity, with formatting carried across parts.

Used by every reply (bot.handlers.util.reply), /digest and the scheduled digest alike, so a text
that grows past the limit (three long comments and a line per team) is split the same everywhere.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message

MAX_MESSAGE = 4096
# Room for the closing and reopening tags a part may need when a split falls inside formatting.
TAG_ROOM = 256
# A tag, an entity, a run of whitespace, a run of plain text, or a lone character.
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\s+|[^<&\s]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")


def utf16_len(text: str) -> int:
    """Telegram counts UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _tokens(text: str, budget: int) -> list[str]:
    found: list[str] = []
    for token in _TOKEN.findall(text):
        if token[0] in "<&" or utf16_len(token) <= budget:
            found.append(token)
            continue
        # One word longer than a message: cut it (it has no tag or entity inside).
        chunk = ""
        for char in token:
            if utf16_len(chunk + char) > budget:
                found.append(chunk)
                chunk = ""
            chunk += char
        found.append(chunk)
    return found


def _cut(tokens: list[str], budget: int) -> int:
    """Where to end a part: at the last paragraph break, else line break, else space (a break
    that would leave the part less than half full is passed over for a finer one)."""
    sizes = [0]
    for token in tokens:
        sizes.append(sizes[-1] + utf16_len(token))
    for mark in ("\n\n", "\n", " "):
        for index in range(len(tokens) - 1, 0, -1):
            if tokens[index].isspace() and mark in tokens[index]:
                if sizes[index] >= budget // 2 or mark == " ":
                    return index
                break
    return len(tokens)


def _balance(parts: list[list[str]]) -> list[str]:
    """Close the tags open at the end of each part and reopen them at the start of the next."""
    texts: list[str] = []
    open_tags: list[tuple[str, str]] = []  # (name, opening tag as written)
    for tokens in parts:
        prefix = "".join(tag for _name, tag in open_tags)
        for token in tokens:
            match = _TAG.fullmatch(token)
            if match is None:
                continue
            closing, name = match.group(1), match.group(2).lower()
            if not closing:
                open_tags.append((name, token))
            else:
                for index in range(len(open_tags) - 1, -1, -1):
                    if open_tags[index][0] == name:
                        del open_tags[index:]
                        break
        suffix = "".join(f"</{name}>" for name, _tag in reversed(open_tags))
        texts.append(prefix + "".join(tokens).strip() + suffix)
    return texts


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Parts of `text`, each under `limit` UTF-16 units with its tags balanced; one part when it
    fits. Whitespace-only text gives no parts."""
    if utf16_len(text) <= limit:
        return [text] if text.strip() else []
    budget = limit - TAG_ROOM
    parts: list[list[str]] = []
    current: list[str] = []
    size = 0
    for token in _tokens(text, budget):
        length = utf16_len(token)
        if size + length > budget and current:
            cut = _cut(current, budget)
            parts.append(current[:cut])
            current = current[cut:]
            while current and current[0].isspace():
                current.pop(0)
            size = sum(utf16_len(t) for t in current)
        if not current and token.isspace():
            continue
        current.append(token)
        size += length
    if current:
        parts.append(current)
    return [part for part in _balance(parts) if part.strip()]


async def send_long(
    bot: Bot,
    chat_id: int,
    text: str,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
    **kwargs: Any,
) -> list[Message]:
    """Send `text` in as many messages as it needs, the keyboard on the last; the messages."""
    parts = split_html(text)
    sent: list[Message] = []
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        sent.append(await bot.send_message(chat_id, part, reply_markup=markup, **kwargs))
    return sent

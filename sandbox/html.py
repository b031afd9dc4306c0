"""Telegram's HTML parse mode, strictly: the tag subset, entity rules and Telegram's error texts.

Only what Telegram accepts is accepted, so a bot that forgets to escape user text fails here, in a
test, and not in a social worker's chat. The error messages follow Telegram's own wording.
"""

from __future__ import annotations

import re

SUPPORTED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "tg-emoji", "code", "pre", "blockquote",
    }
)  # fmt: skip
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);")
_ATTR_RE = re.compile(r"""\s*([a-zA-Z_-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


class HtmlError(ValueError):
    """Telegram would refuse this text; `str(error)` is Telegram's description."""


def _fail(detail: str) -> HtmlError:
    return HtmlError(f"Bad Request: can't parse entities: {detail}")


def _offset(text: str, index: int) -> int:
    """Telegram reports positions as UTF-8 byte offsets."""
    return len(text[:index].encode("utf-8"))


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> str:
    """Return the visible text of a Telegram-HTML message, or raise HtmlError as Telegram would."""
    out: list[str] = []
    stack: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "&":
            match = _ENTITY_RE.match(text, i)
            if match and (decoded := _decode_entity(match.group(1))) is not None:
                out.append(decoded)
                i = match.end()
            else:
                out.append("&")  # Telegram keeps an '&' that starts no entity as it is
                i += 1
            continue
        if ch != "<":
            out.append(ch)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and text[i] == "/":
            end = text.find(">", i)
            if end == -1:
                raise _fail(f"Unclosed end tag at byte offset {_offset(text, begin)}")
            name = text[i + 1 : end].strip().lower()
            i = end + 1
            if not stack:
                raise _fail(f"Unexpected end tag at byte offset {_offset(text, begin)}")
            expected = stack.pop()
            if name != expected:
                raise _fail(
                    f"Unmatched end tag at byte offset {_offset(text, begin)}, "
                    f'expected "</{expected}>", found "</{name}>"'
                )
            continue
        # Like Telegram, read the tag name up to a space or '>' before judging it, so that a
        # bare '<' in text is reported as an unsupported tag "".
        name_end = i
        while name_end < n and not text[name_end].isspace() and text[name_end] != ">":
            name_end += 1
        if name_end >= n:
            raise _fail(f"Unclosed start tag at byte offset {_offset(text, begin)}")
        name = text[i:name_end].lower()
        if name not in SUPPORTED_TAGS:
            raise _fail(f'Unsupported start tag "{name}" at byte offset {_offset(text, begin)}')
        end = text.find(">", name_end)
        if end == -1:
            raise _fail(f"Unclosed start tag at byte offset {_offset(text, begin)}")
        body = text[name_end:end]
        i = end + 1
        attrs = dict((key.lower(), value.strip("\"'")) for key, value in _ATTR_RE.findall(body))
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise _fail('Tag "span" must have class "tg-spoiler"')
        stack.append(name)
    if stack:
        raise _fail(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)


def _decode_entity(body: str) -> str | None:
    if body.startswith("#x"):
        code = int(body[2:], 16)
    elif body.startswith("#"):
        code = int(body[1:])
    else:
        return _NAMED_ENTITIES.get(body)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)

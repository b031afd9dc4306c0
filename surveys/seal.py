"""Sealing: answers that are not yet released are encrypted with a key that is never in the
database (docs/design.md, "Anonymity").

A pulse in progress (its draft), an interview in progress and every finished ballot waiting for
release are stored sealed: AES-GCM under `BALLOT_KEY` from the settings, the row's table as
associated data (a sealed draft cannot be passed off as a sealed ballot), and the plaintext padded
to a fixed bucket so the length of a sealed comment does not say which released comment it became.
A copy of the database, its WAL or a backup therefore holds nothing readable that is linked to a
person; only the running bot, which has the key, can open them.

The key reaches the columns through a process-wide keyring (`use_key`), the way SQLAlchemy's
encrypted column types take a key callable: the models stay plain SQLModel classes and every
read and write of a sealed column is encrypted without the callers having to remember it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import LargeBinary
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

KEY_VARIABLE = "BALLOT_KEY"
_NONCE = 12
# Plaintexts are padded to a multiple of this: a comment of 1,000 characters is at most ~4 kB of
# JSON, so nearly every ballot is one bucket and sealed ballots all look the same size.
BUCKET = 4096
# Every pulse and feedback ballot is padded to this: a comment of MAX_COMMENT_CHARS four-byte
# characters (emoji), with its answers and themes, fits, so size never tells one ballot apart.
BALLOT_SIZE = 2 * BUCKET


class SealError(Exception):
    """A sealed value cannot be opened or made; the message says what to do."""


class KeyMissing(SealError):
    """No key has been configured."""

    def __init__(self) -> None:
        super().__init__(
            f"{KEY_VARIABLE} is not set: answers are sealed with it. Make one with "
            f"`staypulse key new` and put it in .env (keep a copy apart from the database backups)."
        )


class WrongKey(SealError):
    """The key does not open what the database holds."""

    def __init__(self) -> None:
        super().__init__(
            f"{KEY_VARIABLE} does not open the answers sealed in this database: it is not the key "
            f"they were sealed with. Put the original key back; nothing has been changed."
        )


def new_key() -> str:
    """A fresh 256-bit key, as the text to put in BALLOT_KEY."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii")


def parse_key(text: str) -> bytes:
    """The key bytes of a BALLOT_KEY value; ValueError says what is wrong without echoing it."""
    try:
        raw = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise ValueError("is not a key made by `staypulse key new` (not base64)") from None
    if len(raw) != 32:
        raise ValueError("is not a key made by `staypulse key new` (not 32 bytes)")
    return raw


class Sealer:
    """Seals and opens JSON-able values with one key."""

    def __init__(self, key: bytes) -> None:
        self._aead = AESGCM(key)
        # A separate key for tags, derived from the same secret, so a tag says nothing about it.
        self._tag_key = hmac.new(key, b"staypulse person tag", hashlib.sha256).digest()

    def tag(self, value: str) -> str:
        """A keyed hash of `value` (a chat id): the same person gives the same tag, and without
        the key no one can tell whose it is. Only ever stored inside sealed content."""
        return hmac.new(self._tag_key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:32]

    def seal(self, value: Any, *, context: str, size: int = 0) -> bytes:
        """Encrypt `value` (JSON-able), padded to `size` bytes when it fits (so every value of a
        column is one size), else to a whole number of buckets."""
        plain = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        target = size if len(plain) <= size else len(plain) + (-len(plain) % BUCKET)
        padded = plain + b" " * (target - len(plain))
        nonce = os.urandom(_NONCE)
        return nonce + self._aead.encrypt(nonce, padded, context.encode("ascii"))

    def open(self, blob: bytes, *, context: str) -> Any:
        """Decrypt what `seal` made; WrongKey if this key did not seal it."""
        try:
            plain = self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], context.encode("ascii"))
        except (InvalidTag, ValueError):
            raise WrongKey() from None
        return json.loads(plain.decode("utf-8"))


_current: Sealer | None = None


def use_key(key: bytes | None) -> None:
    """Make `key` the one every sealed column uses in this process (None forgets it)."""
    global _current
    _current = Sealer(key) if key is not None else None


def sealer() -> Sealer:
    """The configured sealer; KeyMissing if none."""
    if _current is None:
        raise KeyMissing()
    return _current


class SealedJSON(TypeDecorator[Any]):
    """A JSON value stored sealed (bytes); opened transparently with the process's key."""

    impl = LargeBinary
    cache_ok = True

    def __init__(self, context: str, size: int = 0) -> None:
        super().__init__()
        self.context = context
        self.size = size

    def process_bind_param(self, value: Any, dialect: Dialect) -> bytes | None:
        """Seal on the way in."""
        if value is None:
            return None
        return sealer().seal(value, context=self.context, size=self.size)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Open on the way out."""
        return None if value is None else sealer().open(bytes(value), context=self.context)


# A known value sealed when the database is first used, so a wrong key is found at start-up
# rather than when a wave closes.
CHECK_VALUE = "staypulse-ballot-key-check"

"""The real bot, polling a sandbox over loopback, on each database backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import Engine

from bot.local import LocalBot, local_bot
from bot.sandbox import Person
from bot.settings import Settings


@pytest.fixture
async def local(settings: Settings, org_engine: Engine) -> AsyncIterator[LocalBot]:
    async with local_bot(settings, org_engine) as running:
        yield running


@pytest.fixture
async def asha(local: LocalBot) -> Person:
    return await Person(local.client, 101, "Asha").join()

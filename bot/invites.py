"""Open a wave and send its invites. The scheduler calls this on a timetable; the demo and the
tests call it directly."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session
from telegram import Bot
from telegram.error import Forbidden, TelegramError

from bot import keyboards, texts
from bot.services import Services
from surveys.models import Wave
from surveys.pulse import (
    add_deliveries,
    invites_to_send,
    open_wave,
    reachable_participants,
    record_invite,
    record_unreachable,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FanOut:
    """What one round of invites achieved."""

    sent: int
    unreachable: int
    failed: int


def _open(
    *,
    session: Session,
    schedule_key: str,
    item_keys: Sequence[str],
    hours: float,
    services: Services,
) -> int:
    now = services.clock()
    wave = open_wave(
        session=session,
        schedule_key=schedule_key,
        item_keys=item_keys,
        opens_at=now,
        closes_at=now + timedelta(hours=hours),
        tz=services.settings.tz,
    )
    assert wave.id is not None
    add_deliveries(
        session=session,
        wave_id=wave.id,
        participants=reachable_participants(session=session, now=now),
    )
    return wave.id


async def open_wave_now(
    services: Services,
    *,
    item_keys: Sequence[str] | None = None,
    hours: float = 72,
    schedule_key: str = "manual",
) -> int:
    """Open a wave for everyone reachable now; returns its id (invites not yet sent)."""
    bank = services.bank
    keys = (
        list(item_keys)
        if item_keys
        else [*(a.key for a in bank.anchors), *(i.key for i in bank.items[:2])]
    )
    for key in keys:
        if bank.get(key) is None:
            raise ValueError(f"no item {key!r} in the question bank")
    return await services.db(
        _open, schedule_key=schedule_key, item_keys=keys, hours=hours, services=services
    )


def _wave_size(*, session: Session, wave_id: int) -> int:
    wave = session.get(Wave, wave_id)
    return len(wave.item_keys) if wave else 0


async def send_invites(bot: Bot, services: Services, wave_id: int) -> FanOut:
    """Invite everyone in the wave who has not been invited yet."""
    pending = await services.db(invites_to_send, wave_id=wave_id)
    count = await services.db(_wave_size, wave_id=wave_id)
    sent = unreachable = failed = 0
    for delivery_id, chat_id in pending:
        try:
            message = await bot.send_message(
                chat_id, texts.INVITE.format(count=count), reply_markup=keyboards.invite(wave_id)
            )
        except Forbidden:
            await services.db(record_unreachable, delivery_id=delivery_id)
            unreachable += 1
            continue
        except TelegramError as exc:
            log.warning(
                "invite for delivery %s not sent (%s); will retry", delivery_id, type(exc).__name__
            )
            failed += 1
            continue
        await services.db(
            record_invite,
            delivery_id=delivery_id,
            message_id=message.message_id,
            now=services.clock(),
        )
        sent += 1
    log.info(
        "wave %s invites: %d sent, %d unreachable, %d failed", wave_id, sent, unreachable, failed
    )
    return FanOut(sent, unreachable, failed)

"""One poller per door among replicas: poll while holding the door's lock (bot.store.door_lock),
stand by otherwise, and take over when the holder dies.

A lock lost because the database is down is lost for every replica, so polling goes on and
users keep being answered; once the database is back the lock is taken again, or polling stops
because another replica took it first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from bot.store.door_lock import DoorLock

log = logging.getLogger(__name__)

LOCK_RETRY_SECONDS = 2.0  # how often a replica on standby tries to take over, and the holder checks


async def hold_the_door(
    lock: DoorLock,
    receiving: Callable[[], bool],
    start: Callable[[], Awaitable[None]],
    stop: Callable[[], Awaitable[None]],
    retry_seconds: float = LOCK_RETRY_SECONDS,
) -> None:
    while receiving():
        try:
            got = await lock.try_acquire()
        except Exception as exc:  # the database down: try again
            log.debug("Chưa lấy được khoá cửa %s: %s", lock.name, exc)
            got = False
        if not got:
            await asyncio.sleep(retry_seconds)
            continue
        log.info("Bản chạy này nhận tin của cửa %s (long polling)", lock.name)
        await start()
        while receiving() and await _keeps(lock):
            await asyncio.sleep(retry_seconds)
        if receiving():
            log.warning("Một bản chạy khác đã nhận cửa %s; ngừng long polling, chờ lấy lại", lock.name)
            await stop()


async def _keeps(lock: DoorLock) -> bool:
    if await lock.still_held():
        return True
    try:
        return await lock.try_acquire()
    except Exception:
        return True  # nobody can take it while the database is down

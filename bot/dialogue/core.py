"""The dialogue core: one neutral message in, one Reply out, for every door alike.

It reads what the message is (a pressed button, a command, the number of a
suggestion, a question, a photo), applies the rate limit and the admin check
configured once for all doors, answers through the engine, and remembers the
choices it offered so that a number typed next picks one.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping

from . import catalog, commands, texts
from .actions import AskExample, ShowCatalog, ShowEntry, ShowModels, decode, encode
from .context import CONTEXT_TTL, Context
from .engine import Engine
from .messages import Incoming, Reply
from .ratelimit import RateLimiter
from .state import MemoryState, StateStore

log = logging.getLogger(__name__)

CHOICES_TTL = 30 * 60.0  # how long the numbers of offered suggestions stay valid
_CHOICE = re.compile(r"\s*#?\s*([0-9]{1,2})\s*[.)]?\s*")


class Dialogue:
    def __init__(
        self,
        engine: Engine,
        *,
        admins: Mapping[str, frozenset[str]] | None = None,
        limiter: RateLimiter | None = None,
        state: StateStore | None = None,
        choices_ttl: float = CHOICES_TTL,
        context_ttl: float = CONTEXT_TTL,
    ):
        self.engine = engine
        self.admins = dict(admins or {})
        self.limiter = limiter
        self.state: StateStore = state or MemoryState()
        self.choices_ttl = choices_ttl
        self.context_ttl = context_ttl

    def is_admin(self, msg: Incoming) -> bool:
        if msg.is_admin is not None:
            return msg.is_admin
        return msg.user_id in self.admins.get(msg.door, frozenset())

    async def handle(self, msg: Incoming) -> Reply:
        reply = await self._dispatch(msg)
        if reply.kind not in ("silent", "limited"):
            await self._remember(msg, reply)
        return reply

    async def _dispatch(self, msg: Incoming) -> Reply:
        if msg.action is not None:
            action = decode(msg.action)
            is_page_turn = isinstance(action, ShowModels | ShowCatalog) and action.turn
            if not is_page_turn and self._wait(msg) is not None:
                return Reply.say("limited", texts.SLOW_DOWN_SHORT)  # a pressed button gets a short notice
            return await self.act(msg, action)
        wait = self._wait(msg)
        if wait is not None:
            assert self.limiter is not None
            if self.limiter.should_warn(_limit_key(msg)):
                return Reply.say("limited", texts.slow_down(wait))
            return Reply.nothing()  # warned once in this window: flooding gets silence
        if msg.media is not None:
            return Reply.say("invalid", texts.NOT_TEXT)
        text = msg.text or ""
        command = commands.parse(text)
        if command is not None:
            return await commands.run(self, msg, *command)
        choice = _CHOICE.fullmatch(text)
        if choice is not None:
            picked = await self._pick(msg, int(choice.group(1)))
            if picked is not None:
                return picked
        return await self.question(msg, text)

    async def question(self, msg: Incoming, text: str) -> Reply:
        context = await self._context(msg)
        # the engine's work is CPU: off the event loop, so other chats keep being served
        answer, following = await asyncio.to_thread(self.engine.converse, text, context)
        if following is not None:
            await self.state.put(_context_key(msg), following.to_json(), self.context_ttl)
        return Reply.of(answer)

    async def _context(self, msg: Incoming) -> Context | None:
        return Context.from_json(await self.state.get(_context_key(msg)))

    async def act(self, msg: Incoming, action: object) -> Reply:
        """What a pressed button (or a picked number) does; stale or forged data has expired."""
        kb = self.engine.kb
        match action:
            case ShowEntry(entry_id):
                answer = self.engine.entry_answer(entry_id)
                if answer is not None:
                    following = self.engine.entry_context(answer)
                    if following is not None:
                        await self.state.put(_context_key(msg), following.to_json(), self.context_ttl)
                    return Reply.of(answer)
            case AskExample(number) if number < len(kb.examples):
                return await self.question(msg, kb.examples[number])
            case ShowModels(key, page, turn):
                return catalog.models_view(kb, key, page, turned=turn)
            case ShowCatalog():
                return catalog.view(kb, action)
        log.info("Nút đã hết hạn hoặc không hợp lệ từ %s: %r", msg.door, (msg.action or "")[:64])
        return Reply.say("expired", texts.EXPIRED)

    # ------------------------------------------------------------ choices by number

    async def _pick(self, msg: Incoming, number: int) -> Reply | None:
        """The remembered choice with this number, or None when nothing is on offer."""
        remembered = await self.state.get(_choices_key(msg))
        offered = list(remembered.get("actions", [])) if remembered else []
        if not offered:
            return None
        if not 1 <= number <= len(offered):
            return Reply.say("invalid", texts.choose_in_range(len(offered)))
        return await self.act(msg.model_copy(update={"action": offered[number - 1]}), decode(offered[number - 1]))

    async def _remember(self, msg: Incoming, reply: Reply) -> None:
        key = _choices_key(msg)
        if reply.choices:
            await self.state.put(key, {"actions": [encode(c.action) for c in reply.choices]}, self.choices_ttl)
        else:
            await self.state.delete(key)  # numbers always refer to the latest reply

    # ------------------------------------------------------------ rate limit

    def _wait(self, msg: Incoming) -> float | None:
        """None when the message is within the sender's limit, else the seconds to wait."""
        if self.limiter is None:
            return None
        allowed, wait = self.limiter.check(_limit_key(msg))
        if allowed:
            return None
        log.info("Giới hạn tốc độ: %s", _limit_key(msg))
        return wait


def _limit_key(msg: Incoming) -> str:
    return f"{msg.door}:{msg.user_id}"


def _context_key(msg: Incoming) -> str:
    return f"context:{msg.conversation}"


def _choices_key(msg: Incoming) -> str:
    return f"choices:{msg.conversation}"

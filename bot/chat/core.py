"""The dialogue core: one neutral message in, one Reply out, for every door alike.

It reads what the message is (a pressed button, a command, the number of a
suggestion, feedback on the last answer, a question, a photo or a curator's
file), applies the rate limit and the admin check configured once for all
doors, answers through the answerer, records the question in the store, and
remembers the choices it offered so that a number typed next picks one.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping, Sequence

from bot.answering import answer_texts
from bot.answering.answer import GAP_KINDS, REFUSED_KINDS, Answer, quote_answer
from bot.answering.answerer import Answerer
from bot.answering.context import CONTEXT_TTL, Context
from bot.answering.suggestions import AskExample, ShowEntry, ShowModels, ShowQuote
from bot.chat import chat_texts, commands, feedback_words, views
from bot.chat.actions import HandOff, Rate, ShowCatalog, decode, encode
from bot.chat.desk import Desk, Handler
from bot.chat.key_values import GuardedKeyValues, KeyValueStore, MemoryKeyValues
from bot.chat.memory import Memory
from bot.chat.messages import Incoming, Reply
from bot.chat.ratelimit import RateLimiter, SharedRateLimiter
from bot.store import Store
from bot.store.health import StoreUnavailable

log = logging.getLogger(__name__)

_CHOICE = re.compile(r"\s*#?\s*([0-9]{1,2})\s*[.)]?\s*")


class Dialogue:
    def __init__(
        self,
        answerer: Answerer,
        *,
        admins: Mapping[str, frozenset[str]] | None = None,
        limiter: RateLimiter | None = None,
        state: KeyValueStore | None = None,
        context_ttl: float = CONTEXT_TTL,
        store: Store | None = None,
        desks: Sequence[Desk] = (),
        handoff_doors: frozenset[str] = frozenset(),
    ):
        self.answerer = answerer
        self.admins = dict(admins or {})
        # with a store, a user's limit holds across replicas
        # (SQLite serves one process: its own count is the whole count, and costs no write)
        self.limiter: RateLimiter | SharedRateLimiter | None = (
            SharedRateLimiter(limiter, store.counters, store.health) if limiter and store and store.shared else limiter
        )
        self.store = store
        # the doors that can bring a curator's later answer back to the user (they send first)
        self.handoff_doors = handoff_doors
        # what the layers above add: their commands (the chat's own come first) and file intake
        self.desks = tuple(desks)
        self.commands: dict[str, Handler] = dict(commands.HANDLERS)
        for desk in self.desks:
            self.commands.update({k: v for k, v in desk.commands.items() if k not in commands.HANDLERS})
        # with a store, what a conversation remembers is shared by every replica
        self.state: KeyValueStore = state or (
            GuardedKeyValues(store.state, store.health) if store is not None else MemoryKeyValues()
        )
        self.context_ttl = context_ttl  # how long a conversation's memory lives after its last turn
        self._memories: dict[str, Memory] = {}  # of the messages being handled, by conversation

    def is_admin(self, msg: Incoming) -> bool:
        if msg.is_admin is not None:
            return msg.is_admin
        return msg.user_id in self.admins.get(msg.door, frozenset())

    async def handle(self, msg: Incoming) -> Reply:
        """The reply to a message; a failure anywhere in handling it is logged and the user is
        told so (chat_texts.FAILURE), the same in every door."""
        memory = self._memories[msg.conversation] = Memory(self.state, msg.conversation, self.context_ttl)
        try:
            reply = await self._dispatch(msg)
            if reply.kind not in ("silent", "limited"):
                # numbers always refer to the latest reply
                await memory.remember(choices=[encode(c.action) for c in reply.choices])
                await memory.save()
        except Exception:
            log.exception("Lỗi khi xử lý tin nhắn từ %s (message_id %s)", msg.door, msg.message_id)
            return Reply.say("failure", chat_texts.FAILURE)
        finally:
            self._memories.pop(msg.conversation, None)
        return reply

    def welcome(self) -> Reply:
        """What an empty chat shows (the reply to /start), without counting as a message."""
        return commands.welcome(self.answerer.kb)

    def memory(self, msg: Incoming) -> Memory:
        """The conversation's memory for the message being handled (read once, written once)."""
        return self._memories.get(msg.conversation) or Memory(self.state, msg.conversation, self.context_ttl)

    async def _dispatch(self, msg: Incoming) -> Reply:
        if msg.action is not None:
            action = decode(msg.action)
            is_page_turn = isinstance(action, ShowModels | ShowCatalog) and action.turn
            if not is_page_turn and await self._wait(msg) is not None:
                return Reply.say("limited", chat_texts.SLOW_DOWN_SHORT)  # a pressed button gets a short notice
            return await self.act(msg, action)
        wait = await self._wait(msg)
        if wait is not None:
            assert self.limiter is not None
            if self.limiter.should_warn(_limit_key(msg)):
                return Reply.say("limited", chat_texts.slow_down(wait))
            return Reply.nothing()  # warned once in this window: flooding gets silence
        text = msg.text or ""
        if msg.attachment is not None:
            desk = await self._desk_for_file(msg)
            if desk is not None:
                return await desk.receive_file(self, msg)
        if msg.media is not None:
            return Reply.say("invalid", answer_texts.NOT_TEXT)
        command = commands.parse(text)
        if command is not None:
            return await commands.run(self, msg, self.commands, *command)
        choice = _CHOICE.fullmatch(text)
        if choice is not None:
            picked = await self._pick(msg, int(choice.group(1)))
            if picked is not None:
                return picked
        rated = await self._rated(msg, text)
        if rated is not None:
            return rated
        if feedback_words.asks_whole_quote(text):
            quoted = await self.memory(msg).quoted()
            if quoted is not None:
                return await self.act(msg, ShowQuote(quoted))
        return await self.question(msg, text)

    async def wants_file(self, msg: Incoming) -> bool:
        """Is a file in this message one that a desk takes (a curator's update)? Doors fetch a
        file only when it is."""
        return await self._desk_for_file(msg) is not None

    async def _desk_for_file(self, msg: Incoming) -> Desk | None:
        for desk in self.desks:
            if await desk.takes_file(self, msg):
                return desk
        return None

    async def question(self, msg: Incoming, text: str) -> Reply:
        memory = self.memory(msg)
        context = Context.from_json(await memory.context())
        # the answerer's work is CPU: off the event loop, so other chats keep being served
        answer, following = await asyncio.to_thread(self.answerer.converse, text, context)
        if following is not None:
            await memory.remember(context=following.to_json())
        asked = await self._record(msg, text, answer)
        rateable = asked if answer.answered else None
        await memory.remember(answered=rateable)  # "sai rồi" rates the latest answer, never an older one
        await memory.remember(quoted=answer.quote_of)
        reply = Reply.of(answer)
        if rateable is not None:
            return reply.model_copy(update={"feedback": rateable})
        if asked is not None and self._may_hand_off(msg, answer):
            return reply.model_copy(update={"handoff": asked})
        return reply

    def _may_hand_off(self, msg: Incoming, answer: Answer) -> bool:
        """A real gap of the base (not a refusal on purpose), on a door that can bring an answer back."""
        return msg.door in self.handoff_doors and answer.refusal is None and answer.kind in GAP_KINDS

    async def _hand_off(self, msg: Incoming, question: int) -> Reply:
        """The question, with the turns before it, sent to the board; the chat's address kept for it alone."""
        assert self.store is not None
        record = await self.store.questions.get(question)
        if record is None or record.chat_hash != self.store.hasher.chat(msg.door, msg.chat_id):
            return Reply.say("expired", chat_texts.EXPIRED)
        before = await self.store.questions.before(record)
        handoff, new = await self.store.handoffs.open(
            door=msg.door, chat_id=msg.chat_id, text=record.text, before=before, question_id=question
        )
        if not new:
            earlier = await self.store.handoffs.get(handoff)
            done = earlier is not None and earlier.delivered
            return Reply.say("notice", chat_texts.HANDOFF_ANSWERED if done else chat_texts.HANDOFF_AGAIN)
        return Reply.say("notice", chat_texts.handed_off(record.text, self.store.retention_days))

    async def _record(self, msg: Incoming, text: str, answer: Answer) -> int | None:
        """The question in the store (ids hashed there); its id, which feedback refers to."""
        if self.store is None:
            return None
        recording = self.store.questions.record(
            door=msg.door,
            chat_id=msg.chat_id,
            user_id=msg.user_id,
            text=text,
            kind=answer.kind,
            answered=answer.answered,
            score=answer.score,
            entry_ids=answer.entry_ids,
            refusal=answer.refusal or (answer.kind if answer.kind in REFUSED_KINDS else None),
            version=self.answerer.version,
        )
        try:
            return await self.store.health.guard(recording, "question")
        except StoreUnavailable:  # the answer matters more than the statistics: counted, not waited for
            self.store.health.lost["question"] += 1
            return None
        except Exception:
            log.exception("Không ghi được câu hỏi vào cơ sở dữ liệu")
            self.store.health.lost["question"] += 1
            return None

    # ------------------------------------------------------------ feedback

    async def _rated(self, msg: Incoming, text: str) -> Reply | None:
        """ "👍", "sai rồi, phải là…": feedback on the last answer, where there is one."""
        if self.store is None:
            return None
        judged = feedback_words.read(text)
        if judged is None:
            return None
        last = await self.memory(msg).answered()
        if last is None:
            return None
        value, comment = judged
        return await self._rate(msg, last, value, comment)

    async def _rate(self, msg: Incoming, question: int, value: int, comment: str | None = None) -> Reply:
        if self.store is None:
            return Reply.say("expired", chat_texts.EXPIRED)
        recording = self.store.feedback.record(
            question, value, comment, door=msg.door, user_id=msg.user_id, chat_id=msg.chat_id
        )
        try:
            taken = await self.store.health.guard(recording, "feedback")
        except StoreUnavailable:
            self.store.health.lost["feedback"] += 1
            return Reply.say("notice", chat_texts.FEEDBACK_NOT_SAVED)
        if taken is None:
            return Reply.say("expired", chat_texts.EXPIRED)
        return Reply.say("notice", chat_texts.THANKS_FOR_CORRECTION if comment else chat_texts.THANKS_FOR_FEEDBACK)

    async def act(self, msg: Incoming, action: object) -> Reply:
        """What a pressed button (or a picked number) does; stale or forged data has expired."""
        kb = self.answerer.kb
        match action:
            case ShowEntry(entry_id):
                answer = self.answerer.entry_answer(entry_id)
                if answer is not None:
                    following = self.answerer.entry_context(answer)
                    if following is not None:
                        await self.memory(msg).remember(context=following.to_json())
                    return Reply.of(answer)
            case ShowQuote(entry_id) if entry_id in kb.by_id:
                return Reply.of(quote_answer(kb.by_id[entry_id]))
            case AskExample(number) if number < len(kb.examples):
                return await self.question(msg, kb.examples[number])
            case ShowModels(key, page, turn):
                return views.models_view(kb, key, page, turned=turn)
            case ShowCatalog():
                return views.view(kb, action)
            case Rate(question, value):
                return await self._rate(msg, question, value)
            case HandOff(question) if self.store is not None and msg.door in self.handoff_doors:
                return await self._hand_off(msg, question)
        log.info("Nút đã hết hạn hoặc không hợp lệ từ %s: %r", msg.door, (msg.action or "")[:64])
        return Reply.say("expired", chat_texts.EXPIRED)

    # ------------------------------------------------------------ choices by number

    async def _pick(self, msg: Incoming, number: int) -> Reply | None:
        """The remembered choice with this number, or None when nothing is on offer."""
        offered = await self.memory(msg).choices()
        if not offered:
            return None
        if not 1 <= number <= len(offered):
            return Reply.say("invalid", answer_texts.choose_in_range(len(offered)))
        return await self.act(msg.model_copy(update={"action": offered[number - 1]}), decode(offered[number - 1]))

    # ------------------------------------------------------------ rate limit

    async def _wait(self, msg: Incoming) -> float | None:
        """None when the message is within the sender's limit, else the seconds to wait."""
        if self.limiter is None:
            return None
        if isinstance(self.limiter, SharedRateLimiter):
            allowed, wait = await self.limiter.check(_limit_key(msg))
        else:
            allowed, wait = self.limiter.check(_limit_key(msg))
        if allowed:
            return None
        log.info("Giới hạn tốc độ: %s", _limit_key(msg))
        return wait


def _limit_key(msg: Incoming) -> str:
    return f"{msg.door}:{msg.user_id}"

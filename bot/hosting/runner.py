"""Running the bot as a host runs it: every configured door in one process, until SIGTERM.

Start-up binds ``$PORT`` at once (webhook mode) and does the slow parts in the
background: loading the knowledge base, reaching each platform, registering
webhooks; ``/healthz`` answers 503 saying what is not ready until all is.
SIGTERM (or SIGINT) stops taking updates (webhooks get 503 so the platform
delivers them again later, polling stops), finishes every update already
accepted within ``DRAIN_SECONDS``, then exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

from bot.answering.answerer import Answerer
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.curation.library import KnowledgeLibrary
from bot.hosting import web, wiring
from bot.hosting.admin_console import AdminConsole
from bot.hosting.dispatcher import ChatDispatcher
from bot.hosting.draining import drain
from bot.hosting.inbox_worker import InboxWorker
from bot.hosting.service import Service
from bot.hosting.settings import Settings
from bot.hosting.telegram_service import TelegramService
from bot.hosting.web_chat_service import WebChatService
from bot.hosting.zalo_service import ZaloService
from bot.knowledge.problems import KnowledgeError
from bot.store import Store
from bot.store.store import StoreError
from bot.store.url import DatabaseUrlError

log = logging.getLogger(__name__)


def services(settings: Settings, webhook: bool, dispatcher: ChatDispatcher) -> list[Service]:
    """Every door whose token is set, and the web chat when WEB_CHAT=on."""
    out: list[Service] = []
    if settings.telegram_bot_token is not None:
        out.append(TelegramService(settings, webhook, dispatcher))
    if settings.zalo_bot_token is not None:
        out.append(ZaloService(settings, webhook, dispatcher))
    if settings.web_chat:
        out.append(WebChatService(settings))
    return out


class Runtime:
    def __init__(
        self,
        settings: Settings,
        webhook: bool,
        answerer: Answerer | None = None,
        host: str | None = None,
        doors: Callable[[ChatDispatcher], list[Service]] | None = None,
        use_store: bool = False,
    ):
        self.settings = settings
        self.webhook = webhook
        self.host = host if host is not None else settings.host
        self.dispatcher = ChatDispatcher(settings.max_concurrent_updates)
        self.services = doors(self.dispatcher) if doors is not None else services(settings, webhook, self.dispatcher)
        self.answerer = answerer
        self.use_store = use_store  # questions, feedback, state and knowledge versions in DATABASE_URL
        self.store: Store | None = None
        self.library: KnowledgeLibrary | None = None
        self._chores: list[asyncio.Task[None]] = []
        self.core: Dialogue | None = None
        self.knowledge_problem: str | None = None
        self.draining = False
        self.server: web.Server | None = None
        self._server_task: asyncio.Task[None] | None = None
        self._starting: list[asyncio.Task[None]] = []
        self.failed = asyncio.Event()  # a fatal start-up error (a broken knowledge base, a refused token)
        self.inbox: InboxWorker | None = None  # with a store: updates kept until answered, shared by replicas
        self.console = AdminConsole(settings)  # /admin, once the store and the core are up

    # ------------------------------------------------------------ health

    @property
    def ready(self) -> bool:
        return self.core is not None and not self.draining and all(s.ready for s in self.services)

    @property
    def store_up(self) -> bool:
        return self.store is None or self.store.health.up

    def health(self) -> tuple[bool, dict[str, Any]]:
        status = "draining" if self.draining else ("ok" if self.ready else "starting")
        if status == "ok" and not self.store_up:
            status = "store down"  # still answering from memory; webhooks get 503 until it is back
        report: dict[str, Any] = {
            "status": status,
            "mode": "webhook" if self.webhook else "polling",
            "knowledge": self._knowledge(),
            "doors": {s.name: s.health() for s in self.services},
            "updates": {
                "pending": self.dispatcher.pending,
                "done": self.dispatcher.done,
                "failed": self.dispatcher.failed,
                **(self.inbox.health() if self.inbox is not None else {}),
            },
        }
        if self.store is not None:
            report["store"] = self.store.health.report()
        return self.ready and self.store_up, report

    def _knowledge(self) -> dict[str, Any]:
        if self.answerer is None:
            return {"loaded": False, **({"problem": self.knowledge_problem} if self.knowledge_problem else {})}
        kb = self.answerer.kb
        return {
            "loaded": True,
            **({"version": self.library.loaded} if self.library is not None else {}),
            "articles": len(kb.articles),
            "entries": len(kb.entries),
            "districts": list(kb.districts),
            "loaded_at": kb.loaded_at.isoformat(timespec="seconds"),
        }

    # ------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind the port now (webhooks, the web chat, the console); load and connect in the background."""
        if self.webhook or self.settings.web_chat or self.settings.public_url:
            routes = [route for s in self.services for route in s.routes()]
            if self.use_store:
                routes += self.console.routes()
            self.server = web.server(
                web.app(routes, self.health), self.host, self.settings.port, self.settings.log_level
            )
            self._server_task = asyncio.create_task(self.server.serve())
            while not self.server.started:
                if self._server_task.done():
                    self._server_task.result()  # the port was taken: say so
                    raise RuntimeError("máy chủ web dừng trước khi chạy")
                await asyncio.sleep(0.01)
            log.info("Máy chủ web trên cổng %s", self.settings.port)
        self._starting.append(asyncio.create_task(self._bring_up()))

    async def _bring_up(self) -> None:
        try:
            if self.use_store:
                self.store = await wiring.open_store(self.settings)
                self.library = wiring.library(self.store, self.settings)
            if self.answerer is None:
                self.answerer = await self._load()
        except KnowledgeError as exc:
            self.knowledge_problem = f"{len(exc.problems)} lỗi trong dữ liệu"
            log.error("Không nạp được dữ liệu:\n%s", exc)
            self.failed.set()
            return
        except (StoreError, DatabaseUrlError) as exc:
            self.knowledge_problem = str(exc)
            log.error("%s", exc)
            self.failed.set()
            return
        self.core = wiring.dialogue(self.answerer, self.settings, self.store, self.library)
        if self.store is not None:
            self.inbox = InboxWorker(self.store, self.dispatcher, lease_seconds=self.settings.inbox_lease_seconds)
            for service in self.services:
                use_inbox = getattr(service, "use_inbox", None)
                if use_inbox is not None:
                    use_inbox(self.inbox)
                use_store = getattr(service, "use_store", None)
                if use_store is not None:
                    use_store(self.store)
            self.inbox.start()
            if self.library is not None:
                self.console.serve(self.core, self.library, self.store, self.deliver)
            self._chores.append(asyncio.create_task(self._purge_daily()))
            self._chores.append(asyncio.create_task(self._follow_versions()))
        for service in self.services:
            self._starting.append(asyncio.create_task(self._start(service, self.core)))

    async def _load(self) -> Answerer:
        """The newest stored version (or, without a store, the knowledge directory), built and validated."""
        if self.library is None:
            return await asyncio.to_thread(Answerer.from_directory, self.settings.knowledge_dir)
        number, snapshot = await self.library.build_newest()
        answerer = Answerer(snapshot)
        self.library.serve(answerer, number, snapshot)
        log.info("Đang dùng phiên bản dữ liệu %d", number)
        return answerer

    async def _purge_daily(self) -> None:
        """Questions older than QUESTION_RETENTION_DAYS go, at start and every day."""
        assert self.store is not None
        while True:
            try:
                removed = await self.store.purge_questions()
                await self.store.inbox.purge()
                if removed:
                    log.info("Đã xoá %d câu hỏi quá %d ngày", removed, self.settings.question_retention_days)
            except Exception:
                log.exception("Không xoá được các câu hỏi cũ")
            await asyncio.sleep(24 * 3600)

    async def _follow_versions(self) -> None:
        while True:
            await asyncio.sleep(self.settings.knowledge_poll_seconds)
            await self.follow_newest()

    async def follow_newest(self) -> bool:
        """Another replica (or the command line) stored a newer version: serve it here too.
        True when this process switched."""
        if self.library is None or self.core is None:
            return False
        try:
            newest = await self.library.newest_number()
            if newest is None or newest == self.library.loaded:
                return False
            report = await self.library.serve_newest(self.core.answerer)
        except KnowledgeError as exc:
            log.error("Phiên bản dữ liệu mới không dùng được; vẫn dùng bản cũ:\n%s", exc)
            return False
        except Exception:
            log.exception("Không kiểm tra được phiên bản dữ liệu mới")
            return False
        log.info("Đã chuyển sang phiên bản dữ liệu %s: %s", self.library.loaded, report)
        return True

    async def _start(self, service: Service, core: Dialogue) -> None:
        try:
            await service.start(core)
            log.info("Cửa %s sẵn sàng", service.name)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("Không khởi động được cửa %s", service.name)
            self.failed.set()

    async def deliver(self, door: str, chat_id: str, reply: Reply) -> bool:
        """A message to a chat that sent nothing now (the board's answer): True once the door took it."""
        for service in self.services:
            send_to = getattr(service, "send_to", None)
            if service.name == door and send_to is not None:
                try:
                    await send_to(chat_id, reply)
                except Exception:
                    log.exception("Không gửi được tin tới %s", door)
                    return False
                return True
        return False

    async def wait_ready(self, timeout: float = 30.0) -> None:
        """For tests and tools: until every door is ready (or start-up failed)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.ready:
            if self.failed.is_set():
                raise RuntimeError("start-up failed: " + str(self.health()[1]))
            if loop.time() > deadline:
                raise TimeoutError(str(self.health()[1]))
            await asyncio.sleep(0.02)

    async def shutdown(self) -> int:
        """Stop taking updates, finish the accepted ones (within drain_seconds), stop. Returns how many were left."""
        started = time.monotonic()
        self.draining = True
        for task in self._starting:
            task.cancel()
        for task in self._starting:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for service in self.services:
            with contextlib.suppress(Exception):
                await service.stop_receiving()
        if self.inbox is not None:  # answered from the inbox until it is empty, within the drain
            await self.inbox.drain(max(0.0, self.settings.drain_seconds - (time.monotonic() - started) - 1.0))
        left = await drain(self.dispatcher, self.services, self.settings.drain_seconds, started)
        if self.inbox is not None:
            await self.inbox.close()
        if self.server is not None and self._server_task is not None:
            self.server.should_exit = True
            with contextlib.suppress(Exception):
                await self._server_task
        for service in self.services:
            await service.close()
        for chore in self._chores:
            chore.cancel()
        for chore in self._chores:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await chore
        if self.library is not None:
            self.library.close()
        if self.store is not None:
            await self.store.close()
        return left

    async def __aenter__(self) -> Runtime:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.shutdown()

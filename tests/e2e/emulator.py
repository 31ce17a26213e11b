"""A Telegram Bot API emulator for end-to-end tests of a real python-telegram-bot Application.

The emulator is the npm package ``telegram-test-api`` (pinned in ``tests/e2e/package.json``,
installed with ``npm ci --prefix tests/e2e``) run by ``tests/e2e/server.js``, which fixes what
python-telegram-bot 22 cannot parse (see the comment at the top of server.js). This module
starts that Node process and plays the user's side over HTTP.

One Node process serves a whole pytest session (:class:`EmulatorProcess`); every test gets its
own :class:`Emulator`, a view with a fresh bot token. The emulator keeps everything per token,
so tests do not see each other's updates or messages.

Typical use (the ``emulator`` fixture is in ``tests/e2e/conftest.py``)::

    app = emulator.application_builder().build()
    app.add_handler(...)
    async with run_polling(app):
        await emulator.send_message("xin chào", user_id=42)
        [reply] = await emulator.wait_for_bot_messages(42)
        assert reply.text == "..."
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import itertools
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from telegram.ext import Application, ApplicationBuilder

E2E_DIR = Path(__file__).resolve().parent
SERVER_JS = E2E_DIR / "server.js"
PACKAGE_MARKER = E2E_DIR / "node_modules" / "telegram-test-api" / "package.json"
INSTALL_HINT = "run npm ci --prefix tests/e2e"

DEFAULT_BOT_USERNAME = "lam_theo_bac_bot"
DEFAULT_USER_ID = 10001
DEFAULT_FIRST_NAME = "Người dùng"
DEFAULT_GROUP_ID = -4000000001
DEFAULT_SUPERGROUP_ID = -1001000000001
START_TIMEOUT = 20.0
POLL_EVERY = 0.05

JSON = dict[str, Any]


class EmulatorNotAvailable(RuntimeError):
    """Node, the installed package or the emulator process is missing."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, as the emulator stored it (what the bot asked for, not reparsed).

    ``text`` is the raw text the bot sent (HTML or Markdown markup included), ``parse_mode`` its
    parse mode. ``reply_markup`` is any keyboard (inline or reply/remove), ``buttons`` the inline
    keyboard flattened. ``edits`` lists the edits made so far (each a dict with method, date,
    text, parse_mode, reply_markup): a message returned by :meth:`Emulator.wait_for_bot_messages`
    is a snapshot taken when it was first seen; :meth:`Emulator.bot_history` gives the current
    state.
    """

    message_id: int
    chat_id: int
    text: str | None
    parse_mode: str | None = None
    reply_markup: JSON | None = None
    entities: list[JSON] | None = None
    reply_to_message_id: int | None = None
    date: int = 0
    edits: tuple[JSON, ...] = ()
    raw: JSON = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> BotMessage:
        message = dict(record.get("message") or {})
        reply_parameters = _decode(message.get("reply_parameters"))
        reply_to = None
        if isinstance(reply_parameters, Mapping) and "message_id" in reply_parameters:
            reply_to = int(reply_parameters["message_id"])
        elif message.get("reply_to_message_id") is not None:
            reply_to = int(message["reply_to_message_id"])
        markup = _decode(message.get("reply_markup"))
        entities = _decode(message.get("entities"))
        return cls(
            message_id=int(record["messageId"]),
            chat_id=int(message["chat_id"]),
            text=message.get("text"),
            parse_mode=message.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None,
            entities=entities if isinstance(entities, list) else None,
            reply_to_message_id=reply_to,
            date=int(record.get("time", 0)) // 1000,
            edits=tuple(record.get("edits") or ()),
            raw=dict(record),
        )

    @property
    def buttons(self) -> list[JSON]:
        """The inline keyboard's buttons, row by row, flattened ([] without one)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button(self, text: str) -> JSON:
        """The inline button with this exact label."""
        for candidate in self.buttons:
            if candidate.get("text") == text:
                return candidate
        labels = [b.get("text") for b in self.buttons]
        raise AssertionError(f"no inline button {text!r} on message {self.message_id}; buttons: {labels}")


@dataclass(frozen=True)
class SentMessage:
    """What the user side sent: ids as the bot will see them in the update."""

    update_id: int
    message_id: int
    chat_id: int


@dataclass(frozen=True)
class SentCallback:
    update_id: int
    callback_query_id: str


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[":
        with contextlib.suppress(ValueError):
            return json.loads(value)
    return value


def _command_entities(text: str) -> list[JSON]:
    command = text.split(maxsplit=1)[0] if text.strip() else ""
    if not command.startswith("/"):
        raise ValueError(f"a command starts with '/': {text!r}")
    return [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- the process


class EmulatorProcess:
    """``node tests/e2e/server.js`` on 127.0.0.1, one per test session."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, stderr_path: Path, bot_username: str):
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.bot_username = bot_username
        self._stderr_path = stderr_path
        self._tokens = itertools.count(1)

    @classmethod
    def start(
        cls,
        *,
        bot_username: str = DEFAULT_BOT_USERNAME,
        port: int = 0,
        timeout: float = START_TIMEOUT,
        node: str | None = None,
    ) -> EmulatorProcess:
        """Start the emulator and wait for its ``READY <port>`` line.

        ``port`` 0 (the default) lets the OS pick a free port, which the READY line reports:
        no window in which another process could take a port chosen in advance.
        Raises :class:`EmulatorNotAvailable` with the reason and the fix.
        """
        node = node or os.environ.get("E2E_NODE") or shutil.which("node")
        if not node:
            raise EmulatorNotAvailable(f"node (Node.js >= 18) is not on PATH; install it, then {INSTALL_HINT}")
        if not PACKAGE_MARKER.is_file():
            raise EmulatorNotAvailable(
                f"telegram-test-api is not installed in {E2E_DIR / 'node_modules'}: {INSTALL_HINT}"
            )
        stderr_file = tempfile.NamedTemporaryFile(prefix="tg-emulator-", suffix=".log", delete=False)  # noqa: SIM115
        env = dict(os.environ, BOT_USERNAME=bot_username, E2E_EXIT_ON_STDIN_EOF="1")
        process = subprocess.Popen(
            [node, str(SERVER_JS), str(port)],
            cwd=E2E_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr_file,
            env=env,
        )
        stderr_file.close()
        lines: queue.Queue[bytes | None] = queue.Queue()

        def pump() -> None:  # keeps the pipe drained for the process's whole life
            assert process.stdout is not None
            for line in process.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, name="tg-emulator-stdout", daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(0.01, remaining))
            except queue.Empty:
                line = b""
            if line is None or (line == b"" and remaining <= 0):
                why = "exited" if process.poll() is not None else f"did not print READY within {timeout:.0f}s"
                _stop(process)
                log = Path(stderr_file.name).read_text(errors="replace").strip()
                raise EmulatorNotAvailable(
                    f"the Telegram emulator ({SERVER_JS.name}) {why}; if node_modules is stale, "
                    f"{INSTALL_HINT}.\n--- its stderr ---\n{log}"
                )
            text = line.decode(errors="replace").strip()
            if text.startswith("READY "):
                return cls(process, int(text.split()[1]), Path(stderr_file.name), bot_username)

    def stderr_text(self) -> str:
        try:
            return self._stderr_path.read_text(errors="replace")
        except OSError:
            return ""

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise EmulatorNotAvailable(
                f"the Telegram emulator died (exit code {self.process.returncode}).\n"
                f"--- its stderr ---\n{self.stderr_text().strip()}"
            )

    def new_bot(self, name: str = "") -> Emulator:
        """A view of the emulator with a fresh, realistic-looking bot token."""
        n = next(self._tokens)
        digest = hashlib.sha256(f"{name}|{n}|{os.getpid()}".encode()).digest()
        secret = base64.urlsafe_b64encode(digest).decode().rstrip("=")[:32]
        bot_id = 7_000_000_000 + (os.getpid() % 10_000) * 10_000 + n
        return Emulator(self, token=f"{bot_id}:AAH{secret}", bot_username=self.bot_username)

    def stop(self) -> None:
        _stop(self.process)
        with contextlib.suppress(OSError):
            self._stderr_path.unlink()


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        with contextlib.suppress(OSError):
            if process.stdin:
                process.stdin.close()
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for stream in (process.stdin, process.stdout):
        if stream:
            with contextlib.suppress(OSError):
                stream.close()


# --------------------------------------------------------------------------- one test's view


class Emulator:
    """The emulator as one test sees it: one bot token, and the user's side of the chat.

    ``base_url`` goes to ``ApplicationBuilder().base_url(...)`` together with ``token``.
    All ``chat_id``/``user_id`` arguments are plain ints; private chats default to the user's
    id, groups (``chat_type="group"`` / ``"supergroup"``) to a fixed negative id.
    """

    def __init__(self, process: EmulatorProcess, *, token: str, bot_username: str):
        self.process = process
        self.url = process.url
        self.base_url = f"{process.url}/bot"
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self._seen: dict[int, list[BotMessage]] = {}
        self._cursor: dict[int, int] = {}

    # -- python-telegram-bot side

    def application_builder(self) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
        """``ApplicationBuilder()`` with this emulator's token and base_url set."""
        from telegram.ext import ApplicationBuilder

        return ApplicationBuilder().token(self.token).base_url(self.base_url)

    # -- HTTP

    async def _post(self, path: str, payload: Mapping[str, Any]) -> Any:
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            self._client = httpx.AsyncClient(base_url=self.url, timeout=10.0, trust_env=False)
            self._client_loop = loop
        response = await self._client.post(path, json=dict(payload))
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict) or not body.get("ok"):
            raise AssertionError(f"emulator POST {path} failed: HTTP {response.status_code} {response.text[:500]}")
        return body.get("result")

    async def aclose(self) -> None:
        if self._client is not None:
            with contextlib.suppress(RuntimeError):  # its loop may be gone
                await self._client.aclose()
            self._client = None

    # -- the user's side

    def _user(self, user_id: int, first_name: str | None, username: str | None, language_code: str | None) -> JSON:
        user: JSON = {"id": int(user_id), "is_bot": False, "first_name": first_name or DEFAULT_FIRST_NAME}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _chat(self, chat_id: int | None, chat_type: str, user: JSON, title: str | None) -> JSON:
        if chat_type == "private":
            chat: JSON = {
                "id": int(chat_id if chat_id is not None else user["id"]),
                "type": "private",
                "first_name": user["first_name"],
            }
            if "username" in user:
                chat["username"] = user["username"]
            return chat
        if chat_type not in ("group", "supergroup"):
            raise ValueError(f"chat_type must be private, group or supergroup, not {chat_type!r}")
        default = DEFAULT_GROUP_ID if chat_type == "group" else DEFAULT_SUPERGROUP_ID
        return {
            "id": int(chat_id if chat_id is not None else default),
            "type": chat_type,
            "title": title or "Nhóm thử nghiệm",
        }

    async def send_message(
        self,
        text: str,
        chat_id: int | None = None,
        user_id: int = DEFAULT_USER_ID,
        chat_type: str = "private",
        reply_to_message: BotMessage | SentMessage | int | None = None,
        entities: Sequence[Mapping[str, Any]] | None = None,
        *,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
        chat_title: str | None = None,
        _command: bool = False,
    ) -> SentMessage:
        """The user sends ``text``; returns the update and message ids the bot will get.

        ``reply_to_message`` (a message id, a :class:`BotMessage` or a :class:`SentMessage`) is
        resolved by the emulator to the full message in the same chat.
        """
        user = self._user(user_id, first_name, username, language_code)
        chat = self._chat(chat_id, chat_type, user, chat_title)
        message: JSON = {
            "botToken": self.token,
            "from": user,
            "chat": chat,
            "text": text,
            "date": int(time.time()),
        }
        if entities is not None:
            message["entities"] = [dict(e) for e in entities]
        if reply_to_message is not None:
            message["reply_to_message_id"] = (
                reply_to_message if isinstance(reply_to_message, int) else reply_to_message.message_id
            )
        result = await self._post("/sendCommand" if _command else "/sendMessage", message)
        return SentMessage(int(result["update_id"]), int(result["message_id"]), int(result["chat_id"]))

    async def send_command(self, text: str, **kwargs: Any) -> SentMessage:
        """Like :meth:`send_message` for ``/command [args]`` (``/cmd@botname`` too), with the
        ``bot_command`` entity Telegram adds unless ``entities`` is given."""
        if kwargs.get("entities") is None:
            kwargs["entities"] = _command_entities(text)
        return await self.send_message(text, _command=True, **kwargs)

    async def send_callback(
        self,
        data: str,
        message: BotMessage | int | None = None,
        user_id: int = DEFAULT_USER_ID,
        *,
        chat_id: int | None = None,
        first_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "vi",
    ) -> SentCallback:
        """The user presses an inline button with callback ``data`` on the bot's ``message``.

        ``message`` is a :class:`BotMessage` (its chat is used) or a message id (in ``chat_id``,
        default the user's private chat). The update carries the bot's stored message in full.
        """
        user = self._user(user_id, first_name, username, language_code)
        payload: JSON = {"botToken": self.token, "from": user, "data": data}
        if isinstance(message, BotMessage):
            payload["message"] = {"message_id": message.message_id, "chat": {"id": message.chat_id}}
        elif message is not None:
            target_chat = chat_id if chat_id is not None else user_id
            payload["message"] = {"message_id": int(message), "chat": {"id": int(target_chat)}}
        result = await self._post("/sendCallback", payload)
        return SentCallback(int(result["update_id"]), str(result["callback_query_id"]))

    # -- what the bot sent

    async def _fetch(self, chat_id: int) -> list[BotMessage]:
        records = await self._post("/getUpdates", {"token": self.token, "chatId": int(chat_id)})
        seen = self._seen.setdefault(int(chat_id), [])
        fresh = [BotMessage.from_record(r) for r in records or ()]
        seen.extend(fresh)
        seen.sort(key=lambda m: m.message_id)
        return fresh

    async def bot_messages(self, chat_id: int) -> list[BotMessage]:
        """Every message the bot has sent to ``chat_id`` during this test, oldest first
        (snapshots as first seen; see :meth:`bot_history` for edits)."""
        await self._fetch(chat_id)
        return list(self._seen.get(int(chat_id), []))

    async def wait_for_bot_messages(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> list[BotMessage]:
        """The next ``count`` messages the bot sends to ``chat_id`` that no earlier call of this
        method returned, waiting up to ``timeout`` seconds. Extra messages stay for the next call.
        Raises AssertionError (with what did arrive and the bot's failed API calls) on timeout."""
        chat_id = int(chat_id)
        deadline = time.monotonic() + timeout
        while True:
            await self._fetch(chat_id)
            seen = self._seen.get(chat_id, [])
            start = self._cursor.get(chat_id, 0)
            if len(seen) - start >= count:
                self._cursor[chat_id] = start + count
                return seen[start : start + count]
            if time.monotonic() >= deadline:
                break
            await asyncio.sleep(POLL_EVERY)
        self.process.check_alive()
        failed = [c for c in await self.api_calls() if c.get("ok") is False]
        got = [m.text for m in seen[start:]]
        raise AssertionError(
            f"waited {timeout:g}s for {count} new bot message(s) in chat {chat_id}, got {len(got)}: {got!r}; "
            f"bot API calls that failed: {[(c['method'], c.get('description')) for c in failed]!r}"
        )

    async def bot_history(self, chat_id: int) -> list[BotMessage]:
        """Current state of the bot's messages in ``chat_id`` (edits applied, deleted ones gone),
        from the emulator's ``/getUpdatesHistory``. Does not move the wait cursor."""
        records = await self._post("/getUpdatesHistory", {"token": self.token})
        return sorted(
            (
                BotMessage.from_record(r)
                for r in records or ()
                if "chat_id" in (r.get("message") or {}) and int(r["message"]["chat_id"]) == int(chat_id)
            ),
            key=lambda m: m.message_id,
        )

    async def wait_for_edit(self, chat_id: int, message_id: int, edits: int = 1, timeout: float = 10.0) -> BotMessage:
        """The bot's message once it has been edited at least ``edits`` times in all."""
        deadline = time.monotonic() + timeout
        while True:
            current = [m for m in await self.bot_history(chat_id) if m.message_id == message_id]
            if current and len(current[0].edits) >= edits:
                return current[0]
            if time.monotonic() >= deadline:
                raise AssertionError(
                    f"message {message_id} in chat {chat_id} was not edited {edits} time(s) "
                    f"within {timeout:g}s; "
                    f"now: {current[0] if current else 'not found (deleted?)'}"
                )
            await asyncio.sleep(POLL_EVERY)

    async def api_calls(self, method: str | Iterable[str] | None = None) -> list[JSON]:
        """The Bot API calls the bot made with this token, oldest first: dicts with ``seq``,
        ``time``, ``method``, ``params`` (as sent, JSON fields decoded), ``ok`` and, on failure,
        ``error_code`` and ``description``."""
        calls: list[JSON] = await self._post("/e2e/calls", {"token": self.token}) or []
        if method is None:
            return calls
        wanted = {method} if isinstance(method, str) else set(method)
        return [c for c in calls if c["method"] in wanted]

    async def wait_for_api_call(self, method: str, count: int = 1, timeout: float = 10.0) -> list[JSON]:
        """The first ``count`` calls of ``method`` once the bot has made that many (e.g. to see
        an answerCallbackQuery, which leaves no message)."""
        deadline = time.monotonic() + timeout
        while True:
            calls = [c for c in await self.api_calls(method) if "ok" in c]
            if len(calls) >= count:
                return calls[:count]
            if time.monotonic() >= deadline:
                raise AssertionError(f"the bot called {method} {len(calls)} time(s) in {timeout:g}s, not {count}")
            await asyncio.sleep(POLL_EVERY)

    async def reset(self) -> None:
        """Forget this token's stored updates, messages and call log."""
        await self._post("/e2e/reset", {"token": self.token})
        self._seen.clear()
        self._cursor.clear()


# --------------------------------------------------------------------------- running a bot


@contextlib.asynccontextmanager
async def run_polling(
    application: Application[Any, Any, Any, Any, Any, Any],
    *,
    poll_interval: float = 0.1,
    timeout: float = 1.0,
    drop_pending_updates: bool = False,
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Run ``application`` in polling mode for the ``async with`` block, then stop it cleanly.

    The emulator long-polls (``timeout`` seconds), so updates arrive without waiting for
    ``poll_interval``.
    """
    import datetime as dtm

    await application.initialize()
    try:
        await application.start()
        assert application.updater is not None, "build the Application with an Updater"
        await application.updater.start_polling(
            poll_interval=poll_interval,
            timeout=dtm.timedelta(seconds=timeout),
            drop_pending_updates=drop_pending_updates,
        )
        yield application
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()

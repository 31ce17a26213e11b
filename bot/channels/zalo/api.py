"""An async HTTP client for the Zalo Bot Platform API (``bot-api.zaloplatforms.com``).

Every method is ``POST {base_url}/bot{token}/{method}`` with a JSON body, answered by
``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": N, "description": …}``.
There is no maintained Python SDK, so this is a thin typed layer over httpx.

The token is part of every URL, so it is kept out of everything this module lets out:
exceptions carry only redacted text and never chain the httpx exception (whose request holds
the URL), ``repr`` hides it, and httpx's request log line is redacted by a filter on the
``httpx`` logger.
"""

from __future__ import annotations

import logging
import threading
from types import TracebackType
from typing import Any, Literal, Self, TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from bot.channels.zalo.updates import Id, OptionalDate, OptionalText, ZaloUpdate, parse_update

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://bot-api.zaloplatforms.com"
ZALO_TEXT_LIMIT = 2000  # characters per sendMessage text (and sendPhoto caption)
WEBHOOK_SECRET_HEADER = "X-Bot-Api-Secret-Token"  # carries setWebhook's secret_token on every delivery
DEFAULT_TIMEOUT = 10.0  # seconds for every call but the long poll
POLL_GRACE = 10.0  # seconds a getUpdates may outlast its own timeout (network, server lag)
QUOTA_EXCEEDED = 429
POLL_TIMEOUT = 408  # getUpdates: no update before the timeout
_TRANSIENT_HTTP = frozenset({502, 503, 504})  # what a proxy in front of the API says while it restarts


class ZaloError(Exception):
    """Anything that went wrong talking to Zalo. The text never holds the token."""


class ZaloApiError(ZaloError):
    """Zalo answered, and said no: ``error_code`` (429 = quota exceeded) and ``description``."""

    def __init__(self, error_code: int, description: str, method: str = "") -> None:
        self.error_code = error_code
        self.description = description
        self.method = method
        super().__init__(f"{method + ': ' if method else ''}{error_code} {description}".strip())


class ZaloNetworkError(ZaloError):
    """Zalo could not be reached, or the connection broke before an answer.

    In the second case the call may have taken effect: a retried sendMessage can arrive twice.
    """

    def __init__(self, description: str, method: str = "") -> None:
        self.description = description
        self.method = method
        super().__init__(f"{method + ': ' if method else ''}{description}")


def is_transient(error: BaseException) -> bool:
    """Is retrying the call later likely to succeed? Quota (429), network failures, a restarting gateway.

    Meant as the Outbox's ``should_retry`` for a Zalo sender.
    """
    if isinstance(error, ZaloNetworkError):
        return True
    return isinstance(error, ZaloApiError) and (
        error.error_code == QUOTA_EXCEEDED or error.error_code in _TRANSIENT_HTTP
    )


_RESULT_CONFIG = ConfigDict(frozen=True, extra="ignore", coerce_numbers_to_str=True)


class BotInfo(BaseModel):
    """``getMe``: the bot's own account."""

    model_config = _RESULT_CONFIG

    id: Id
    account_name: OptionalText = None
    account_type: OptionalText = None
    can_join_groups: bool | None = None


class WebhookInfo(BaseModel):
    """``setWebhook``, ``deleteWebhook``, ``getWebhookInfo``: the registered URL (empty when none)."""

    model_config = _RESULT_CONFIG

    url: str = ""
    updated_at: OptionalDate = None


class SentMessage(BaseModel):
    """``sendMessage``, ``sendPhoto``: what Zalo assigned to the message."""

    model_config = _RESULT_CONFIG

    message_id: OptionalText = None
    date: OptionalDate = None


_Result = TypeVar("_Result", bound=BaseModel)


class _TokenRedactor(logging.Filter):
    """Blanks registered tokens out of the records of the logger it is attached to."""

    def __init__(self) -> None:
        super().__init__()
        self._secrets: tuple[str, ...] = ()  # replaced whole, never mutated: safe to read from any thread
        self._lock = threading.Lock()

    def add(self, token: str) -> None:
        with self._lock:
            known = {*self._secrets, token, quote(token, safe="")}
            # longest first, so a token is never half-replaced by a shorter form of itself
            self._secrets = tuple(sorted(known, key=len, reverse=True))

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


REDACTED = "<token>"
_REDACTOR = _TokenRedactor()
# httpx logs every request's full URL at INFO on this logger; a logger filter runs before any
# handler, whoever configured logging.
logging.getLogger("httpx").addFilter(_REDACTOR)


class ZaloApi:
    """The Zalo Bot Platform methods, typed. Use as ``async with ZaloApi(token) as api: …``.

    ``client`` lets the caller share a pool or plug a transport; a client passed in is not
    closed by :meth:`aclose`.
    """

    def __init__(
        self,
        token: str,
        base_url: str = DEFAULT_BASE_URL,
        client: httpx.AsyncClient | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        if not token or any(ch.isspace() or ch in "/?#" for ch in token):
            raise ValueError("token Zalo rỗng hoặc chứa ký tự không dùng được trong URL")
        self._token = SecretStr(token)
        _REDACTOR.add(token)
        self.base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._owns_client = client is None
        self._client = client if client is not None else httpx.AsyncClient()

    def __repr__(self) -> str:
        return f"ZaloApi(base_url={self.base_url!r}, token={REDACTED!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()

    # ------------------------------------------------------------------ methods

    async def get_me(self) -> BotInfo:
        """The bot's account; also the cheapest check that the token works."""
        return self._typed("getMe", BotInfo, await self.call("getMe"))

    async def get_updates(self, timeout: int = 30) -> ZaloUpdate | None:
        """The next update, waiting up to ``timeout`` seconds for one; ``None`` if none came (a 408).

        Raises :class:`~bot.channels.zalo.updates.ZaloUpdateError` for an update that cannot be
        parsed (it is consumed all the same: poll again). Fails while a webhook is set.
        """
        try:
            # the documented type of timeout is a string of seconds
            result = await self.call("getUpdates", {"timeout": str(timeout)}, http_timeout=timeout + POLL_GRACE)
        except ZaloApiError as error:
            if error.error_code == POLL_TIMEOUT:
                return None
            raise
        if not result:
            # some answer "no update" as ok with an empty or missing result rather than a 408
            return None
        return parse_update(result)

    async def set_webhook(self, url: str, secret_token: str) -> WebhookInfo:
        """Deliver updates to ``url`` (https) with ``secret_token`` (8–256 characters) in ``X-Bot-Api-Secret-Token``."""
        return self._typed(
            "setWebhook", WebhookInfo, await self.call("setWebhook", {"url": url, "secret_token": secret_token})
        )

    async def delete_webhook(self) -> WebhookInfo:
        """Stop webhook delivery, so getUpdates works again."""
        return self._typed("deleteWebhook", WebhookInfo, await self.call("deleteWebhook"))

    async def get_webhook_info(self) -> WebhookInfo:
        return self._typed("getWebhookInfo", WebhookInfo, await self.call("getWebhookInfo"))

    async def send_message(self, chat_id: str, text: str) -> SentMessage:
        """Send plain ``text`` (1–``ZALO_TEXT_LIMIT`` characters; split longer replies first)."""
        return self._typed(
            "sendMessage", SentMessage, await self.call("sendMessage", {"chat_id": chat_id, "text": text})
        )

    async def send_chat_action(self, chat_id: str, action: Literal["typing", "upload_photo"] = "typing") -> None:
        """Show "typing…" in the chat until the next message (or a few seconds)."""
        await self.call("sendChatAction", {"chat_id": chat_id, "action": action})

    async def send_photo(self, chat_id: str, photo: str, caption: str | None = None) -> SentMessage:
        """Send the image at URL ``photo``, with an optional ``caption`` (1–``ZALO_TEXT_LIMIT`` characters)."""
        params: dict[str, Any] = {"chat_id": chat_id, "photo": photo}
        if caption is not None:
            params["caption"] = caption
        return self._typed("sendPhoto", SentMessage, await self.call("sendPhoto", params))

    # ------------------------------------------------------------------ transport

    async def call(
        self, method: str, params: dict[str, Any] | None = None, *, http_timeout: float | None = None
    ) -> Any:
        """Any method by name: its ``result`` (``None`` if the answer has none), or raises a :class:`ZaloError`."""
        url = f"{self.base_url}/bot{self._token.get_secret_value()}/{method}"
        failure: str | None = None
        try:
            response = await self._client.post(url, json=params or {}, timeout=http_timeout or self._timeout)
        except httpx.HTTPError as error:  # transport errors, timeouts, a malformed base URL
            failure = _REDACTOR.redact(f"{type(error).__name__}: {error}".rstrip(": "))
        except httpx.InvalidURL:
            failure = "InvalidURL: base_url không hợp lệ"
        if failure is not None:
            # raised outside the except block, so the httpx exception (and its URL) is not chained
            log.debug("Zalo %s: lỗi mạng: %s", method, failure)
            raise ZaloNetworkError(failure, method)
        return self._result(method, response)

    def _result(self, method: str, response: httpx.Response) -> Any:
        try:
            body = response.json()
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("ok"), bool):
            status, kind = response.status_code, response.headers.get("content-type", "?").split(";")[0]
            raise ZaloApiError(status, f"phản hồi không đúng dạng (HTTP {status}, {kind})", method)
        if body["ok"]:
            log.debug("Zalo %s: ok", method)
            return body.get("result")
        code = body.get("error_code")
        if not isinstance(code, int) or isinstance(code, bool):
            code = response.status_code
        description = _REDACTOR.redact(str(body.get("description") or ""))
        if code != POLL_TIMEOUT:
            log.debug("Zalo %s: lỗi %s %s", method, code, description)
        raise ZaloApiError(code, description, method)

    @staticmethod
    def _typed(method: str, model: type[_Result], result: Any) -> _Result:
        try:
            return model.model_validate(result if result is not None else {})
        except ValidationError:
            raise ZaloApiError(200, f"kết quả không đúng dạng {model.__name__}", method) from None


__all__ = [
    "DEFAULT_BASE_URL",
    "REDACTED",
    "WEBHOOK_SECRET_HEADER",
    "ZALO_TEXT_LIMIT",
    "BotInfo",
    "SentMessage",
    "WebhookInfo",
    "ZaloApi",
    "ZaloApiError",
    "ZaloError",
    "ZaloNetworkError",
    "is_transient",
]

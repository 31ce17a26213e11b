"""The Bot API's HTTP calls made with aiohttp, python-telegram-bot's own request interface kept.

python-telegram-bot sends through httpx by default. Under load its connection pool costs the
bot more CPU than answering does: measured here against the fake Bot API, 2.7 CPU ms per call
one at a time and 9 ms with 32 calls in flight (httpcore scans every connection and waiting
request for each call), where aiohttp takes 0.5 to 1 ms. One message is one sendMessage, so
this is most of what one process can serve.

Everything else is python-telegram-bot's: the parameters it encodes (``RequestData``), its
errors (TimedOut, NetworkError) and its handling of the Bot API's answers. Timeouts: ``connect``
bounds waiting for a pooled connection and opening it (aiohttp has one budget for both),
``read`` the wait for the answer; aiohttp has no separate write timeout, so a write is bounded
by the read one.
"""

from __future__ import annotations

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    __slots__ = ("_connections", "_defaults", "_session")

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._connections = connection_pool_size
        self._defaults = {"read": read_timeout, "connect": connect_timeout, "pool": pool_timeout}
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._defaults["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._connections, enable_cleanup_closed=True)
            # proxies from the environment (HTTPS_PROXY…), as python-telegram-bot's httpx client does
            self._session = aiohttp.ClientSession(connector=connector, trust_env=True)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest chưa được khởi tạo (initialize)")
        read = self._given(read_timeout, "read")
        write = read if isinstance(write_timeout, DefaultValue) else write_timeout
        connect = _total(self._given(pool_timeout, "pool"), self._given(connect_timeout, "connect"))
        timeout = aiohttp.ClientTimeout(total=None, connect=connect, sock_read=_longest(read, write))
        data = _body(request_data)
        try:
            async with self._session.request(
                method, url, data=data, timeout=timeout, headers={"User-Agent": self.USER_AGENT}
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc

    def _given(self, value: ODVInput[float], name: str) -> float | None:
        return self._defaults[name] if isinstance(value, DefaultValue) else value


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """Form fields, as python-telegram-bot encodes them; multipart when files go with them."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename or name, content_type=mime)
    return form


def _total(*parts: float | None) -> float | None:
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)


def _longest(*parts: float | None) -> float | None:
    return None if any(p is None for p in parts) else max(p for p in parts if p is not None)

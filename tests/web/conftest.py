"""The web chat as a host serves it, and a real browser to use it.

The bot runs in process (the runner, its one web server on 127.0.0.1, an SQLite store in the
test's directory), so a test can read the store and the door's counts. Pages of other sites
that embed the widget are served by a second small server on another port: another origin.
The browser is Debian's Chromium (tests/web/install_browser.sh), driven by Playwright.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from bot.hosting.web_chat_service import WebChatService
from tests.conftest import KNOWLEDGE, ROOT
from tests.fakes.telegram_api import free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "e2e" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "web"  # screenshots, kept after the run (not in git)
# as the machine's probe starts it: no sandbox as root, and nothing reaching out to the internet
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Served:
    runtime: Runtime
    url: str  # http://127.0.0.1:<port>

    @property
    def door(self) -> WebChatService:
        return next(s for s in self.runtime.services if isinstance(s, WebChatService))


def host_page(widget_src: str) -> bytes:
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Cổng thông tin huyện</title></head>"
        "<body><main><h1>Cổng thông tin điện tử huyện</h1><p>Tin tức và hỏi đáp.</p></main>"
        f"<script src='{widget_src}' defer></script></body></html>"
    ).encode()


class _HostPages(ThreadingHTTPServer):
    page: bytes = b""


class _HostPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = self.server.page  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@contextlib.contextmanager
def another_site(port: int, widget_src: str) -> Iterator[str]:
    """A district's portal on 127.0.0.1:`port` (another origin than the bot's), embedding the widget."""
    server = _HostPages(("127.0.0.1", port), _HostPage)
    server.page = host_page(widget_src)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site_ports() -> tuple[int, int]:
    """The allowed portal's port, and the port of a site that is not allowed."""
    return free_port(), free_port()


def web_settings(port: int, allowed: list[str], **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "_env_file": None,
        "web_chat": True,
        "port": port,
        "knowledge_dir": KNOWLEDGE,
        "web_allowed_origins": ",".join(allowed),
        **overrides,
    }
    return Settings(**values)


@contextlib.asynccontextmanager
async def serving(settings: Settings) -> AsyncIterator[Served]:
    """`python -m bot run` with these settings, in process: the web door alone, with its store."""
    runtime = Runtime(settings, webhook=False, host="127.0.0.1", use_store=True)
    async with runtime:
        await runtime.wait_ready(timeout=120)
        yield Served(runtime, f"http://127.0.0.1:{settings.port}")


@pytest.fixture
async def served(site_ports: tuple[int, int]) -> AsyncIterator[Served]:
    allowed = f"http://127.0.0.1:{site_ports[0]}"
    async with serving(web_settings(free_port(), [allowed])) as s:
        yield s


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: the test command runs tests/web/install_browser.sh first")
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS

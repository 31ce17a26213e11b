"""The web door's HTTP side, without a browser: the JSON API's answers to good and bad requests,
CORS and the origin check, the limits, the security headers, the settings, and the process
as a host runs it (the web door alone, and beside Telegram on one port)."""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from bot.channels.web import web_texts
from bot.channels.web.door import MAX_TEXT, BadMessage, incoming
from bot.hosting.settings import Settings, SettingsError, load_settings
from bot.hosting.web_chat_service import WebChatService
from tests.conftest import run_cli
from tests.fakes.telegram_api import FakeTelegram, free_port, update
from tests.hosting.test_process import HEADERS, HOUSES, bot_process, environment, health, wait_for
from tests.web.conftest import Served, serving, web_settings

CONVERSATION = "c0ffee" * 4
OTHER_SITE = "http://evil.example"


def message(text: str | None = None, action: str | None = None, conversation: str = CONVERSATION) -> dict[str, Any]:
    body: dict[str, Any] = {"conversation": conversation}
    if text is not None:
        body["text"] = text
    if action is not None:
        body["action"] = action
    return body


@pytest.fixture
async def http() -> Any:
    async with httpx.AsyncClient(trust_env=False, timeout=30) as client:
        yield client


async def test_a_question_and_its_follow_up_over_the_api(served: Served, http: httpx.AsyncClient) -> None:
    first = await http.post(served.url + "/api/chat/message", json=message(HOUSES))
    assert first.status_code == 200 and first.headers["cache-control"] == "no-store"
    reply = first.json()["reply"]
    assert reply["answered"] and "176" in reply["parts"][0]
    assert reply["sources"][0]["about"].startswith("huyện Bù Đốp, tỉnh Bình Phước")
    assert reply["feedback"]["good"]["action"].startswith("f:+:")
    follow = await http.post(served.url + "/api/chat/message", json=message("còn sửa chữa bao nhiêu căn?"))
    assert "39" in follow.json()["reply"]["parts"][0]
    # a suggestion's action, sent back, is what pressing its button does
    pressed = await http.post(served.url + "/api/chat/message", json=message(action=reply["suggestions"][0]["action"]))
    assert pressed.json()["reply"]["answered"]
    rated = await http.post(served.url + "/api/chat/message", json=message(action=reply["feedback"]["good"]["action"]))
    assert rated.json()["reply"]["kind"] == "notice"
    # another conversation cannot rate this one's answer
    forged = await http.post(
        served.url + "/api/chat/message", json=message(action=reply["feedback"]["bad"]["action"], conversation="f" * 20)
    )
    assert forged.json()["reply"]["kind"] == "expired"


async def test_the_welcome_carries_the_greeting_texts_and_examples(served: Served, http: httpx.AsyncClient) -> None:
    welcome = (await http.get(served.url + "/api/chat/welcome")).json()
    assert welcome["title"] == served.runtime.settings.web_chat_title
    assert welcome["reply"]["parts"][0] == served.runtime.settings.web_chat_greeting
    assert len(welcome["reply"]["suggestions"]) >= 3
    assert welcome["texts"] == web_texts.PAGE_TEXTS and welcome["max_text"] == MAX_TEXT


BAD_BODIES: list[tuple[bytes, int]] = [
    (b"{", 400),
    (b"[1, 2]", 400),
    (b"null", 400),
    (b'"text"', 400),
    (b"{}", 400),
    (json.dumps({"conversation": "short", "text": "hi"}).encode(), 400),
    (json.dumps({"conversation": "a b c d e f g h i j k l", "text": "hi"}).encode(), 400),
    (json.dumps({"conversation": CONVERSATION}).encode(), 400),
    (json.dumps({"conversation": CONVERSATION, "text": "a", "action": "e:x"}).encode(), 400),
    (json.dumps({"conversation": CONVERSATION, "text": 5}).encode(), 400),
    (json.dumps({"conversation": CONVERSATION, "action": "x" * 65}).encode(), 400),
    (json.dumps({"conversation": CONVERSATION, "text": "x" * (MAX_TEXT + 1)}).encode(), 400),
    (b"[" * 50_000 + b"]" * 50_000, 413),
    (b"[" * 3000 + b"]" * 3000, 400),
    (json.dumps({"conversation": CONVERSATION, "text": "x" * 9000}).encode(), 413),
    (b"\xff\xfe\x00", 400),
]


@pytest.mark.parametrize(("body", "status"), BAD_BODIES)
async def test_what_is_not_a_message_gets_a_4xx_with_a_message(
    served: Served, http: httpx.AsyncClient, body: bytes, status: int
) -> None:
    response = await http.post(
        served.url + "/api/chat/message", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == status
    data = response.json()
    assert data["ok"] is False and data["error"] and data["message"]


async def test_odd_but_valid_input_is_answered_never_a_500(served: Served, http: httpx.AsyncClient) -> None:
    url = served.url + "/api/chat/message"
    for text in ("", "   ", "\ud800 lone surrogate", "\x00\x01", "x" * MAX_TEXT, "<script>alert(1)</script>", "/start"):
        response = await http.post(url, content=json.dumps(message(text)), headers={"Content-Type": "application/json"})
        assert response.status_code == 200, text
        assert response.json()["reply"]["kind"]
    for number, action in enumerate(("e:no-such-entry", "f:+:999999", "zzz", "q:")):
        pressed = await http.post(url, json=message(action=action, conversation=f"{number:a>20}"))
        assert pressed.json()["reply"]["kind"] == "expired"
    wrong_type = await http.post(url, content=json.dumps(message("hi")), headers={"Content-Type": "text/plain"})
    assert wrong_type.status_code == 415
    assert (await http.get(url)).status_code == 405


async def test_cors_and_the_origin_check(site_ports: tuple[int, int], http: httpx.AsyncClient) -> None:
    allowed = f"http://127.0.0.1:{site_ports[0]}"
    async with serving(web_settings(free_port(), [allowed])) as served:
        url = served.url + "/api/chat/message"
        preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
        ok = await http.options(url, headers={"Origin": allowed, **preflight})
        assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == allowed
        refused = await http.options(url, headers={"Origin": OTHER_SITE, **preflight})
        assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
        from_allowed = await http.post(url, json=message(HOUSES), headers={"Origin": allowed})
        assert from_allowed.status_code == 200 and from_allowed.headers["access-control-allow-origin"] == allowed
        # a client that ignores CORS is refused by the bot itself
        from_elsewhere = await http.post(url, json=message(HOUSES), headers={"Origin": OTHER_SITE})
        assert from_elsewhere.status_code == 403
        assert from_elsewhere.json()["message"] == web_texts.ORIGIN_REFUSED
        assert (await http.get(served.url + "/api/chat/welcome", headers={"Origin": OTHER_SITE})).status_code == 403
        # the bot's own page is always allowed
        own = await http.post(url, json=message(HOUSES), headers={"Origin": served.url})
        assert own.status_code == 200


async def test_the_page_and_the_widget_have_their_headers(http: httpx.AsyncClient) -> None:
    title = "<b>Huyện «X»</b> & <script>"
    allowed = "https://portal.example.gov.vn"
    async with serving(web_settings(free_port(), [allowed], web_chat_title=title)) as served:
        page = await http.get(served.url + "/chat")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "'unsafe-inline'" not in csp
        assert f"frame-ancestors 'self' {allowed}" in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "<title>&lt;b&gt;Huyện «X»&lt;/b&gt; &amp; &lt;script&gt;</title>" in page.text
        assert "<script>" not in page.text.replace('<script src="web/chat.js" defer></script>', "")
        widget = await http.get(served.url + "/widget.js")
        assert widget.headers["content-type"].startswith("text/javascript")
        assert widget.headers["cross-origin-resource-policy"] == "cross-origin"
        for name in ("chat.js", "chat.css"):
            assert (await http.get(f"{served.url}/web/{name}")).status_code == 200
        assert (await http.get(served.url + "/web/../pyproject.toml")).status_code == 404
        # small, and shipped as they are: no build step, no CDN
        sizes = {
            name: len((await http.get(served.url + path)).content)
            for name, path in (
                ("page", "/chat"),
                ("script", "/web/chat.js"),
                ("style", "/web/chat.css"),
                ("widget", "/widget.js"),
            )
        }
        assert sum(sizes.values()) < 40_000, sizes
        assert "http" not in (await http.get(served.url + "/web/chat.css")).text


async def test_a_client_address_has_its_own_limit(http: httpx.AsyncClient) -> None:
    settings = web_settings(free_port(), [], rate_limit_messages=100, web_address_limit_messages=3)
    async with serving(settings) as served:
        url = served.url + "/api/chat/message"
        for number in range(3):  # three conversations from one address
            assert (await http.post(url, json=message(HOUSES, conversation=f"{number:0>20}"))).status_code == 200
        limited = await http.post(url, json=message(HOUSES, conversation="9" * 20))
        assert limited.status_code == 429
        assert limited.json()["message"] == web_texts.TOO_MANY_FROM_ADDRESS
        assert int(limited.headers["retry-after"]) >= 1
        assert served.door.health()["refused"] == {"429": 1}


async def test_the_conversation_limit_is_the_cores(http: httpx.AsyncClient) -> None:
    settings = web_settings(free_port(), [], rate_limit_messages=2)
    async with serving(settings) as served:
        url = served.url + "/api/chat/message"
        kinds = [(await http.post(url, json=message(HOUSES))).json()["reply"]["kind"] for _ in range(4)]
        assert kinds == ["fact", "fact", "limited", "silent"]
        # another conversation from the same address is not held back by this one
        other = await http.post(url, json=message(HOUSES, conversation="1" * 20))
        assert other.json()["reply"]["kind"] == "fact"


async def test_not_ready_and_draining_are_503_with_retry_after() -> None:
    door = WebChatService(web_settings(free_port(), []))
    app = Starlette(routes=door.routes())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bot") as client:
        starting = await client.post("/api/chat/message", json=message(HOUSES))
        assert (starting.status_code, starting.headers["retry-after"]) == (503, "5")
        assert starting.json()["message"] == web_texts.NOT_READY
        door.core = object()  # type: ignore[assignment]
        await door.stop_receiving()
        draining = await client.post("/api/chat/message", json=message(HOUSES))
        assert (draining.status_code, draining.json()["message"]) == (503, web_texts.SHUTTING_DOWN)


def test_the_door_translates_one_message() -> None:
    msg = incoming(message("xin chào"))
    assert (msg.door, msg.chat_id, msg.user_id, msg.text, msg.is_group, msg.takes_files) == (
        "web",
        CONVERSATION,
        CONVERSATION,
        "xin chào",
        False,
        False,
    )
    with pytest.raises(BadMessage):
        incoming({"conversation": CONVERSATION, "text": "x", "is_admin": True, "extra": 1, "action": "e:a"})
    assert incoming({**message("x"), "is_admin": True}).is_admin is None  # nobody is an admin from the web


def test_settings_of_the_web_door(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(_env_file=None, web_chat="on", web_allowed_origins="https://a.gov.vn, http://B.vn:8080/")
    assert settings.web_chat and settings.web_allowed_origins == ("https://a.gov.vn", "http://b.vn:8080")
    settings.require_a_door()  # the web door is a door
    assert not load_settings(_env_file=None, web_chat="off").web_chat
    for bad in ("a.gov.vn", "https://a.gov.vn/path", "ftp://a.vn", "*"):
        with pytest.raises(SettingsError, match="WEB_ALLOWED_ORIGINS"):
            load_settings(_env_file=None, web_allowed_origins=bad)
    with pytest.raises(SettingsError, match="WEB_CHAT"):
        load_settings(_env_file=None, web_chat="maybe")
    with pytest.raises(SettingsError, match="WEB_CHAT"):
        Settings(_env_file=None).require_a_door()


async def test_run_with_web_chat_and_no_token_serves_the_web_door_alone(
    tmp_path: Path, http: httpx.AsyncClient
) -> None:
    port = free_port()
    env = environment("http://127.0.0.1:9", port, tmp_path, WEB_CHAT="on")
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET"):
        env.pop(name)
    with bot_process(env, tmp_path / "bot.log", mode=None) as bot:

        async def ready() -> bool:
            return (await health(http, port))[0] == 200

        await wait_for(ready, "the web door to be ready")
        _, report = await health(http, port)
        assert list(report["doors"]) == ["web"]
        answer = await http.post(f"http://127.0.0.1:{port}/api/chat/message", json=message(HOUSES))
        assert "176" in answer.json()["reply"]["parts"][0]
        bot.send_signal(signal.SIGTERM)
        code = await asyncio.to_thread(bot.wait, 30)
    assert code == 0, (tmp_path / "bot.log").read_text(encoding="utf-8")


async def test_with_a_token_the_web_door_runs_beside_telegram_on_one_port(
    tmp_path: Path, http: httpx.AsyncClient
) -> None:
    fake = FakeTelegram()
    port = free_port()
    env = environment(fake.base_url, port, tmp_path, WEB_CHAT="on")
    async with fake.running():
        with bot_process(env, tmp_path / "bot.log") as bot:

            async def ready() -> bool:
                return (await health(http, port))[0] == 200

            await wait_for(ready, "both doors to be ready")
            assert set((await health(http, port))[1]["doors"]) == {"telegram", "web"}
            hook = await http.post(f"http://127.0.0.1:{port}/telegram", json=update(1, 4242, HOUSES), headers=HEADERS)
            assert hook.status_code == 200
            web = await http.post(f"http://127.0.0.1:{port}/api/chat/message", json=message(HOUSES))
            assert "176" in web.json()["reply"]["parts"][0]

            async def telegram_answered() -> bool:
                return any("176" in text for text in fake.replies_to(4242))

            await wait_for(telegram_answered, "the Telegram chat's answer")
            bot.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(bot.wait, 30) == 0


def test_no_token_still_opens_the_terminal_chat_with_web_chat_on() -> None:
    result = run_cli(stdin="bu dop xay dc bao nhieu can nha dai doan ket\n", env_extra={"WEB_CHAT": "on"})
    assert result.returncode == 0, result.stderr
    assert "176" in result.stdout


async def test_two_replicas_on_one_postgresql_serve_one_conversation(
    postgres_server: Any, monkeypatch: pytest.MonkeyPatch, http: httpx.AsyncClient
) -> None:
    """Any replica serves the next message: the context, the feedback and both limits are the store's."""
    monkeypatch.setenv("DATABASE_URL", postgres_server.new_database())
    limits = {"rate_limit_messages": 100, "web_address_limit_messages": 5}
    async with (
        serving(web_settings(free_port(), [], **limits)) as one,
        serving(web_settings(free_port(), [], **limits)) as two,
    ):
        first = await http.post(one.url + "/api/chat/message", json=message(HOUSES))
        assert "176" in first.json()["reply"]["parts"][0]
        follow = await http.post(two.url + "/api/chat/message", json=message("còn sửa chữa bao nhiêu căn?"))
        assert "39" in follow.json()["reply"]["parts"][0]
        rate = first.json()["reply"]["feedback"]["good"]["action"]
        rated = await http.post(two.url + "/api/chat/message", json=message(action=rate))
        assert rated.json()["reply"]["kind"] == "notice"
        statuses = [
            (await http.post(url + "/api/chat/message", json=message(HOUSES))).status_code
            for url in (one.url, two.url, one.url, two.url)
        ]
        # five from this address in all, whichever replica counted (each alone has seen at most four)
        assert statuses == [200, 200, 429, 429]


async def test_the_console_session_holds_on_every_replica(
    postgres_server: Any, monkeypatch: pytest.MonkeyPatch, http: httpx.AsyncClient
) -> None:
    """Signed in on one replica, the curator's next page and change are served by the other."""
    monkeypatch.setenv("DATABASE_URL", postgres_server.new_database())
    async with (
        serving(web_settings(free_port(), [], admin_ids="5")) as one,
        serving(web_settings(free_port(), [], admin_ids="5")) as two,
    ):
        assert one.runtime.store is not None and two.runtime.store is not None
        curator = one.runtime.store.console.curator("telegram", 5)
        token = await one.runtime.store.console.new_link(curator, 600)
        signed = await http.post(one.url + "/admin/vao", data={"t": token})
        assert signed.status_code == 303 and signed.headers["location"] == "/admin"
        cookie = signed.cookies.get("bot_admin")
        assert cookie
        other = httpx.AsyncClient(trust_env=False, headers={"Cookie": f"bot_admin={cookie}"})  # another browser tab
        page = await other.get(two.url + "/admin/chua-tra-loi")
        assert page.status_code == 200 and "default-src 'none'" in page.headers["content-security-policy"]
        csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        done = await other.post(two.url + "/admin/bo-qua", data={"csrf": csrf, "text": "thời tiết"})
        await other.aclose()
        assert done.status_code == 303
        actions = [a.action for a in await one.runtime.store.audit.recent()]
        assert actions[:2] == ["not-for-this-bot", "sign-in"]
        # the link was used on the first replica: the second refuses it
        assert (await http.post(two.url + "/admin/vao", data={"t": token})).status_code == 403


def test_the_console_address_comes_from_public_url_or_the_webhook() -> None:
    assert load_settings(_env_file=None, public_url="https://bot.example.vn/").console_url == "https://bot.example.vn"
    hooked = load_settings(
        _env_file=None,
        webhook_url="https://hook.example.vn/telegram/abc",
        telegram_bot_token="123456:" + "D" * 35,
        webhook_secret="s3cret",
    )
    assert hooked.console_url == "https://hook.example.vn"
    assert load_settings(_env_file=None).console_url is None
    with pytest.raises(SettingsError, match="PUBLIC_URL"):
        load_settings(_env_file=None, public_url="bot.example.vn")

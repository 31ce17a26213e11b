"""The Zalo Bot Platform client against the fake API: every method, error mapping, redaction."""

from __future__ import annotations

import asyncio
import logging
import socket
from datetime import UTC, datetime

import httpx
import pytest

from bot.channels.zalo.api import (
    REDACTED,
    ZALO_TEXT_LIMIT,
    BotInfo,
    WebhookInfo,
    ZaloApi,
    ZaloApiError,
    ZaloError,
    ZaloNetworkError,
    is_transient,
)
from bot.channels.zalo.updates import ZaloUpdateError
from tests.fakes.zalo_api import FakeZalo, wait_until


def _closed_port() -> int:
    """A port nothing listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_get_me_returns_the_bot_account(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    me = await zalo_api.get_me()
    assert me == BotInfo(
        id=fake_zalo.bot_id, account_name=fake_zalo.account_name, account_type="BASIC", can_join_groups=True
    )


async def test_send_message_delivers_the_text_and_returns_its_id(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    sent = await zalo_api.send_message("chat-1", "Bù Đốp xây 176 căn nhà «Đại đoàn kết».")
    [stored] = fake_zalo.messages("chat-1")
    assert stored.text == "Bù Đốp xây 176 căn nhà «Đại đoàn kết»."
    assert sent.message_id == stored.message_id
    assert sent.date == datetime.fromtimestamp(stored.date / 1000, tz=UTC)
    assert fake_zalo.calls("sendMessage")[0].params == {"chat_id": "chat-1", "text": stored.text}


async def test_a_text_of_exactly_the_limit_is_accepted(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await zalo_api.send_message("chat-1", "ậ" * ZALO_TEXT_LIMIT)
    assert len(fake_zalo.messages("chat-1")[0].text) == ZALO_TEXT_LIMIT


@pytest.mark.parametrize("text", ["", "a" * (ZALO_TEXT_LIMIT + 1)], ids=["empty", "too-long"])
async def test_a_text_out_of_bounds_is_a_400_with_its_description(
    fake_zalo: FakeZalo, zalo_api: ZaloApi, text: str
) -> None:
    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.send_message("chat-1", text)
    assert caught.value.error_code == 400
    assert "text" in caught.value.description
    assert caught.value.method == "sendMessage"
    assert not is_transient(caught.value)
    assert fake_zalo.messages("chat-1") == []


async def test_an_unknown_token_is_a_401(fake_zalo: FakeZalo) -> None:
    async with ZaloApi("999:not-the-right-token", fake_zalo.base_url) as api:
        with pytest.raises(ZaloApiError) as caught:
            await api.get_me()
    assert caught.value.error_code == 401
    assert "not-the-right-token" not in str(caught.value)


async def test_an_unknown_method_is_a_404(zalo_api: ZaloApi) -> None:
    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.call("sendTelepathy", {"chat_id": "c"})
    assert caught.value.error_code == 404


async def test_quota_exceeded_is_a_transient_429(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    fake_zalo.fail_next_sends(1)
    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.send_message("chat-1", "một")
    assert caught.value.error_code == 429
    assert is_transient(caught.value)
    await zalo_api.send_message("chat-1", "hai")  # the quota fault was for one call only
    assert [m.text for m in fake_zalo.messages("chat-1")] == ["hai"]


async def test_a_dropped_connection_is_a_transient_network_error(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    fake_zalo.fail_next_sends(1, kind="drop")
    with pytest.raises(ZaloNetworkError) as caught:
        await zalo_api.send_message("chat-1", "một")
    assert is_transient(caught.value)
    assert fake_zalo.calls("sendMessage")[0].dropped


async def test_an_unreachable_server_is_a_network_error_not_an_api_error() -> None:
    async with ZaloApi("1:secret-token-value", f"http://127.0.0.1:{_closed_port()}") as api:
        with pytest.raises(ZaloNetworkError) as caught:
            await api.get_me()
    assert not isinstance(caught.value, ZaloApiError)
    assert caught.value.method == "getMe"


async def test_a_slow_answer_past_the_timeout_is_a_network_error(fake_zalo: FakeZalo) -> None:
    fake_zalo.delay = 30.0  # cut short at teardown
    async with ZaloApi(fake_zalo.token, fake_zalo.base_url, timeout=0.05) as api:
        with pytest.raises(ZaloNetworkError, match="Timeout"):
            await api.get_me()


async def test_get_updates_returns_none_when_nothing_arrives(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    assert await zalo_api.get_updates(timeout=0) is None
    assert fake_zalo.calls("getUpdates")[0].error_code == 408


async def test_get_updates_returns_one_queued_update_per_call(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await fake_zalo.push_text("chat-1", "user-1", "câu một")
    await fake_zalo.push_text("chat-2", "user-2", "câu hai", chat_type="GROUP")
    first = await zalo_api.get_updates(timeout=0)
    second = await zalo_api.get_updates(timeout=0)
    assert first is not None and second is not None
    assert (first.chat_id, first.user_id, first.text, first.is_group) == ("chat-1", "user-1", "câu một", False)
    assert (second.chat_id, second.text, second.is_group) == ("chat-2", "câu hai", True)
    assert await zalo_api.get_updates(timeout=0) is None
    assert fake_zalo.calls("getUpdates")[0].params == {"timeout": "0"}


async def test_a_waiting_get_updates_wakes_when_an_update_arrives(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    poll = asyncio.create_task(zalo_api.get_updates(timeout=60))
    await wait_until(lambda: fake_zalo.polls_waiting == 1, what="getUpdates waiting")
    await fake_zalo.push_text("chat-1", "user-1", "đang chờ")
    update = await poll
    assert update is not None and update.text == "đang chờ"


async def test_get_updates_parses_every_event_kind(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await fake_zalo.push_image("c", "u", photo_url="https://example.invalid/a.jpg", caption="ảnh")
    await fake_zalo.push_sticker("c", "u", sticker="abc")
    await fake_zalo.push_unsupported("c", "u")
    image, sticker, other = [await zalo_api.get_updates(timeout=0) for _ in range(3)]
    assert image is not None and (image.kind, image.message.photo_url, image.message.caption, image.text) == (
        "image",
        "https://example.invalid/a.jpg",
        "ảnh",
        None,
    )
    assert sticker is not None and (sticker.kind, sticker.message.sticker) == ("sticker", "abc")
    assert other is not None and other.kind == "unsupported"


async def test_a_malformed_update_raises_the_update_error_and_polling_goes_on(
    fake_zalo: FakeZalo, zalo_api: ZaloApi
) -> None:
    await fake_zalo.push({"event_name": "message.text.received", "message": {"text": "no chat, no sender"}})
    await fake_zalo.push_text("chat-1", "user-1", "sau đó")
    with pytest.raises(ZaloUpdateError):
        await zalo_api.get_updates(timeout=0)
    update = await zalo_api.get_updates(timeout=0)
    assert update is not None and update.text == "sau đó"


async def test_webhook_lifecycle_and_get_updates_refused_meanwhile(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    assert (await zalo_api.get_webhook_info()).url == ""
    info = await zalo_api.set_webhook("https://bot.example.vn/zalo", "s3cret-s3cret")
    assert info.url == "https://bot.example.vn/zalo" and info.updated_at is not None
    assert (await zalo_api.get_webhook_info()).url == "https://bot.example.vn/zalo"
    assert fake_zalo.webhook_secret == "s3cret-s3cret"

    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.get_updates(timeout=0)
    assert caught.value.error_code == 409

    deleted = await zalo_api.delete_webhook()
    assert isinstance(deleted, WebhookInfo) and deleted.url == ""
    assert (await zalo_api.get_webhook_info()).url == ""
    assert await zalo_api.get_updates(timeout=0) is None


@pytest.mark.parametrize("secret", ["short", "x" * 257], ids=["7-chars", "257-chars"])
async def test_set_webhook_refuses_a_secret_out_of_bounds(fake_zalo: FakeZalo, zalo_api: ZaloApi, secret: str) -> None:
    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.set_webhook("https://bot.example.vn/zalo", secret)
    assert caught.value.error_code == 400 and "secret_token" in caught.value.description
    assert fake_zalo.webhook_url == ""


async def test_send_chat_action_sends_typing(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await zalo_api.send_chat_action("chat-1")
    [call] = fake_zalo.calls("sendChatAction")
    assert call.params == {"chat_id": "chat-1", "action": "typing"} and call.error_code is None


async def test_send_photo_with_and_without_caption(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    with_caption = await zalo_api.send_photo("chat-1", "https://example.invalid/p.png", caption="Ảnh minh hoạ")
    await zalo_api.send_photo("chat-1", "https://example.invalid/q.png")
    first, second = fake_zalo.messages("chat-1")
    assert (first.photo, first.caption, with_caption.message_id) == (
        "https://example.invalid/p.png",
        "Ảnh minh hoạ",
        first.message_id,
    )
    assert (second.photo, second.caption) == ("https://example.invalid/q.png", None)
    assert "caption" not in fake_zalo.calls("sendPhoto")[1].params
    with pytest.raises(ZaloApiError) as caught:
        await zalo_api.send_photo("chat-1", "https://example.invalid/r.png", caption="")
    assert caught.value.error_code == 400


async def test_a_response_that_is_not_the_api_envelope_is_an_api_error_with_the_http_status() -> None:
    def gateway(request: httpx.Request) -> httpx.Response:
        return httpx.Response(502, text="<html>Bad Gateway</html>", headers={"content-type": "text/html"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(gateway)) as client:
        api = ZaloApi("1:tok-tok-tok", "https://zalo.invalid", client)
        with pytest.raises(ZaloApiError) as caught:
            await api.send_message("c", "x")
        await api.aclose()
        assert not client.is_closed  # a client passed in belongs to the caller
    assert caught.value.error_code == 502 and "text/html" in caught.value.description
    assert is_transient(caught.value)


async def test_an_error_without_error_code_takes_the_http_status() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(403, json={"ok": False, "description": "Forbidden"})

    async with httpx.AsyncClient(transport=httpx.MockTransport(refuse)) as client:
        with pytest.raises(ZaloApiError) as caught:
            await ZaloApi("1:tok-tok-tok", "https://zalo.invalid", client).get_me()
    assert (caught.value.error_code, caught.value.description) == (403, "Forbidden")


async def test_a_success_with_a_result_of_the_wrong_shape_is_an_api_error() -> None:
    def odd(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"ok": True, "result": ["not", "a", "bot"]})

    async with httpx.AsyncClient(transport=httpx.MockTransport(odd)) as client:
        with pytest.raises(ZaloApiError, match="BotInfo"):
            await ZaloApi("1:tok-tok-tok", "https://zalo.invalid", client).get_me()


@pytest.mark.parametrize("body", [{"ok": True}, {"ok": True, "result": None}, {"ok": True, "result": {}}])
async def test_get_updates_takes_an_empty_success_for_no_update(body: dict[str, object]) -> None:
    def empty(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    async with httpx.AsyncClient(transport=httpx.MockTransport(empty)) as client:
        assert await ZaloApi("1:tok-tok-tok", "https://zalo.invalid", client).get_updates(timeout=1) is None


def test_is_transient_tells_retryable_failures_apart() -> None:
    assert is_transient(ZaloApiError(429, "quota"))
    assert is_transient(ZaloApiError(503, "unavailable"))
    assert is_transient(ZaloNetworkError("ConnectError"))
    assert not is_transient(ZaloApiError(400, "bad text"))
    assert not is_transient(ZaloApiError(401, "Unauthorized"))
    assert not is_transient(ValueError("not from Zalo"))


@pytest.mark.parametrize("token", ["", "has space", "a/b", "a?b", "a#b"])
def test_a_token_that_cannot_sit_in_a_url_is_refused_without_echoing_it(token: str) -> None:
    with pytest.raises(ValueError) as caught:
        ZaloApi(token)
    assert not token or token not in str(caught.value)


# ---------------------------------------------------------------------- the token stays secret


async def test_the_token_appears_in_no_log_line_exception_or_repr(
    fake_zalo: FakeZalo, zalo_api: ZaloApi, caplog: pytest.LogCaptureFixture
) -> None:
    token = fake_zalo.token
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    errors: list[BaseException] = []

    await zalo_api.get_me()
    await zalo_api.send_message("chat-1", "ok")
    fake_zalo.fail_next_sends(1)
    fake_zalo.fail_next_sends(1, kind="drop")
    for _ in range(2):
        try:
            await zalo_api.send_message("chat-1", "lỗi")
        except ZaloError as error:
            errors.append(error)
    async with ZaloApi(token, f"http://127.0.0.1:{_closed_port()}") as unreachable:
        try:
            await unreachable.get_me()
        except ZaloError as error:
            errors.append(error)
        texts = [repr(zalo_api), repr(unreachable)]

    assert [type(e) for e in errors] == [ZaloApiError, ZaloNetworkError, ZaloNetworkError]
    for failure in errors:
        texts += [str(failure), repr(failure), repr(failure.args)]
        # nothing chained: an httpx exception would carry the request, and the request the URL
        assert failure.__cause__ is None and failure.__context__ is None
    texts += [record.getMessage() for record in caplog.records]
    assert not [text for text in texts if token in text]
    # httpx did log the requests: the filter redacted them rather than nothing being logged
    assert any(REDACTED in r.getMessage() and r.name == "httpx" for r in caplog.records)

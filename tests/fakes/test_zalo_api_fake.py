"""The fake Zalo API itself: the behaviour door tests will lean on (webhook pushes, redelivery, records)."""

from __future__ import annotations

import json

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.channels.zalo.api import ZaloApi, ZaloApiError, ZaloNetworkError
from bot.channels.zalo.updates import parse_update
from tests.fakes.zalo_api import SECRET_HEADER, FakeZalo, WebhookDeliveryError, serve


class Receiver:
    """A webhook endpoint that records what it is sent and answers ``status``."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.requests: list[tuple[str | None, bytes]] = []
        self.app = Starlette(routes=[Route("/zalo", self.hook, methods=["POST"])])

    async def hook(self, request: Request) -> Response:
        self.requests.append((request.headers.get(SECRET_HEADER), await request.body()))
        return Response(status_code=self.status)


async def test_push_posts_bare_or_wrapped_updates_to_the_webhook_with_its_secret(
    fake_zalo: FakeZalo, zalo_api: ZaloApi
) -> None:
    receiver = Receiver()
    async with serve(receiver.app) as url:
        await zalo_api.set_webhook(f"{url}/zalo", "s3cret-token")
        bare = await fake_zalo.push_text("chat-1", "user-1", "không bọc")
        wrapped = await fake_zalo.push_text("chat-1", "user-1", "có bọc", wrapped=True)
    (secret_1, body_1), (secret_2, body_2) = receiver.requests
    assert secret_1 == secret_2 == "s3cret-token"
    assert json.loads(body_1) == bare.update
    assert json.loads(body_2) == {"ok": True, "result": wrapped.update}
    assert (parse_update(body_1).text, parse_update(body_2).text) == ("không bọc", "có bọc")
    assert bare.webhook_status == wrapped.webhook_status == 200
    assert fake_zalo.pending_updates == 0  # nothing went to the getUpdates queue


async def test_push_can_send_a_wrong_secret_or_none(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    receiver = Receiver(status=403)
    async with serve(receiver.app) as url:
        await zalo_api.set_webhook(f"{url}/zalo", "s3cret-token")
        forged = await fake_zalo.push(
            fake_zalo.make_update("message.text.received", "c", "u", text="giả"), secret="wrong-secret"
        )
        missing = await fake_zalo.push(
            fake_zalo.make_update("message.text.received", "c", "u", text="giả"), with_secret=False
        )
    assert [secret for secret, _ in receiver.requests] == ["wrong-secret", None]
    assert forged.webhook_status == missing.webhook_status == 403


async def test_an_unreachable_webhook_fails_the_push_loudly(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    async with serve(Receiver().app) as url:
        await zalo_api.set_webhook(f"{url}/zalo", "s3cret-token")
    with pytest.raises(WebhookDeliveryError):
        await fake_zalo.push_text("c", "u", "không ai nghe")


async def test_redeliver_hands_out_the_same_update_again(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await fake_zalo.push_text("chat-1", "user-1", "một", message_id=77)
    await fake_zalo.push_text("chat-1", "user-1", "hai")
    [again] = await fake_zalo.redeliver(last=1)
    updates = [await zalo_api.get_updates(timeout=0) for _ in range(3)]
    assert [(u.text, u.message_id) for u in updates if u] == [
        ("một", "77"),
        ("hai", again.update["message"]["message_id"]),
        ("hai", again.update["message"]["message_id"]),
    ]
    with pytest.raises(ValueError):
        await fake_zalo.redeliver(last=5)


async def test_wrapped_has_no_effect_on_polling(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    await fake_zalo.push_text("chat-1", "user-1", "bọc", wrapped=True)
    update = await zalo_api.get_updates(timeout=0)
    assert update is not None and update.text == "bọc"


async def test_messages_keep_per_chat_and_global_order(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    for chat_id, text in [("a", "a1"), ("b", "b1"), ("a", "a2")]:
        await zalo_api.send_message(chat_id, text)
    assert [m.text for m in fake_zalo.messages("a")] == ["a1", "a2"]
    assert [(m.chat_id, m.seq) for m in fake_zalo.all_messages()] == [("a", 1), ("b", 2), ("a", 3)]
    first, second = fake_zalo.messages("a")
    assert first.at <= second.at and first.message_id != second.message_id


async def test_wait_for_messages_fails_the_test_when_they_never_come(fake_zalo: FakeZalo) -> None:
    with pytest.raises(AssertionError, match="expected 1 message"):
        await fake_zalo.wait_for_messages("nobody", 1, timeout=0)


async def test_faults_can_target_any_method(fake_zalo: FakeZalo, zalo_api: ZaloApi) -> None:
    fake_zalo.fail_next("getMe", kind="drop")
    fake_zalo.fail_next("sendChatAction", kind="quota")
    with pytest.raises(ZaloNetworkError):
        await zalo_api.get_me()
    with pytest.raises(ZaloApiError):
        await zalo_api.send_chat_action("c")
    await zalo_api.get_me()
    assert [(c.method, c.error_code, c.dropped) for c in fake_zalo.calls()] == [
        ("getMe", None, True),
        ("sendChatAction", 429, False),
        ("getMe", None, False),
    ]


async def test_bad_request_bodies_and_parameters_are_400s(fake_zalo: FakeZalo) -> None:
    base = f"{fake_zalo.base_url}/bot{fake_zalo.token}"
    async with httpx.AsyncClient() as http:
        not_json = await http.post(f"{base}/sendMessage", content=b"{oops")
        a_list = await http.post(f"{base}/sendMessage", json=["c", "x"])
        no_chat = await http.post(f"{base}/sendMessage", json={"text": "x"})
        bad_timeout = await http.post(f"{base}/getUpdates", json={"timeout": "soon"})
        by_get = await http.get(f"{base}/getMe")
    for response in (not_json, a_list, no_chat, bad_timeout):
        assert response.status_code == 400
        body = response.json()
        assert body["ok"] is False and body["error_code"] == 400 and body["description"]
    assert by_get.json()["result"]["id"] == fake_zalo.bot_id

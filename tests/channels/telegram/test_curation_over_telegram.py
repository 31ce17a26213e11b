"""The Telegram door with a store, against the fake Bot API: 👍/👎 buttons under answers, a
curator's file fetched with getFile and swapped in, /xuat sent back as a document."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.chat import chat_texts
from bot.curation import curator_texts
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, button_update, document_update, free_port, update
from tests.hosting.test_process import HEADERS, HOUSES, SECRET, TOKEN, wait_for

ADMIN, USER = 900, 901


@pytest.fixture
async def bot(kb_dir: Path, tmp_path: Path) -> AsyncIterator[tuple[FakeTelegram, Runtime, str]]:
    fake = FakeTelegram()
    port = free_port()
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TOKEN,
        telegram_base_url=fake.base_url,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=SECRET,
        port=port,
        knowledge_dir=kb_dir,
        admin_ids=str(ADMIN),
        database_url=f"sqlite:///{tmp_path / 'bot.sqlite3'}",
        max_upload_mb=1,
    )
    async with fake.running():
        runtime = Runtime(settings, webhook=True, host="127.0.0.1", use_store=True)
        async with runtime:
            await runtime.wait_ready()
            yield fake, runtime, f"http://127.0.0.1:{port}/telegram"


ids = itertools.count(1)


async def post(http: httpx.AsyncClient, url: str, body: dict[str, object]) -> None:
    assert (await http.post(url, json=body, headers=HEADERS)).status_code == 200


async def test_answers_carry_feedback_buttons_that_are_counted(bot: tuple[FakeTelegram, Runtime, str]) -> None:
    fake, runtime, url = bot
    async with httpx.AsyncClient(trust_env=False) as http:
        await post(http, url, update(next(ids), USER, HOUSES))

        async def answered() -> bool:
            return bool(fake.replies_to(USER))

        await wait_for(answered, "the answer")
        markup = [s.markup for s in fake.sent if s.chat_id == USER][-1]
        assert markup is not None
        buttons = [b for row in markup["inline_keyboard"] for b in row]
        up = next(b for b in buttons if b["text"] == chat_texts.FEEDBACK_GOOD_LABEL)
        assert up["callback_data"].startswith("f:+:")
        await post(http, url, button_update(next(ids), USER, up["callback_data"]))

        async def thanked() -> bool:
            return chat_texts.THANKS_FOR_FEEDBACK in fake.callback_answers

        await wait_for(thanked, "the thank-you toast")
    assert runtime.store is not None
    assert (await runtime.store.feedback.report()).up == 1
    assert len(fake.replies_to(USER)) == 1  # a toast, not a message


async def test_a_curators_file_is_downloaded_validated_and_served(
    bot: tuple[FakeTelegram, Runtime, str], kb_dir: Path
) -> None:
    fake, runtime, url = bot
    source = (kb_dir / "facts" / "lai-vung.yaml").read_text(encoding="utf-8")
    fake.files["good"] = source.replace("kinh phí làm cầu đường]", "kinh phí làm cầu đường, tiền bê tông lộ]").encode()
    fake.files["huge"] = b"#" * (2 * 1024 * 1024)
    async with httpx.AsyncClient(trust_env=False) as http:
        # not an admin: the file is not even fetched
        await post(http, url, document_update(next(ids), USER, "good", "lai-vung.yaml", 100, caption="/capnhat"))
        await post(http, url, document_update(next(ids), ADMIN, "huge", "lai-vung.yaml", 2 * 1024 * 1024, "/capnhat"))
        await post(http, url, update(next(ids), ADMIN, "/capnhat"))
        await post(http, url, document_update(next(ids), ADMIN, "good", "lai-vung.yaml", len(fake.files["good"])))

        async def swapped() -> bool:
            return any(curator_texts.now_serving(2) in t for t in fake.replies_to(ADMIN))

        await wait_for(swapped, "version 2 to be served")
        assert fake.calls.count("getFile") == 1
        assert any("1 MB" in t for t in fake.replies_to(ADMIN))  # the huge one was refused by size
        assert fake.replies_to(USER) and curator_texts.now_serving(2) not in " ".join(fake.replies_to(USER))
        await post(http, url, update(next(ids), ADMIN, "/xuat"))

        async def exported() -> bool:
            return bool(fake.documents)

        await wait_for(exported, "the exported zip")
    document = fake.documents[0]
    assert document.chat_id == ADMIN and document.name == "knowledge-v2.zip"
    with zipfile.ZipFile(io.BytesIO(document.data)) as archive:
        assert "tiền bê tông lộ" in archive.read("facts/lai-vung.yaml").decode()
    assert runtime.library is not None and runtime.library.loaded == 2
    assert runtime.health()[1]["knowledge"]["version"] == 2

"""The curators' console (/admin) in a real browser, against the bot as a host runs it: Telegram
(fake Bot API) and Zalo (fake Zalo API) by webhook, an SQLite store, the console on the same port.

Sign-in with a one-time link (and the link refused the second time), pages refused without a
session, forged CSRF refused, a gap grouped then answered after keywords are added, a draft
reviewed beside its article and accepted, a rollback, questions handed to the board answered in
the console and delivered on the user's own door; screenshots of every page at 1280 px."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.chat import chat_texts
from bot.chat.messages import Incoming
from bot.hosting.admin_console import COOKIE
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from tests.fakes.telegram_api import FakeTelegram, button_update, free_port, update
from tests.fakes.zalo_api import FakeZalo
from tests.hosting.test_process import wait_for
from tests.web.conftest import Served

TELEGRAM_TOKEN = "123456:" + "C" * 35
TELEGRAM_SECRET = "console-telegram-secret"
ZALO_SECRET = "console-zalo-secret"
ZALO_ADMIN = "zalo-admin-9"
ZALO_USER = "zalo-user-5"
TELEGRAM_USER = 4711
GAP = "Lai Vung có bao nhiêu hộ nghèo năm 2019?"
SUPPORTED = "Huyện đã xây dựng 176 căn nhà cho hộ nghèo khó khăn về nhà ở."  # an article holds it
PAGES = (
    "/admin",
    "/admin/chua-tra-loi",
    "/admin/sai",
    "/admin/nhap",
    "/admin/phien-ban",
    "/admin/hoi-can-bo",
    "/admin/nhat-ky",
)


RUNTIMES: list[Runtime] = []  # the bot of the running test


def _idle(runtime: Runtime) -> bool:
    outboxes = [outbox for service in runtime.services if (outbox := getattr(service, "outbox", None)) is not None]
    held = runtime.inbox.held if runtime.inbox is not None else {}
    return runtime.dispatcher.pending == 0 and not held and all(o.pending == 0 for o in outboxes)


@pytest.fixture
async def hosted(fake_zalo: FakeZalo, kb_dir: Path) -> AsyncIterator[tuple[Served, FakeTelegram, FakeZalo]]:
    telegram = FakeTelegram()
    port = free_port()
    settings = Settings(
        _env_file=None,
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_base_url=telegram.base_url,
        webhook_url=f"http://127.0.0.1:{port}/telegram",
        webhook_secret=TELEGRAM_SECRET,
        zalo_bot_token=fake_zalo.token,
        zalo_base_url=fake_zalo.base_url,
        zalo_webhook_secret=ZALO_SECRET,
        zalo_admin_ids=ZALO_ADMIN,
        public_url=f"http://127.0.0.1:{port}",
        port=port,
        knowledge_dir=kb_dir,
        rate_limit_messages=100,
    )
    async with telegram.running():
        runtime = Runtime(settings, webhook=True, host="127.0.0.1", use_store=True)
        async with runtime:
            await runtime.wait_ready(timeout=120)
            RUNTIMES[:] = [runtime]
            yield Served(runtime, f"http://127.0.0.1:{port}"), telegram, fake_zalo
            RUNTIMES.clear()


async def zalo_says(fake: FakeZalo, chat: str, text: str) -> str:
    """What the bot sent back, every message of it (a long reply comes in several)."""
    before = len(fake.messages(chat))
    await fake.push_text(chat, chat, text)
    await fake.wait_for_messages(chat, before + 1, timeout=30)

    async def settled() -> bool:  # the update answered and every message of the reply sent
        return all(_idle(runtime) for runtime in RUNTIMES)

    await wait_for(settled, "the reply to be sent whole")
    return "\n".join(m.text for m in fake.messages(chat)[before:])


async def sign_in_link(fake: FakeZalo) -> str:
    reply = await zalo_says(fake, ZALO_ADMIN, "/web")
    match = re.search(r"http://127\.0\.0\.1:\d+/admin/vao\?t=[A-Za-z0-9_-]+", reply)
    assert match, reply
    return match.group(0)


async def signed_in(browser: Any, fake: FakeZalo) -> Any:
    page = await (await browser.new_context(viewport={"width": 1280, "height": 900})).new_page()
    await page.goto(await sign_in_link(fake))
    await page.get_by_role("button", name="Vào trang quản trị").click()
    await page.wait_for_url(re.compile(r"/admin$"))
    return page


async def test_sign_in_once_and_pages_refused_without_a_session(
    browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]
) -> None:
    served, _, fake = hosted
    link = await sign_in_link(fake)
    async with httpx.AsyncClient(trust_env=False) as http:
        # a link preview (a GET) does not use the link up
        assert (await http.get(link)).status_code == 200
        for path in PAGES:
            refused = await http.get(served.url + path)
            assert refused.status_code == 403 and "/web" in refused.text, path
        assert (await http.post(served.url + "/admin/phien-ban/khoi-phuc", data={"number": "1"})).status_code == 403
        # a user who is not an admin gets no link
        assert "/admin/vao" not in await zalo_says(fake, ZALO_USER, "/web")
    page = await (await browser.new_context()).new_page()
    await page.goto(link)
    await page.get_by_role("button", name="Vào trang quản trị").click()
    await page.wait_for_url(re.compile(r"/admin$"))
    assert await page.get_by_role("heading", level=1).inner_text() == "Tổng quan 30 ngày qua"
    cookie = next(c for c in await page.context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["path"] == "/admin"
    # the same link again, in another browser: refused
    other = await (await browser.new_context()).new_page()
    response = await other.goto(link)
    assert response.status == 403
    assert "đã được dùng" in await other.locator(".refused").inner_text()
    async with httpx.AsyncClient(trust_env=False) as http:
        token = link.split("t=", 1)[1]
        assert (await http.post(served.url + "/admin/vao", data={"t": token})).status_code == 403
    # every page opens for the signed-in curator
    for path in PAGES:
        assert (await page.goto(served.url + path)).status == 200, path


async def test_a_forged_csrf_token_is_refused(browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]) -> None:
    served, _, fake = hosted
    page = await signed_in(browser, fake)
    cookie = next(c for c in await page.context.cookies() if c["name"] == COOKIE)
    before = await served.runtime.store.versions.newest()  # type: ignore[union-attr]
    async with httpx.AsyncClient(trust_env=False, cookies={COOKIE: cookie["value"]}) as http:
        for forged in ({"number": "1"}, {"number": "1", "csrf": "x" * 43}, {"number": "1", "csrf": ""}):
            response = await http.post(served.url + "/admin/phien-ban/khoi-phuc", data=forged)
            assert response.status_code == 403 and "Mã xác nhận" in response.text
    assert await served.runtime.store.versions.newest() == before  # type: ignore[union-attr]
    # the form's own token works
    await page.goto(served.url + "/admin/phien-ban")
    assert await page.locator("input[name=csrf]").first.get_attribute("value")


async def test_a_gap_is_grouped_then_answered_after_keywords(
    browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]
) -> None:
    served, _, fake = hosted
    # (a short form the lexicon does not read: «ĐĐK» it now reads as Đại đoàn kết)
    # two people ask the same thing in their own words; the base has the figure under other words
    question = "bu dop xay bao nhieu nha ddkt"
    for chat, text in ((ZALO_USER, question), ("zalo-user-6", "Bù Đốp xây bao nhiêu nhà ĐĐKT?")):
        await zalo_says(fake, chat, "Kiên Lương có những mô hình nào?")  # a turn before it
        first = await zalo_says(fake, chat, text)
        assert "176" not in first
    await zalo_says(fake, ZALO_USER, "thủ đô nước Pháp là gì")  # an intended refusal
    page = await signed_in(browser, fake)
    await page.goto(served.url + "/admin/chua-tra-loi")
    group = page.locator("main > section.group").filter(has_text=re.compile("nh[aà] (ddkt|ĐĐKT)")).first
    assert "2 lần, 2 người" in await group.inner_text()
    assert "Kiên Lương có những mô hình nào?" in await group.inner_text()  # the turn before it
    refusals = page.locator("details").filter(has_text="Từ chối có chủ đích")
    assert await refusals.get_attribute("open") is None  # folded away
    assert "(1 nhóm)" in await refusals.inner_text()
    assert not any("thủ đô nước Pháp" in t for t in await page.locator("main > section.group").all_inner_texts())
    await refusals.locator("summary").click()
    assert "thủ đô nước Pháp" in await refusals.inner_text() and "general" in await refusals.inner_text()
    await group.get_by_label("Mục trả lời được (mã)").fill("bd-mttq-nha-dai-doan-ket")
    await group.get_by_label("Thêm từ khóa").fill("nhà ĐĐKT")
    await group.get_by_role("button", name="Thêm từ khóa").click()
    await page.wait_for_url(re.compile(r"/admin/chua-tra-loi"))
    assert (
        "Đang dùng phiên bản" in await page.locator(".said").inner_text()
        or "phiên bản" in await page.locator(".said").inner_text()
    )
    answered = await zalo_says(fake, "zalo-user-8", question)
    assert "176" in answered
    audit = await served.runtime.store.audit.recent()  # type: ignore[union-attr]
    assert [a.action for a in audit][:2] == ["keywords", "sign-in"]
    assert audit[0].version == served.runtime.library.loaded  # type: ignore[union-attr]


async def test_a_draft_is_reviewed_beside_its_article_and_accepted(
    browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo], artifacts: Path
) -> None:
    served, _, fake = hosted
    page_file = Path(__file__).parent.parent / "curation" / "pages"
    source = next(iter(sorted(page_file.glob("*.txt"))))
    # a curator's upload drafts the page: the drafts wait for review
    from bot.chat.messages import Attachment

    core = served.runtime.core
    assert core is not None
    uploaded = await core.handle(
        Incoming(
            door="zalo",
            chat_id=ZALO_ADMIN,
            user_id=ZALO_ADMIN,
            text="/capnhat",
            attachment=Attachment(name=source.name, data=source.read_bytes()),
            takes_files=True,
        )
    )
    assert uploaded.kind == "command", uploaded
    waiting = {d.article.id for d in core.answerer.kb.drafts}
    assert waiting
    article = sorted(waiting)[0]
    page = await signed_in(browser, fake)
    await page.goto(served.url + f"/admin/nhap/{article}")
    marks = page.locator("section.article mark")
    assert await marks.count() >= 1
    drafts = page.locator("article.draft")
    count = await drafts.count()
    assert count == sum(1 for d in core.answerer.kb.drafts if d.article.id == article)
    first = drafts.first
    entry_id = await first.get_attribute("id")
    quote = (await first.locator("blockquote").inner_text()).split("…")[0].strip(" .,;:")
    assert any(quote[:20] in t for t in await marks.all_inner_texts())
    await page.screenshot(path=str(artifacts / "console-draft.png"), full_page=False)
    # the curator rewrites what users will read, then accepts the draft as edited
    await first.locator("summary").click()
    answer_box = first.locator("textarea[name=answer]")
    edited = (await answer_box.input_value()).rstrip(".") + " (theo bài viết)."
    await answer_box.fill(edited)
    await first.get_by_role("button", name="Lưu bản nháp").click()
    await page.wait_for_url(re.compile(rf"/admin/nhap/{article}"))
    assert "phiên bản" in await page.locator(".said").inner_text()
    still_draft = next(d for d in core.answerer.kb.drafts if d.id == entry_id)
    assert still_draft.entry.answer == edited
    first = page.locator(f"article.draft[id='{entry_id}']")
    for box in await page.locator("input[name=entry][form=review]").all():
        await box.uncheck()
    await first.locator("input[name=entry][form=review]").check()
    await page.get_by_role("button", name="Nhận các mục đã chọn").click()
    await page.wait_for_load_state()
    assert entry_id in core.answerer.kb.by_id
    assert entry_id not in {d.id for d in core.answerer.kb.drafts}
    assert core.answerer.kb.by_id[entry_id].entry.answer == edited  # served as the curator wrote it


async def test_a_version_is_rolled_back(browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]) -> None:
    served, _, fake = hosted
    library = served.runtime.library
    assert library is not None and served.runtime.core is not None
    page = await signed_in(browser, fake)
    # a change makes version 2
    await page.goto(served.url + "/admin/chua-tra-loi")
    from bot.curation import console_work
    from bot.store.console_access import Curator

    changed = await console_work.add_keywords(
        served.runtime.core, library, Curator("zalo", "h" * 64), "bd-mttq-nha-dai-doan-ket", "nhà tình thương hộ nghèo"
    )
    assert library.loaded == 2, changed
    await page.goto(served.url + "/admin/phien-ban/so-sanh?a=1&b=2")
    assert "bd-mttq-nha-dai-doan-ket" in await page.locator("main").inner_text()
    await page.goto(served.url + "/admin/phien-ban")
    row = page.locator("tr").filter(has_text="1").filter(has=page.get_by_role("button", name="Khôi phục")).first
    await row.get_by_role("button", name="Khôi phục").click()
    await page.wait_for_url(re.compile(r"/admin/phien-ban"))
    assert library.loaded == 3
    keywords = served.runtime.core.answerer.kb.by_id["bd-mttq-nha-dai-doan-ket"].entry.keywords
    assert "nhà tình thương hộ nghèo" not in keywords
    export = await page.request.get(served.url + "/admin/phien-ban/3.zip")
    assert export.status == 200 and (await export.body())[:2] == b"PK"


async def test_handoffs_answered_in_the_console_reach_telegram_and_zalo(
    browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]
) -> None:
    served, telegram, fake = hosted
    store = served.runtime.store
    assert store is not None
    hook = f"{served.url}/telegram"
    headers = {"X-Telegram-Bot-Api-Secret-Token": TELEGRAM_SECRET}
    async with httpx.AsyncClient(trust_env=False) as http:
        assert (await http.post(hook, json=update(1, TELEGRAM_USER, GAP), headers=headers)).status_code == 200

        async def replied() -> bool:
            return bool(telegram.replies_to(TELEGRAM_USER))

        await wait_for(replied, "the Telegram reply")
        asked = (await store.questions.not_answered())[0]
        pressed = button_update(2, TELEGRAM_USER, f"h:{asked.id}")
        assert (await http.post(hook, json=pressed, headers=headers)).status_code == 200

        async def handed() -> bool:
            return len(await store.handoffs.waiting()) == 1

        await wait_for(handed, "the Telegram question handed to the board")
    # on Zalo the offer is a numbered choice
    declined = await zalo_says(fake, ZALO_USER, "Kiên Lương có bao nhiêu hộ nghèo năm 2019?")
    number = re.search(r"(\d+)\. " + re.escape(chat_texts.HANDOFF_LABEL), declined)
    assert number, declined
    told = await zalo_says(fake, ZALO_USER, number.group(1))
    assert "cho riêng câu hỏi này" in told
    waiting = await store.handoffs.waiting()
    assert {h.door for h in waiting} == {"telegram", "zalo"} and all(h.chat_id for h in waiting)
    page = await signed_in(browser, fake)
    await page.goto(served.url + "/admin/hoi-can-bo")
    for door, answer in (
        ("telegram", "Theo số liệu của huyện, năm 2019 Lai Vung có 1.234 hộ nghèo."),
        ("zalo", SUPPORTED),
    ):
        group = page.locator("section.group").filter(has_text=f"({door},").first
        await group.get_by_label(re.compile("Trả lời")).fill(answer)
        await group.get_by_role("button", name="Gửi trả lời").click()
        await page.wait_for_url(re.compile(r"/admin/hoi-can-bo"))
        assert "Đã gửi câu trả lời" in await page.locator(".said").inner_text()

    async def telegram_got_it() -> bool:
        return any(
            "Trả lời của Ban Tuyên giáo" in t and "1.234 hộ nghèo" in t for t in telegram.replies_to(TELEGRAM_USER)
        )

    await wait_for(telegram_got_it, "the board's answer on Telegram")
    zalo_texts = [m.text for m in fake.messages(ZALO_USER)]
    assert any("Trả lời của Ban Tuyên giáo" in t and "176 căn nhà" in t for t in zalo_texts)
    assert await store.handoffs.waiting() == []
    # the answer an article supports can become an entry: drafted from that sentence, for review
    assert "Bài «" in await page.locator(".said").inner_text()
    offer = page.locator("form.support").first
    assert "176 căn nhà" in await offer.inner_text()
    before = len(served.runtime.core.answerer.kb.drafts)  # type: ignore[union-attr]
    await offer.get_by_role("button", name="Soạn nháp mục từ câu này").click()
    await page.wait_for_url(re.compile(r"/admin/nhap/bu-dop"))
    drafts = served.runtime.core.answerer.kb.drafts  # type: ignore[union-attr]
    assert len(drafts) > before and any("176" in d.entry.answer for d in drafts)
    assert await page.locator("article.draft").count() == len(drafts)
    # delivered: the chat's address is no longer kept
    async with store.engine.connect() as connection:
        from sqlalchemy import select

        from bot.store.models import Handoff

        kept = (await connection.execute(select(Handoff.chat_id))).scalars().all()
    assert kept == [None, None]


async def test_screenshots_of_every_page(
    browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo], artifacts: Path
) -> None:
    served, _, fake = hosted
    for chat, text in (
        (ZALO_USER, GAP),
        (ZALO_USER, "bu dop xay dc bao nhieu can nha dai doan ket"),
        (ZALO_USER, "sai rồi"),
    ):
        await zalo_says(fake, chat, text)
    page = await signed_in(browser, fake)
    for path in (
        *PAGES,
        "/admin/bai/bu-dop",
        "/admin/muc/bd-mttq-nha-dai-doan-ket",
        "/admin/phien-ban/so-sanh?a=1&b=1",
    ):
        response = await page.goto(served.url + path)
        assert response.status == 200, path
        name = path.strip("/").replace("/", "-").split("?")[0] or "admin"
        await page.screenshot(path=str(artifacts / f"console-{name}.png"), full_page=True)


async def test_what_the_review_found_is_refused(browser: Any, hosted: tuple[Served, FakeTelegram, FakeZalo]) -> None:
    """The defects a review of the console found, each refused now."""
    served, _, fake = hosted
    store = served.runtime.store
    assert store is not None
    # /web in a group: no link for the whole group to press
    core = served.runtime.core
    assert core is not None
    in_group = await core.handle(
        Incoming(door="zalo", chat_id="group-1", user_id=ZALO_ADMIN, text="/web", is_group=True)
    )
    assert "/admin/vao" not in " ".join(in_group.parts)
    page = await signed_in(browser, fake)
    cookie = next(c for c in await page.context.cookies() if c["name"] == COOKIE)
    await page.goto(served.url + "/admin/phien-ban")
    csrf = await page.locator("input[name=csrf]").first.get_attribute("value")
    jar = {"Cookie": f"{COOKIE}={cookie['value']}"}
    async with httpx.AsyncClient(trust_env=False, headers=jar) as http:
        # numbers too large for the database: answered, never a 500
        assert (
            await http.post(served.url + "/admin/phien-ban/khoi-phuc", data={"csrf": csrf, "number": "9" * 5000})
        ).status_code == 303
        assert (
            await http.post(served.url + f"/admin/hoi-can-bo/{10**30}", data={"csrf": csrf, "answer": "x"})
        ).status_code == 404

        # a chunked body past the limit
        async def chunks() -> AsyncIterator[bytes]:
            for _ in range(200):
                yield b"a" * 1024

        big = await http.post(
            served.url + "/admin/bo-qua",
            content=chunks(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert big.status_code == 413
        # ids that are not the article's drafts are not pasted into /duyet
        forged = await http.post(
            served.url + "/admin/nhap/bu-dop/duyet", data={"csrf": csrf, "entry": "x force", "action": "accept"}
        )
        assert forged.status_code == 303 and served.runtime.library.loaded == 1  # type: ignore[union-attr]
        # a crafted status message is not shown as the console's
        for signature in ("", "0" * 24, "chữ ký"):
            spoof = await http.get(served.url + "/admin/phien-ban", params={"da": "Phiên bản 7 lỗi", "ky": signature})
            assert spoof.status_code == 200 and "Phiên bản 7 lỗi" not in spoof.text
    # an admin removed from the settings: the session opens nothing any more
    core.admins["zalo"] = frozenset()
    response = await page.goto(served.url + "/admin/phien-ban")
    assert response.status == 403

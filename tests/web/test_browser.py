"""The web chat in a real browser (Debian's Chromium, driven by Playwright), against the bot as
a host runs it: questions answered with their source, buttons, context across turns and
reloads, feedback in the store, the widget on allowed and refused sites, hostile input shown
as text, the rate limit, an accessibility scan, and screenshots at phone and desktop widths."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.channels.web import web_texts
from bot.chat import chat_texts
from bot.store.models import Question
from tests.fakes.telegram_api import free_port
from tests.web.conftest import AXE, Served, another_site, serving, web_settings

HOUSES = "bu dop xay dc bao nhieu can nha dai doan ket"
REPAIRED = "còn sửa chữa bao nhiêu căn?"
TIMEOUT = 30_000  # ms: a bound for a hung test, not a timing assertion


async def open_chat(browser: Any, url: str, width: int = 1280, **context: Any) -> Any:
    page = await (await browser.new_context(viewport={"width": width, "height": 800}, **context)).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    await page.goto(url + "/chat")
    await page.locator(".bc-bot").first.wait_for(timeout=TIMEOUT)  # the greeting
    return page


async def ask(page: Any, text: str) -> Any:
    """Type a question, send it with Enter, and return the bot's reply to it (the newest message)."""
    before = await page.locator(".bc-log > .bc-msg").count()
    await page.get_by_label("Câu hỏi của bạn").fill(text)
    await page.get_by_label("Câu hỏi của bạn").press("Enter")
    return await reply_after(page, before + 1)


async def reply_after(page: Any, count: int) -> Any:
    """The message that comes after the first `count` messages of the log."""
    message = page.locator(".bc-log > .bc-msg").nth(count)
    await message.wait_for(timeout=TIMEOUT)
    return message


async def test_a_question_is_answered_with_its_source(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    reply = await ask(page, HOUSES)
    text = await reply.inner_text()
    assert "176" in text and "Đại đoàn kết" in text
    source = reply.locator(".bc-source").first
    assert (await source.inner_text()).startswith("Nguồn: «")
    assert "huyện Bù Đốp" in await source.inner_text()
    quote = reply.locator(".bc-quote").first
    short = await quote.inner_text()
    assert short.startswith("Trích bài:") and "176" in short
    expand = reply.get_by_role("button", name="Xem cả đoạn trích")
    if await expand.count():  # the quote was cut: the whole of it is one press away, and back
        await expand.click()
        whole = await quote.inner_text()
        assert len(whole) > len(short) and "176" in whole
        assert await reply.get_by_role("button", name="Thu gọn đoạn trích").get_attribute("aria-expanded") == "true"
    assert await page.locator(".bc-typing").is_hidden()
    assert page.errors == []


async def test_an_example_and_a_suggestion_are_pressed(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    greeting = page.locator(".bc-bot").first
    assert served.runtime.settings.web_chat_greeting in await greeting.inner_text()
    example = greeting.locator(".bc-choice").first
    label = await example.inner_text()
    await example.click()
    shown = page.locator(".bc-log > .bc-msg").nth(1)
    assert await shown.inner_text() == f"Bạn: {label}" or (await shown.inner_text()).endswith(label)
    answer = await reply_after(page, 2)
    assert "bc-bot" in (await answer.get_attribute("class") or "")
    assert await answer.locator(".bc-source").count() >= 1
    reply = await ask(page, HOUSES)
    suggestion = reply.locator(".bc-choice").first
    wanted = await suggestion.inner_text()
    before = await page.locator(".bc-log > .bc-msg").count()
    await suggestion.click()
    followed = await reply_after(page, before + 1)
    assert "39" in await followed.inner_text() or wanted.split(" (")[0].lower() in (await followed.inner_text()).lower()


async def test_a_follow_up_is_answered_in_context_and_a_reload_goes_on(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    assert "176" in await (await ask(page, HOUSES)).inner_text()
    assert "39 căn" in await (await ask(page, REPAIRED)).inner_text()
    conversation = await page.evaluate("Object.keys(localStorage).find(k => k.endsWith(':conversation'))")
    kept = await page.evaluate(f"localStorage.getItem({json.dumps(conversation)})")
    await page.reload()
    await page.locator(".bc-log > .bc-msg").nth(4).wait_for(timeout=TIMEOUT)
    assert await page.locator(".bc-log > .bc-msg").count() == 5  # greeting, two questions, two answers
    assert "176" in await page.locator(".bc-log > .bc-msg").nth(2).inner_text()
    assert await page.evaluate(f"localStorage.getItem({json.dumps(conversation)})") == kept
    # the context is the store's, not the page's: "thế còn sửa chữa?" follows the houses again
    await ask(page, HOUSES)
    assert "39 căn" in await (await ask(page, REPAIRED)).inner_text()
    # no cookie is set or needed
    assert await page.context.cookies() == []


async def test_thumbs_up_is_recorded_in_the_store(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    reply = await ask(page, HOUSES)
    before = await page.locator(".bc-log > .bc-msg").count()
    await reply.get_by_role("button", name="Câu trả lời đúng").click()
    thanks = await reply_after(page, before)
    assert chat_texts.THANKS_FOR_FEEDBACK in await thanks.inner_text()
    assert await reply.get_by_role("button", name="Câu trả lời đúng").get_attribute("aria-pressed") == "true"
    assert await reply.get_by_role("button", name="Câu trả lời sai").is_disabled()
    store = served.runtime.store
    assert store is not None
    report = await store.feedback.report()
    assert (report.up, report.down) == (1, 0)
    # and the question was recorded for the web door, with its conversation id hashed
    conversation = await page.evaluate(
        "localStorage.getItem(Object.keys(localStorage).find(k => k.endsWith(':conversation')))"
    )
    async with store.engine.connect() as connection:
        rows = (await connection.execute(select(Question.door, Question.chat_hash, Question.user_hash))).all()
    assert rows and all(door == "web" for door, _, _ in rows)
    assert all(conversation not in (chat or "") + (user or "") for _, chat, user in rows)
    assert {chat for _, chat, _ in rows} == {store.hasher.chat("web", conversation)}


async def test_the_widget_works_on_an_allowed_site_and_is_refused_elsewhere(
    browser: Any, served: Served, site_ports: tuple[int, int]
) -> None:
    allowed_port, other_port = site_ports
    widget = served.url + "/widget.js"
    with another_site(allowed_port, widget) as portal:
        page = await (await browser.new_context()).new_page()
        await page.goto(portal)
        bubble = page.get_by_role("button", name="Mở hỏi đáp")
        await bubble.click()
        await page.locator(".bc-bot").first.wait_for(timeout=TIMEOUT)
        reply = await ask(page, HOUSES)
        assert "176" in await reply.inner_text()
        await page.keyboard.press("Escape")
        assert await page.get_by_role("button", name="Mở hỏi đáp").get_attribute("aria-expanded") == "false"
    refused_before = served.door.refused.get(403, 0)
    with another_site(other_port, widget) as elsewhere:
        page = await (await browser.new_context()).new_page()
        await page.goto(elsewhere)
        await page.get_by_role("button", name="Mở hỏi đáp").click()
        notice = page.locator(".bc-system").first
        await notice.wait_for(timeout=TIMEOUT)
        assert "Không kết nối được" in await notice.inner_text()
        assert await page.locator(".bc-bot").count() == 0
        await page.get_by_label("Câu hỏi của bạn").fill(HOUSES)
        await page.get_by_label("Câu hỏi của bạn").press("Enter")
        await page.locator(".bc-system").nth(1).wait_for(timeout=TIMEOUT)
        assert await page.locator(".bc-bot").count() == 0
        assert await page.get_by_label("Câu hỏi của bạn").input_value() == HOUSES  # nothing typed is lost
    assert served.door.refused.get(403, 0) > refused_before  # the bot itself refused, not only the browser


HOSTILE_SEEDS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<svg onload=window.__pwned=1>",
    '"><script>window.__pwned=1</script>',
    "javascript:window.__pwned=1",
    '<iframe src="javascript:window.__pwned=1"></iframe>',
    "<a href=javascript:window.__pwned=1>bấm</a>",
    "{{constructor.constructor('window.__pwned=1')()}}",
    "<style>*{display:none}</style>",
    "<b onmouseover=window.__pwned=1>Bù Đốp</b>",
    "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    "<details open ontoggle=window.__pwned=1>",
    "</p></div><script>window.__pwned=1</script>",
    "bu dop <script>window.__pwned=1</script> xay bao nhieu nha",
    "\u202e<script>window.__pwned=1</script>",
    "<body onload=window.__pwned=1>",
    "<input autofocus onfocus=window.__pwned=1>",
    '<object data="javascript:window.__pwned=1">',
    "<!--<img src=x onerror=window.__pwned=1>-->",
]


def hostile_inputs() -> list[str]:
    """200 texts: each seed alone, inside a question, repeated, and with Vietnamese around it."""
    out: list[str] = []
    for i in range(10):
        for seed in HOSTILE_SEEDS:
            out.append(
                [
                    seed,
                    f"Bù Đốp {seed}",
                    f"{seed} có bao nhiêu mô hình?",
                    seed * 2,
                    f"«{seed}»",
                    f"/{seed}",
                    f"{seed}\u0301",
                    f"{i} {seed}",
                    f"{seed} lai vung",
                    f"Kiên Lương{seed}?",
                ][i]
            )
    return out


async def test_200_hostile_inputs_are_shown_as_text_and_run_nothing(browser: Any, site_ports: tuple[int, int]) -> None:
    settings = web_settings(free_port(), [], rate_limit_messages=1000, web_address_limit_messages=1000)
    async with serving(settings) as served:
        page = await open_chat(browser, served.url)
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        inputs = hostile_inputs()
        assert len(inputs) == 200
        for number, text in enumerate(inputs):
            await ask(page, text)
            if number % 50 == 49:  # the log's own texts, compared in one go now and then
                shown = await page.locator(".bc-user p").all_inner_texts()
                assert shown[-50:] == [t.strip() for t in inputs[number - 49 : number + 1]]
        assert await page.evaluate("window.__pwned") is None
        assert dialogs == []
        assert (
            await page.locator(".bc-log script, .bc-log img, .bc-log iframe, .bc-log svg, .bc-log style").count() == 0
        )
        assert page.errors == []


async def test_the_rate_limit_says_to_slow_down(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    limit = served.runtime.settings.rate_limit_messages
    for _ in range(limit):
        await ask(page, HOUSES)
    limited = await ask(page, HOUSES)
    assert chat_texts.slow_down(1).split(".")[0] in await limited.inner_text()
    assert "176" not in await limited.inner_text()
    silenced = await ask(page, HOUSES)  # warned once: the next is not answered either, and the page says so
    assert web_texts.PAGE_TEXTS["silent"] in await silenced.inner_text()


async def axe_scan(page: Any) -> list[dict[str, Any]]:
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


async def test_axe_finds_no_serious_violations_and_screenshots_are_kept(
    browser: Any, served: Served, artifacts: Path, site_ports: tuple[int, int]
) -> None:
    for width in (360, 1280):
        # axe is injected as a script of its own: the page's CSP would refuse it, as it should
        page = await open_chat(browser, served.url, width=width, bypass_csp=True)
        await ask(page, HOUSES)
        await ask(page, "Kiên Lương có những mô hình nào?")
        await page.screenshot(path=str(artifacts / f"chat-{width}.png"), full_page=False)
        serious = await axe_scan(page)
        assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)[:3000]
        # nothing wider than the screen: no sideways scrolling on a phone
        assert await page.evaluate("document.documentElement.scrollWidth") <= width
    with another_site(site_ports[0], served.url + "/widget.js") as portal:
        for width in (360, 1280):
            viewport = {"width": width, "height": 740}
            page = await (await browser.new_context(viewport=viewport, bypass_csp=True)).new_page()
            await page.goto(portal)
            await page.screenshot(path=str(artifacts / f"widget-closed-{width}.png"))
            await page.get_by_role("button", name="Mở hỏi đáp").click()
            await page.locator(".bc-bot").first.wait_for(timeout=TIMEOUT)
            await ask(page, HOUSES)
            await page.screenshot(path=str(artifacts / f"widget-{width}.png"))
            serious = await axe_scan(page)
            assert serious == [], json.dumps(serious, ensure_ascii=False, indent=1)[:3000]


async def test_everything_is_usable_from_the_keyboard(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    await page.get_by_label("Câu hỏi của bạn").focus()
    await page.keyboard.type(HOUSES)
    await page.keyboard.press("Enter")
    reply = await reply_after(page, 2)
    assert "176" in await reply.inner_text()
    # from the log, Tab walks through the reply's controls; Enter presses a suggestion
    await page.locator(".bc-log").focus()
    for _ in range(40):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.classList.contains('bc-choice')"):
            break
    else:
        raise AssertionError("no suggestion reachable with Tab")
    focused = await page.evaluate("document.activeElement.textContent")
    before = await page.locator(".bc-log > .bc-msg").count()
    await page.keyboard.press("Enter")
    after = await reply_after(page, before + 1)
    assert focused in await page.locator(".bc-log > .bc-msg").nth(before).inner_text()
    assert "bc-bot" in (await after.get_attribute("class") or "")
    # and every control has a name a screen reader can say
    unnamed = await page.evaluate(
        "[...document.querySelectorAll('button, input')].filter(e => !(e.labels && e.labels.length)"
        " && !e.getAttribute('aria-label') && !e.textContent.trim()).length"
    )
    assert unnamed == 0


async def test_a_list_turns_its_pages_with_buttons(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    listing = await ask(page, "/mohinh")
    turns = listing.locator(".bc-row[role=group]").first
    label = await turns.get_attribute("aria-label") or ""
    assert re.fullmatch(r"Trang 1/\d+", label), label
    total = int(label.rsplit("/", 1)[1])
    assert total > 1
    before = await page.locator(".bc-log > .bc-msg").count()
    await turns.get_by_role("button", name=chat_texts.NEXT_PAGE).click()
    second = await reply_after(page, before + 1)
    assert await second.get_by_role("group", name=f"Trang 2/{total}").count() == 1
    assert await second.get_by_role("button", name=chat_texts.PREVIOUS_PAGE).count() == 1
    # another page, not the first again
    assert await second.inner_text() != await listing.inner_text()


async def test_typing_shows_while_waiting_and_a_lost_connection_loses_nothing(browser: Any, served: Served) -> None:
    page = await open_chat(browser, served.url)
    held = asyncio.Event()

    async def slow(route: Any) -> None:
        await held.wait()
        await route.continue_()

    await page.route("**/api/chat/message", slow)
    await page.get_by_label("Câu hỏi của bạn").fill(HOUSES)
    await page.get_by_label("Câu hỏi của bạn").press("Enter")
    await page.locator(".bc-typing").wait_for(state="visible", timeout=TIMEOUT)
    assert await page.locator(".bc-log").get_attribute("aria-busy") == "true"
    assert await page.get_by_role("button", name="Gửi").is_disabled()
    held.set()
    answer = await reply_after(page, 2)
    assert "176" in await answer.inner_text()
    assert await page.locator(".bc-typing").is_hidden()
    await page.unroute("**/api/chat/message")
    # the bot cannot be reached: the page says so, keeps the question, and sends it again on request
    await page.route("**/api/chat/message", lambda route: route.abort())
    await page.get_by_label("Câu hỏi của bạn").fill(REPAIRED)
    await page.get_by_label("Câu hỏi của bạn").press("Enter")
    failed = await reply_after(page, 4)
    assert "bc-system" in (await failed.get_attribute("class") or "")
    assert await page.get_by_label("Câu hỏi của bạn").input_value() == REPAIRED
    await page.unroute("**/api/chat/message")
    await page.get_by_label("Câu hỏi của bạn").fill("")
    await failed.get_by_role("button", name="Gửi lại").click()
    resent = await reply_after(page, 5)
    assert "39 căn" in await resent.inner_text()

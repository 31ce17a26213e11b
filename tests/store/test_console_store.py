"""What the curators' console keeps, on both backends: one-time links, sessions, the audit log,
dismissed questions, handoffs; and two processes on one database agreeing on all of them."""

from __future__ import annotations

import asyncio

from bot.store import Store
from bot.store.dismissed import wording_key
from tests.store.conftest import FakeClock


async def test_a_link_opens_one_session_once_and_only_in_time(store: Store, clock: FakeClock) -> None:
    curator = store.console.curator("telegram", 42)
    assert len(curator.user_hash) == 64 and curator.user_hash == store.hasher.user("telegram", 42)
    token = await store.console.new_link(curator, 600)
    assert await store.console.link_state(token) == "valid"
    assert await store.console.take_link(token) == curator
    assert await store.console.take_link(token) is None  # used
    assert await store.console.link_state(token) == "used"
    late = await store.console.new_link(curator, 600)
    clock.advance(601)
    assert await store.console.link_state(late) == "expired"
    assert await store.console.take_link(late) is None
    for forged in ("", "x" * 43, "y" * 500):
        assert await store.console.take_link(forged) is None
        assert await store.console.link_state(forged) == "unknown"
    # only hashes are stored
    async with store.engine.connect() as connection:
        from sqlalchemy import text

        stored = (await connection.execute(text("SELECT token_hash FROM admin_links"))).scalars().all()
    assert token not in stored and late not in stored


async def test_sessions_carry_their_csrf_token_and_expire(store: Store, clock: FakeClock) -> None:
    curator = store.console.curator("zalo", "abc")
    session_id, opened = await store.console.open_session(curator, 3600)
    found = await store.console.session(session_id)
    assert found is not None and found.curator == curator and found.csrf == opened.csrf and len(found.csrf) >= 40
    assert await store.console.session("not-a-session") is None
    assert await store.console.session(None) is None
    clock.advance(3601)
    assert await store.console.session(session_id) is None
    again, _ = await store.console.open_session(curator, 3600)
    await store.console.close_session(again)
    assert await store.console.session(again) is None


async def test_the_audit_log_keeps_who_what_when_and_the_version(store: Store, clock: FakeClock) -> None:
    await store.audit.record("telegram", "h" * 64, "sign-in", {}, 3)
    clock.advance(5)
    await store.audit.record("telegram", "h" * 64, "keywords", {"entry": "bd-x", "words": "nhà ĐĐK\x00"}, 4)
    latest, first = await store.audit.recent()
    assert (latest.action, latest.detail, latest.version) == ("keywords", {"entry": "bd-x", "words": "nhà ĐĐK"}, 4)
    assert (first.action, first.version) == ("sign-in", 3) and latest.at > first.at


async def test_dismissed_wordings_are_known_by_their_folded_form(store: Store) -> None:
    await store.dismissed.dismiss(["Thời tiết hôm nay thế nào?", "thoi tiet hom nay the nao"], "h" * 64)
    await store.dismissed.dismiss(["Thời tiết hôm nay thế nào?"], "i" * 64)  # twice: no error
    keys = await store.dismissed.keys()
    assert keys == {wording_key("THỜI TIẾT hôm nay thế nào")} | {wording_key("thoi tiet hom nay the nao")}


async def test_a_handoff_keeps_the_chat_only_until_its_answer_is_delivered(store: Store, clock: FakeClock) -> None:
    asked = await store.questions.record(
        door="telegram", chat_id=77, user_id=77, text="hỏi", kind="decline", answered=False
    )
    handoff, new = await store.handoffs.open(
        door="telegram", chat_id="77", text="hỏi", before=["trước"], question_id=asked
    )
    assert new
    assert await store.handoffs.open(door="telegram", chat_id="77", text="hỏi", before=[], question_id=asked) == (
        handoff,
        False,
    )
    (waiting,) = await store.handoffs.waiting()
    assert (waiting.chat_id, waiting.before, waiting.answer) == ("77", ("trước",), None)
    answered = await store.handoffs.answer(handoff, "Đây là câu trả lời.", "c" * 64)
    assert answered is not None and answered.answer == "Đây là câu trả lời." and answered.chat_id == "77"
    assert len(await store.handoffs.waiting()) == 1  # answered, not yet delivered
    await store.handoffs.delivered(handoff)
    assert await store.handoffs.waiting() == []
    record = await store.handoffs.get(handoff)
    assert record is not None and record.chat_id is None and record.delivered
    assert await store.handoffs.answer(handoff, "lần nữa", "c" * 64) is None
    other, _ = await store.handoffs.open(door="zalo", chat_id="z1", text="khác", before=[], question_id=None)
    clock.advance(days=181)
    await store.purge_questions(180)
    assert await store.handoffs.get(other) is None


async def test_two_processes_agree_on_links_and_sessions(database: str, clock: FakeClock) -> None:
    async with await Store.open(database, clock=clock) as one, await Store.open(database, clock=clock) as two:
        curator = one.console.curator("telegram", 1)
        token = await one.console.new_link(curator, 600)
        # both take the same link at once: exactly one wins
        taken = await asyncio.gather(one.console.take_link(token), two.console.take_link(token))
        assert sorted(t is not None for t in taken) == [False, True]
        session_id, opened = await one.console.open_session(curator, 3600)
        seen = await two.console.session(session_id)
        assert seen is not None and seen.csrf == opened.csrf


async def test_two_answers_to_one_handoff_claim_it_once(store: Store, clock: FakeClock) -> None:
    handoff, _ = await store.handoffs.open(door="zalo", chat_id="z", text="hỏi", before=[], question_id=None)
    first, second = await asyncio.gather(
        store.handoffs.answer(handoff, "một", "a" * 64), store.handoffs.answer(handoff, "hai", "b" * 64)
    )
    assert sorted(x is None for x in (first, second)) == [False, True]  # one sends; the other is told
    await store.handoffs.not_delivered(handoff)  # the send failed: it may be sent again
    assert await store.handoffs.answer(handoff, "ba", "a" * 64) is not None
    clock.advance(61)  # a process that died while sending does not hold it forever
    assert await store.handoffs.answer(handoff, "bốn", "a" * 64) is not None


async def test_a_version_stored_after_another_change_is_refused(store: Store) -> None:
    from bot.store.knowledge_versions import VersionConflict
    from tests.store.zips import make_zip

    first = await store.versions.add_archive(make_zip({"articles/a.txt": "một".encode()}))
    await store.versions.add_archive(make_zip({"articles/a.txt": b"hai"}), after=first.number)
    try:
        await store.versions.add_archive(make_zip({"articles/a.txt": b"ba"}), after=first.number)
    except VersionConflict:
        pass
    else:
        raise AssertionError("a change made from version 1 was stored over version 2")
    assert (await store.versions.newest()).number == first.number + 1  # type: ignore[union-attr]

from __future__ import annotations

from datetime import timedelta

from bot.store import Store
from bot.store.grouping import comparison_key
from tests.store.conftest import START, FakeClock
from tests.store.dump import as_text, dump_all_rows

USER_ID = 987654321123
CHAT_ID = -100555444333


async def ask(store: Store, text: str, *, answered: bool = False, kind: str = "decline", user: int = USER_ID) -> int:
    return await store.questions.record(
        door="telegram", chat_id=CHAT_ID, user_id=user, text=text, kind=kind, answered=answered
    )


async def test_a_question_is_stored_with_hashed_ids(store: Store) -> None:
    qid = await store.questions.record(
        door="telegram",
        chat_id=CHAT_ID,
        user_id=USER_ID,
        text="Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?",
        kind="fact",
        answered=True,
        score=0.82,
        entry_ids=("bu-dop/nha-dai-doan-ket", "bu-dop/quy-vi-nguoi-ngheo"),
    )
    record = await store.questions.get(qid)
    assert record is not None
    assert record.text == "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?"
    assert (record.door, record.kind, record.answered, record.score) == ("telegram", "fact", True, 0.82)
    assert record.entry_ids == ("bu-dop/nha-dai-doan-ket", "bu-dop/quy-vi-nguoi-ngheo")
    assert record.asked_at == START
    assert record.user_hash == store.hasher.user("telegram", USER_ID)
    assert record.chat_hash == store.hasher.chat("telegram", CHAT_ID)
    assert len(record.user_hash or "") == 64 and record.user_hash != record.chat_hash
    # the same number on another door is another person
    assert store.hasher.user("zalo", USER_ID) != record.user_hash


async def test_raw_ids_never_reach_any_table(store: Store) -> None:
    qid = await ask(store, "bao nhiêu xã ở Lai Vung")
    await store.feedback.record(qid, -1, "sai rồi", door="telegram", user_id=USER_ID)
    await store.state.put(f"context:telegram:{CHAT_ID}", {"entries": ["lai-vung/xa"], "page": 2}, ttl_seconds=600)
    await store.state.put(f"suggestions:telegram:{CHAT_ID}:{USER_ID}", {"1": "e:lai-vung/xa"}, ttl_seconds=600)
    dumped = as_text(await dump_all_rows(store.engine))
    assert "bao nhiêu xã ở Lai Vung" in dumped  # the dump does see the data
    for secret in (str(USER_ID), str(CHAT_ID).lstrip("-")):
        assert secret not in dumped
    assert await store.state.get(f"context:telegram:{CHAT_ID}") == {"entries": ["lai-vung/xa"], "page": 2}


async def test_text_that_postgresql_would_refuse_is_cleaned(store: Store) -> None:
    qid = await ask(store, "Lai\x00 Vung" + "x" * 10_000)
    record = await store.questions.get(qid)
    assert record is not None and record.text.startswith("Lai Vung") and len(record.text) == 4096


async def test_a_lone_surrogate_is_recorded_as_a_replacement_character(store: Store) -> None:
    # JSON can carry "\ud800"; UTF-8, hence PostgreSQL, cannot
    qid = await ask(store, "Lai Vung \ud800 bao nhiêu")
    record = await store.questions.get(qid)
    assert record is not None and record.text == "Lai Vung \ufffd bao nhiêu"


async def test_unanswered_groups_near_duplicates_most_frequent_first(store: Store, clock: FakeClock) -> None:
    for text in ("bao nhiêu xã ở Lai Vung", "bao nhieu xa o lai vung?", "bao nhiu xa o lai vug"):
        await ask(store, text, user=1)
        clock.advance(60)
    for _ in range(2):
        await ask(store, "Củ Chi có mô hình gì?", user=2)
        clock.advance(60)
    await ask(store, "số điện thoại bí thư huyện", user=3)
    await ask(store, "Lai Vung huy động bao nhiêu tiền?", answered=True, kind="fact")  # answered: not reported
    await ask(store, "mô hình nào?", answered=True, kind="decline")  # declined counts as unanswered

    groups = await store.questions.unanswered()
    assert [(g.count, g.users) for g in groups] == [(3, 1), (2, 1), (1, 1), (1, 1)]
    lai_vung = groups[0]
    assert set(lai_vung.variants) == {"bao nhiêu xã ở Lai Vung", "bao nhieu xa o lai vung?", "bao nhiu xa o lai vug"}
    assert lai_vung.first_asked == START and lai_vung.last_asked == START + timedelta(minutes=2)
    assert groups[1].text == "Củ Chi có mô hình gì?" and groups[1].variants == ("Củ Chi có mô hình gì?",)
    assert {g.text for g in groups[2:]} == {"số điện thoại bí thư huyện", "mô hình nào?"}


async def test_unanswered_since_and_limit(store: Store, clock: FakeClock) -> None:
    await ask(store, "câu hỏi cũ về Đất Đỏ")
    clock.advance(days=10)
    await ask(store, "câu hỏi mới về Kiên Lương")
    await ask(store, "câu hỏi mới về Kiên Lương")
    await ask(store, "ai là chủ tịch tỉnh")
    recent = await store.questions.unanswered(since=START + timedelta(days=1))
    assert [(g.text, g.count) for g in recent] == [("câu hỏi mới về Kiên Lương", 2), ("ai là chủ tịch tỉnh", 1)]
    assert [g.text for g in await store.questions.unanswered(limit=1)] == ["câu hỏi mới về Kiên Lương"]
    assert len(await store.questions.unanswered()) == 3


async def test_purge_deletes_only_old_questions_and_their_feedback(store: Store, clock: FakeClock) -> None:
    old = await ask(store, "hỏi từ lâu")
    await store.feedback.record(old, -1, "sai rồi")
    clock.advance(days=100)
    middle = await ask(store, "hỏi 100 ngày sau")
    await store.feedback.record(middle, 1)
    clock.advance(days=81)  # old: 181 days, middle: 81 days
    recent = await ask(store, "hỏi hôm nay")

    assert await store.purge_questions() == 1  # default retention: 180 days
    assert await store.questions.get(old) is None
    assert await store.questions.get(middle) is not None and await store.questions.get(recent) is not None
    report = await store.feedback.report()
    assert (report.up, report.down, report.comments) == (1, 0, ())
    assert await store.purge_questions(180) == 0
    assert await store.purge_questions(older_than_days=30) == 1
    assert await store.questions.count() == 1
    rows = await dump_all_rows(store.engine)
    assert rows["feedback"] == [] and "hỏi từ lâu" not in as_text(rows)


def test_comparison_key_folds_diacritics_case_and_punctuation() -> None:
    assert (
        comparison_key("Bao nhiêu XÃ ở Lai Vung?!")
        == comparison_key("bao nhieu xa o lai vung")
        == ("bao nhieu xa o lai vung")
    )
    assert comparison_key("2.401 đảng viên") == comparison_key("2401 dang vien")

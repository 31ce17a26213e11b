from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store import Store
from tests.store.conftest import START, FakeClock


async def answered(store: Store, text: str, entries: tuple[str, ...], kind: str = "fact") -> int:
    return await store.questions.record(
        door="telegram", chat_id=5, user_id=5, text=text, kind=kind, answered=kind != "decline", entry_ids=entries
    )


async def test_report_totals_and_most_often_wrong_answers(store: Store, clock: FakeClock) -> None:
    figure = ("lai-vung/cau-duong",)
    models = ("kien-luong/mo-hinh-1", "kien-luong/mo-hinh-2")
    q1 = await answered(store, "Lai Vung xây cầu đường bao nhiêu tiền?", figure)
    q2 = await answered(store, "lai vung cau duong bn tien", figure)
    q3 = await answered(store, "Kiên Lương có những mô hình nào?", models)
    q4 = await answered(store, "số dân Bù Đốp", (), kind="decline")
    q5 = await answered(store, "mô hình Hũ gạo tình thương", ("bu-dop/hu-gao",))

    await store.feedback.record(q1, -1, "sai rồi", door="telegram", user_id=1)
    clock.advance(60)
    await store.feedback.record(q2, -1, None, door="telegram", user_id=2)
    clock.advance(60)
    await store.feedback.record(q3, -1, "thiếu mô hình", door="telegram", user_id=1)
    await store.feedback.record(q4, -1)
    await store.feedback.record(q5, 1, door="telegram", user_id=3)
    await store.feedback.record(q5, 1, door="telegram", user_id=4)

    report = await store.feedback.report()
    assert (report.up, report.down) == (2, 4)
    assert report.wrong[0].entry_ids == figure and report.wrong[0].count == 2
    assert report.wrong[0].example == "lai vung cau duong bn tien"  # the latest one marked wrong
    assert {(w.entry_ids, w.count) for w in report.wrong[1:]} == {(models, 1), ((), 1)}
    assert [(c.question, c.comment, c.value) for c in report.comments] == [
        ("Kiên Lương có những mô hình nào?", "thiếu mô hình", -1),
        ("Lai Vung xây cầu đường bao nhiêu tiền?", "sai rồi", -1),
    ]
    assert len((await store.feedback.report(limit=1)).wrong) == 1
    later = await store.feedback.report(since=START + timedelta(seconds=90))
    assert (later.up, later.down) == (2, 2)


async def test_a_second_vote_by_the_same_person_replaces_the_first(store: Store) -> None:
    qid = await answered(store, "Bù Đốp xây bao nhiêu nhà?", ("bu-dop/nha",))
    first = await store.feedback.record(qid, -1, "sai rồi", door="telegram", user_id=7)
    second = await store.feedback.record(qid, 1, door="telegram", user_id=7)
    assert first == second
    report = await store.feedback.report()
    assert (report.up, report.down, report.comments) == (1, 0, ())
    # words given with a vote stay when the same vote is repeated bare
    await store.feedback.record(qid, -1, "phải là 200 căn", door="telegram", user_id=7)
    await store.feedback.record(qid, -1, door="telegram", user_id=7)
    assert [c.comment for c in (await store.feedback.report()).comments] == ["phải là 200 căn"]
    await store.feedback.record(qid, 1, door="telegram", user_id=7)
    # someone else's vote, and anonymous votes, are separate
    await store.feedback.record(qid, -1, door="telegram", user_id=8)
    await store.feedback.record(qid, -1)
    await store.feedback.record(qid, -1)
    assert (await store.feedback.report()).down == 3


async def test_feedback_on_a_missing_question_is_ignored(store: Store) -> None:
    assert await store.feedback.record(123456, -1, "sai rồi") is None
    assert (await store.feedback.report()).down == 0


async def test_only_thumbs_up_or_down(store: Store) -> None:
    qid = await answered(store, "hỏi", ())
    with pytest.raises(ValueError):
        await store.feedback.record(qid, 0)

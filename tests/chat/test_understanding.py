"""What the dialogue core understands beyond a lookup: corrections, a vague question completed on
the next turn, yes-or-no questions, another district with no such figure, several districts
answering, follow-ups that ask past the answer given, and questions the article answers in parts.
Each test talks to the core as a door would."""

from __future__ import annotations

from bot.answering.answerer import Answerer
from bot.channels.collecting import CollectingDoor
from bot.chat.core import Dialogue
from bot.chat.messages import Reply
from bot.curation.desk import CuratorDesk
from bot.language.folding import fold, tokens


def says(reply: Reply, *phrases: str) -> bool:
    body = tokens(" ".join((reply.title or "", *reply.parts)))
    return all(any(body[i : i + len(tokens(p))] == tokens(p) for i in range(len(body))) for p in phrases)


def chat(answerer: Answerer) -> CollectingDoor:
    return CollectingDoor(Dialogue(answerer, desks=[CuratorDesk()]))


async def test_a_correction_of_the_district_drops_the_negated_one(answerer: Answerer) -> None:
    door = chat(answerer)
    first = await door.say("lai vung khen thuong bao nhieu tap the cap huyen")
    assert first.answered and says(first, "20 tập thể")
    corrected = await door.say("nhầm, mình hỏi Châu Thành chứ không phải Lai Vung")
    assert {s.district for s in corrected.sources} == {"Châu Thành"}, corrected.parts
    assert says(corrected, "63 tập thể") and not says(corrected, "20 tập thể")


async def test_a_correction_of_what_is_counted_asks_past_the_answer_given(answerer: Answerer) -> None:
    door = chat(answerer)
    assert says(await door.say("mặt trận bù đốp xây được mấy căn nhà đại đoàn kết"), "176")
    corrected = await door.say("à không, ý mình là sửa chữa bao nhiêu căn chứ không phải xây mới")
    assert corrected.answered and says(corrected, "39") and not says(corrected, "176")


async def test_a_correction_of_the_year_narrows_the_question(answerer: Answerer) -> None:
    door = chat(answerer)
    await door.say("châu thành chi bộ hội phụ nữ đỡ đầu trẻ mồ côi thế nào")
    corrected = await door.say("không, mình hỏi năm 2024 cơ")
    assert corrected.answered and says(corrected, "2024") and says(corrected, "Tân Thạch")


async def test_a_vague_question_is_completed_by_the_next_turn(answerer: Answerer) -> None:
    door = chat(answerer)
    vague = await door.say("cho mình hỏi về nhà tình thương")  # several entries alike: asked back
    assert not vague.answered and vague.kind == "clarify"
    completed = await door.say("của hội nông dân ấy")
    assert completed.answered and says(completed, "8 căn nhà tình thương")


async def test_yes_or_no(answerer: Answerer) -> None:
    door = chat(answerer)
    yes = await door.say("kiên lương có mô hình hũ gạo tình thương không")
    assert yes.answered and yes.parts[0].startswith("Có.") and says(yes, "Hũ gạo tình thương")
    no = await chat(answerer).say("đất đỏ có mô hình nuôi cá lồng bè không")
    assert not no.answered and "không nhắc tới" in " ".join(no.parts)


async def test_another_district_without_such_a_figure_says_so(answerer: Answerer) -> None:
    door = chat(answerer)
    assert says(await door.say("bù đốp xây được bao nhiêu căn nhà đại đoàn kết"), "176")
    elsewhere = await door.say("thế còn Kiên Lương?")
    assert not elsewhere.answered
    assert "Kiên Lương" in " ".join(elsewhere.parts) and not says(elsewhere, "176")


async def test_several_districts_are_asked_about_or_answered_each(answerer: Answerer) -> None:
    reply = await chat(answerer).say("mô hình hũ gạo tình thương là của hội nào")
    districts = {s.district for s in reply.sources} if reply.answered else {fold(c.label) for c in reply.choices}
    if reply.answered:
        assert {"Bù Đốp", "Kiên Lương"} <= districts
    else:
        assert any("bu dop" in d for d in districts) and any("kien luong" in d for d in districts)


async def test_a_follow_up_never_repeats_the_entry_just_given(answerer: Answerer) -> None:
    door = chat(answerer)
    first = await door.say("tuyến đường sáng của hội phụ nữ bù đốp dài bao nhiêu")
    assert first.answered and says(first, "13.75")
    money = await door.say("hết bao nhiêu tiền")
    assert money.answered and says(money, "525 triệu") and not says(money, "13.75")
    assert first.answer is not None and money.answer is not None
    assert set(money.answer.entry_ids).isdisjoint(first.answer.entry_ids)


async def test_a_figure_given_in_parts_is_answered_in_all_its_parts(answerer: Answerer) -> None:
    reply = await chat(answerer).say("bù đốp khen thưởng bao nhiêu cá nhân")
    assert reply.answered
    # the province's, the district's, the communes' and the anniversary's awards, not one of them
    assert sum(says(reply, n) for n in ("02", "37", "39", "09")) >= 3, reply.parts

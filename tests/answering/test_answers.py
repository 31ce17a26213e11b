"""Behaviour of the answerer on what users really type."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.answering.answer import Answer
from bot.answering.answerer import Answerer
from bot.answering.suggestions import ShowEntry
from bot.answering.tuning import MAX_QUESTION_CHARS
from bot.chat.actions import encode
from bot.knowledge.problems import KnowledgeError
from bot.language.folding import tokens


def says(answer: Answer, *phrases: str) -> bool:
    body = tokens(answer.body)
    for phrase in phrases:
        needle = tokens(phrase)
        if not any(body[i : i + len(needle)] == needle for i in range(len(body))):
            return False
    return True


@pytest.mark.parametrize(
    "question",
    [
        "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?",
        "bu dop xay dc bn can nha dai doan ket",
        "BU DOP   XAY DUOC BAO NHIEU CAN NHA DAI DOAN KET ???",
        "budop xay bao nhiu can nha dai doan ket",
        "Bù Đốp xây bao nhiêu căn nhà đại đoàn kêt",
    ],
)
def test_same_answer_however_typed(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert answer.answered and answer.kind == "fact"
    assert says(answer, "176")
    assert answer.sources[0].district == "Bù Đốp"
    assert answer.sources[0].date == "2023-09-26"
    assert "Nguồn:" in answer.text and "Bù Đốp" in answer.text


def test_named_district_answers_from_that_district_only(answerer: Answerer) -> None:
    # every district has award figures; naming one must pick its own
    for district, expected in [("Lai Vung", "49"), ("Kiên Lương", "47"), ("Bù Đốp", "37")]:
        answer = answerer.ask(f"{district} có bao nhiêu cá nhân được UBND huyện khen thưởng?")
        assert answer.answered, district
        assert {s.district for s in answer.sources} == {district}
        assert says(answer, expected), (district, answer.body)


def test_model_owner_and_figure(answerer: Answerer) -> None:
    answer = answerer.ask("mô hình Túi an sinh công đoàn là của ai?")
    assert answer.answered and says(answer, "Liên đoàn Lao động")
    answer = answerer.ask("Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert answer.answered and says(answer, "52 tỷ")


def test_lists(answerer: Answerer) -> None:
    answer = answerer.ask("Kiên Lương có những mô hình nào?")
    assert answer.kind == "list" and answer.answered
    assert says(answer, "Hũ gạo tình thương") and says(answer, "Nụ cười công sở")
    assert {s.district for s in answer.sources} == {"Kiên Lương"}
    answer = answerer.ask("Hội Nông dân Bù Đốp làm được gì?")
    assert answer.kind == "list"
    assert says(answer, "319") and says(answer, "hũ gạo tình thương")
    assert all(answerer.kb.by_id[i].district == "Bù Đốp" for i in answer.entry_ids)


def test_both_parts_of_a_two_part_question(answerer: Answerer) -> None:
    answer = answerer.ask("Lai Vung khen thưởng cấp huyện bao nhiêu tập thể, cá nhân?")
    assert says(answer, "20") and says(answer, "49")
    assert len(answer.entry_ids) == 2


def test_close_call_offers_runners_up(answerer: Answerer) -> None:
    answer = answerer.ask("huyện nào có hũ gạo tình thương")
    assert answer.answered
    # both districts running one are in the answer
    assert {s.district for s in answer.sources} == {"Bù Đốp", "Kiên Lương"}
    # a house count with its value and the repaired houses close behind
    answer = answerer.ask("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    assert answer.answered and says(answer, "8 căn")
    assert answer.suggestions and all(isinstance(s.action, ShowEntry) for s in answer.suggestions)
    assert all(s.action.entry_id not in answer.entry_ids for s in answer.suggestions)  # type: ignore[union-attr]
    assert all(len(encode(s.action).encode()) <= 64 for s in answer.suggestions)


@pytest.mark.parametrize(
    ("question", "mentions"),
    [
        ("Huyện Củ Chi có bao nhiêu mô hình?", "Củ Chi"),
        ("chau thanh tien giang co mo hinh gi", "Tiền Giang"),
        ("tỉnh Nghệ An làm theo Bác thế nào", "Nghệ An"),
    ],
)
def test_other_districts_are_declined_with_the_known_ones(answerer: Answerer, question: str, mentions: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered and answer.kind == "decline"
    assert mentions in answer.body
    for district in ("Bù Đốp", "Châu Thành", "Kiên Lương", "Đất Đỏ", "Lai Vung"):
        assert district in answer.body


@pytest.mark.parametrize(
    "question",
    [
        "thời tiết Bù Đốp hôm nay thế nào",
        "giá vàng hôm nay bao nhiêu",
        "đội tuyển Việt Nam đá với Thái Lan mấy giờ",
        "cách nấu phở bò",
        "asdfgh qwerty zxcv",
        "số điện thoại Huyện ủy Bù Đốp",
        "năm 2030 Bù Đốp xây bao nhiêu nhà đại đoàn kết",
        "Kiên Lương có tổng cộng bao nhiêu đảng viên?",
        "Hội nghị sơ kết 3 năm ở Châu Thành tổ chức ngày nào?",
    ],
)
def test_out_of_scope_is_declined_without_a_random_fact(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered, answer.body
    assert answer.kind in ("decline", "clarify")
    assert not answer.entry_ids


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "invalid"),
        ("   \n\t  ", "invalid"),
        ("x" * 10_000, "invalid"),
        ("😀🎉👍", "smalltalk"),  # emoji get a friendly word
        ("\x00\x01\x02", "invalid"),
        ("Сколько домов построено?", "invalid"),
        ("请问有多少房子", "invalid"),
        ("xin chào", "smalltalk"),
        ("cảm ơn", "smalltalk"),
    ],
)
def test_bad_input_gets_a_clear_reply(answerer: Answerer, text: str, kind: str) -> None:
    answer = answerer.ask(text)
    assert answer.kind == kind
    assert not answer.answered
    assert answer.text.strip()


def test_long_message_says_how_long(answerer: Answerer) -> None:
    answer = answerer.ask("bù đốp " * 2000)
    assert str(MAX_QUESTION_CHARS) in answer.body


def test_control_characters_inside_a_question_are_ignored(answerer: Answerer) -> None:
    answer = answerer.ask("Bù\x00 Đốp xây\u200b bao nhiêu căn nhà Đại đoàn kết\x1b?")
    assert answer.answered and says(answer, "176")


def test_article_questions(answerer: Answerer) -> None:
    answer = answerer.ask("Bài về Lai Vung đăng ngày nào?")
    assert answer.answered and says(answer, "06/08/2020")
    answer = answerer.ask("ai viết bài về Kiên Lương")
    assert answer.answered and says(answer, "Kim Thư")


def test_every_entry_answer_names_its_source(answerer: Answerer) -> None:
    assert answerer.entry_answer("no-such-entry") is None
    for located in answerer.kb.entries:
        answer = answerer.entry_answer(located.id)
        assert answer is not None
        assert answer.sources[0].title == located.article.title
        assert located.article.district in answer.text


# ---------------------------------------------------------------- reload


def test_reload_swaps_and_reports(kb_dir: Path) -> None:
    answerer = Answerer.from_directory(kb_dir)
    assert says(answerer.ask("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết"), "176")
    facts = kb_dir / "facts" / "bu-dop.yaml"
    text = facts.read_text(encoding="utf-8")
    # the curators fix a figure (article and entry together)
    article = kb_dir / "articles" / "bu-dop.txt"
    article.write_text(
        article.read_text(encoding="utf-8").replace("Xây dựng 176 căn", "Xây dựng 178 căn"), encoding="utf-8"
    )
    facts.write_text(text.replace("176", "178"), encoding="utf-8")
    report = answerer.reload()
    assert "bd-mttq-nha-dai-doan-ket" in report.changed
    assert report.articles_changed == ("bu-dop",)
    assert says(answerer.ask("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết"), "178")


def test_failed_reload_keeps_serving(kb_dir: Path) -> None:
    answerer = Answerer.from_directory(kb_dir)
    before = answerer.snapshot
    facts = kb_dir / "facts" / "bu-dop.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('value: "176"', 'value: "999"'), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        answerer.reload()
    assert any(p.field == "value" for p in caught.value.problems)
    assert answerer.snapshot is before
    assert says(answerer.ask("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết"), "176")


def test_questions_during_reload_see_one_whole_base(kb_dir: Path) -> None:
    """Readers running while the base is swapped back and forth always get a
    complete answer from one snapshot: 176 (old) or 178 (new), never an error."""
    answerer = Answerer.from_directory(kb_dir)
    article = kb_dir / "articles" / "bu-dop.txt"
    facts = kb_dir / "facts" / "bu-dop.yaml"
    versions = []
    for figure in ("176", "178"):
        versions.append(
            (
                article.read_text(encoding="utf-8").replace("Xây dựng 176 căn", f"Xây dựng {figure} căn"),
                facts.read_text(encoding="utf-8").replace("176", figure),
            )
        )
    stop = threading.Event()
    seen: list[str] = []
    errors: list[BaseException] = []

    def reader() -> None:
        while not stop.is_set():
            try:
                answer = answerer.ask("Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết")
                seen.append("176" if says(answer, "176") else "178" if says(answer, "178") else answer.body)
            except BaseException as exc:  # pragma: no cover - the failure we test for
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(4):
        art, fac = versions[(i + 1) % 2]
        article.write_text(art, encoding="utf-8")
        facts.write_text(fac, encoding="utf-8")
        answerer.reload()
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert seen and set(seen) <= {"176", "178"}

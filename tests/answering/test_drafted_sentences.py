"""Issue 15, wrong facts on new articles: a drafted entry's answer is the article's whole
sentence, and one sentence often prints several figures (a total and its levels, a length
beside a cost). These tests build a small drafted base of their own (the text written for
them) and check that a figure is held to the clause that prints it."""

from __future__ import annotations

import shutil

import pytest

from bot.answering.answerer import Answerer
from bot.answering.quoting import restates
from bot.answering.rules import best_answer
from tests.answering.test_fewer_wrong_facts import chat, says
from tests.conftest import KNOWLEDGE

_LEVELS = (
    "Kết quả, có 5.400 lượt hộ hội viên đạt danh hiệu gia đình văn hóa, trong đó cấp tỉnh là 230 lượt hộ,"
    " cấp huyện 1.150 lượt hộ, cấp cơ sở là 4.020 lượt hộ."
)
_HALL = (
    "Nhà văn hóa thôn Buôn Choah được khởi công và hoàn thành sau 2 tháng, với diện tích 120 m2, tổng kinh"
    " phí trên 350 triệu đồng, trong đó Hội Nông dân huyện hỗ trợ 5 tấn xi măng (trị giá 8 triệu đồng)."
)
_ARTICLE = f"""---
id: krong-no
title: Hội Nông dân huyện Krông Nô học tập và làm theo Bác
district: Krông Nô
province: Đắk Nông
province_in_text: false
source_file: krong-no.txt
---
Hội Nông dân huyện Krông Nô học tập và làm theo Bác

Hội Nông dân huyện Krông Nô đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.

{_LEVELS}

{_HALL}
"""


def _figure(entry_id: str, value: str, counts: str, sentence: str, org: str = "Huyện Krông Nô") -> str:
    answer = "Ở huyện Krông Nô, " + sentence[0].lower() + sentence[1:]
    return f"""  - id: {entry_id}
    kind: figure
    title: '{counts[0].upper() + counts[1:]}: {value} (Krông Nô)'
    org: {org}
    value: {value}
    counts: {counts}
    answer: >-
      {answer}
    quote: >-
      {sentence}
"""


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    target = tmp_path_factory.mktemp("drafted") / "knowledge"
    shutil.copytree(KNOWLEDGE, target, ignore=shutil.ignore_patterns("README.md"))
    (target / "articles" / "krong-no.txt").write_text(_ARTICLE, encoding="utf-8")
    entries = [
        _figure("kn-luot-ho-van-hoa", "5.400 lượt hộ", "lượt hộ hội viên đạt danh hiệu gia đình văn hóa", _LEVELS),
        _figure("kn-cap-tinh-luot-ho", "230 lượt hộ", "cấp tỉnh lượt hộ", _LEVELS),
        _figure("kn-cap-huyen-luot-ho", "1.150 lượt hộ", "cấp huyện lượt hộ", _LEVELS),
        _figure("kn-cap-co-so-luot-ho", "4.020 lượt hộ", "cấp cơ sở lượt hộ", _LEVELS),
        _figure("kn-dien-tich-nha-van-hoa", "120 m2", "diện tích nhà văn hóa thôn Buôn Choah", _HALL),
        _figure("kn-kinh-phi-nha-van-hoa", "trên 350 triệu đồng", "kinh phí nhà văn hóa thôn Buôn Choah", _HALL),
        _figure("kn-xi-mang-hoi-nd", "5 tấn", "xi măng Hội Nông dân huyện hỗ trợ", _HALL, "Hội Nông dân huyện"),
        _figure(
            "kn-tri-gia-xi-mang",
            "8 triệu đồng",
            "trị giá xi măng Hội Nông dân huyện hỗ trợ",
            _HALL,
            "Hội Nông dân huyện",
        ),
    ]
    facts = "article: krong-no\nentries:\n" + "".join(entries)
    (target / "facts" / "krong-no.yaml").write_text(facts, encoding="utf-8")
    return Answerer.from_directory(target)


# ---------------------------------------------------------------- a level is the clause's


def test_a_total_is_not_the_figure_of_a_level_its_sentence_names(drafted: Answerer) -> None:
    answer = drafted.ask("krong no co bao nhieu luot ho dat gia dinh van hoa cap tinh")
    assert "kn-luot-ho-van-hoa" not in answer.entry_ids
    assert not answer.answered or answer.entry_ids == ("kn-cap-tinh-luot-ho",)


def test_a_level_asked_in_a_follow_up_gets_that_level_alone(drafted: Answerer) -> None:
    _, level = chat(drafted, "krong no co bao nhieu luot ho dat gia dinh van hoa", "con cap tinh thi sao")
    assert level.answered and level.entry_ids == ("kn-cap-tinh-luot-ho",) and says(level, "230")


# ---------------------------------------------------------------- a drafted figure says its own value


def test_a_cost_asked_is_said_without_the_area_of_its_sentence(drafted: Answerer) -> None:
    answer = drafted.ask("nha van hoa thon buon choah krong no tong kinh phi bao nhieu tien")
    assert answer.answered and answer.entry_ids == ("kn-kinh-phi-nha-van-hoa",)
    assert says(answer, "350 triệu") and not says(answer, "120 m2") and not says(answer, "8 triệu")


def test_a_drafted_figure_asked_what_it_is_keeps_its_sentence(drafted: Answerer) -> None:
    # not a count asked: the sentence around the figure is what tells it
    answer = drafted.ask("nha van hoa thon buon choah o krong no duoc xay dung the nao")
    assert answer.answered and says(answer, "hoàn thành sau 2 tháng", "120 m2")


def test_a_drafted_answer_restates_its_quote_whatever_mark_ends_it() -> None:
    quote = "nông dân thôn Ea Rớt trồng 40 cây bơ, 1,5 ha cà phê cho thu nhập trên 90 triệu đồng..."
    assert restates(
        "Ở huyện Krông Nô, nông dân thôn Ea Rớt trồng 40 cây bơ, 1,5 ha cà phê cho thu nhập trên 90 triệu đồng.", quote
    )
    assert not restates("Nông dân thôn Ea Rớt có thu nhập trên 90 triệu đồng mỗi năm.", quote)


# ---------------------------------------------------------------- a number nobody asked for


def test_a_which_question_met_only_by_a_weak_figure_is_asked_back(
    drafted: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the fixture's base is small, so its matches are strong: the bar is raised above this one's
    which = "to hoi nao o krong no duoc tang danh hieu van hoa"
    assert drafted.ask(which).answered
    monkeypatch.setattr(best_answer, "UNASKED_FIGURE_MIN", drafted.ask(which).score + 0.05)
    asked = drafted.ask(which)
    assert not asked.answered and asked.kind == "clarify" and not says(asked, "5.400")
    # a count asked is still answered by the same figure
    assert drafted.ask("krong no co bao nhieu luot ho dat gia dinh van hoa").answered

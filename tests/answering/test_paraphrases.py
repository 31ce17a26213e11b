"""The domain thesaurus at work (bot.language.lexicon: SYNONYMS, SHORT_FORMS, PHRASES, units,
organisations): a question in a user's own words finds the entry the articles word officially,
and a synonym never outranks the word itself.

The questions are written for these tests, in the words people use on a phone (Southern and
Northern forms, chat short forms, no diacritics); none is taken from the evaluation sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.answering.tuning import SYNONYM_FACTOR
from bot.language.folding import fold

# ---------------------------------------------------------------- over the real knowledge base


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        # "cất nhà" (South) is building one; "nhà ĐĐK" the Đại đoàn kết house
        ("mat tran bu dop cat dc bn can nha ddk", "176"),
        # "đèn đường" is "thắp sáng"; kilometres written out
        ("lai vung lam duoc bao nhieu kilomet den duong", "22,7"),
        # "thành viên" of a hội are its "hội viên"; "cựu binh" are its veterans; CLB is a club
        ("quỹ clb cựu binh bù đốp cho bao nhiêu thành viên vay vốn", "158"),
        ("hội nông dân bù đốp cho bao nhiêu lượt thành viên vay quỹ xoay vòng", "500"),
        # "tuổi trẻ", "bạn trẻ": the Youth Union, and "dựng nhà" is building one
        ("tuổi trẻ bù đốp xây bao nhiêu căn nhà", "05"),
        ("các bạn trẻ bù đốp dựng được mấy căn nhà", "05"),
        # "tỉ" is "tỷ"; "số dư" asks for money
        ("ccb bù đốp quỹ sxkd còn số dư bao nhiêu tỉ đồng", "5 tỷ"),
        # TSVM: "trong sạch, vững mạnh"
        ("châu thành có bao nhiêu chi bộ tsvm", "66/47"),
    ],
)
def test_a_paraphrase_finds_the_officially_worded_entry(answerer: Answerer, question: str, figure: str) -> None:
    answer = answerer.ask(question)
    assert answer.answered, answer.body
    assert fold(figure) in fold(answer.body), answer.body


@pytest.mark.parametrize(
    "question",
    [
        # "công an", "bộ đội", "cầu khỉ" join nothing: no article speaks of them
        "công an huyện kiên lương tuần tra bao nhiêu đêm",
        "bộ đội huyện bù đốp xây bao nhiêu căn nhà",
        "lai vung xóa được bao nhiêu cầu khỉ",
        # "đèn đường" is lighting, but the bulbs are what is counted, and no article counts them
        "lắp bao nhiêu bóng đèn đường",
    ],
)
def test_words_the_thesaurus_leaves_alone_do_not_make_a_question_answerable(answerer: Answerer, question: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered, answer.body


# ---------------------------------------------------------------- a synonym never outranks the word

ARTICLE = """---
id: tan-hoa
title: Tân Hòa chăm lo nhà ở cho hội viên
district: Tân Hòa
province: Tiền Giang
province_in_text: true
source_file: tan-hoa.txt
---
Tân Hòa chăm lo nhà ở cho hội viên

Năm 2023, huyện Tân Hòa (Tiền Giang) chăm lo nhà ở cho hội viên.
Năm 2023, Hội Nông dân huyện Tân Hòa đã sửa chữa 12 căn nhà cho hội viên nghèo. \
Năm 2023, Hội Cựu chiến binh huyện Tân Hòa đã tu sửa 5 căn nhà cho hội viên khó khăn.
"""
FACTS = """article: tan-hoa
entries:
  - id: th-sua-chua
    kind: figure
    title: Nhà sửa chữa cho hội viên (Tân Hòa)
    org: Hội Nông dân huyện
    value: 12 căn
    counts: căn nhà sửa chữa cho hội viên nghèo
    period: Năm 2023
    answer: Năm 2023, Hội Nông dân huyện Tân Hòa đã sửa chữa 12 căn nhà cho hội viên nghèo.
    quote: Năm 2023, Hội Nông dân huyện Tân Hòa đã sửa chữa 12 căn nhà cho hội viên nghèo.
  - id: th-tu-sua
    kind: figure
    title: Nhà tu sửa cho hội viên (Tân Hòa)
    org: Hội Cựu chiến binh huyện
    value: 5 căn
    counts: căn nhà tu sửa cho hội viên khó khăn
    period: Năm 2023
    answer: Năm 2023, Hội Cựu chiến binh huyện Tân Hòa đã tu sửa 5 căn nhà cho hội viên khó khăn.
    quote: Năm 2023, Hội Cựu chiến binh huyện Tân Hòa đã tu sửa 5 căn nhà cho hội viên khó khăn.
"""


@pytest.fixture(scope="module")
def two_words(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    """A base of two figures worded with two synonyms of one group ("sửa chữa", "tu sửa")."""
    root: Path = tmp_path_factory.mktemp("kb")
    (root / "articles").mkdir()
    (root / "facts").mkdir()
    (root / "articles" / "tan-hoa.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "facts" / "tan-hoa.yaml").write_text(FACTS, encoding="utf-8")
    return Answerer.from_directory(root)


@pytest.mark.parametrize(
    ("word", "own", "other"),
    [("sửa chữa", "th-sua-chua", "th-tu-sua"), ("tu sửa", "th-tu-sua", "th-sua-chua")],
)
def test_a_synonym_never_outranks_the_word_itself(two_words: Answerer, word: str, own: str, other: str) -> None:
    snap = two_words.snapshot
    q = snap.analyzer.analyze(f"huyện Tân Hòa {word} bao nhiêu căn nhà cho hội viên")
    ranking = snap.index.rank(q)
    scores = {hit.located.id: hit.score for hit in ranking.hits}
    assert scores[own] > scores[other] > 0  # the synonym found the other entry, below the word's own


def test_the_synonym_alone_finds_the_entry(two_words: Answerer) -> None:
    # "sửa sang" is in neither entry: each is found through its synonym, and neither outranks
    snap = two_words.snapshot
    ranking = snap.index.rank(snap.analyzer.analyze("huyện Tân Hòa sửa sang bao nhiêu căn nhà"))
    assert {hit.located.id for hit in ranking.hits} >= {"th-sua-chua", "th-tu-sua"}


def test_a_pair_the_articles_never_use_is_covered_whole_by_its_synonym(two_words: Answerer) -> None:
    # "sửa sang" is the asker's word: the entries say it with "sửa chữa" and "tu sửa", and "sang"
    # is no word of theirs but part of the pair, so they cover it too, at the synonym's discount
    snap = two_words.snapshot

    def score(text: str) -> float:
        hits = snap.index.rank(snap.analyzer.analyze(text)).hits
        return next(h.score for h in hits if h.located.id == "th-sua-chua")

    own = score("huyện Tân Hòa sửa chữa bao nhiêu căn nhà")
    assert SYNONYM_FACTOR * own <= score("huyện Tân Hòa sửa sang bao nhiêu căn nhà") < own


def test_mấy_before_people_is_a_plural_not_a_word_asked_about(answerer: Answerer) -> None:
    q = answerer.snapshot.analyzer.analyze("mấy ông cựu binh kiên lương làm mô hình gì")
    assert "may" not in q.content and "ong" not in q.content and not q.quantity
    q = answerer.snapshot.analyzer.analyze("bù đốp vận động được mấy máy tính")
    assert q.quantity  # "mấy máy": the count, before the machine

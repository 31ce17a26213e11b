from __future__ import annotations

import itertools
from datetime import timedelta

from bot.store.grouping import Asked, group_questions
from tests.store.conftest import START


def asked(*texts: str) -> list[Asked]:
    return [Asked(text, START + timedelta(minutes=i), f"user{i % 2}") for i, text in enumerate(texts)]


def test_typos_and_missing_diacritics_are_one_group() -> None:
    groups = group_questions(asked("bao nhiêu xã ở Lai Vung", "bao nhieu xa o lai vung?", "bao nhiu xa o lai vug"))
    assert len(groups) == 1
    assert (groups[0].count, groups[0].users) == (3, 2)


def test_different_districts_and_numbers_stay_apart() -> None:
    groups = group_questions(
        asked(
            "Bù Đốp có bao nhiêu xã",
            "Lai Vung có bao nhiêu xã",
            "Đất Đỏ có bao nhiêu xã",
            "Kiên Lương có bao nhiêu xã",
            "Kiên Hải có bao nhiêu xã",
            "năm 2022 xây bao nhiêu nhà",
            "năm 2023 xây bao nhiêu nhà",
        )
    )
    assert len(groups) == 7


def test_the_group_shows_its_most_asked_wording_and_the_result_ignores_input_order() -> None:
    texts = ("Củ Chi có mô hình gì", "cu chi co mo hinh gi", "cu chi co mo hinh gi", "Kiên Hải ở đâu")
    results = {tuple(group_questions(asked(*order))) for order in itertools.permutations(texts)}
    summaries = {tuple((g.text, g.count, g.variants) for g in result) for result in results}
    assert summaries == {
        (
            ("cu chi co mo hinh gi", 3, ("cu chi co mo hinh gi", "Củ Chi có mô hình gì")),
            ("Kiên Hải ở đâu", 1, ("Kiên Hải ở đâu",)),
        )
    }


def test_similarity_is_a_parameter() -> None:
    texts = asked("Kiên Lương có bao nhiêu xã", "Kiên Hải có bao nhiêu xã")
    assert len(group_questions(texts, similarity=75)) == 1
    assert len(group_questions(texts, similarity=85)) == 2

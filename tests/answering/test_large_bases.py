"""What keeps a question's cost from growing with the number of districts: a comparison in a base
of many districts compares those that match best, a figure's pair is looked for among its own
district's entries, and long texts are read once for all phrases."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answering.answerer import Answerer
from bot.answering.building import build_snapshot
from bot.answering.query import _LONG_TEXT, find
from bot.answering.rules.best_answer import paired
from bot.answering.tuning import COMPARED_DISTRICTS
from tests.benchmarks.synth import generate

SIZE = 1_400  # the five articles and about twenty copies under invented districts


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    directory = tmp_path_factory.mktemp("many-districts") / "kb"
    generate(SIZE, directory, seed=11)
    return Answerer(build_snapshot(directory))


def test_the_base_has_more_districts_than_a_comparison_lists(many: Answerer) -> None:
    assert len(many.kb.districts) > COMPARED_DISTRICTS


def test_comparison_in_a_base_of_many_districts_lists_the_best_matching_few(many: Answerer) -> None:
    answer = many.ask("huyện nào xây nhiều nhà đại đoàn kết nhất?")
    assert answer.answered and answer.kind == "fact"
    districts = {many.kb.by_id[i].district for i in answer.entry_ids}
    assert 2 <= len(districts) <= COMPARED_DISTRICTS
    # each district is there for its own figure about houses, not for any figure
    for entry_id in answer.entry_ids:
        entry = many.kb.by_id[entry_id].entry
        assert entry.kind == "figure"
        assert "nhà" in f"{entry.title} {entry.answer}".lower()


def test_comparison_of_named_districts_is_unchanged_by_the_base_size(many: Answerer) -> None:
    answer = many.ask("so sánh số nhà đại đoàn kết của Bù Đốp và Lai Vung")
    assert answer.answered
    assert {many.kb.by_id[i].district for i in answer.entry_ids} <= {"Bù Đốp", "Lai Vung"}


def test_a_copied_figure_pairs_within_its_own_district(many: Answerer) -> None:
    # every copy of the Bù Đốp article repeats the pair "12 tập thể, 37 cá nhân": each pairs
    # with its own district's, never another copy's
    copies = [located for located in many.kb.entries if located.id.endswith("khen-ubnd-huyen-ca-nhan")]
    assert len(copies) >= 2
    for located in copies:
        pairs = paired(many.kb, located)
        assert pairs, located.id
        assert all(p.district == located.district and p.article.id == located.article.id for p in pairs)


WORDS = st.sampled_from(["a", "b", "c", "nha", "dai", "doan", "ket"])


def _phrase_by_phrase(toks: list[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    return [(i, i + len(p)) for p in phrases for i in range(len(toks) - len(p) + 1) if tuple(toks[i : i + len(p)]) == p]


@given(
    toks=st.lists(WORDS, min_size=_LONG_TEXT + 1, max_size=_LONG_TEXT + 60),
    phrases=st.lists(st.lists(WORDS, min_size=1, max_size=3).map(tuple), min_size=1, max_size=6),
)
def test_a_long_text_gives_the_spans_of_reading_phrase_by_phrase(
    toks: list[str], phrases: list[tuple[str, ...]]
) -> None:
    assert find(toks, phrases) == _phrase_by_phrase(toks, phrases)


def test_short_and_long_texts_agree_on_one_phrase() -> None:
    text = ["x"] * (_LONG_TEXT - 2) + ["nha", "dai", "doan", "ket"] + ["x"] * 10
    assert len(text) > _LONG_TEXT
    start = _LONG_TEXT - 2  # where "nha dai doan ket" begins
    assert find(text, [("dai", "doan"), ("nha",)]) == [(start + 1, start + 3), (start, start + 1)]
    assert find(text[-14:], [("dai", "doan")]) == [(1, 3)]

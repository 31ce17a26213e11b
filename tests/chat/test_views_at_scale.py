"""Catalogs and declines stay readable when the base holds many districts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering import catalog
from bot.answering.answerer import Answerer
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat import views
from bot.chat.actions import ShowCatalog, decode, encode
from bot.chat.core import Dialogue
from tests.benchmarks.synth import generate
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def big_engine(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    directory = tmp_path_factory.mktemp("big") / "kb"
    generate(1200, directory, seed=11)  # the five districts and 16 more
    return Answerer.from_directory(directory)


def test_the_line_of_districts_names_a_dozen_and_counts_the_rest(big_engine: Answerer) -> None:
    kb = big_engine.kb
    assert len(kb.districts) > catalog.MAX_NAMED_DISTRICTS
    line = catalog.districts_line(kb)
    assert line.split(" và ")[0].count("(") == catalog.MAX_NAMED_DISTRICTS
    assert f"và {len(kb.districts) - catalog.MAX_NAMED_DISTRICTS} huyện khác" in line and "/huyen" in line
    declined = big_engine.ask("Huyện Củ Chi có bao nhiêu mô hình?")
    assert "Củ Chi" in declined.body and len(declined.body) < 1000


async def test_districts_and_sources_are_paged(big_engine: Answerer) -> None:
    chat = CollectingDoor(Dialogue(big_engine))
    first = await chat.say("/huyen")
    assert first.page is not None and first.page.total == -(-len(big_engine.kb.articles) // views.PER_PAGE)
    assert first.page.next is not None
    second = await chat.press(encode(first.page.next))
    assert second.edit and second.page is not None and second.page.number == 2 and second.parts != first.parts
    shown = [p for reply in (first, second) for p in reply.parts if p.startswith("Huyện ")]
    assert len(shown) == 2 * views.PER_PAGE and len(set(shown)) == len(shown)
    sources = await chat.say("/nguon")
    assert sources.page is not None and "1." in plain.text(sources)  # page turns numbered in plain doors
    assert (await chat.say("1")).page is not None


def test_catalog_actions_round_trip() -> None:
    for action in (ShowCatalog("huyen", 3), ShowCatalog("nguon", 0, turn=True)):
        assert decode(encode(action)) == action
    assert decode("c:other:1") is None and decode("t:huyen:²") is None


def test_ask_json_says_how_long_each_answer_took() -> None:
    import json

    result = run_cli("ask", "--json", "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?")
    data = json.loads(result.stdout)
    assert data["answered"] and isinstance(data["ms"], float) and data["ms"] > 0


def test_big_base_answers_its_invented_districts(big_engine: Answerer) -> None:
    district = big_engine.kb.districts[-1]
    answer = big_engine.ask(f"{district} có những mô hình nào?")
    assert answer.answered and {s.district for s in answer.sources} == {district}
    assert Path(big_engine.kb.directory).exists()

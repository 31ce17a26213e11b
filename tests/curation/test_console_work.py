"""The console's work apart from the web: where an article holds the board's answer, and a
draft's quote found in its article."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.answering.answerer import Answerer
from bot.chat.core import Dialogue
from bot.curation import curator_texts
from bot.curation.console_work import add_keywords, article_with_drafts, supporting_sentences
from bot.curation.library import KnowledgeLibrary
from bot.store import Store
from bot.store.console_access import Curator
from tests.conftest import KNOWLEDGE


def test_the_sentence_that_holds_the_boards_answer_is_found(answerer: Answerer) -> None:
    (found,) = supporting_sentences(answerer.kb, "Bù Đốp đã xây dựng 176 căn nhà cho hộ nghèo khó khăn về nhà ở.")
    assert found.article_id == "bu-dop" and "176 căn nhà" in found.sentence
    # a number the articles do not print, or words they do not hold: nothing to quote
    assert supporting_sentences(answerer.kb, "Bù Đốp đã xây dựng 177 căn nhà cho hộ nghèo khó khăn về nhà ở.") == []
    assert supporting_sentences(answerer.kb, "Ban sẽ hỏi huyện và trả lời bạn sau.") == []
    assert supporting_sentences(answerer.kb, "") == []


def test_an_article_without_drafts_is_one_plain_segment(answerer: Answerer) -> None:
    segments, drafts = article_with_drafts(answerer.kb, "bu-dop")
    assert drafts == [] and "".join(s.text for s in segments) == answerer.kb.articles["bu-dop"].text
    assert all(not s.drafts for s in segments)


async def test_two_changes_at_once_never_undo_each_other(tmp_path: Path) -> None:
    """Two curators add keywords at the same moment: one is stored, the other is told to redo it."""
    async with await Store.open(f"sqlite:///{tmp_path / 's.sqlite3'}") as store:
        library = KnowledgeLibrary(store, KNOWLEDGE)
        number, snapshot = await library.build_newest()
        answerer = Answerer(snapshot)
        library.serve(answerer, number, snapshot)
        core = Dialogue(answerer, store=store)
        curator = Curator("telegram", "a" * 64)
        replies = await asyncio.gather(
            add_keywords(core, library, curator, "bd-mttq-nha-dai-doan-ket", "nhà ĐĐK"),
            add_keywords(core, library, curator, "bd-mttq-nha-sua-chua", "nhà sửa lại"),
        )
        kinds = sorted(r.kind for r in replies)
        assert kinds == ["command", "invalid"], replies
        assert curator_texts.CHANGED_MEANWHILE in [p for r in replies for p in r.parts]
        assert (await store.versions.newest()).number == 2  # type: ignore[union-attr]
        library.close()

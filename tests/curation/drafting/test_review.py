"""The review workflow: drafts are validated, listed, never served, and accepted in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.answering.building import build_snapshot
from bot.curation.drafting.accept import accept
from bot.curation.drafting.draft import draft_article
from bot.curation.drafting.writer import write
from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError
from tests.conftest import run_cli

DATA = Path(__file__).parent / "data"

ARTICLE = """---
id: hoa-loc-tay
title: Hòa Lộc Tây chăm lo cho hộ nghèo
district: Hòa Lộc Tây
province: {province}
province_in_text: false
source_file: hoa-loc-tay.txt
---
Hòa Lộc Tây chăm lo cho hộ nghèo

Năm 2023, Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo. \
Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.
"""

FACTS = """# a curator's comment that must survive an accept
article: hoa-loc-tay
entries:
  - id: hlt-nha-tinh-thuong
    kind: figure
    draft: true
    title: Nhà tình thương Hội Nông dân xây dựng (Hòa Lộc Tây)
    org: Hội Nông dân huyện
    value: 37 căn
    counts: căn nhà tình thương xây dựng cho hội viên nghèo
    period: Năm 2023
    answer: >-
      Năm 2023, Hội Nông dân huyện Hòa Lộc Tây xây dựng 37 căn nhà tình thương cho hội viên nghèo.
    quote: Năm 2023, Hội Nông dân huyện xây dựng 37 căn nhà tình thương cho hội viên nghèo.

  - id: hlt-the-bhyt
    kind: figure
    title: Thẻ bảo hiểm y tế Hội Cựu chiến binh tặng (Hòa Lộc Tây)
    org: Hội Cựu chiến binh huyện
    value: 250 thẻ
    counts: thẻ bảo hiểm y tế tặng cựu chiến binh khó khăn
    answer: >-
      Hội Cựu chiến binh huyện Hòa Lộc Tây tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.
    quote: Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.
"""

HOUSES = "Hòa Lộc Tây xây được bao nhiêu căn nhà tình thương?"
CARDS = "Hòa Lộc Tây tặng bao nhiêu thẻ bảo hiểm y tế?"


@pytest.fixture
def small_base(tmp_path: Path) -> Path:
    """One article, one draft entry and one accepted entry."""
    root = tmp_path / "kb"
    (root / "articles").mkdir(parents=True)
    (root / "facts").mkdir()
    (root / "articles" / "hoa-loc-tay.txt").write_text(ARTICLE.format(province="Tiền Giang"), encoding="utf-8")
    (root / "facts" / "hoa-loc-tay.yaml").write_text(FACTS, encoding="utf-8")
    return root


def test_a_draft_is_validated_but_not_served(small_base: Path) -> None:
    kb = load(small_base)
    assert [e.id for e in kb.entries] == ["hlt-the-bhyt"]
    assert [e.id for e in kb.drafts] == ["hlt-nha-tinh-thuong"]
    answerer = Answerer.from_directory(small_base)
    cards = answerer.ask(CARDS)
    assert cards.answered and cards.entry_ids == ("hlt-the-bhyt",)
    assert "hlt-nha-tinh-thuong" not in answerer.ask(HOUSES).entry_ids


def test_a_draft_with_a_wrong_figure_is_still_an_error(small_base: Path) -> None:
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "xây dựng 37 căn nhà tình thương cho hội viên nghèo.\n    quote",
            "xây dựng 73 căn nhà tình thương cho hội viên nghèo.\n    quote",
        ),
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError) as caught:
        load(small_base)
    assert any("73" in str(p) and "hlt-nha-tinh-thuong" in str(p) for p in caught.value.problems)


def test_accept_removes_only_the_flag_and_the_entry_is_then_served(small_base: Path) -> None:
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    before = facts.read_text(encoding="utf-8")
    done = run_cli("draft", "--accept", str(facts), "--ids", "hlt-nha-tinh-thuong")
    assert done.returncode == 0, done.stderr
    assert facts.read_text(encoding="utf-8") == before.replace("    draft: true\n", "", 1)
    answerer = Answerer.from_directory(small_base)
    houses = answerer.ask(HOUSES)
    assert houses.answered and houses.entry_ids[0] == "hlt-nha-tinh-thuong"
    assert "37 căn" in houses.text


def test_accept_refuses_unknown_ids_and_changes_nothing(small_base: Path) -> None:
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    before = facts.read_text(encoding="utf-8")
    done = run_cli("draft", "--accept", str(facts), "--ids", "hlt-nha-tinh-thuong,khong-co")
    assert done.returncode == 1 and "khong-co" in done.stderr and "Traceback" not in done.stderr
    assert facts.read_text(encoding="utf-8") == before


def test_a_province_to_fill_blocks_accepting(small_base: Path) -> None:
    (small_base / "articles" / "hoa-loc-tay.txt").write_text(ARTICLE.format(province='"?"'), encoding="utf-8")
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    # the accepted entry already there makes the base invalid: the placeholder must be filled first
    with pytest.raises(KnowledgeError) as caught:
        load(small_base)
    assert any("chưa có tên tỉnh" in str(p) for p in caught.value.problems)
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "kind: figure\n    title: Thẻ", "kind: figure\n    draft: true\n    title: Thẻ"
        ),
        encoding="utf-8",
    )
    checked = run_cli("--knowledge", str(small_base), "check")
    assert checked.returncode == 0, checked.stderr
    assert "Cần điền" in checked.stdout and "hoa-loc-tay" in checked.stdout
    before = facts.read_text(encoding="utf-8")
    done = run_cli("draft", "--accept", str(facts), "--all")
    assert done.returncode == 1 and "chưa có tên tỉnh" in done.stderr
    assert facts.read_text(encoding="utf-8") == before  # restored


def test_a_district_to_fill_blocks_accepting_too(small_base: Path) -> None:
    article = small_base / "articles" / "hoa-loc-tay.txt"
    article.write_text(
        ARTICLE.format(province="Tiền Giang").replace("district: Hòa Lộc Tây", 'district: "?"'), encoding="utf-8"
    )
    # an accepted entry would serve the placeholder as a district the bot knows
    with pytest.raises(KnowledgeError) as caught:
        load(small_base)
    assert any("chưa có tên tỉnh/huyện" in str(p) and "hoa-loc-tay" in str(p) for p in caught.value.problems)
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "kind: figure\n    title: Thẻ", "kind: figure\n    draft: true\n    title: Thẻ"
        ),
        encoding="utf-8",
    )
    kb = load(small_base)  # all drafts: valid, and nothing of the article is served
    assert kb.districts == () and kb.draft_articles["hoa-loc-tay"].district == "?"


def test_an_article_keeping_the_placeholders_is_not_served(small_base: Path) -> None:
    for ident, district in (("khac", '"?"'), ("tan-my", "Tân Mỹ")):
        other = ARTICLE.format(province='"?"').replace("district: Hòa Lộc Tây", f"district: {district}")
        (small_base / "articles" / f"{ident}.txt").write_text(other.replace("hoa-loc-tay", ident), encoding="utf-8")
    answerer = Answerer.from_directory(small_base)  # not served until the placeholders are filled in
    assert set(answerer.kb.draft_articles) == {"khac", "tan-my"} and "Tân Mỹ" not in answerer.kb.districts
    assert answerer.ask(CARDS).entry_ids == ("hlt-the-bhyt",)


def test_accept_without_validation_leaves_the_check_to_the_caller(small_base: Path) -> None:
    (small_base / "articles" / "hoa-loc-tay.txt").write_text(ARTICLE.format(province='"?"'), encoding="utf-8")
    facts = small_base / "facts" / "hoa-loc-tay.yaml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace(
            "kind: figure\n    title: Thẻ", "kind: figure\n    draft: true\n    title: Thẻ"
        ),
        encoding="utf-8",
    )
    before = facts.read_text(encoding="utf-8")
    result = accept(facts, None, validate=False)  # the chat validates the whole working copy next
    assert result.accepted and not result.problems
    assert facts.read_text(encoding="utf-8") != before  # not restored: the caller discards the copy
    with pytest.raises(KnowledgeError) as caught:
        build_snapshot(small_base)
    assert any("chưa có tên tỉnh" in str(p) for p in caught.value.problems)


def test_check_lists_drafts_per_file_and_with_a_flag_their_ids(small_base: Path) -> None:
    plain = run_cli("--knowledge", str(small_base), "check")
    assert plain.returncode == 0, plain.stderr
    assert "1 mục nháp" in plain.stdout and "hlt-nha-tinh-thuong" not in plain.stdout
    listed = run_cli("--knowledge", str(small_base), "check", "--drafts")
    assert "hlt-nha-tinh-thuong" in listed.stdout
    as_json = json.loads(run_cli("--knowledge", str(small_base), "check", "--json").stdout)
    assert as_json["entries"] == 1 and list(as_json["drafts"].values()) == [1]


def test_drafted_entries_pass_provenance(tmp_path: Path) -> None:
    raw = (DATA / "cai-be-goc.txt").read_text(encoding="utf-8")
    draft = draft_article(raw, "cai-be-goc.txt")
    assert draft.entries and not draft.dropped
    assert all(entry["draft"] is True for entry in draft.entries)
    write(draft, tmp_path)
    kb = load(tmp_path)  # every quote in the article, every shown number in its quote
    assert kb.entries == () and len(kb.drafts) == len(draft.entries)
    assert "cai-be" not in kb.articles and kb.districts == ()  # nothing of it is served before a review
    article = kb.draft_articles["cai-be"]
    assert (article.district, article.province, article.province_in_text) == ("Cái Bè", "Tiền Giang", False)
    assert article.author == "M.X" and str(article.date) == "2020-08-06"
    assert "Gửi bình luận" not in article.text


def test_bad_input_gives_a_message_not_a_traceback(tmp_path: Path) -> None:
    missing = run_cli("draft", str(tmp_path / "khong-co.txt"))
    assert missing.returncode == 1 and "Không tìm thấy" in missing.stderr
    empty = tmp_path / "trong.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert run_cli("draft", str(empty)).returncode == 1
    binary = tmp_path / "anh.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01")
    done = run_cli("draft", str(binary))
    assert done.returncode == 1 and "UTF-8" in done.stderr and "Traceback" not in done.stderr

"""The curator's path from a copied page to served entries, with no trap on the way: the accept
command finds its file, every reply says what waits for review and how to review it, a page with
nothing to draft leaves a base that loads, /duyet shows what users will read page by page and
rejects drafts, the article's notes follow the review, and drafts that look wrong need force.

The pages and entries here are written for these tests (no real page's text)."""

from __future__ import annotations

import datetime as dt
import re
import shlex
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from bot.answering.answerer import Answerer
from bot.answering.building import build_snapshot
from bot.channels.collecting import CollectingDoor
from bot.channels.telegram.render import MAX_MESSAGE
from bot.channels.telegram.render import render as telegram_render
from bot.channels.zalo.door import render as zalo_render
from bot.channels.zalo.splitting import utf16_length
from bot.curation import curator_texts
from bot.curation.drafting.accept import accept, reject, reviewed_notes
from bot.curation.drafting.draft import draft_article
from bot.curation.drafting.flags import flag_drafts
from bot.curation.drafting.intake import draft_into
from bot.knowledge.loading import load
from bot.knowledge.schema import DRAFTER_NOTE
from tests.conftest import run_cli
from tests.curation.test_chat_commands import PAGE as CAI_BE_PAGE
from tests.curation.test_chat_commands import Hosted, host, hosted, text

TODAY = f"{dt.date.today():%d/%m/%Y}"
HOUSES = "Tân Phước xây được bao nhiêu căn nhà tình thương?"

# ---------------------------------------------------------------- a small drafted article, by hand

CURATOR_NOTE = "Ghi chú của biên tập viên: bài do phóng viên huyện gửi."
ARTICLE = f"""---
id: tan-phuoc
title: Tân Phước lan tỏa việc học tập và làm theo Bác
district: Tân Phước
province: Tiền Giang
province_in_text: true
notes:
- Bài không ghi ngày đăng.
- 'Tựa đề lấy từ dòng đầu trang: cần kiểm tra.'
- 'CẦN ĐIỀN TỰA ĐỀ: trang không có dòng tựa đề.'
- '{DRAFTER_NOTE}: biên tập viên cần kiểm tra.'
- '{CURATOR_NOTE}'
source_file: tan-phuoc.txt
---
Tân Phước lan tỏa việc học tập và làm theo Bác

Năm 2023, Hội Nông dân huyện Tân Phước (Tiền Giang) đã xây dựng 37 căn nhà tình thương cho hội viên nghèo. \
Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn. \
Sáng 22/5, huyện tổ chức hội nghị tổng kết với 120 đại biểu tham dự.
"""
HOUSES_ENTRY = """  - id: tp-nha-tinh-thuong
    kind: figure
    draft: true
    title: Nhà tình thương Hội Nông dân xây dựng (Tân Phước)
    org: Hội Nông dân huyện
    value: 37 căn
    counts: căn nhà tình thương xây dựng cho hội viên nghèo
    period: Năm 2023
    answer: >-
      Năm 2023, Hội Nông dân huyện Tân Phước đã xây dựng 37 căn nhà tình thương cho hội viên
      nghèo.
    quote: >-
      Năm 2023, Hội Nông dân huyện Tân Phước (Tiền Giang) đã xây dựng 37 căn nhà tình thương cho hội
      viên nghèo.
"""
CARDS_ENTRY = """  - id: tp-the-bhyt
    kind: figure
    draft: true
    title: Thẻ bảo hiểm y tế Hội Cựu chiến binh tặng (Tân Phước)
    org: Hội Cựu chiến binh huyện
    value: 250 thẻ
    counts: thẻ bảo hiểm y tế tặng cựu chiến binh khó khăn
    answer: Hội Cựu chiến binh huyện Tân Phước tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.
    quote: Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.
"""
DATE_ENTRY = """  - id: tp-ngay-hoi-nghi
    kind: figure
    draft: true  # the value is a date: flagged
    title: 'Ngày hội nghị tổng kết: 22/5 (Tân Phước)'
    org: Huyện Tân Phước
    value: 22/5
    counts: ngày tổ chức hội nghị tổng kết
    answer: Sáng 22/5, huyện Tân Phước tổ chức hội nghị tổng kết với 120 đại biểu tham dự.
    quote: Sáng 22/5, huyện tổ chức hội nghị tổng kết với 120 đại biểu tham dự.
"""
FACTS = f"""# a curator's comment that every change must keep
article: tan-phuoc
entries:
  # ---- số liệu (figure): 3 mục
{HOUSES_ENTRY}
{CARDS_ENTRY}
  # the curator's remark before the last draft
{DATE_ENTRY}"""
GOOD = ["tp-nha-tinh-thuong", "tp-the-bhyt"]
FLAGGED = "tp-ngay-hoi-nghi"


def add_article(root: Path) -> Path:
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "facts").mkdir(exist_ok=True)
    (root / "articles" / "tan-phuoc.txt").write_text(ARTICLE, encoding="utf-8")
    facts = root / "facts" / "tan-phuoc.yaml"
    facts.write_text(FACTS, encoding="utf-8")
    return facts


@pytest.fixture
def small_base(tmp_path: Path) -> Path:
    """A base holding only the hand-drafted article: three drafts, one of them flagged."""
    root = tmp_path / "kb"
    add_article(root)
    return root


def notes_of(root: Path, article: str = "tan-phuoc") -> list[str]:
    notes = load_front(root / "articles" / f"{article}.txt").get("notes") or []
    assert isinstance(notes, list)
    return [str(note) for note in notes]


def load_front(path: Path) -> dict[str, object]:
    front = path.read_text(encoding="utf-8").split("---\n")[1]
    data = YAML(typ="safe").load(front)
    assert isinstance(data, dict)
    return data


def drafts_in(facts: Path) -> list[str]:
    data = YAML(typ="safe").load(facts.read_text(encoding="utf-8"))
    return [e["id"] for e in data["entries"] if e.get("draft") is True]


# ---------------------------------------------------------------- pages written for these tests

PAGE = """TIỀN GIANG

Tân Phước lan tỏa việc học tập và làm theo Bác

Cập nhật ngày: 12/03/2024

Năm 2023, Hội Nông dân huyện Tân Phước (Tiền Giang) đã xây dựng 37 căn nhà tình thương cho hội viên nghèo. \
Hội Cựu chiến binh huyện tặng 250 thẻ bảo hiểm y tế cho cựu chiến binh khó khăn.

Huyện Đoàn Tân Phước duy trì mô hình “Ngôi nhà khăn quàng đỏ”, trao 12 căn nhà cho học sinh nghèo vượt khó.

Thanh Bình
"""


# the same, without the province: the drafter takes it from the administrative list, to be checked
def drafts_of_page() -> int:
    """How many drafts the drafter makes of PAGE (the replies must say that number)."""
    return len(draft_article(PAGE, "tan-phuoc.txt").entries)


PAGE_WITHOUT_PROVINCE = PAGE.replace(" (Tiền Giang)", "").replace("TIỀN GIANG\n\n", "")
NOTHING_TO_DRAFT = """Tân Phước học tập và làm theo Bác

Cán bộ, đảng viên huyện Tân Phước luôn gương mẫu học tập và làm theo tư tưởng, đạo đức, phong cách \
Hồ Chí Minh trong công việc hằng ngày.
"""
# Châu Thành is in several provinces and the page names none: the province must be filled in
UNPLACED = """Châu Thành chăm lo cho hội viên

Năm 2023, Hội Nông dân huyện Châu Thành đã xây dựng 21 căn nhà tình thương cho hội viên nghèo.
"""


# ================================================================ the command line


def test_accept_finds_a_relative_path_or_an_article_id_in_the_knowledge_directory(
    small_base: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    facts = small_base / "facts" / "tan-phuoc.yaml"
    done = run_cli(
        "--knowledge", str(small_base), "draft", "--accept", "facts/tan-phuoc.yaml", "--ids", GOOD[0], cwd=elsewhere
    )
    assert done.returncode == 0, done.stderr
    assert "Đã duyệt 1 mục" in done.stdout and drafts_in(facts) == [GOOD[1], FLAGGED]
    bare = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--ids", GOOD[1], cwd=elsewhere)
    assert bare.returncode == 0, bare.stderr
    assert drafts_in(facts) == [FLAGGED]
    # the knowledge directory of KNOWLEDGE_DIR
    by_env = run_cli(
        "draft", "--accept", "facts/tan-phuoc.yaml", "--reject", FLAGGED, cwd=elsewhere,
        env_extra={"KNOWLEDGE_DIR": str(small_base)},
    )  # fmt: skip
    assert by_env.returncode == 0, by_env.stderr
    assert drafts_in(facts) == [] and "tp-ngay-hoi-nghi" not in facts.read_text(encoding="utf-8")


def test_a_file_not_found_names_the_paths_tried_and_the_drafted_files(small_base: Path, tmp_path: Path) -> None:
    done = run_cli("--knowledge", str(small_base), "draft", "--accept", "facts/tan-phuoc-2.yaml", "--all", cwd=tmp_path)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert str(tmp_path / "facts" / "tan-phuoc-2.yaml") in done.stderr or "facts/tan-phuoc-2.yaml" in done.stderr
    assert str(small_base / "facts" / "tan-phuoc-2.yaml") in done.stderr
    assert "facts/tan-phuoc.yaml (3 mục nháp)" in done.stderr
    bare = run_cli("--knowledge", str(small_base), "draft", "--accept", "cai-be", "--all", cwd=tmp_path)
    assert bare.returncode == 1 and str(small_base / "facts" / "cai-be.yaml") in bare.stderr
    missing = run_cli(
        "--knowledge", str(tmp_path / "khong-co"), "draft", "--accept", "tan-phuoc", "--all", cwd=tmp_path
    )
    assert missing.returncode == 1 and "không tồn tại" in missing.stderr and "Traceback" not in missing.stderr


def test_flagged_drafts_are_listed_by_check_and_accepted_only_with_force(small_base: Path) -> None:
    facts = small_base / "facts" / "tan-phuoc.yaml"
    listed = run_cli("--knowledge", str(small_base), "check", "--drafts")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if FLAGGED in line)
    assert "⚠" in line and "1 mục có dấu hiệu sai" in listed.stdout
    assert re.search(r"⚠ giá trị «22/5» là một ngày tháng", listed.stdout)
    assert not any("⚠" in line for line in listed.stdout.splitlines() if GOOD[0] in line)

    refused = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--all")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"{FLAGGED}: giá trị «22/5»" in refused.stderr and "Chưa duyệt mục nào" in refused.stderr
    assert f"--ids {','.join(GOOD)}" in refused.stderr and "--force" in refused.stderr
    assert facts.read_text(encoding="utf-8") == FACTS  # nothing accepted
    one = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--ids", f"{GOOD[0]},{FLAGGED}")
    assert one.returncode == 1 and FLAGGED in one.stderr and facts.read_text(encoding="utf-8") == FACTS
    good = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--ids", ",".join(GOOD))
    assert good.returncode == 0, good.stderr
    assert "Còn 1 mục nháp chờ duyệt" in good.stdout and drafts_in(facts) == [FLAGGED]
    forced = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--all", "--force")
    assert forced.returncode == 0, forced.stderr
    assert drafts_in(facts) == [] and facts.read_text(encoding="utf-8") == FACTS.replace(
        "    draft: true\n", ""
    ).replace("    draft: true  # the value is a date: flagged\n", "")
    kb = load(small_base)
    assert {e.id for e in kb.entries} == {*GOOD, FLAGGED}


def test_rejecting_on_the_command_line_cuts_the_entry_out_and_keeps_the_rest(small_base: Path, kb_dir: Path) -> None:
    facts = small_base / "facts" / "tan-phuoc.yaml"
    unknown = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--reject", "tp-khong-co")
    assert unknown.returncode == 1 and "tp-khong-co" in unknown.stderr and facts.read_text(encoding="utf-8") == FACTS
    done = run_cli("--knowledge", str(small_base), "draft", "--accept", "tan-phuoc", "--reject", FLAGGED)
    assert done.returncode == 0, done.stderr
    assert facts.read_text(encoding="utf-8") == FACTS.replace(DATE_ENTRY, "").replace("3 mục", "2 mục")
    # rejecting every draft of an article in a base with others: the facts file goes, the base loads
    add_article(kb_dir)
    every = run_cli(
        "--knowledge", str(kb_dir), "draft", "--accept", "tan-phuoc", "--reject", ",".join([*GOOD, FLAGGED])
    )
    assert every.returncode == 0, every.stderr
    assert not (kb_dir / "facts" / "tan-phuoc.yaml").exists() and (kb_dir / "articles" / "tan-phuoc.txt").exists()
    assert run_cli("--knowledge", str(kb_dir), "check").returncode == 0
    notes = notes_of(kb_dir)
    assert notes[-1] == CURATOR_NOTE and "nhận 0 mục, bỏ 3 mục" in notes[-2]


def test_a_page_with_nothing_to_draft_writes_the_article_only_and_the_base_loads(kb_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "trang.txt"
    page.write_text(NOTHING_TO_DRAFT, encoding="utf-8")
    done = run_cli("draft", str(page), "--out", str(kb_dir))
    assert done.returncode == 0, done.stderr
    assert "Không soạn được mục nháp nào" in done.stdout and "thêm mục bằng tay" in done.stdout
    assert (kb_dir / "articles" / "tan-phuoc.txt").is_file() and not (kb_dir / "facts" / "tan-phuoc.yaml").exists()
    checked = run_cli("--knowledge", str(kb_dir), "check")
    assert checked.returncode == 0, checked.stderr
    alone = run_cli("draft", str(page), "--out", str(tmp_path / "moi"))  # a new directory: the article alone
    assert alone.returncode == 0 and "chỉ có bài viết" in alone.stdout


def test_a_draft_says_how_to_review_it(tmp_path: Path) -> None:
    page = tmp_path / "tan-phuoc.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "kb"
    done = run_cli("draft", str(page), "--out", str(out))
    assert done.returncode == 0, done.stderr
    command = next(line for line in done.stdout.splitlines() if line.startswith("Duyệt: "))
    args = shlex.split(command.removeprefix("Duyệt: ").split("   ")[0])
    assert args[:5] == ["python", "-m", "bot", "--knowledge", str(out)]
    accepted = run_cli(*args[3:], cwd=tmp_path / "..")
    assert accepted.returncode == 0, accepted.stderr
    assert load(out).drafts == ()


# ---------------------------------------------------------------- the article's notes


def test_the_drafters_notes_become_a_review_note_once_no_draft_waits(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    draft, article, facts = draft_into(PAGE_WITHOUT_PROVINCE, "tan-phuoc.txt", root)
    assert facts is not None and draft.entries
    before = article.read_text(encoding="utf-8")
    drafted = notes_of(root)
    assert drafted[-1].startswith(DRAFTER_NOTE) and any(n.endswith("cần kiểm tra.") for n in drafted)
    # a curator's own note, after the drafter's
    lines = before.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if DRAFTER_NOTE in line)
    article.write_text("".join([*lines[: at + 1], f"- '{CURATOR_NOTE}'\n", *lines[at + 1 :]]), "utf-8")
    assert notes_of(root) == [*drafted, CURATOR_NOTE]
    ids = drafts_in(facts)
    day = dt.date(2026, 1, 15)
    first = accept(facts, ids[:2], today=day)
    assert first.ok and first.waiting == len(ids) - 2 and first.notes
    notes = notes_of(root)
    assert notes[-1] == CURATOR_NOTE
    assert notes[-2] == f"{DRAFTER_NOTE}: đã nhận 2 mục, đã bỏ 0 mục; còn {len(ids) - 2} mục nháp chờ duyệt."
    assert notes[:-2] == drafted[:-1]  # the drafter's other notes wait too
    gone = reject(facts, [ids[2]], today=day)
    assert gone.ok and gone.rejected == [ids[2]]
    assert notes_of(root)[-2].endswith(f"đã nhận 2 mục, đã bỏ 1 mục; còn {len(ids) - 3} mục nháp chờ duyệt.")
    last = accept(facts, None, today=day)
    assert last.ok and last.waiting == 0
    notes = notes_of(root)
    assert notes[-1] == CURATOR_NOTE
    assert notes[-2] == (
        "Các mục nháp do `python -m bot draft` soạn đã được biên tập viên duyệt ngày 15/01/2026: "
        f"nhận {len(ids) - 1} mục, bỏ 1 mục."
    )
    province = next(n for n in notes if n.startswith("Bài không ghi tên tỉnh"))
    assert "cần kiểm tra" not in province and province.endswith(").") and not any("cần kiểm tra" in n for n in notes)
    # only the notes changed: the rest of the front matter and the text are as they were
    after = article.read_text(encoding="utf-8")
    assert after.split("notes:")[0] == before.split("notes:")[0]
    assert after.split("source_file:")[1] == before.split("source_file:")[1]
    assert load(root).drafts == ()


def test_notes_without_the_drafters_are_left_alone() -> None:
    curated = ["Bài không ghi tên tỉnh; cần kiểm tra lại số liệu.", CURATOR_NOTE]
    assert reviewed_notes(curated, 1, 0, 0) is None
    with_fill = [
        "CẦN ĐIỀN TỈNH: bài không ghi tên tỉnh.",
        'Bài chỉ ghi "6/8", không có năm: cần điền ngày đăng nếu biết.',
        f"{DRAFTER_NOTE}: biên tập viên cần kiểm tra.",
        "Số liệu 85.300.00đ có vẻ sai: cần kiểm tra.",  # the curator's, after the drafter's: untouched
    ]
    done = reviewed_notes(with_fill, 3, 1, 0, dt.date(2026, 2, 1))
    assert done == [
        'Bài chỉ ghi "6/8", không có năm.',
        "Các mục nháp do `python -m bot draft` soạn đã được biên tập viên duyệt ngày 01/02/2026: nhận 3 mục, bỏ 1 mục.",
        "Số liệu 85.300.00đ có vẻ sai: cần kiểm tra.",
    ]


def test_a_failed_accept_restores_the_article_too(small_base: Path) -> None:
    article = small_base / "articles" / "tan-phuoc.txt"
    article.write_text(
        ARTICLE.replace("province: Tiền Giang", 'province: "?"').replace(
            "province_in_text: true", "province_in_text: false"
        ),
        "utf-8",
    )
    before = article.read_text(encoding="utf-8")
    result = accept(small_base / "facts" / "tan-phuoc.yaml", [GOOD[0]])
    assert result.problems and not result.accepted
    assert article.read_text(encoding="utf-8") == before
    assert (small_base / "facts" / "tan-phuoc.yaml").read_text(encoding="utf-8") == FACTS


# ---------------------------------------------------------------- knowledge push


def test_a_pushed_page_says_what_waits_and_the_commands_printed_serve_it(kb_dir: Path, tmp_path: Path) -> None:
    env = {"KNOWLEDGE_DIR": str(kb_dir)}
    page = tmp_path / "trang.txt"
    page.write_text(PAGE, encoding="utf-8")
    pushed = run_cli("knowledge", "push", str(page), cwd=tmp_path, env_extra=env)
    assert pushed.returncode == 0, pushed.stderr
    out = pushed.stdout
    assert "phiên bản dữ liệu 2" in out and "Trang trang.txt được soạn nháp thành bài tan-phuoc" in out
    assert f"Bài tan-phuoc có {drafts_of_page()} mục nháp chờ duyệt (huyện Tân Phước;" in out, out
    assert "/duyet tan-phuoc" in out
    assert "python -m bot --knowledge ban-duyet-v2 draft --accept facts/tan-phuoc.yaml --all" in out
    # the commands printed for this machine, run as printed, serve the drafted district
    commands = [line.split("  (")[0].strip() for line in out.splitlines() if line.startswith("  python -m bot")]
    assert commands[0].split()[3:5] == ["knowledge", "export"]
    for command in commands:
        done = run_cli(*shlex.split(command)[3:], cwd=tmp_path, env_extra=env)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    asked = run_cli("chat", stdin=HOUSES + "\n", cwd=tmp_path, env_extra=env)
    assert "37 căn" in asked.stdout and "Tân Phước" in asked.stdout


def test_a_pushed_page_with_nothing_to_draft_is_stored_and_says_so(kb_dir: Path, tmp_path: Path) -> None:
    env = {"KNOWLEDGE_DIR": str(kb_dir)}
    page = tmp_path / "trang.txt"
    page.write_text(NOTHING_TO_DRAFT, encoding="utf-8")
    pushed = run_cli("knowledge", "push", str(page), cwd=tmp_path, env_extra=env)
    assert pushed.returncode == 0, pushed.stderr
    assert "không cho mục nháp nào" in pushed.stdout and "articles/tan-phuoc.txt" in pushed.stdout
    assert "thêm mục bằng tay" in pushed.stdout and "mục nháp chờ duyệt" not in pushed.stdout
    exported = run_cli("knowledge", "export", "v2", cwd=tmp_path, env_extra=env)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "v2" / "articles" / "tan-phuoc.txt").is_file()
    assert not (tmp_path / "v2" / "facts" / "tan-phuoc.yaml").exists()
    assert run_cli("--knowledge", str(tmp_path / "v2"), "check").returncode == 0


# ================================================================ the chat

__all__ = ["hosted"]  # the chat tests' fixture, used here too


@pytest.fixture
async def drafted(database: str, kb_dir: Path, tmp_path: Path) -> AsyncIterator[Hosted]:
    """A hosted bot whose deployed base holds the hand-drafted article (three drafts, one flagged)."""
    add_article(kb_dir)
    opened = await host(database, kb_dir, tmp_path / "work")
    try:
        yield opened
    finally:
        await opened.close()


async def stored_file(hosted: Hosted, relative: str) -> Path:
    number = hosted.library.loaded
    assert number is not None
    return (await hosted.library.checkout(number)) / relative


async def test_an_uploaded_page_says_how_many_drafts_wait_and_how_to_review_them(hosted: Hosted) -> None:
    admin = hosted.admin()
    done = await admin.send_file("Tân Phước.txt", PAGE.encode(), caption="/capnhat")
    shown = text(done)
    assert curator_texts.now_serving(2) in shown
    assert f"Trang «Tân Phước.txt» được soạn nháp thành bài tan-phuoc: {drafts_of_page()} mục nháp." in shown
    assert f"Bài tan-phuoc có {drafts_of_page()} mục nháp chờ duyệt (huyện Tân Phước;" in shown
    assert "/duyet tan-phuoc" in shown and "/duyet tan-phuoc all" in shown
    unplaced = await admin.send_file("chau-thanh.txt", UNPLACED.encode(), caption="/capnhat")
    article = next(a for a in hosted.core.answerer.kb.draft_articles if a.startswith("chau-thanh"))
    assert f"Cần điền trước khi duyệt: articles/{article}.txt: chưa có tên tỉnh/huyện" in text(unplaced)
    assert f"Bài {article} có 1 mục nháp chờ duyệt" in text(unplaced)


async def test_an_uploaded_page_with_nothing_to_draft_leaves_a_base_that_serves(hosted: Hosted) -> None:
    admin = hosted.admin()
    done = await admin.send_file("trang.txt", NOTHING_TO_DRAFT.encode(), caption="/capnhat")
    shown = text(done)
    assert curator_texts.now_serving(2) in shown and "không cho mục nháp nào" in shown
    assert "articles/tan-phuoc.txt" in shown and "thêm mục bằng tay" in shown and "facts/tan-phuoc.yaml" in shown
    assert hosted.library.loaded == 2 and not (await stored_file(hosted, "facts/tan-phuoc.yaml")).exists()
    assert (await hosted.user().say("Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?")).answered
    build_snapshot((await stored_file(hosted, "facts")).parent)  # the stored version loads


async def test_duyet_shows_each_draft_as_users_read_it_page_by_page_within_a_message(hosted: Hosted) -> None:
    admin = hosted.admin()
    await admin.send_file("cai-be.txt", CAI_BE_PAGE.read_bytes(), caption="/capnhat")
    drafts = [d for d in hosted.core.answerer.kb.drafts if d.article.id == "cai-be"]
    zalo = CollectingDoor(hosted.core, door="zalo", chat_id="z9", user_id="z-admin", is_admin=True)
    for door, limit, measure in ((admin, MAX_MESSAGE, len), (zalo, 2000, utf16_length)):
        first = await door.say("/duyet cai-be")
        total = int(re.search(r"\(trang 1/(\d+)\)", text(first)).group(1))  # type: ignore[union-attr]
        assert total > 1
        seen = ""
        for page in range(1, total + 1):
            reply = first if page == 1 else await door.say(f"/duyet cai-be trang {page}")
            messages = telegram_render(reply)[0] if door is admin else zalo_render(reply)
            assert len(messages) == 1 and measure(messages[0]) <= limit, (page, [measure(m) for m in messages])
            assert "/duyet cai-be all" in text(reply) and f"(trang {page}/{total})" in text(reply)
            seen += text(reply)
        for draft in drafts:
            assert f"• {draft.id} (" in seen
            assert (
                " ".join(draft.entry.answer.split())[:80] in seen and " ".join(draft.entry.quote.split())[:80] in seen
            )
        beyond = await door.say(f"/duyet cai-be trang {total + 5}")
        assert f"(trang {total}/{total})" in text(beyond)


async def test_duyet_all_skips_flagged_drafts_unless_forced_and_the_notes_follow(drafted: Hosted) -> None:
    admin, person = drafted.admin(), drafted.user()
    listing = text(await admin.say("/duyet tan-phuoc"))
    block = listing.split(f"• {FLAGGED}", 1)[1].split("\n\n", 1)[0]
    assert "⚠ giá trị «22/5» là một ngày tháng" in block
    assert "Trả lời: Sáng 22/5, huyện Tân Phước tổ chức hội nghị" in block and "Trích bài: “Sáng 22/5" in block
    assert "/duyet tan-phuoc all force" in listing
    one = await admin.say(f"/duyet tan-phuoc {FLAGGED}")
    assert one.kind == "invalid" and "force" in text(one) and len(await drafted.library.history()) == 1
    accepted = await admin.say("/duyet tan-phuoc all")
    shown = text(accepted)
    assert curator_texts.now_serving(2) in shown and "Đã duyệt 2 mục nháp của bài tan-phuoc." in shown
    assert f"• {FLAGGED}: giá trị «22/5»" in shown and "/duyet tan-phuoc all force" in shown
    assert "Bài tan-phuoc có 1 mục nháp chờ duyệt" in shown
    kb = drafted.core.answerer.kb
    assert all(i in kb.by_id for i in GOOD) and [d.id for d in kb.drafts] == [FLAGGED]
    assert "37 căn" in text(await person.say(HOUSES))
    notes = notes_of((await stored_file(drafted, "articles")).parent)
    assert notes[-2:] == [f"{DRAFTER_NOTE}: đã nhận 2 mục, đã bỏ 0 mục; còn 1 mục nháp chờ duyệt.", CURATOR_NOTE]
    forced = await admin.say("/duyet tan-phuoc all force")
    assert curator_texts.now_serving(3) in text(forced) and FLAGGED in drafted.core.answerer.kb.by_id
    notes = notes_of((await stored_file(drafted, "articles")).parent)
    assert notes == [
        "Bài không ghi ngày đăng.",
        "Tựa đề lấy từ dòng đầu trang.",
        f"Các mục nháp do `python -m bot draft` soạn đã được biên tập viên duyệt ngày {TODAY}: nhận 3 mục, bỏ 0 mục.",
        CURATOR_NOTE,
    ]
    history = await drafted.library.history()
    assert [v.number for v in history] == [3, 2, 1] and "duyệt 1 mục nháp" in history[0].note


async def test_duyet_rejects_drafts_in_place_as_a_new_version(drafted: Hosted) -> None:
    admin = drafted.admin()
    unknown = await admin.say("/duyet tan-phuoc bo tp-khong-co")
    assert unknown.kind == "invalid" and "tp-khong-co" in text(unknown) and "Chưa bỏ mục nào" in text(unknown)
    assert len(await drafted.library.history()) == 1
    assert (await admin.say("/duyet tan-phuoc bo")).kind == "invalid"
    done = await admin.say(f"/duyet tan-phuoc bỏ {FLAGGED}")
    assert curator_texts.now_serving(2) in text(done) and f"Đã bỏ 1 mục nháp của bài tan-phuoc: {FLAGGED}." in text(
        done
    )
    assert FLAGGED not in {d.id for d in drafted.core.answerer.kb.drafts}
    facts = await stored_file(drafted, "facts/tan-phuoc.yaml")
    assert facts.read_text(encoding="utf-8") == FACTS.replace(DATE_ENTRY, "").replace("3 mục", "2 mục")
    assert "bỏ 1 mục nháp của bài tan-phuoc" in (await drafted.library.history())[0].note
    await admin.say(f"/duyet tan-phuoc {GOOD[0]}")
    accepted_one = await admin.say(f"/duyet tan-phuoc xoa {GOOD[0]}")
    assert accepted_one.kind == "invalid" and "không phải mục nháp" in text(accepted_one)
    # every draft left rejected: the base still loads, serves, and keeps the accepted entry
    await admin.say(f"/duyet tan-phuoc reject {GOOD[1]}")
    kb = drafted.core.answerer.kb
    assert GOOD[0] in kb.by_id and not [d for d in kb.drafts if d.article.id == "tan-phuoc"]
    notes = notes_of((await stored_file(drafted, "articles")).parent)
    assert "nhận 1 mục, bỏ 2 mục" in notes[-2] and notes[-1] == CURATOR_NOTE


async def test_rejecting_every_draft_of_an_article_leaves_a_base_that_serves(drafted: Hosted) -> None:
    admin = drafted.admin()
    done = await admin.say(f"/duyet tan-phuoc bo {','.join([*GOOD, FLAGGED])}")
    assert curator_texts.now_serving(2) in text(done) and "facts/tan-phuoc.yaml đã được xoá" in text(done)
    assert not (await stored_file(drafted, "facts/tan-phuoc.yaml")).exists()
    assert (await drafted.user().say("Lai Vung huy động bao nhiêu tiền làm cầu đường?")).answered
    answerer = Answerer.from_directory((await stored_file(drafted, "facts")).parent)
    assert not [d for d in answerer.kb.drafts if d.article.id == "tan-phuoc"]


def test_the_hand_drafted_base_is_valid_and_only_the_date_is_flagged(small_base: Path) -> None:
    """Every other test here starts from it."""
    kb = load(small_base)
    assert [d.id for d in kb.drafts] == [*GOOD, FLAGGED] and kb.entries == ()
    assert list(flag_drafts(kb)) == [FLAGGED]

"""The command line as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import KNOWLEDGE, ROOT
from tests.conftest import run_cli as run


def test_ask_prints_the_reply() -> None:
    result = run("ask", "Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?")
    assert result.returncode == 0, result.stderr
    assert "176" in result.stdout and "Nguồn:" in result.stdout


def test_ask_json_fields() -> None:
    result = run("ask", "--json", "Kiên Lương có những mô hình nào?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("answered", "text", "sources", "score", "suggestions"):
        assert key in data
    assert data["answered"] is True
    assert data["sources"][0]["district"] == "Kiên Lương"


def test_ask_reads_questions_from_stdin_one_per_line() -> None:
    questions = "Lai Vung huy động được bao nhiêu tiền xây cầu đường?\n\nthời tiết hôm nay\n😀\n"
    result = run("ask", "--json", stdin=questions)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    # output line N answers input line N: the blank line keeps its place
    assert [line["question"] for line in lines] == [
        "Lai Vung huy động được bao nhiêu tiền xây cầu đường?",
        "",
        "thời tiết hôm nay",
        "😀",
    ]
    assert [line["answered"] for line in lines] == [True, False, False, False]
    assert lines[1]["kind"] == "empty"


def test_ask_json_survives_bytes_that_are_not_utf8() -> None:
    stdin = b"Bu Dop xay bao nhieu can nha dai doan ket\n\xff\xfe hoi gi do\nxin chao \xed\xa0\x80\n"
    env = {k: v for k, v in os.environ.items() if k not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "KNOWLEDGE_DIR")}
    env |= {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii:strict"}  # the strictest decoding a host may set
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"], input=stdin, capture_output=True, cwd=ROOT, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode("utf-8")  # valid UTF-8, or this raises
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == 3  # no line lost
    assert lines[0]["answered"] is True and "176" in lines[0]["text"]
    assert lines[1]["question"] == "\ufffd\ufffd hoi gi do"
    assert lines[2]["question"].startswith("xin chao \ufffd")


def test_ask_with_a_broken_base_says_why(tmp_path: Path) -> None:
    result = run("--knowledge", str(tmp_path / "missing"), "ask", "bất kỳ")
    assert result.returncode == 1
    assert "không tồn tại" in result.stderr and "Traceback" not in result.stderr


def test_no_token_opens_a_terminal_chat(tmp_path: Path) -> None:
    # run from an empty folder: no .env there, and the knowledge base comes from the project
    result = run(
        "--knowledge", str(KNOWLEDGE), stdin="Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?\n1\n/quit\n", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "TELEGRAM_BOT_TOKEN" in result.stderr  # says why it is a terminal chat
    # fed from a pipe it prints the replies only: the answer, then the first suggestion picked by its number
    assert "Bạn:" not in result.stdout and "Bot:" not in result.stdout
    assert result.stdout.count("Nguồn:") == 2
    first, second = result.stdout.split("\n\n1. ", 1)[0], result.stdout.split("Nguồn:")[1]
    assert "176" in first and "Có thể bạn muốn hỏi thêm" in result.stdout
    assert second


def test_eval_command_reports_categories() -> None:
    result = run("eval", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "Câu hỏi trong phạm vi" in result.stdout and "decline_district" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.returncode == 2
    assert "usage" in result.stderr.lower() and "Traceback" not in result.stderr


def test_eval_a_new_page_through_the_curators_path(tmp_path: Path) -> None:
    """`eval --page`: drafted into a copy of the base (left as it was), accepted, asked, compared."""
    pages = Path(__file__).parents[1] / "curation" / "pages"
    before = sorted(p.name for p in (KNOWLEDGE / "facts").iterdir())
    result = run(
        "eval",
        "--page",
        str(pages / "05_yen-the.txt"),
        "--file",
        str(pages / "05_yen-the.questions.yaml"),
        "--gold",
        str(pages / "05_yen-the.gold.yaml"),
        "--json",
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["page"] == "05_yen-the" and summary["drafts"] > 20
    assert summary["questions"] == sum(summary["outcomes"].values()) == 14
    assert summary["figures_found"][0] >= 0.9 * summary["figures_found"][1]
    assert sorted(p.name for p in (KNOWLEDGE / "facts").iterdir()) == before
    missing = run("eval", "--page", str(tmp_path / "none.txt"))
    assert missing.returncode == 1 and "Không tìm thấy tệp" in missing.stderr

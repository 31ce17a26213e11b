"""The curators' command line over the store: report, knowledge push|versions|export|rollback,
purge, and the terminal chat recorded like any other door. Each test has its own SQLite file
(DATABASE_URL, set for every test by conftest.own_database)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import KNOWLEDGE, run_cli

HOUSES = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"
PRICE = "giá lúa ở Lai Vung năm nay bao nhiêu?"


def knowledge(kb_dir: Path, *args: str) -> tuple[int, str]:
    done = run_cli("--knowledge", str(kb_dir), "knowledge", *args)
    return done.returncode, done.stdout + done.stderr


def test_the_terminal_chat_is_recorded_and_reported(kb_dir: Path) -> None:
    chat = run_cli(
        "--knowledge",
        str(kb_dir),
        "chat",
        stdin=f"{HOUSES}\n👍\n{PRICE}\ngia lua o Lai Vung nam nay bao nhieu\n/chuatraloi\n",
    )
    assert chat.returncode == 0, chat.stderr
    assert "176" in chat.stdout and "Cảm ơn" in chat.stdout and "2 lần" in chat.stdout
    report = run_cli("--knowledge", str(kb_dir), "report", "--json")
    assert report.returncode == 0, report.stderr
    data = json.loads(report.stdout)
    assert data["unanswered"][0]["count"] == 2 and "Lai Vung" in data["unanswered"][0]["text"]
    assert data["feedback"]["up"] == 1 and data["feedback"]["down"] == 0
    text = run_cli("--knowledge", str(kb_dir), "report", "--since", "7")
    assert "2 lần" in text.stdout and "👍 1 · 👎 0" in text.stdout
    bad = run_cli("report", "--since", "abc")
    assert bad.returncode == 2 and "--since" in bad.stderr and "Traceback" not in bad.stderr


def test_push_versions_export_and_rollback(kb_dir: Path, tmp_path: Path) -> None:
    code, out = knowledge(kb_dir, "versions")
    assert code == 0 and out.startswith("1. ")  # the deployed directory is the first version
    facts = tmp_path / "lai-vung.yaml"
    source = (KNOWLEDGE / "facts" / "lai-vung.yaml").read_text(encoding="utf-8")
    facts.write_text(source.replace("kinh phí làm cầu đường]", "kinh phí làm cầu đường, tiền bê tông lộ]"), "utf-8")
    code, out = knowledge(kb_dir, "push", str(facts))
    assert code == 0 and "phiên bản dữ liệu 2" in out, out
    facts.write_text(source.replace("value: trên 52 tỷ đồng", "value: trên 25 tỷ đồng"), "utf-8")
    code, out = knowledge(kb_dir, "push", str(facts))
    assert code == 1 and "facts/lai-vung.yaml, mục lv-cau-duong-nguon-luc, trường value" in out
    assert "Traceback" not in out
    exported = tmp_path / "v2.zip"
    code, out = knowledge(kb_dir, "export", str(exported))
    assert code == 0 and "phiên bản 2" in out
    with zipfile.ZipFile(exported) as archive:
        assert "tiền bê tông lộ" in archive.read("facts/lai-vung.yaml").decode()
    code, out = knowledge(kb_dir, "rollback", "1")
    assert code == 0 and "phiên bản dữ liệu 3" in out
    code, out = knowledge(kb_dir, "versions")
    assert [line.split(".")[0] for line in out.splitlines()] == ["3", "2", "1"]
    assert "khôi phục phiên bản 1" in out.splitlines()[0]
    code, out = knowledge(kb_dir, "rollback", "9")
    assert code == 1 and "9" in out and "Traceback" not in out
    code, out = knowledge(kb_dir, "push", str(tmp_path / "missing.yaml"))
    assert code == 1 and "missing.yaml" in out
    code, out = knowledge(kb_dir, "push", str(kb_dir))  # a whole directory, unchanged from version 1
    assert code == 0 and "phiên bản dữ liệu 4" in out
    # a bot started now serves the newest stored version
    asked = run_cli("--knowledge", str(kb_dir), "chat", stdin="/phienban\n")
    assert "4. " in asked.stdout and "(đang dùng)" in asked.stdout.splitlines()[2]


def test_purge_and_a_bad_database_url(kb_dir: Path, tmp_path: Path) -> None:
    run_cli("--knowledge", str(kb_dir), "chat", stdin="giá lúa ở Lai Vung năm nay bao nhiêu?\n")
    kept = run_cli("purge")
    assert kept.returncode == 0 and "Đã xoá 0 câu hỏi" in kept.stdout
    bad = run_cli("report", env_extra={"DATABASE_URL": "mysql://user:hunter2@db.example/bot"})
    assert bad.returncode != 0 and "DATABASE_URL" in bad.stderr and "hunter2" not in bad.stderr
    assert "Traceback" not in bad.stderr
    unreachable = run_cli("report", env_extra={"DATABASE_URL": "postgresql://bot:hunter2@127.0.0.1:1/bot"})
    assert unreachable.returncode == 1 and "DATABASE_URL" in unreachable.stderr
    assert "hunter2" not in unreachable.stderr and "Traceback" not in unreachable.stderr


def test_the_terminal_chat_answers_while_the_database_is_down() -> None:
    from tests.conftest import run_cli

    result = run_cli(
        stdin="Bù Đốp xây bao nhiêu căn nhà Đại đoàn kết?\n",
        env_extra={"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/nothing_listens_here"},
    )
    assert result.returncode == 0, result.stderr
    assert "176" in result.stdout
    assert "không được ghi lại" in result.stderr and "Traceback" not in result.stderr

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.loading import load
from bot.knowledge.problems import KnowledgeError
from tests.conftest import run_cli


def problems(directory: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load(directory)
    return [str(p) for p in caught.value.problems]


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_shipped_base_is_complete(kb_dir: Path) -> None:
    kb = load(kb_dir)
    assert len(kb.articles) == 5
    assert len(kb.entries) > 150
    summary = kb.summary()
    assert set(summary["districts"]) == {"Bù Đốp", "Châu Thành", "Kiên Lương", "Đất Đỏ", "Lai Vung"}
    for district, kinds in summary["districts"].items():
        assert kinds.get("figure", 0) >= 10, district
        assert kinds.get("model", 0) >= 5, district
    assert summary["districts"]["Bù Đốp"]["figure"] >= 50  # "dozens of figures"


def test_every_figure_is_quoted_verbatim(kb_dir: Path) -> None:
    kb = load(kb_dir)
    for located in kb.entries:
        entry = located.entry
        if entry.kind == "figure":
            assert entry.value.lower() in " ".join(entry.quote.split()).lower(), entry.id


def test_mistyped_figure_is_caught(kb_dir: Path) -> None:
    facts = kb_dir / "facts" / "bu-dop.yaml"
    replace_in(facts, "đã xây dựng 176 căn nhà", "đã xây dựng 167 căn nhà")
    found = problems(kb_dir)
    assert any("bu-dop.yaml" in p and "bd-" in p and "trường answer" in p and "167" in p for p in found), found


def test_quote_must_be_in_the_article(kb_dir: Path) -> None:
    replace_in(
        kb_dir / "facts" / "bu-dop.yaml",
        "về nhà ở từ năm 2022 đến 7/2023: Xây dựng 176 căn",
        "về nhà ở từ năm 2022 đến 8/2023: Xây dựng 176 căn",
    )
    found = problems(kb_dir)
    assert any("trường quote" in p and "không có nguyên văn trong bài" in p for p in found), found


def test_value_must_be_in_the_quote(kb_dir: Path) -> None:
    replace_in(kb_dir / "facts" / "bu-dop.yaml", 'value: "176"', 'value: "177"')
    found = problems(kb_dir)
    assert any("trường value" in p for p in found), found


def test_schema_errors_name_file_entry_and_field(kb_dir: Path) -> None:
    facts = kb_dir / "facts" / "lai-vung.yaml"
    replace_in(facts, "    counts: nguồn lực xã hội", "    countz: nguồn lực xã hội")
    found = problems(kb_dir)
    assert any(
        "lai-vung.yaml" in p and "#1 (lv-cau-duong-nguon-luc)" in p and "trường counts" in p and "thiếu" in p
        for p in found
    ), found
    assert any("trường countz" in p and "không được phép" in p for p in found), found


def test_unknown_kind_and_duplicate_id(kb_dir: Path) -> None:
    facts = kb_dir / "facts" / "lai-vung.yaml"
    text = facts.read_text(encoding="utf-8")
    facts.write_text(text.replace("kind: figure", "kind: figur", 1), encoding="utf-8")
    assert any("kind phải là một trong" in p for p in problems(kb_dir))
    facts.write_text(text, encoding="utf-8")
    # the same id in another file
    other = kb_dir / "facts" / "dat-do.yaml"
    replace_in(other, "id: dd-mo-hinh-134", "id: lv-cau-duong-nguon-luc")
    assert any("mã mục bị trùng" in p for p in problems(kb_dir))


def test_broken_yaml_reports_the_line(kb_dir: Path) -> None:
    facts = kb_dir / "facts" / "chau-thanh.yaml"
    facts.write_text("article: chau-thanh\nentries:\n  - id: x\n    title: [unclosed\n", encoding="utf-8")
    found = problems(kb_dir)
    assert any("chau-thanh.yaml" in p and "YAML không hợp lệ" in p and "dòng" in p for p in found), found


def test_not_utf8_and_wrong_shapes(kb_dir: Path) -> None:
    (kb_dir / "facts" / "kien-luong.yaml").write_bytes("article: kien-luong\n# Kiên Lương\n".encode("cp1258"))
    (kb_dir / "facts" / "extra.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (kb_dir / "facts" / "orphan.yaml").write_text("article: nowhere\nentries: []\n", encoding="utf-8")
    found = problems(kb_dir)
    assert any("kien-luong.yaml" in p and "UTF-8" in p for p in found), found
    assert any("extra.yaml" in p and "'article' và 'entries'" in p for p in found), found
    assert any("orphan.yaml" in p and "entries" in p for p in found), found


def test_article_metadata_is_checked(kb_dir: Path) -> None:
    article = kb_dir / "articles" / "lai-vung.txt"
    replace_in(article, "date: '2020-08-06'", "date: '2020-08-07'")
    replace_in(article, "author: M.X", "author: N.Y")
    found = problems(kb_dir)
    assert any("lai-vung.txt" in p and "trường date" in p for p in found), found
    assert any("lai-vung.txt" in p and "trường author" in p for p in found), found


def test_missing_directory() -> None:
    assert "không tồn tại" in problems(Path("/nonexistent/knowledge"))[0]


def test_check_command(kb_dir: Path) -> None:
    ok = run_cli("--knowledge", str(kb_dir), "check")
    assert ok.returncode == 0
    assert "5 bài viết" in ok.stdout and "Bù Đốp" in ok.stdout and "figure" in ok.stdout
    replace_in(kb_dir / "facts" / "bu-dop.yaml", 'value: "176"', 'value: "177"')
    bad = run_cli("--knowledge", str(kb_dir), "check")
    assert bad.returncode == 1
    assert "bu-dop.yaml" in bad.stderr and "trường value" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_an_article_names_its_places_once_and_keeps_them_when_pickled(monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from bot.knowledge import schema

    knowledge = Path(__file__).resolve().parents[2] / "knowledge"
    first = load(knowledge)
    article = first.articles[next(iter(first.articles))]
    article.read_maps()
    kept = pickle.loads(pickle.dumps(article))

    def no_map(*args: object) -> str:
        raise AssertionError("the map was read again")

    monkeypatch.setattr(schema, "province_named", no_map)
    monkeypatch.setattr(schema, "division_of", no_map)
    monkeypatch.setattr(schema, "province_today", no_map)
    assert kept.named == article.named and kept.province_named == article.province_named
    assert kept.province_today_named == article.province_today_named
    monkeypatch.undo()
    # what the maps said is no part of the article: a fresh load of the same file is equal to it
    again = load(knowledge).articles[article.id]
    assert again == article and hash(again) == hash(article)

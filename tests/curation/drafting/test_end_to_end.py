"""A new district from a copied page to answers: draft into the base, accept, check, ask."""

from __future__ import annotations

from pathlib import Path

from bot.answering.answerer import Answerer
from tests.conftest import run_cli

# One of the five originals, its district renamed throughout to a real district of Vietnam
# (Cái Bè, Tiền Giang) that the base does not hold; the page's chrome is left in.
PAGE = Path(__file__).parent / "data" / "cai-be-goc.txt"


def test_a_drafted_district_is_answered_once_accepted(kb_dir: Path) -> None:
    answerer = Answerer.from_directory(kb_dir)  # the running bot
    before = answerer.ask("Huyện Cái Bè xây mới bao nhiêu cây cầu bê tông?")
    assert not before.answered  # a district the base does not know is declined

    drafted = run_cli("draft", str(PAGE), "--out", str(kb_dir))
    assert drafted.returncode == 0, drafted.stderr
    assert (kb_dir / "articles" / "cai-be.txt").exists() and (kb_dir / "facts" / "cai-be.yaml").exists()
    checked = run_cli("--knowledge", str(kb_dir), "check")
    assert checked.returncode == 0 and "mục nháp" in checked.stdout
    answerer.reload()  # drafts are validated but not served: the district is still unknown
    assert "Cái Bè" not in answerer.kb.districts
    assert not answerer.ask("Huyện Cái Bè xây mới bao nhiêu cây cầu bê tông?").answered

    accepted = run_cli("draft", "--accept", str(kb_dir / "facts" / "cai-be.yaml"), "--all")
    assert accepted.returncode == 0, accepted.stderr
    checked = run_cli("--knowledge", str(kb_dir), "check")
    assert checked.returncode == 0, checked.stderr
    assert "Cái Bè" in checked.stdout and "mục nháp" not in checked.stdout

    report = answerer.reload()
    assert "cai-be" in report.articles_added and "Cái Bè" in answerer.kb.districts
    for question, figure in (
        ("Huyện Cái Bè xây mới bao nhiêu cây cầu bê tông?", "hơn 70 cây cầu"),
        ("cai be huy dong nguon luc xa hoi bao nhieu tien", "trên 52 tỷ đồng"),
        ("Cái Bè có bao nhiêu tập thể được khen thưởng cấp tỉnh?", "4 tập thể"),
    ):
        answer = answerer.ask(question)
        assert answer.answered, question
        assert answer.entry_ids and all(i.startswith("cb-") for i in answer.entry_ids), (question, answer.entry_ids)
        assert figure in answer.text and "Cái Bè" in answer.text, question
    models = answerer.ask("Cái Bè có những mô hình nào?")
    assert models.answered and "Tổ hùn vốn tiết kiệm" in models.text
    # the district it was copied from still answers with its own article
    lai_vung = answerer.ask("Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert lai_vung.answered and all(i.startswith("lv-") for i in lai_vung.entry_ids)

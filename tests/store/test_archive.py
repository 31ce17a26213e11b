from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from bot.store.archive import ArchiveError, ArchiveLimits, check_archive, file_counts, unpack, zip_directory
from tests.store.zips import make_zip, understate_sizes

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_round_trip_gives_identical_files(tmp_path: Path) -> None:
    data = zip_directory(KNOWLEDGE)
    written = unpack(data, tmp_path / "out")
    assert tree(tmp_path / "out") == tree(KNOWLEDGE)
    assert sorted(written) == sorted(tree(KNOWLEDGE))
    assert file_counts(data)["files"] == len(tree(KNOWLEDGE))


def test_zipping_is_deterministic(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    for name, content in reversed(tree(KNOWLEDGE).items()):  # created in another order, at other times
        path = copy / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert zip_directory(copy) == zip_directory(KNOWLEDGE) == zip_directory(KNOWLEDGE)
    (copy / "facts" / "new.yaml").write_text("x: 1\n")
    assert zip_directory(copy) != zip_directory(KNOWLEDGE)


def test_hidden_files_are_left_out_and_links_refused(tmp_path: Path) -> None:
    base = tmp_path / "kb"
    (base / "facts").mkdir(parents=True)
    (base / "facts" / "a.yaml").write_text("a: 1\n")
    (base / ".git").mkdir()
    (base / ".git" / "HEAD").write_text("ref\n")
    (base / "facts" / ".a.yaml.swp").write_text("swap")
    with zipfile.ZipFile(io.BytesIO(zip_directory(base))) as archive:
        assert archive.namelist() == ["facts/a.yaml"]
    (base / "facts" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(ArchiveError, match="symlink"):
        zip_directory(base)


@pytest.mark.parametrize(
    "name", ["../evil.txt", "facts/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt", "..\\evil.txt", "./a/./b", "a//b"]
)
def test_names_leaving_the_target_are_refused(tmp_path: Path, name: str) -> None:
    data = make_zip({"facts/ok.yaml": b"ok", name: b"pwned"})
    with pytest.raises(ArchiveError) as caught:
        unpack(data, tmp_path / "out" / "kb")
    assert caught.value.member == name and name in str(caught.value)
    assert str(caught.value).startswith("Bản lưu kiến thức bị từ chối")
    assert list(tmp_path.iterdir()) == []  # refused before anything was written


def test_symlink_members_are_refused(tmp_path: Path) -> None:
    data = make_zip({"facts/ok.yaml": b"ok"}, symlinks={"facts/link": "/etc/passwd"})
    with pytest.raises(ArchiveError, match="symlink"):
        unpack(data, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("facts/a.yaml", "first")
        archive.writestr("facts/a.yaml", "second")
    with pytest.raises(ArchiveError, match="hai lần"):
        check_archive(buffer.getvalue())


def test_a_zip_bomb_is_refused_by_its_declared_size() -> None:
    bomb = make_zip({"facts/zeros.yaml": bytes(20 * 1024 * 1024)})  # 20 MiB of zeros in about 20 KiB
    assert len(bomb) < 100_000
    with pytest.raises(ArchiveError, match="quá giới hạn"):
        check_archive(bomb)


def test_a_high_compression_ratio_is_refused() -> None:
    dense = make_zip({"facts/zeros.yaml": bytes(2 * 1024 * 1024)})
    with pytest.raises(ArchiveError, match="tỉ lệ nén"):
        check_archive(dense)


def test_a_bomb_lying_about_its_size_is_refused_while_reading(tmp_path: Path) -> None:
    limits = ArchiveLimits(max_file_bytes=1000, max_total_bytes=1000)
    liar = understate_sizes(make_zip({"facts/big.yaml": b"x" * 50_000}), declared=500)
    check_archive(liar, limits)  # the headers look harmless
    with pytest.raises(ArchiveError):
        unpack(liar, tmp_path / "out", limits)
    assert list(tmp_path.iterdir()) == []  # the half-written staging directory is gone too


def test_too_many_files_or_bytes_in_all_are_refused() -> None:
    many = make_zip({f"facts/{i}.yaml": b"a: 1\n" for i in range(11)})
    with pytest.raises(ArchiveError, match="11 mục"):
        check_archive(many, ArchiveLimits(max_files=10))
    with pytest.raises(ArchiveError, match="tổng dung lượng"):
        check_archive(many, ArchiveLimits(max_total_bytes=50))


def test_not_a_zip_is_a_clear_error() -> None:
    with pytest.raises(ArchiveError, match="không phải tệp zip"):
        check_archive(b"this is not a zip")


def test_the_target_must_be_new_or_empty(tmp_path: Path) -> None:
    data = make_zip({"facts/a.yaml": b"a"})
    (tmp_path / "empty").mkdir()
    unpack(data, tmp_path / "empty")
    assert (tmp_path / "empty" / "facts" / "a.yaml").read_bytes() == b"a"
    with pytest.raises(ArchiveError, match="trống"):
        unpack(data, tmp_path / "empty")

"""A knowledge directory as a zip, and back, safely.

Zipping is deterministic (sorted names, fixed times and modes), so the same
files give the same bytes and the same sha256. Unpacking trusts nothing in the
archive: every name must stay inside the target, links and special files are
refused, and sizes are limited both as declared and as actually read, so a
crafted archive (zip-slip, zip bomb) is rejected with an error naming the
member instead of writing outside the target or filling the disk.
"""

from __future__ import annotations

import io
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold
_FILE_MODE = 0o100644
_CHUNK = 64 * 1024
_SKIPPED = frozenset({"__pycache__"})


@dataclass(frozen=True)
class ArchiveLimits:
    max_files: int = 2000
    max_file_bytes: int = 16 * 1024 * 1024
    max_total_bytes: int = 64 * 1024 * 1024
    # A compression ratio above this, for members big enough to matter, is a bomb
    # (the knowledge base's text and YAML compress about 3 to 6 times).
    max_ratio: float = 200.0
    ratio_applies_above: int = 1024 * 1024
    max_name_chars: int = 512


DEFAULT_LIMITS = ArchiveLimits()


class ArchiveError(ValueError):
    """An archive is refused; the message (Vietnamese, for admins) says which member and why."""

    def __init__(self, reason: str, member: str | None = None) -> None:
        self.member = member
        where = f"«{member}»: " if member is not None else ""
        super().__init__(f"Bản lưu kiến thức bị từ chối: {where}{reason}")


def zip_directory(directory: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> bytes:
    """Every regular file under ``directory`` (hidden files and __pycache__
    left out), as a zip whose bytes depend only on the files' paths and contents."""
    root = Path(directory)
    if not root.is_dir():
        raise ArchiveError(f"không có thư mục {root}")
    files = sorted(_regular_files(root, root), key=lambda p: p.as_posix())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for relative in files:
            if (root / relative).stat().st_size > limits.max_file_bytes:
                raise ArchiveError(f"lớn hơn giới hạn {limits.max_file_bytes} byte một tệp", relative.as_posix())
            info = zipfile.ZipInfo(relative.as_posix(), date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so the mode below is read the same everywhere
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, (root / relative).read_bytes(), compresslevel=9)
    data = buffer.getvalue()
    check_archive(data, limits)  # never store what could not be unpacked
    return data


def _regular_files(root: Path, directory: Path) -> list[Path]:
    found: list[Path] = []
    for path in directory.iterdir():
        if path.name.startswith(".") or path.name in _SKIPPED:
            continue
        relative = path.relative_to(root)
        if path.is_symlink():
            raise ArchiveError("là liên kết (symlink); chỉ lưu tệp thường", relative.as_posix())
        if path.is_dir():
            found.extend(_regular_files(root, path))
        elif path.is_file():
            found.append(relative)
        else:
            raise ArchiveError("không phải tệp thường", relative.as_posix())
    return found


def check_archive(data: bytes, limits: ArchiveLimits = DEFAULT_LIMITS) -> list[zipfile.ZipInfo]:
    """The archive's members, after checking every name and declared size; raises ArchiveError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise ArchiveError(f"không phải tệp zip hợp lệ ({exc})") from None
    if len(members) > limits.max_files:
        raise ArchiveError(f"có {len(members)} mục, quá giới hạn {limits.max_files}")
    seen: set[str] = set()
    total = 0
    for info in members:
        name = _safe_name(info.filename, limits)
        folded = name.casefold()  # two names one case-insensitive disk would merge
        if folded in seen:
            raise ArchiveError("xuất hiện hai lần", info.filename)
        seen.add(folded)
        _check_type(info)
        if info.is_dir():
            continue
        if info.file_size > limits.max_file_bytes:
            raise ArchiveError(
                f"{info.file_size} byte khi giải nén, quá giới hạn {limits.max_file_bytes} byte một tệp", info.filename
            )
        if info.file_size > limits.ratio_applies_above and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ArchiveError(
                f"tỉ lệ nén {ratio:.0f}:1, quá giới hạn {limits.max_ratio:.0f}:1 (nghi bom zip)", info.filename
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ArchiveError(f"tổng dung lượng khi giải nén vượt {limits.max_total_bytes} byte")
    return members


def _safe_name(name: str, limits: ArchiveLimits) -> str:
    if not name or len(name) > limits.max_name_chars or "\x00" in name:
        raise ArchiveError("tên tệp rỗng, quá dài hoặc có ký tự NUL", name[:100])
    if "\\" in name:
        raise ArchiveError("tên có dấu \\ (đường dẫn kiểu Windows)", name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise ArchiveError("là đường dẫn tuyệt đối", name)
    parts = PurePosixPath(name.rstrip("/")).parts
    if not parts or any(part in ("", ".", "..") for part in name.rstrip("/").split("/")):
        raise ArchiveError("đường dẫn có «..» hoặc «.», có thể ghi ra ngoài thư mục", name)
    return name.rstrip("/")


def _check_type(info: zipfile.ZipInfo) -> None:
    if info.flag_bits & 0x1:
        raise ArchiveError("được mã hoá", info.filename)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise ArchiveError("là liên kết (symlink), không được phép", info.filename)
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise ArchiveError("không phải tệp thường", info.filename)


def unpack(data: bytes, target: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> list[str]:
    """Write the archive's files under ``target`` (absent or an empty directory)
    and return their relative names. Nothing is left behind on failure: the
    files are written to a fresh directory beside ``target``, renamed at the end."""
    target = Path(target)
    if target.is_symlink() or (target.exists() and (not target.is_dir() or any(target.iterdir()))):
        raise ArchiveError(f"thư mục đích {target} phải chưa có hoặc đang trống")
    members = check_archive(data, limits)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        written = _extract(data, members, staging, limits)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _extract(data: bytes, members: list[zipfile.ZipInfo], root: Path, limits: ArchiveLimits) -> list[str]:
    written: list[str] = []
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in members:
                name = info.filename.rstrip("/")
                path = root.joinpath(*name.split("/"))
                if info.is_dir():
                    path.mkdir(parents=True, exist_ok=True)
                    continue
                path.parent.mkdir(parents=True, exist_ok=True)
                size = 0
                # the declared sizes were checked, but the stream is what counts:
                # a forged header must not let more bytes through
                with archive.open(info) as source, path.open("xb") as sink:
                    while chunk := source.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if size > limits.max_file_bytes:
                            raise ArchiveError(f"vượt giới hạn {limits.max_file_bytes} byte một tệp", name)
                        if total > limits.max_total_bytes:
                            raise ArchiveError(f"tổng dung lượng khi giải nén vượt {limits.max_total_bytes} byte")
                        sink.write(chunk)
                written.append(name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise ArchiveError(f"không giải nén được ({exc})") from None
    return written


def file_counts(data: bytes) -> dict[str, int]:
    """Files per top-level folder, and in all: {"articles": 5, "facts": 5, "files": 11}."""
    counts: dict[str, int] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = [i.filename for i in archive.infolist() if not i.is_dir()]
    for name in names:
        head, _, rest = name.partition("/")
        if rest:
            counts[head] = counts.get(head, 0) + 1
    counts["files"] = len(names)
    return counts

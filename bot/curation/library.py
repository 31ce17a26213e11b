"""Knowledge versions: the base the bot serves lives in the store, one whole version at a time.

On a Procfile host the disk holds only what was deployed, so curators' changes go to the
database: each accepted base is stored whole (a zip) as the next version, the bot loads
the newest, and replicas follow when a newer one appears. The deployed ``knowledge/`` is
version 1; a later deploy that changes it, or files edited on a curator's machine, become
a new version too. A version is always validated as a whole before it is stored.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from bot.answering.building import build_snapshot
from bot.answering.snapshot import Snapshot
from bot.knowledge.problems import KnowledgeError, Problem
from bot.store import Store
from bot.store.archive import ArchiveError, unpack, zip_directory
from bot.store.knowledge_versions import VersionConflict, VersionInfo

if TYPE_CHECKING:
    from bot.answering.answerer import Answerer
    from bot.knowledge.changes import ReloadReport

log = logging.getLogger(__name__)

_CANDIDATE = "candidate-"  # a work directory's changed copies, until saved or refused
DEPLOYED_NOTE = "thư mục knowledge/ khi triển khai"
_FILE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.(?:yaml|txt)")
_ACCEPTED_FILES = (
    "chỉ nhận một tệp dữ kiện <mã>.yaml hay một bài viết <mã>.txt (chữ thường không dấu, số, gạch nối), "
    "một trang tin chép về (.txt, sẽ được soạn nháp) hoặc một tệp .zip của cả thư mục"
)


class ChangedMeanwhile(Exception):
    """The base changed (another curator, another replica) after the working copy was made."""


class UploadError(Exception):
    """An uploaded file that is not one the base can take; the message says why."""


@dataclass(frozen=True)
class DraftedPage:
    """A page copied from the news site, drafted into a candidate: its article and how many entries."""

    source: str  # the uploaded file's name
    article: str  # the article's id
    district: str
    entries: int  # 0: nothing to draft, the article alone was written


@dataclass(frozen=True)
class Intake:
    """A candidate base made from an upload, and the page drafted into it, if it was one."""

    directory: Path
    drafted: DraftedPage | None = None


class KnowledgeLibrary:
    def __init__(self, store: Store, deployed: Path, workdir: Path | None = None):
        self.store = store
        self.deployed = Path(deployed)
        # checkouts and candidates; close() deletes it when this made it
        self._owns_workdir = workdir is None or not Path(workdir).exists()
        self.workdir = Path(workdir) if workdir is not None else Path(tempfile.mkdtemp(prefix="bot-knowledge-"))
        self.loaded: int | None = None  # the version being served
        self._deployed_sha: str | None = None
        # the deployed directory as built when it was stored: version number and snapshot, which
        # build_newest serves instead of unpacking and building that version again
        self._deployed_build: tuple[int, Snapshot] | None = None
        self._bases: dict[str, int] = {}  # each working copy's version, by the copy's name
        self._unpacking: dict[int, asyncio.Lock] = {}  # one checkout of a version at a time

    # ------------------------------------------------------------ loading

    async def newest(self, *, strict: bool = False) -> tuple[int, Path]:
        """The newest version, checked out (the deployed directory stored first, when it is new).
        ``strict``: deployed files that do not validate raise KnowledgeError (an admin's /reload)
        instead of being logged while the newest stored version keeps serving (a start-up)."""
        number = await self._newest_stored(strict)
        self._deployed_build = None
        return number, await self.checkout(number)

    async def build_newest(self, *, strict: bool = False) -> tuple[int, Snapshot]:
        """The newest version (as ``newest``), built and validated; a KnowledgeError names its
        problems relative to the base. When that version is the deployed directory just stored,
        the snapshot built to validate it is the one returned."""
        number = await self._newest_stored(strict)
        built, self._deployed_build = self._deployed_build, None
        if built is not None and built[0] == number:
            return built
        return number, await _built(await self.checkout(number))

    async def serve_newest(self, answerer: Answerer, *, strict: bool = True) -> ReloadReport:
        """Build the newest version (as ``build_newest``) and serve it; the current base keeps
        serving when it raises KnowledgeError."""
        number, snapshot = await self.build_newest(strict=strict)
        return self.serve(answerer, number, snapshot)

    async def _newest_stored(self, strict: bool) -> int:
        await self.store_deployed(strict=strict)
        info = await self.store.versions.newest()
        if info is None:  # the deployed directory could not be stored: it is not valid
            raise KnowledgeError([Problem(str(self.deployed), "không có phiên bản dữ liệu nào hợp lệ")])
        return info.number

    def serve(self, answerer: Answerer, number: int, snapshot: Snapshot) -> ReloadReport:
        """Version ``number``, built as ``snapshot``, served by ``answerer`` from now on."""
        report = answerer.swap(snapshot)
        self.loaded = answerer.version = number
        return report

    async def newest_number(self) -> int | None:
        info = await self.store.versions.newest()
        return info.number if info else None

    async def store_deployed(self, *, strict: bool = False) -> VersionInfo | None:
        """Store the deployed directory when no version holds it yet (validated first)."""
        if not self.deployed.is_dir():
            return None
        archive = await asyncio.to_thread(zip_directory, self.deployed, self.store.versions.limits)
        sha = hashlib.sha256(archive).hexdigest()
        if sha == self._deployed_sha:
            return None  # already stored, or already found wanting and logged
        history = await self.store.versions.history()
        if any(v.sha256 == sha for v in history):
            self._deployed_sha = sha
            return None
        try:
            snapshot = await asyncio.to_thread(build_snapshot, self.deployed)
        except KnowledgeError as exc:
            if strict or not history:
                raise
            log.error("Thư mục %s có lỗi, không lưu thành phiên bản mới:\n%s", self.deployed, exc)
            self._deployed_sha = sha
            return None
        self._deployed_sha = sha
        if not history:
            info = await self.store.versions.ensure_initial(archive)
        else:
            info = await self.store.versions.add_archive(archive, note=DEPLOYED_NOTE)
            log.info("Thư mục %s khác mọi phiên bản đã lưu: lưu thành phiên bản %d", self.deployed, info.number)
        if info.sha256 == sha:  # not another replica's first version, stored before this one
            self._deployed_build = (info.number, snapshot)
        return info

    async def checkout(self, number: int) -> Path:
        """Version `number`'s files in the work directory (unpacked once)."""
        target = self.workdir / f"v{number}"
        async with self._unpacking.setdefault(number, asyncio.Lock()):
            if not target.is_dir():
                await self.store.versions.unpack(number, target)
        return target

    # ------------------------------------------------------------ changing

    async def working_copy(self) -> Path:
        """A copy of the newest version to change and validate (becomes a version only when saved)."""
        number, current = await self.newest()
        target = self.workdir / f"{_CANDIDATE}{uuid.uuid4().hex[:12]}"
        await asyncio.to_thread(shutil.copytree, current, target)
        self._bases[target.name] = number  # saved only as the version right after this one
        log.info("Bản sao của phiên bản %d để thay đổi: %s", number, target.name)
        return target

    async def candidate(self, name: str, data: bytes) -> Path:
        """A new base to validate: the newest version with the uploaded file in it (see ``intake``)."""
        return (await self.intake(name, data)).directory

    async def intake(self, name: str, data: bytes) -> Intake:
        """A new base to validate: the newest version with the uploaded file in it: one district's
        facts (`facts/<id>.yaml`), an article (`articles/<id>.txt`), a page copied from the news
        site (a `.txt` without front matter: drafted, its entries marked draft; a page with nothing
        to draft gives its article alone), or a `.zip` of the whole directory. Raises UploadError
        for anything else."""
        lowered = PurePosixPath(name).name.lower()
        if lowered.endswith(".zip"):
            await self.newest()  # the deployed directory is version 1 before anything else
            target = self.workdir / f"{_CANDIDATE}{uuid.uuid4().hex[:12]}"
            try:
                await asyncio.to_thread(unpack, data, target)
            except ArchiveError as exc:
                raise UploadError(f"tệp zip không dùng được: {exc}") from None
            return Intake(_knowledge_root(target))
        if not lowered.endswith((".yaml", ".txt")):
            raise UploadError(_ACCEPTED_FILES)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UploadError("tệp không phải văn bản UTF-8") from None
        if lowered.endswith(".txt") and not text.lstrip("\ufeff \n\r\t").startswith("---"):
            # no front matter: a page as copied from the news site, drafted (the drafter loads only now)
            from bot.curation.drafting.intake import draft_into

            if not text.strip():
                raise UploadError("tệp trống")
            target = await self.working_copy()
            try:
                draft, _, _ = await asyncio.to_thread(draft_into, text, PurePosixPath(name).name, target)
            except BaseException:
                self.discard(target)
                raise
            log.info("Trang %s được soạn nháp thành bài %s (%d mục nháp)", name, draft.meta.id, len(draft.entries))
            page = DraftedPage(PurePosixPath(name).name, draft.meta.id, draft.meta.district, len(draft.entries))
            return Intake(target, page)
        if not _FILE_NAME.fullmatch(lowered):
            raise UploadError(_ACCEPTED_FILES)
        target = await self.working_copy()
        folder = "facts" if lowered.endswith(".yaml") else "articles"
        (target / folder / lowered).write_text(text, encoding="utf-8")
        return Intake(target)

    async def save(self, directory: Path, *, door: str | None, author: str | None, note: str) -> VersionInfo:
        """ChangedMeanwhile (and nothing stored) when the directory is a working copy of a version
        that is no longer the newest."""
        candidate = self._candidate_of(directory)
        base = self._bases.pop(candidate.name, None) if candidate is not None else None
        archive = await asyncio.to_thread(zip_directory, directory, self.store.versions.limits)
        try:
            info = await self.store.versions.add_archive(archive, note=note, door=door, author_id=author, after=base)
        except VersionConflict:
            await asyncio.to_thread(self.discard, directory)
            raise ChangedMeanwhile(str(base)) from None
        if candidate is not None:
            target = self.workdir / f"v{info.number}"
            if not target.exists():
                directory.rename(target)  # the candidate becomes that version's checkout
            await asyncio.to_thread(self.discard, candidate)  # what is left of it (a zip's outer folder)
        return info

    async def validate_and_save(
        self, directory: Path, *, door: str | None, author: str | None, note: str
    ) -> tuple[VersionInfo, Snapshot]:
        """The whole base in ``directory`` built and validated, then stored as the next version.
        Raises KnowledgeError (problems relative to the base) and stores nothing when it fails;
        a candidate that fails is deleted."""
        try:
            snapshot = await _built(directory)
        except KnowledgeError:
            await asyncio.to_thread(self.discard, directory)
            raise
        info = await self.save(directory, door=door, author=author, note=note)
        return info, snapshot

    def discard(self, directory: Path) -> None:
        """Delete a candidate (from ``candidate`` or ``working_copy``) that will not be saved.
        Anything else (a checkout, a directory of the curator's) is left alone."""
        candidate = self._candidate_of(directory)
        if candidate is not None:
            shutil.rmtree(candidate, ignore_errors=True)

    def _candidate_of(self, directory: Path) -> Path | None:
        """The candidate directory in the work directory that holds ``directory``, if any."""
        try:
            first = Path(directory).relative_to(self.workdir).parts[0]
        except (ValueError, IndexError):
            return None
        return self.workdir / first if first.startswith(_CANDIDATE) else None

    def close(self) -> None:
        """Delete the work directory (checkouts and candidates), when this made it."""
        if self._owns_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    async def export(self, number: int | None = None) -> tuple[int, bytes]:
        number = number or self.loaded or await self.newest_number()
        stored = await self.store.versions.get(number) if number else None
        if stored is None:
            raise UploadError(f"không có phiên bản {number}")
        return stored.info.number, stored.archive

    async def history(self) -> list[VersionInfo]:
        return await self.store.versions.history()


async def _built(directory: Path) -> Snapshot:
    try:
        return await asyncio.to_thread(build_snapshot, directory)
    except KnowledgeError as exc:
        raise relative_problems(exc, directory) from None


def _knowledge_root(directory: Path) -> Path:
    """A zip may hold the directory itself (articles/, facts/) or one folder around it."""
    if (directory / "facts").is_dir() or (directory / "articles").is_dir():
        return directory
    inner = [p for p in directory.iterdir() if p.is_dir()]
    if len(inner) == 1 and ((inner[0] / "facts").is_dir() or (inner[0] / "articles").is_dir()):
        return inner[0]
    return directory


def relative_problems(exc: KnowledgeError, root: Path) -> KnowledgeError:
    """Problems named relative to the base they are in (not to a temporary directory)."""
    prefix = str(root).rstrip("/") + "/"
    return KnowledgeError([Problem(p.file.replace(prefix, ""), p.message, p.entry, p.field) for p in exc.problems])

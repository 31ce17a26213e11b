from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest
from sqlalchemy import insert

from bot.store import ArchiveError, Store, VersionNotFound, zip_directory
from bot.store.models import KnowledgeVersion
from tests.store.conftest import START, FakeClock
from tests.store.test_archive import KNOWLEDGE, tree
from tests.store.zips import make_zip


async def test_deployed_knowledge_becomes_version_1_once(store: Store, clock: FakeClock) -> None:
    assert await store.versions.newest() is None
    first = await store.versions.ensure_initial(zip_directory(KNOWLEDGE))
    assert (first.number, first.created_at, first.author_hash) == (1, START, None)
    assert first.counts["files"] == len(tree(KNOWLEDGE)) and first.counts["facts"] >= 1
    clock.advance(60)
    assert await store.versions.ensure_initial(zip_directory(KNOWLEDGE)) == first
    assert len(await store.versions.history()) == 1


async def test_round_trip_through_the_database(store: Store, tmp_path: Path, clock: FakeClock) -> None:
    await store.versions.ensure_initial(zip_directory(KNOWLEDGE))
    edited = tmp_path / "edited"
    for name, content in tree(KNOWLEDGE).items():
        (edited / name).parent.mkdir(parents=True, exist_ok=True)
        (edited / name).write_bytes(content)
    (edited / "facts" / "them.yaml").write_text("# thêm một tệp\n", encoding="utf-8")
    clock.advance(3600)
    second = await store.versions.add_archive(
        zip_directory(edited),
        note="thêm số liệu",
        door="telegram",
        author_id=4242,
        counts={"articles": 5, "entries": 321},
    )
    assert second.number == 2 and second.note == "thêm số liệu" and second.counts == {"articles": 5, "entries": 321}
    assert second.author_hash == store.hasher.user("telegram", 4242)

    assert [v.number for v in await store.versions.history()] == [2, 1]
    assert await store.versions.newest() == second
    stored = await store.versions.get(2)
    assert stored is not None and stored.info == second
    assert hashlib.sha256(stored.archive).hexdigest() == second.sha256 and len(stored.archive) == second.size

    await store.versions.unpack(1, tmp_path / "v1")
    await store.versions.unpack(2, tmp_path / "v2")
    assert tree(tmp_path / "v1") == tree(KNOWLEDGE)
    assert tree(tmp_path / "v2") == tree(edited)


async def test_missing_version(store: Store, tmp_path: Path) -> None:
    assert await store.versions.get(7) is None
    with pytest.raises(VersionNotFound, match="số 7"):
        await store.versions.unpack(7, tmp_path / "out")


async def test_unsafe_archives_are_refused_on_the_way_in_and_out(store: Store, tmp_path: Path) -> None:
    slip = make_zip({"facts/a.yaml": b"a", "../../outside.txt": b"pwned"})
    with pytest.raises(ArchiveError, match=r"outside\.txt"):
        await store.versions.add_archive(slip)
    assert await store.versions.newest() is None
    # a row written behind the store's back is still checked when unpacked
    async with store.engine.begin() as connection:
        await connection.execute(
            insert(KnowledgeVersion).values(
                number=1, created_at=START, sha256="0" * 64, size=len(slip), note="", counts={}, archive=slip
            )
        )
    with pytest.raises(ArchiveError, match=r"outside\.txt"):
        await store.versions.unpack(1, tmp_path / "deep" / "out")
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path / "deep" / "out").exists()


async def test_replicas_store_the_initial_version_once(database: str, clock: FakeClock) -> None:
    stores = [await Store.open(database, clock=clock) for _ in range(3)]
    try:
        infos = await asyncio.gather(*(s.versions.ensure_initial(zip_directory(KNOWLEDGE)) for s in stores))
        assert {i.number for i in infos} == {1}
        assert len(await stores[0].versions.history()) == 1
        added = await asyncio.gather(
            *(s.versions.add_archive(zip_directory(KNOWLEDGE), note=f"lưu {i}") for i, s in enumerate(stores))
        )
        assert sorted(v.number for v in added) == [2, 3, 4]
    finally:
        for s in stores:
            await s.close()

"""Curators close the loop, through the dialogue core with a real store (SQLite and PostgreSQL):
questions recorded with hashed ids, unanswered questions and feedback reported, the knowledge
base updated by a file, versioned, rolled back, exported, and followed by every replica.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat import chat_texts
from bot.chat.actions import Rate, encode
from bot.chat.core import Dialogue
from bot.curation import curator_texts
from bot.curation.desk import CuratorDesk
from bot.curation.library import KnowledgeLibrary
from bot.hosting.runner import Runtime
from bot.hosting.settings import Settings
from bot.store import Store
from tests.store.dump import as_text, dump_all_rows

HOUSES = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"
BRIDGES = "Lai Vung huy động bao nhiêu tiền làm cầu đường?"
OUT_OF_BASE = "giá lúa ở Lai Vung năm nay bao nhiêu?"


@dataclass
class Hosted:
    store: Store
    library: KnowledgeLibrary
    core: Dialogue
    kb_dir: Path

    async def close(self) -> None:
        self.library.close()
        await self.store.close()

    def admin(self, **kwargs: object) -> CollectingDoor:
        return CollectingDoor(self.core, door="telegram", chat_id="900", user_id="42", takes_files=True, **kwargs)  # type: ignore[arg-type]

    def user(self, user_id: str = "7001", **kwargs: object) -> CollectingDoor:
        return CollectingDoor(self.core, door="telegram", chat_id=user_id, user_id=user_id, takes_files=True, **kwargs)  # type: ignore[arg-type]


async def host(database: str, kb_dir: Path, workdir: Path) -> Hosted:
    """A bot as `run` starts it: the store opened, the newest version loaded."""
    store = await Store.open(database)
    library = KnowledgeLibrary(store, kb_dir, workdir)
    number, snapshot = await library.build_newest()
    answerer = Answerer(snapshot)
    library.serve(answerer, number, snapshot)
    core = Dialogue(answerer, admins={"telegram": frozenset({"42"})}, store=store, desks=[CuratorDesk(library)])
    return Hosted(store, library, core, kb_dir)


@pytest.fixture
async def hosted(database: str, kb_dir: Path, tmp_path: Path) -> AsyncIterator[Hosted]:
    opened = await host(database, kb_dir, tmp_path / "work")
    try:
        yield opened
    finally:
        await opened.close()


def text(reply: object) -> str:
    return plain.text(reply)  # type: ignore[arg-type]


def edited(kb_dir: Path, name: str, old: str, new: str) -> bytes:
    source = (kb_dir / "facts" / name).read_text(encoding="utf-8")
    assert old in source
    return source.replace(old, new, 1).encode("utf-8")


# ---------------------------------------------------------------- what is recorded


async def test_questions_are_recorded_without_plain_ids(hosted: Hosted) -> None:
    person = CollectingDoor(hosted.core, door="zalo", chat_id="zchat-8812", user_id="zuser-5531")
    answered = await person.say(HOUSES)
    declined = await person.say("Củ Chi có bao nhiêu căn nhà Đại đoàn kết?")
    assert answered.answered and answered.feedback is not None and declined.feedback is None
    stored = await hosted.store.questions.get(answered.feedback)
    assert stored is not None and stored.text == HOUSES and stored.answered
    assert stored.door == "zalo" and "bd-mttq-nha-dai-doan-ket" in stored.entry_ids and stored.score > 0
    everything = as_text(await dump_all_rows(hosted.store.engine))
    assert "zuser-5531" not in everything and "zchat-8812" not in everything
    assert stored.user_hash and stored.user_hash == hosted.store.hasher.user("zalo", "zuser-5531")


async def test_unanswered_questions_are_grouped_and_counted_for_admins(hosted: Hosted) -> None:
    for n, asked in enumerate(
        [OUT_OF_BASE, "gia lua o lai vung nam nay bao nhieu", "Giá lúa ở Lai Vung năm nay bao nhiêu"]
    ):
        await hosted.user(str(7100 + n)).say(asked)
    await hosted.user().say("Củ Chi có bao nhiêu căn nhà Đại đoàn kết?")
    await hosted.user().say("xin chào")  # small talk is no gap of the base
    await hosted.user().say("Bạn đánh giá thế nào về lãnh đạo huyện Bù Đốp?")  # an opinion: refused on purpose
    await hosted.user().say(HOUSES)  # answered
    report = await hosted.admin().say("/chuatraloi")
    lines = [line for line in text(report).splitlines() if line]
    assert report.kind == "command" and "3 lần, 3 người" in lines[1] and "lúa" in lines[1].lower()
    assert any("Củ Chi" in line and "1 lần" in line for line in lines)
    assert not any("chào" in line or ("Đại đoàn kết?»: " in line and "Bù Đốp" in line) for line in lines)
    assert not any("đánh giá" in line for line in lines)  # the refusals are counted, not listed
    assert "2 lần hỏi" in lines[-1] and "từ chối có chủ ý" in lines[-1]
    first = (await hosted.admin().say("/chuatraloi 1")).parts[0].splitlines()
    assert len(first) == 2 and "lúa" in first[0].lower() and "từ chối có chủ ý" in first[1]
    refused = await hosted.user().say("/chuatraloi")
    assert refused.kind == "refused" and "lua" not in text(refused).lower()


async def test_feedback_by_button_and_by_words_reaches_the_report(hosted: Hosted) -> None:
    first, second = hosted.user("7201"), hosted.user("7202")
    houses = await first.say(HOUSES)
    assert houses.feedback is not None
    thanks = await first.press(encode(Rate(houses.feedback, 1)))
    assert thanks.kind == "notice" and text(thanks) == chat_texts.THANKS_FOR_FEEDBACK
    bridges = await second.say(BRIDGES)
    corrected = await second.say("sai rồi, phải là 25 tỷ")
    assert corrected.kind == "notice" and text(corrected) == chat_texts.THANKS_FOR_CORRECTION
    assert (await second.say("👎")).kind == "notice"  # the same vote again, bare: the words stay
    report = await hosted.admin().say("/phanhoi")
    shown = text(report)
    assert "👍 1 · 👎 1" in shown
    assert bridges.answer is not None and bridges.answer.entry_ids[0] in shown
    assert "phải là 25 tỷ" in shown  # the words stay when the vote changes
    # someone else's question, by a forged button: not counted
    forged = await hosted.user("7203").press(encode(Rate(houses.feedback, -1)))
    assert forged.kind == "expired"
    assert "👍 1 · 👎 1" in text(await hosted.admin().say("/phanhoi"))


async def test_words_that_are_not_feedback_stay_questions(hosted: Hosted) -> None:
    person = hosted.user("7301")
    assert (await person.say("sai rồi")).kind != "notice"  # nothing answered yet to rate
    await person.say(HOUSES)
    followed = await person.say("đúng rồi, còn Lai Vung thì sao?")
    assert followed.kind != "notice"


async def test_state_is_shared_by_replicas(database: str, kb_dir: Path, tmp_path: Path) -> None:
    one = await host(database, kb_dir, tmp_path / "one")
    two = await host(database, kb_dir, tmp_path / "two")
    try:
        listed = await CollectingDoor(one.core, chat_id="c1", user_id="u1").say(HOUSES)
        assert listed.choices
        picked = await CollectingDoor(two.core, chat_id="c1", user_id="u1").say("1")
        assert picked.answered and picked.kind != "invalid"
        follow = await CollectingDoor(one.core, chat_id="c2", user_id="u2").say(HOUSES)
        assert follow.answered
        then = await CollectingDoor(two.core, chat_id="c2", user_id="u2").say("còn sửa chữa bao nhiêu căn?")
        assert "39" in text(then)
    finally:
        await one.close()
        await two.close()


# ---------------------------------------------------------------- /capnhat


async def test_a_valid_district_file_becomes_a_new_version_and_is_served(hosted: Hosted) -> None:
    admin = hosted.admin()
    asked = await admin.say("/capnhat")
    assert asked.kind == "command" and ".yaml" in text(asked)
    data = edited(
        hosted.kb_dir,
        "lai-vung.yaml",
        "keywords: [tiền xây cầu đường, kinh phí làm cầu đường]",
        "keywords: [tiền xây cầu đường, kinh phí làm cầu đường, quỹ bê tông hoá lộ giao thông]",
    )
    done = await admin.send_file("lai-vung.yaml", data)
    shown = text(done)
    assert done.kind == "command" and curator_texts.now_serving(2) in shown and "lv-cau-duong-nguon-luc" in shown
    assert [v.number for v in await hosted.library.history()] == [2, 1]
    assert hosted.library.loaded == 2
    entry = hosted.core.answerer.kb.by_id["lv-cau-duong-nguon-luc"]
    assert "quỹ bê tông hoá lộ giao thông" in entry.entry.keywords
    listing = text(await admin.say("/phienban"))
    assert "2." in listing and "lai-vung.yaml" in listing and "(đang dùng)" in listing
    # the file alone, without /capnhat first, is no update
    stray = await admin.send_file("lai-vung.yaml", data)
    assert stray.kind == "invalid" and len(await hosted.library.history()) == 2


async def test_a_file_sent_with_the_command_as_caption_is_taken(hosted: Hosted) -> None:
    data = edited(hosted.kb_dir, "dat-do.yaml", "kind: figure", "kind: figure")
    done = await hosted.admin().send_file("dat-do.yaml", data, caption="/capnhat")
    assert done.kind == "command" and curator_texts.now_serving(2) in text(done)


async def test_an_invalid_file_is_refused_with_file_entry_and_field_and_the_old_base_serves(hosted: Hosted) -> None:
    admin = hosted.admin()
    await admin.say("/capnhat")
    data = edited(hosted.kb_dir, "lai-vung.yaml", "value: trên 52 tỷ đồng", "value: trên 25 tỷ đồng")
    refused = await admin.send_file("lai-vung.yaml", data)
    shown = text(refused)
    assert "facts/lai-vung.yaml, mục lv-cau-duong-nguon-luc, trường value" in shown
    assert "/tmp" not in shown and "candidate" not in shown
    assert len(await hosted.library.history()) == 1 and hosted.library.loaded == 1
    assert [p.name for p in hosted.library.workdir.iterdir()] == ["v1"]  # the refused candidate is gone
    assert "52 tỷ" in text(await hosted.user().say(BRIDGES))


@pytest.mark.parametrize(
    ("name", "data", "why"),
    [
        ("../../etc/passwd.yaml", b"x: 1", "facts/passwd.yaml"),  # only the name is used: inside the base
        ("Lai Vung.yaml", b"x: 1", "chỉ nhận"),
        ("photo.jpg", b"\xff\xd8\xff", "chỉ nhận"),
        ("lai-vung.yaml", b"\xff\xfe\x00broken", "UTF-8"),
        ("knowledge.zip", b"PK\x03\x04 not a zip", "zip"),
    ],
)
async def test_files_the_base_cannot_take_are_refused_plainly(hosted: Hosted, name: str, data: bytes, why: str) -> None:
    admin = hosted.admin()
    await admin.say("/capnhat")
    refused = await admin.send_file(name, data)
    assert why in text(refused) and curator_texts.now_serving(2) not in text(refused)
    assert len(await hosted.library.history()) == 1


async def test_a_broken_yaml_file_names_its_line(hosted: Hosted) -> None:
    admin = hosted.admin()
    await admin.say("/capnhat")
    refused = await admin.send_file("lai-vung.yaml", b"article: lai-vung\nentries:\n  - id: [unclosed\n")
    shown = text(refused)
    assert "facts/lai-vung.yaml" in shown and "dòng" in shown
    assert hosted.library.loaded == 1


async def test_an_article_file_is_validated_against_the_quotes_that_cite_it(hosted: Hosted) -> None:
    admin = hosted.admin()
    article = (hosted.kb_dir / "articles" / "lai-vung.txt").read_text(encoding="utf-8")
    await admin.say("/capnhat")
    broken = await admin.send_file("lai-vung.txt", article.replace("trên 52 tỷ đồng", "trên 25 tỷ đồng").encode())
    assert "facts/lai-vung.yaml" in text(broken) and "lv-cau-duong-nguon-luc" in text(broken)
    await admin.say("/capnhat")
    fine = await admin.send_file("lai-vung.txt", (article + "\n(Bài đã được cập nhật.)\n").encode())
    assert curator_texts.now_serving(2) in text(fine) and "lai-vung" in text(fine)


async def test_export_then_a_zip_of_the_whole_directory_round_trips(hosted: Hosted) -> None:
    admin = hosted.admin()
    exported = await admin.say("/xuat")
    assert exported.attachment is not None and exported.attachment.name == "knowledge-v1.zip"
    with zipfile.ZipFile(io.BytesIO(exported.attachment.data)) as archive:
        names = set(archive.namelist())
        assert {"facts/lai-vung.yaml", "articles/lai-vung.txt"} <= names
        files = {n: archive.read(n) for n in names}
    files["facts/lai-vung.yaml"] = files["facts/lai-vung.yaml"].replace(
        "kinh phí làm cầu đường]".encode(), "kinh phí làm cầu đường, tiền bê tông lộ]".encode()
    )
    repacked = io.BytesIO()
    with zipfile.ZipFile(repacked, "w") as archive:
        for name, data in files.items():
            archive.writestr(f"knowledge/{name}", data)  # one folder around it, as zip tools make
    done = await admin.send_file("knowledge.zip", repacked.getvalue(), caption="/capnhat")
    assert curator_texts.now_serving(2) in text(done) and "lv-cau-duong-nguon-luc" in text(done)
    again = await admin.say("/xuat")
    assert again.attachment is not None and again.attachment.name == "knowledge-v2.zip"


async def test_rollback_serves_the_old_version_as_the_newest(hosted: Hosted) -> None:
    admin = hosted.admin()
    data = edited(hosted.kb_dir, "lai-vung.yaml", "kinh phí làm cầu đường]", "kinh phí làm cầu đường, tiền bê tông lộ]")
    await admin.send_file("lai-vung.yaml", data, caption="/capnhat")
    assert hosted.library.loaded == 2
    rolled = await admin.say("/khoiphuc 1")
    assert curator_texts.now_serving(3) in text(rolled) and "lv-cau-duong-nguon-luc" in text(rolled)
    assert "tiền bê tông lộ" not in hosted.core.answerer.kb.by_id["lv-cau-duong-nguon-luc"].entry.keywords
    history = await hosted.library.history()
    assert [v.number for v in history] == [3, 2, 1] and "khôi phục phiên bản 1" in history[0].note
    for bad in ("", "abc", "0", "-1", "99", "1; drop table"):
        reply = await admin.say(f"/khoiphuc {bad}".strip())
        assert reply.kind == "invalid"
    assert len(await hosted.library.history()) == 3


async def test_curators_commands_are_for_admins_only(hosted: Hosted) -> None:
    person = hosted.user()
    for command in ("/chuatraloi", "/phanhoi", "/capnhat", "/phienban", "/khoiphuc 1", "/xuat"):
        reply = await person.say(command)
        assert reply.kind == "refused" and reply.attachment is None, command
    data = edited(hosted.kb_dir, "lai-vung.yaml", "value: trên 52 tỷ đồng", "value: trên 52 tỷ đồng")
    await person.say("/capnhat")
    sent = await person.send_file("lai-vung.yaml", data, caption="/capnhat")
    assert sent.kind != "command" and len(await hosted.library.history()) == 1


CURATORS_COMMANDS = ("/chuatraloi", "/phanhoi", "/capnhat", "/duyet", "/phienban", "/khoiphuc 1", "/xuat")


async def test_curators_commands_say_what_they_lack(database: str, kb_dir: Path) -> None:
    answerer = Answerer.from_directory(kb_dir)
    bare = Dialogue(answerer, desks=[CuratorDesk()])  # no store at all
    for command in CURATORS_COMMANDS:
        assert (await CollectingDoor(bare, is_admin=False).say(command)).kind == "refused", command
        lacking = await CollectingDoor(bare, is_admin=True).say(command)
        assert lacking.kind == "invalid" and text(lacking) == curator_texts.NO_STORE, command
    store = await Store.open(database)
    try:
        stored = CollectingDoor(
            Dialogue(answerer, store=store, desks=[CuratorDesk()]), is_admin=True
        )  # a store, but no versions
        assert (await stored.say("/chuatraloi")).kind == "command"
        assert (await stored.say("/phanhoi")).kind == "command"
        for command in ("/capnhat", "/duyet", "/phienban", "/khoiphuc 1", "/xuat"):
            lacking = await stored.say(command)
            assert lacking.kind == "invalid" and text(lacking) == curator_texts.NO_STORE, command
    finally:
        await store.close()


async def test_zalo_admins_are_told_to_use_the_command_line(hosted: Hosted) -> None:
    zalo = CollectingDoor(hosted.core, door="zalo", chat_id="z1", user_id="z-admin", is_admin=True)
    told = await zalo.say("/capnhat")
    assert told.kind == "invalid" and "python -m bot knowledge push" in text(told)
    exported = await zalo.say("/xuat")
    assert exported.attachment is not None  # rendered on Zalo as the pointer to the command line


async def test_restart_serves_the_newest_stored_version_not_the_deployed_files(
    database: str, kb_dir: Path, tmp_path: Path
) -> None:
    first = await host(database, kb_dir, tmp_path / "first")
    try:
        data = edited(kb_dir, "lai-vung.yaml", "kinh phí làm cầu đường]", "kinh phí làm cầu đường, tiền bê tông lộ]")
        await first.admin().send_file("lai-vung.yaml", data, caption="/capnhat")
    finally:
        await first.close()
    second = await host(database, kb_dir, tmp_path / "second")  # the deployed files are unchanged
    try:
        assert second.library.loaded == 2
        assert "tiền bê tông lộ" in second.core.answerer.kb.by_id["lv-cau-duong-nguon-luc"].entry.keywords
        assert len(await second.library.history()) == 2
    finally:
        await second.close()


async def test_reload_with_a_store_takes_edited_files_as_a_new_version(hosted: Hosted) -> None:
    facts = hosted.kb_dir / "facts" / "lai-vung.yaml"
    facts.write_bytes(
        edited(hosted.kb_dir, "lai-vung.yaml", "kinh phí làm cầu đường]", "kinh phí làm cầu đường, quỹ lộ]")
    )
    reloaded = await hosted.admin().say("/reload")
    assert "lv-cau-duong-nguon-luc" in text(reloaded) and hosted.library.loaded == 2
    facts.write_bytes(edited(hosted.kb_dir, "lai-vung.yaml", "value: trên 52 tỷ đồng", "value: trên 25 tỷ đồng"))
    refused = await hosted.admin().say("/reload")
    assert "trường value" in text(refused) and hosted.library.loaded == 2


async def test_the_deployed_directory_is_built_once_at_the_first_start(
    database: str, kb_dir: Path, tmp_path: Path
) -> None:
    store = await Store.open(database)
    library = KnowledgeLibrary(store, kb_dir, tmp_path / "work")
    try:
        number, snapshot = await library.build_newest()  # validated to be stored: that build is served
        assert number == 1 and not (tmp_path / "work" / "v1").exists()
        again, rebuilt = await library.build_newest()  # later, from the stored version
        assert again == 1 and rebuilt is not snapshot and (tmp_path / "work" / "v1").is_dir()
        assert rebuilt.kb.by_id.keys() == snapshot.kb.by_id.keys()
    finally:
        library.close()
        await store.close()


async def test_a_closed_versions_leaves_no_directory(database: str, kb_dir: Path) -> None:
    store = await Store.open(database)
    try:
        library = KnowledgeLibrary(store, kb_dir)
        await library.newest()
        await library.working_copy()
        workdir = library.workdir
        assert workdir.is_dir() and len(list(workdir.iterdir())) == 2
        library.close()
        assert not workdir.exists()
    finally:
        await store.close()


# ---------------------------------------------------------------- replicas


def settings_for(database: str, kb_dir: Path) -> Settings:
    return Settings(_env_file=None, knowledge_dir=kb_dir, database_url=database)


async def test_a_replica_follows_the_version_another_stored(database: str, kb_dir: Path) -> None:
    one = Runtime(settings_for(database, kb_dir), webhook=False, doors=lambda _: [], use_store=True)
    two = Runtime(settings_for(database, kb_dir), webhook=False, doors=lambda _: [], use_store=True)
    async with one, two:
        await one.wait_ready()
        await two.wait_ready()
        assert one.core is not None and two.core is not None
        assert one.library is not None and two.library is not None
        assert not await two.follow_newest()  # nothing newer yet
        admin = CollectingDoor(one.core, door="telegram", chat_id="a", user_id="a", is_admin=True, takes_files=True)
        data = edited(kb_dir, "lai-vung.yaml", "kinh phí làm cầu đường]", "kinh phí làm cầu đường, tiền bê tông lộ]")
        await admin.send_file("lai-vung.yaml", data, caption="/capnhat")
        assert two.library.loaded == 1
        assert await two.follow_newest()
        assert two.library.loaded == 2 and two.health()[1]["knowledge"]["version"] == 2
        assert "tiền bê tông lộ" in two.core.answerer.kb.by_id["lv-cau-duong-nguon-luc"].entry.keywords
    assert not one.library.workdir.exists() and not two.library.workdir.exists()  # deleted at shutdown


# ---------------------------------------------------------------- a new district's page, drafted in the chat

PAGE = Path(__file__).parent / "drafting" / "data" / "cai-be-goc.txt"
CAI_BE = "Huyện Cái Bè xây mới bao nhiêu cây cầu bê tông?"


async def test_a_copied_page_is_drafted_reviewed_and_accepted_in_the_chat(hosted: Hosted, tmp_path: Path) -> None:
    admin, person = hosted.admin(), hosted.user("7401")
    drafted = await admin.send_file("Bài Cái Bè (copy).txt", PAGE.read_bytes(), caption="/capnhat")
    shown = text(drafted)
    assert curator_texts.now_serving(2) in shown and "Bài cai-be có" in shown and "/duyet cai-be" in shown
    # stored, validated, but nothing of it is served before a curator accepts it
    assert not (await person.say(CAI_BE)).answered
    assert "Cái Bè" not in text(await person.say("/huyen"))
    usage = await admin.say("/duyet")
    assert usage.kind == "invalid" and "cai-be" in text(usage)
    listing = await admin.say("/duyet cai-be")
    pages = int(text(listing).split("(trang 1/", 1)[1].split(")", 1)[0])  # the drafts, page by page
    for page in range(2, pages + 1):
        listing = listing.model_copy(
            update={"parts": listing.parts + (await admin.say(f"/duyet cai-be trang {page}")).parts}
        )
    drafts = hosted.core.answerer.kb.drafts
    assert drafts and all(d.id in text(listing) for d in drafts)
    unknown = await admin.say("/duyet cai-be cb-khong-co")
    assert unknown.kind == "invalid" and "cb-khong-co" in text(unknown) and hosted.library.loaded == 2
    assert (await person.say("/duyet cai-be all")).kind == "refused"
    accepted = await admin.say("/duyet cai-be all")
    assert curator_texts.now_serving(3) in text(accepted) and "cai-be" in text(accepted)
    answer = await person.say(CAI_BE)
    assert answer.answered and "hơn 70 cây cầu" in text(answer) and "Cái Bè" in text(answer)
    assert "Cái Bè" in text(await person.say("/huyen"))
    assert (await admin.say("/duyet cai-be all")).kind == "invalid"  # nothing left to accept
    history = await hosted.library.history()
    assert [v.number for v in history] == [3, 2, 1] and "duyệt" in history[0].note


async def test_some_drafts_accepted_by_id(hosted: Hosted) -> None:
    admin = hosted.admin()
    await admin.send_file("cai-be-goc.txt", PAGE.read_bytes(), caption="/capnhat")
    chosen = [d.id for d in hosted.core.answerer.kb.drafts if "cau" in d.id][:2]
    assert chosen
    accepted = await admin.say(f"/duyet cai-be {','.join(chosen)}")
    assert curator_texts.now_serving(3) in text(accepted)
    kb = hosted.core.answerer.kb
    assert all(i in kb.by_id for i in chosen) and not any(d.id in chosen for d in kb.drafts) and kb.drafts


async def test_words_of_feedback_rate_the_latest_answer_only(hosted: Hosted) -> None:
    person = hosted.user("7501")
    await person.say(HOUSES)
    await person.say("Củ Chi có bao nhiêu căn nhà Đại đoàn kết?")  # declined: nothing to rate now
    assert (await person.say("sai rồi")).kind != "notice"
    assert "👍 0 · 👎 0" in text(await hosted.admin().say("/phanhoi"))

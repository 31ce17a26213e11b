"""The dialogue core through an in-memory door: commands, buttons, numbers, limits, admins.

No platform and no network: a CollectingDoor sends neutral messages to the core
and keeps the Replies, so every door's behaviour is tested once here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.answering.answerer import Answerer
from bot.answering.suggestions import AskExample, ShowEntry, ShowModels
from bot.answering.tuning import MAX_QUESTION_CHARS, READ_AT_MOST
from bot.channels import plain
from bot.channels.collecting import CollectingDoor
from bot.chat import chat_texts
from bot.chat.actions import Action, decode, encode
from bot.chat.core import Dialogue
from bot.chat.key_values import MemoryKeyValues
from bot.chat.ratelimit import RateLimiter
from bot.curation.desk import CuratorDesk

HOUSES = "Bù Đốp xây được bao nhiêu căn nhà Đại đoàn kết?"


def door(answerer: Answerer, **kwargs: object) -> CollectingDoor:
    return CollectingDoor(Dialogue(answerer, desks=[CuratorDesk()]), **kwargs)  # type: ignore[arg-type]


def text_of(reply: object) -> str:
    return plain.text(reply)  # type: ignore[arg-type]


# ---------------------------------------------------------------- commands


async def test_every_command_is_handled_by_the_core(answerer: Answerer) -> None:
    chat = door(answerer)
    start = await chat.say("/start")
    assert start.kind == "command" and "Bù Đốp" in text_of(start)
    assert [s.action for s in start.suggestions] == [AskExample(i) for i in range(len(answerer.kb.examples))]
    help_ = await chat.say("/help")
    assert all(f"/{name}" in text_of(help_) for name, _ in chat_texts.COMMANDS)
    districts = await chat.say("/huyen")
    assert all(d in text_of(districts) for d in answerer.kb.districts) and "Đồng Tháp" in text_of(districts)
    sources = await chat.say("/nguon")
    # each article by its title, date and author: never the curators' file names
    assert all(a.title in text_of(sources) for a in answerer.kb.articles.values())
    assert not any(a.source_file in text_of(sources) for a in answerer.kb.articles.values())
    asked = await chat.say("/hoi Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert asked.answered and "52 tỷ" in text_of(asked)
    usage = await chat.say("/hoi")
    assert "/hoi" in text_of(usage) and not usage.answered
    unknown = await chat.say("/frobnicate")
    assert unknown.kind == "invalid" and "/help" in text_of(unknown)


async def test_group_ignores_other_bots_commands_and_strips_the_mention(answerer: Answerer) -> None:
    group = door(answerer, is_group=True)
    assert (await group.say("/frobnicate")).silent
    reply = await group.say("/huyen@lam_theo_bac_bot")
    assert reply.kind == "command" and "Lai Vung" in text_of(reply)


async def test_models_are_paged_and_turned_in_place(answerer: Answerer) -> None:
    chat = door(answerer)
    first = await chat.say("/mohinh bu dop")
    assert first.page is not None and first.page.number == 1 and first.page.total > 1
    assert "Bù Đốp" in (first.title or "")
    assert first.page.next is not None
    second = await chat.press(encode(first.page.next))
    assert second.edit and second.page is not None and second.page.number == 2
    assert second.parts != first.parts
    everything = await chat.say("/mohinh")
    assert "[Bù Đốp]" in text_of(everything)  # across districts, each model says where it is
    unknown = await chat.say("/mohinh Củ Chi")
    assert "Củ Chi" in text_of(unknown) and "Kiên Lương" in text_of(unknown)


# ---------------------------------------------------------------- buttons


@pytest.mark.parametrize(
    "data",
    ["x:²", "p:*:²", "x:99", "e:no-such-entry", "m:no-such-district", "\x00\xff", "e:" + "a" * 80, "", "zz:1", "x:-1"],
)
async def test_forged_or_stale_buttons_have_expired(answerer: Answerer, data: str) -> None:
    reply = await door(answerer).press(data)
    assert reply.kind == "expired" and chat_texts.EXPIRED in text_of(reply)


async def test_random_bytes_never_raise() -> None:
    for seed in range(200):
        data = os.urandom(1 + seed % 64)
        decoded = decode(data)
        assert decoded is None or decode(encode(decoded)) == decoded


def test_actions_round_trip_within_64_bytes(answerer: Answerer) -> None:
    actions: list[Action] = [ShowEntry(e.id) for e in answerer.kb.entries]
    actions += [AskExample(3), ShowModels("bu-dop", 2, turn=True)]
    for action in actions:
        data = encode(action)
        assert len(data.encode()) <= 64 and decode(data) == action
    assert decode("m:bu-dop") == ShowModels("bu-dop", 0)  # buttons sent before paging was an action


async def test_a_button_of_an_entry_gone_after_reload_has_expired(kb_dir: Path) -> None:
    answerer = Answerer.from_directory(kb_dir)
    chat = door(answerer)
    answer = await chat.say("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    pressed = answer.suggestions[0].action
    assert isinstance(pressed, ShowEntry)
    facts = kb_dir / "facts" / "bu-dop.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(f"id: {pressed.entry_id}\n", "id: renamed-entry\n"))
    answerer.reload()
    assert (await chat.press(encode(pressed))).kind == "expired"


# ---------------------------------------------------------------- numbers


async def test_suggestions_are_picked_by_number(answerer: Answerer) -> None:
    chat = door(answerer)
    answer = await chat.say("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    assert answer.suggestions
    picked = await chat.say("1")
    target = answer.suggestions[0].action
    assert isinstance(target, ShowEntry) and picked.answer is not None
    assert picked.answer.entry_ids[0] == target.entry_id
    out_of_range = await chat.say("9")
    assert out_of_range.kind == "invalid" and "1 đến" in text_of(out_of_range)


async def test_a_bare_number_with_nothing_to_choose_is_not_a_question(answerer: Answerer) -> None:
    chat = door(answerer)
    reply = await chat.say("9")
    assert not reply.answered and reply.kind == "invalid" and not reply.sources
    assert "gợi ý" in text_of(reply)
    # after an answer without suggestions, a number picks nothing either
    await chat.say("Lai Vung huy động được bao nhiêu tiền xây cầu đường?")
    assert not (await chat.say("2")).answered


async def test_numbers_are_per_conversation_and_expire(answerer: Answerer) -> None:
    now = [0.0]
    core = Dialogue(answerer, state=MemoryKeyValues(clock=lambda: now[0]), context_ttl=60)
    alice = CollectingDoor(core, chat_id="g", user_id="alice", is_group=True)
    bob = CollectingDoor(core, chat_id="g", user_id="bob", is_group=True)
    await alice.say("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    assert not (await bob.say("1")).answered  # Bob was offered nothing
    assert (await alice.say("1")).answered
    await alice.say("Hội Nông dân Bù Đốp xây bao nhiêu căn nhà")
    now[0] = 61
    assert not (await alice.say("1")).answered


async def test_page_turns_are_numbered_in_plain_doors(answerer: Answerer) -> None:
    chat = door(answerer)
    first = await chat.say("/mohinh Bù Đốp")
    shown = text_of(first)
    assert f"1. {chat_texts.NEXT_PAGE}" in shown
    second = await chat.say("1")
    assert second.page is not None and second.page.number == 2


# ---------------------------------------------------------------- the three defects


@pytest.mark.parametrize("invisible", ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u200e", "\u200f", "\u200c"])
async def test_invisible_characters_do_not_split_words(answerer: Answerer, invisible: str) -> None:
    clean = answerer.ask(HOUSES)
    dirty = answerer.ask(f"Bù Đ{invisible}ốp xây được bao nhiêu căn nhà Đại đoà{invisible}n kết?")
    assert dirty.answered and dirty.entry_ids == clean.entry_ids


def test_a_huge_message_is_cut_before_it_is_normalised(answerer: Answerer, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.language.folding import clean

    seen: list[int] = []

    def spy(text: str) -> str:
        seen.append(len(text))
        return clean(text)

    monkeypatch.setattr("bot.answering.turn.clean", spy)
    answer = answerer.ask("bù đốp " * 1_500_000)  # 10.5 MB
    assert answer.kind == "invalid" and str(MAX_QUESTION_CHARS) in answer.body
    assert "10500000" in answer.body.replace(".", "")
    assert seen == [READ_AT_MOST]


# ---------------------------------------------------------------- media, admins, limits


async def test_photos_and_stickers_get_a_short_explanation(answerer: Answerer) -> None:
    reply = await door(answerer).send_media("sticker")
    assert reply.kind == "invalid" and "nhãn dán" in text_of(reply)


async def test_a_failure_while_handling_is_answered_with_an_apology(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(question: str, context: object) -> object:
        raise RuntimeError("simulated bug")

    chat = door(answerer)
    monkeypatch.setattr(answerer, "converse", broken)
    reply = await chat.say(HOUSES)
    assert reply.kind == "failure" and text_of(reply) == chat_texts.FAILURE
    (logged,) = [r for r in caplog.records if r.exc_info is not None]
    assert logged.levelname == "ERROR" and "simulated bug" in str(logged.exc_info[1])  # type: ignore[index]
    monkeypatch.undo()
    assert "176" in text_of(await chat.say(HOUSES))  # the conversation goes on


async def test_reload_is_for_admins_in_every_door(kb_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    answerer = Answerer.from_directory(kb_dir)
    core = Dialogue(
        answerer, desks=[CuratorDesk()], admins={"zalo": frozenset({"z-admin"}), "telegram": frozenset({"42"})}
    )
    refused = await CollectingDoor(core, door="telegram", user_id="7").say("/reload")
    assert refused.kind == "refused" and "telegram:7" in caplog.text
    assert (await CollectingDoor(core, door="zalo", user_id="42").say("/reload")).kind == "refused"
    done = await CollectingDoor(core, door="zalo", user_id="z-admin").say("/reload")
    assert done.kind == "command" and "không có thay đổi" in text_of(done)
    (kb_dir / "facts" / "lai-vung.yaml").write_text("article: lai-vung\nentries: [\n", encoding="utf-8")
    broken = await CollectingDoor(core, door="telegram", user_id="42").say("/reload")
    assert "Không nạp lại được" in text_of(broken) and "lai-vung.yaml" in text_of(broken)
    assert "52 tỷ" in text_of(await CollectingDoor(core).say("Lai Vung huy động được bao nhiêu tiền xây cầu đường?"))


async def test_the_rate_limit_is_the_same_for_every_door(answerer: Answerer) -> None:
    now = [0.0]
    core = Dialogue(answerer, limiter=RateLimiter(limit=2, window=30, clock=lambda: now[0]))
    for name in ("telegram", "zalo", "console"):
        chat = CollectingDoor(core, door=name, user_id="u1")
        replies = [await chat.say(HOUSES) for _ in range(4)]
        assert [r.kind for r in replies] == ["fact", "fact", "limited", "silent"], name
        assert "giây" in text_of(replies[2])
    # a pressed button while limited gets the short notice; page turns are never limited
    chat = CollectingDoor(core, door="telegram", user_id="u1")
    assert (await chat.press("x:0")).kind == "limited"
    assert (await chat.press(encode(ShowModels("bu-dop", 1, turn=True)))).kind == "catalog"
    now[0] = 31
    assert (await chat.say(HOUSES)).answered

"""Parsing Zalo deliveries: bare and wrapped, liberal in what it accepts, one exception for the rest."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.zalo.updates import ZaloUpdate, ZaloUpdateError, parse_update


def text_update(**message_fields: Any) -> dict[str, Any]:
    message: dict[str, Any] = {
        "from": {"id": "6ede9afa0e28e776be39", "display_name": "Nguyễn Văn A", "is_bot": False},
        "chat": {"id": "6ede9afa0e28e776be39", "chat_type": "PRIVATE"},
        "text": "Bù Đốp xây được bao nhiêu căn nhà đại đoàn kết?",
        "message_id": "2d758cb5e0e7c5b99cf6",
        "date": 1750316131602,
    }
    message.update(message_fields)
    return {"event_name": "message.text.received", "message": message}


def test_a_bare_text_update_parses_into_typed_fields() -> None:
    update = parse_update(text_update())
    assert update.kind == "text" and update.event_name == "message.text.received"
    assert update.text == "Bù Đốp xây được bao nhiêu căn nhà đại đoàn kết?"
    assert (update.chat_id, update.user_id, update.message_id) == (
        "6ede9afa0e28e776be39",
        "6ede9afa0e28e776be39",
        "2d758cb5e0e7c5b99cf6",
    )
    assert update.message.sender.display_name == "Nguyễn Văn A" and not update.message.sender.is_bot
    assert not update.is_group
    assert update.message.date == datetime(2025, 6, 19, 6, 55, 31, 602000, tzinfo=UTC)


def test_a_wrapped_delivery_parses_as_the_bare_one() -> None:
    assert parse_update({"ok": True, "result": text_update()}) == parse_update(text_update())


@pytest.mark.parametrize("encode", [json.dumps, lambda d: json.dumps(d).encode()], ids=["str", "bytes"])
def test_json_text_and_bytes_parse_as_the_object(encode: Any) -> None:
    assert parse_update(encode(text_update())) == parse_update(text_update())


def test_numeric_ids_and_message_id_become_strings() -> None:
    update = parse_update(text_update(message_id=12345, chat={"id": 42, "chat_type": "PRIVATE"}, **{"from": {"id": 7}}))
    assert (update.message_id, update.chat_id, update.user_id) == ("12345", "42", "7")


def test_unknown_fields_are_ignored_everywhere() -> None:
    update = text_update(sticker_set={"x": 1}, reply_to={"message_id": "a"})
    update["update_id"] = 99
    update["message"]["chat"]["title"] = "Nhóm"
    update["message"]["from"]["avatar"] = "https://example.invalid/a.png"
    assert parse_update(update).text == "Bù Đốp xây được bao nhiêu căn nhà đại đoàn kết?"


def test_a_group_chat_is_a_group_whatever_the_case_of_its_type() -> None:
    assert parse_update(text_update(chat={"id": "g", "chat_type": "group"})).is_group
    assert parse_update(text_update(chat={"id": "g", "chat_type": "GROUP"})).is_group
    assert not parse_update(text_update(chat={"id": "p"})).is_group  # no type: one-to-one, as documented


@pytest.mark.parametrize(
    ("event_name", "kind"),
    [
        ("message.image.received", "image"),
        ("message.sticker.received", "sticker"),
        ("message.unsupported.received", "unsupported"),
        ("message.voice.received", "unsupported"),
        ("something.new", "unsupported"),
    ],
)
def test_event_names_map_to_kinds_and_unknown_ones_are_unsupported(event_name: str, kind: str) -> None:
    update = parse_update({**text_update(), "event_name": event_name})
    assert update.kind == kind and update.event_name == event_name
    assert update.text is None  # only a text event has text to answer


def test_a_missing_event_name_is_inferred_from_the_content() -> None:
    # the documented getUpdates sample carries no event_name
    bare = text_update()
    del bare["event_name"]
    assert parse_update(bare).kind == "text"
    photo = text_update(text=None, photo_url="https://example.invalid/a.jpg")
    del photo["event_name"]
    assert parse_update(photo).kind == "image"
    nothing = text_update(text=None)
    del nothing["event_name"]
    assert parse_update(nothing).kind == "unsupported"


def test_image_and_sticker_fields() -> None:
    image = parse_update(
        {
            "event_name": "message.image.received",
            "message": {**text_update()["message"], "photo": "https://example.invalid/p.jpg", "caption": "ảnh"},
        }
    )
    assert (image.message.photo_url, image.message.caption) == ("https://example.invalid/p.jpg", "ảnh")
    sticker = parse_update(
        {
            "event_name": "message.sticker.received",
            "message": {**text_update()["message"], "sticker": "0e078a2fb66a5f34067b"},
        }
    )
    assert sticker.message.sticker == "0e078a2fb66a5f34067b"


def test_optional_fields_of_the_wrong_type_are_dropped_not_fatal() -> None:
    update = parse_update(
        text_update(date="hôm qua", caption={"x": 1}, **{"from": {"id": "u", "display_name": ["A"], "is_bot": "maybe"}})
    )
    assert update.message.date is None and update.message.caption is None
    assert update.message.sender.display_name is None and update.message.sender.is_bot is False


def test_a_sender_name_under_another_key_is_still_found() -> None:
    update = parse_update(text_update(**{"from": {"id": "u", "first_name": "Trần Thị B"}}))
    assert update.message.sender.display_name == "Trần Thị B"


@pytest.mark.parametrize(
    "delivery",
    [
        None,
        42,
        "not json {",
        b"\xff\xfe\x00",
        "[" * 100_000,
        [],
        [text_update()],
        {},
        {"ok": False, "error_code": 408, "description": "Request timeout"},
        {"ok": True, "result": None},
        {"ok": True, "result": [text_update()]},
        {"event_name": "message.text.received"},
        {"event_name": "message.text.received", "message": "hello"},
        text_update(text=None),
        text_update(chat=None),
        text_update(chat={"chat_type": "PRIVATE"}),
        text_update(chat={"id": ""}),
        text_update(message_id=None),
        text_update(message_id=True),
        text_update(message_id=1.5),
        text_update(**{"from": None}),
        text_update(**{"from": {"id": {"nested": 1}}}),
    ],
)
def test_malformed_deliveries_raise_the_update_error(delivery: Any) -> None:
    with pytest.raises(ZaloUpdateError):
        parse_update(delivery)


def test_the_error_names_fields_but_never_quotes_the_users_text() -> None:
    with pytest.raises(ZaloUpdateError) as caught:
        parse_update(text_update(chat={"title": "nhóm bí mật"}, text="mật khẩu của tôi là 123456"))
    assert "message.chat.id" in str(caught.value)
    assert "123456" not in str(caught.value) and "bí mật" not in str(caught.value)


# ---------------------------------------------------------------------- nothing else ever escapes

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
FIELD_PATHS = [
    ("event_name",),
    ("message",),
    ("message", "from"),
    ("message", "from", "id"),
    ("message", "from", "display_name"),
    ("message", "from", "is_bot"),
    ("message", "chat"),
    ("message", "chat", "id"),
    ("message", "chat", "chat_type"),
    ("message", "text"),
    ("message", "message_id"),
    ("message", "date"),
]


def _parses_or_refuses(delivery: object) -> ZaloUpdate | None:
    try:
        return parse_update(delivery)
    except ZaloUpdateError:
        return None


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(JSON)
def test_any_json_value_parses_or_raises_the_update_error(value: Any) -> None:
    _parses_or_refuses(value)
    _parses_or_refuses({"ok": True, "result": value})
    _parses_or_refuses({"event_name": "message.text.received", "message": value})


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_any_bytes_or_text_parse_or_raise_the_update_error(raw: bytes | str) -> None:
    _parses_or_refuses(raw)


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(st.sampled_from(FIELD_PATHS), JSON, st.booleans())
def test_a_valid_update_with_any_field_replaced_parses_or_raises_the_update_error(
    path: tuple[str, ...], value: Any, wrapped: bool
) -> None:
    delivery = copy.deepcopy(text_update())
    target = delivery
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    update = _parses_or_refuses({"ok": True, "result": delivery} if wrapped else delivery)
    if update is not None:
        # whatever got through is fully typed
        assert isinstance(update.chat_id, str) and update.chat_id
        assert isinstance(update.user_id, str) and isinstance(update.message_id, str)
        assert update.kind in ("text", "image", "sticker", "unsupported")
        assert update.kind != "text" or isinstance(update.text, str)

"""Zalo Bot Platform deliveries (webhook bodies, getUpdates results) parsed into typed updates.

A delivery comes bare (``{"event_name": …, "message": …}``) or wrapped as ``{"ok": true,
"result": {…}}``; both parse. Parsing is liberal: unknown fields are ignored, ids and
``message_id`` may be numbers, an unknown ``event_name`` is an unsupported message, a missing
one is inferred from the content (the documented getUpdates sample has none), and a field the
door can do without (name, date, caption…) that has the wrong type is dropped rather than
rejected. What cannot be answered (no chat, no sender, no message id, a text event without
text) raises :class:`ZaloUpdateError`, and nothing else escapes :func:`parse_update`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
)

UpdateKind = Literal["text", "image", "sticker", "unsupported"]

EVENT_KINDS: dict[str, UpdateKind] = {
    "message.text.received": "text",
    "message.image.received": "image",
    "message.sticker.received": "sticker",
    "message.unsupported.received": "unsupported",
}
_EVENT_OF_KIND = {kind: event for event, kind in EVENT_KINDS.items()}


class ZaloUpdateError(ValueError):
    """A delivery that is not a usable Zalo update. The message names the fields, never their content."""


def _as_id(value: object) -> str:
    # bool is an int subclass, and True is no one's id
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise ValueError("cần chuỗi hoặc số nguyên khác rỗng")


def _as_datetime_ms(value: object) -> datetime:
    if isinstance(value, str):
        value = float(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value / 1000, tz=UTC)
        except (OverflowError, OSError, ValueError):
            pass
    raise ValueError("cần mốc thời gian tính bằng mili giây")


def _or_none(value: object, handler: ValidatorFunctionWrapHandler) -> Any:
    try:
        return handler(value)
    except (ValidationError, ValueError, TypeError):
        return None


def _or_false(value: object, handler: ValidatorFunctionWrapHandler) -> Any:
    try:
        return handler(value)
    except (ValidationError, ValueError, TypeError):
        return False


Id = Annotated[str, BeforeValidator(_as_id)]
# Optional fields: a value of the wrong type is dropped, not an error.
OptionalText = Annotated[str | None, WrapValidator(_or_none)]
OptionalDate = Annotated[datetime | None, BeforeValidator(_as_datetime_ms), WrapValidator(_or_none)]
Flag = Annotated[bool, WrapValidator(_or_false)]

_MODEL_CONFIG = ConfigDict(frozen=True, extra="ignore", coerce_numbers_to_str=True, populate_by_name=True)


class ZaloSender(BaseModel):
    model_config = _MODEL_CONFIG

    id: Id
    display_name: OptionalText = Field(
        default=None, validation_alias=AliasChoices("display_name", "name", "first_name")
    )
    is_bot: Flag = False


def _chat_type(value: object) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip().upper()
    return "PRIVATE"


class ZaloChat(BaseModel):
    model_config = _MODEL_CONFIG

    id: Id
    chat_type: Annotated[str, BeforeValidator(_chat_type)] = "PRIVATE"

    @property
    def is_group(self) -> bool:
        # anything not known to be one-to-one is treated as shared with others
        return self.chat_type != "PRIVATE"


class ZaloMessage(BaseModel):
    model_config = _MODEL_CONFIG

    message_id: Id
    sender: ZaloSender = Field(validation_alias=AliasChoices("from", "sender"))
    chat: ZaloChat
    date: OptionalDate = None
    text: OptionalText = None
    photo_url: OptionalText = Field(default=None, validation_alias=AliasChoices("photo_url", "photo"))
    caption: OptionalText = None
    sticker: OptionalText = None


class ZaloUpdate(BaseModel):
    """One incoming event. ``event_name`` is as delivered (or inferred); ``kind`` is what the door acts on."""

    model_config = _MODEL_CONFIG

    event_name: str
    kind: UpdateKind
    message: ZaloMessage

    @property
    def chat_id(self) -> str:
        return self.message.chat.id

    @property
    def user_id(self) -> str:
        return self.message.sender.id

    @property
    def message_id(self) -> str:
        return self.message.message_id

    @property
    def is_group(self) -> bool:
        return self.message.chat.is_group

    @property
    def text(self) -> str | None:
        """The text of a text event (``None`` for other kinds)."""
        return self.message.text if self.kind == "text" else None


def parse_update(delivery: object) -> ZaloUpdate:
    """A typed update from a delivery: a JSON object (bare or wrapped), or its JSON text/bytes."""
    payload = _unwrap(_decoded(delivery))
    message = payload.get("message")
    if not isinstance(message, Mapping):
        raise ZaloUpdateError("thiếu message" if message is None else "message không phải object")
    event_name = payload.get("event_name")
    if not isinstance(event_name, str) or not event_name.strip():
        event_name = _EVENT_OF_KIND[_inferred_kind(message)]
    event_name = event_name.strip()
    kind = EVENT_KINDS.get(event_name, "unsupported")
    try:
        parsed = ZaloMessage.model_validate(message)
    except ValidationError as error:
        raise ZaloUpdateError(_describe(error)) from None
    if kind == "text" and parsed.text is None:
        raise ZaloUpdateError("message.text: thiếu nội dung của tin nhắn văn bản")
    return ZaloUpdate(event_name=event_name, kind=kind, message=parsed)


def _decoded(delivery: object) -> Mapping[str, Any]:
    if isinstance(delivery, str | bytes | bytearray):
        try:
            delivery = json.loads(delivery)
        except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
            raise ZaloUpdateError("không phải JSON hợp lệ") from None
    if not isinstance(delivery, Mapping):
        raise ZaloUpdateError(f"cần một JSON object, nhận {type(delivery).__name__}")
    return delivery


def _unwrap(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    if "ok" not in payload and "result" not in payload:
        return payload
    if payload.get("ok") is not True:
        code = payload.get("error_code")
        shown = code if isinstance(code, int) else "?"
        raise ZaloUpdateError(f"phản hồi lỗi, không phải cập nhật (error_code={shown})")
    result = payload.get("result")
    if not isinstance(result, Mapping):
        raise ZaloUpdateError("result không phải object")
    return result


def _inferred_kind(message: Mapping[str, Any]) -> UpdateKind:
    if isinstance(message.get("text"), str):
        return "text"
    if message.get("photo_url") or message.get("photo"):
        return "image"
    if message.get("sticker"):
        return "sticker"
    return "unsupported"


def _describe(error: ValidationError) -> str:
    # loc and msg only: pydantic's full str() quotes the input, which is the user's message
    parts = []
    for item in error.errors(include_url=False, include_input=False, include_context=False):
        where = ".".join(str(part) for part in ("message", *item["loc"]))
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)

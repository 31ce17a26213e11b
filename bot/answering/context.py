"""What a conversation remembers between turns: the last question's frame and what answered it.

Kept per chat (per member in a group) in the state store for a while (30 minutes by
default), so that a follow-up can take what it lacks from the previous turns. Plain
data, serialised as JSON: a shared store lets several replicas carry one conversation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

CONTEXT_TTL = 30 * 60.0

# What a question asks for, as both a Query and a Context hold it: a follow-up takes these
# from the context, and the context keeps them from the question answered.
INTENT_FIELDS = (
    "quantity",
    "who",
    "when",
    "what",
    "listing",
    "list_kinds",
    "unit",
    "about_article",
    "asks_province",
    "wanted_kind",
    "comparing",
)


def intent(
    source: object, sequence: Callable[[Iterable[str]], Sequence[str]] = tuple, **changed: Any
) -> dict[str, Any]:
    """The intent fields of a Query or a Context by name, to pass to `replace` or `Context`:
    sequences copied by `sequence` (tuples for a Context, `list` for a Query), and the fields
    named in `changed` given those values instead."""
    unknown = set(changed) - set(INTENT_FIELDS)
    if unknown:
        raise TypeError(f"not intent fields: {sorted(unknown)}")
    values: dict[str, Any] = {}
    for name in INTENT_FIELDS:
        value = changed[name] if name in changed else getattr(source, name)
        values[name] = sequence(value) if isinstance(value, list | tuple) and name not in changed else value
    return values


@dataclass(frozen=True)
class Context:
    districts: tuple[str, ...] = ()  # what the last answer was about
    orgs: tuple[str, ...] = ()
    content: tuple[str, ...] = ()  # the words the last question asked about (frame and cues removed)
    target: tuple[str, ...] = ()  # what it counted
    parts: tuple[str, ...] = ()  # each part counted, words joined by spaces ("tap the", "ca nhan")
    quantity: bool = False
    who: bool = False
    when: bool = False
    what: bool = False
    listing: bool = False
    list_kinds: tuple[str, ...] = ()
    unit: str | None = None
    about_article: str | None = None
    asks_province: bool = False
    wanted_kind: str | None = None
    comparing: bool = False
    entries: tuple[str, ...] = ()  # the entries that answered
    subject: tuple[str, ...] = ()  # the words naming them (their names, or titles)
    people: tuple[str, ...] = ()  # the people the answer named: "ông ấy", "chị ấy"
    levels: tuple[str, ...] = ()  # the levels it asked about ("UBND tỉnh": province), for a correction
    pending: bool = False  # the question was left open (asked back): the next turn may complete it

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: object) -> Context | None:
        """A stored context, or None for anything that is not one (an older format, garbage)."""
        if not isinstance(data, dict):
            return None
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value = data[f.name]
            if isinstance(value, list):
                if not all(isinstance(v, str) for v in value):
                    return None
                value = tuple(value)
            values[f.name] = value
        try:
            context = cls(**values)
        except TypeError:
            return None
        ok = all(isinstance(getattr(context, f.name), bool | str | tuple | type(None)) for f in fields(cls))
        return context if ok else None

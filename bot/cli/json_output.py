"""The JSON shape of an answer on the command line (``ask --json``): the Answer's fields, with
each suggestion's action encoded as a button would carry it."""

from __future__ import annotations

from bot.answering.answer import Answer
from bot.chat.actions import encode


def public(answer: Answer) -> dict[str, object]:
    data = answer.model_dump(mode="json", exclude={"suggestions"})
    data["suggestions"] = [{"label": s.label, "action": encode(s.action)} for s in answer.suggestions]
    return data

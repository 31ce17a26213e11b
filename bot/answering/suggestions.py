"""What an answer offers to do next: show an entry, ask an example question, list a
district's models. Buttons and numbers carry these (see :mod:`bot.chat.actions`)."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict


@dataclass(frozen=True)
class ShowEntry:
    """Answer with one entry of the base (a suggestion under an answer)."""

    entry_id: str


@dataclass(frozen=True)
class ShowQuote:
    """The whole passage an entry quotes, where the answer showed only the clause that holds
    the figure."""

    entry_id: str


@dataclass(frozen=True)
class AskExample:
    """Ask one of the curators' example questions (the buttons of /start)."""

    number: int


@dataclass(frozen=True)
class ShowModels:
    """The models of a district (by its article's id; "" for every district), one page.
    ``turn`` marks a page button: the list is edited in place where the medium can."""

    district_key: str = ""
    page: int = 0
    turn: bool = False


# what a suggestion can do
Offer = ShowEntry | ShowQuote | AskExample | ShowModels


class Suggestion(BaseModel):
    """Something to do next: a label, and the typed action a button or its number carries."""

    model_config = ConfigDict(frozen=True)

    label: str
    action: Offer

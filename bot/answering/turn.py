"""One question against one snapshot and the conversation so far, analysed only when a
rule needs it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from bot.answering import corrections
from bot.answering.context import Context
from bot.answering.followup import Resolution, resolve
from bot.answering.hints import Hints
from bot.answering.query import Query
from bot.answering.tuning import READ_AT_MOST
from bot.language.folding import clean

if TYPE_CHECKING:
    from bot.answering.snapshot import Snapshot


@dataclass
class Turn:
    """One question against one snapshot (and the conversation so far), analysed only when a rule needs it."""

    snapshot: Snapshot
    text: str  # as cleaned, after the length cap
    length: int  # as typed
    context: Context | None = None

    @classmethod
    def of(cls, snapshot: Snapshot, question: str | None, context: Context | None = None) -> Turn:
        raw = question or ""
        # a 10 MB message must not cost a second of normalising before it is refused
        return cls(snapshot, clean(raw[:READ_AT_MOST]), len(raw), context)

    @cached_property
    def correction(self) -> str | None:
        """What a correction asserts ("Kiên Lương" of "mình hỏi Kiên Lương chứ không phải Đất Đỏ"),
        when the turn corrects the one before; None otherwise (and always without a conversation)."""
        return corrections.read(self.text) if self.context is not None else None

    @cached_property
    def analysed(self) -> Query:
        """The question on its own (a correction: what it asserts)."""
        return self.snapshot.analyzer.analyze(self.correction or self.text)

    def alone(self) -> Turn:
        """The same question outside the conversation. The analysis already made is reused,
        not redone: no rule changes a Query (they make changed copies with `replace`)."""
        turn = Turn(self.snapshot, self.text, self.length)
        if "analysed" in self.__dict__:
            turn.__dict__["analysed"] = self.analysed
        return turn

    @cached_property
    def resolution(self) -> Resolution:
        if self.context is None:
            return Resolution(self.analysed)
        if self.correction is None:
            return resolve(self.analysed, self.context)
        return resolve(self.analysed, self.context, correcting=True, negated=corrections.negated(self.text))

    @property
    def hints(self) -> Hints:
        """What the conversation tells ranking (nothing without one)."""
        return self.resolution.hints

    @cached_property
    def query(self) -> Query:
        """The question as meant in the conversation (the same as `analysed` without one)."""
        return self.resolution.query

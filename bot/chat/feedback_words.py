"""Feedback typed as text, where there are no buttons: "👍", "đúng rồi", "sai rồi, phải là 200 căn".

The words are in the lexicon. A message is feedback only when it opens with one of them
and the conversation has an answer to rate; "sai rồi" may carry the correction.
"""

from __future__ import annotations

from bot.language import lexicon
from bot.language.expansion import normalize
from bot.language.folding import BREAK, clean


def asks_whole_quote(text: str) -> bool:
    """ "xem trích dẫn", "cả đoạn": the whole quote of the last answer, where there are no buttons."""
    toks = [t for t in normalize(clean(text)) if t != BREAK]
    return any(tuple(toks) == phrase for phrase in lexicon.WHOLE_QUOTE_WORDS)


def read(text: str) -> tuple[int, str | None] | None:
    """(+1 or -1, the words after it) when the message rates the last answer, else None."""
    stripped = clean(text)
    for mark, value in lexicon.FEEDBACK_MARKS.items():
        if stripped.startswith(mark):
            rest = stripped[len(mark) :].strip(" ,.!:-")
            return value, rest or None
    toks = [t for t in normalize(stripped) if t != BREAK]
    for phrases, value in ((lexicon.FEEDBACK_WRONG, -1), (lexicon.FEEDBACK_RIGHT, 1)):
        for phrase in phrases:
            if tuple(toks[: len(phrase)]) == phrase:
                words = stripped.split()
                rest = " ".join(words[len(phrase) :]).strip(" ,.!:-") if len(words) > len(phrase) else ""
                if value > 0 and rest:
                    return None  # "đúng rồi, còn…" goes on with a question
                return value, rest or None
    return None

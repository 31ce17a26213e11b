"""Short forms and abbreviations expanded into the words they stand for.

The same expansion runs over the fact base when it is indexed and over every
question, so an abbreviation in an article ("CB,ĐV") and one in a question
("dv") both become plain words before anything is compared. What each form
stands for is in the lexicon; this module only applies it.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.language import lexicon
from bot.language.folding import BREAK, tokens

Phrase = tuple[str, ...]

_PHRASES_BY_FIRST: dict[str, list[Phrase]] = {}
for _phrase in lexicon.PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)


def _context_holds(form: lexicon.ContextualForm, toks: Sequence[str], i: int) -> bool:
    prev = toks[i - 1] if i else ""
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if nxt and nxt in form.never_before:
        return False
    if form.before and nxt in form.before:
        return True
    if form.after and prev in form.after:
        return True
    if form.near_number and (prev.isdigit() or nxt.isdigit() or nxt in lexicon.DOCUMENT_CODE_WORDS):
        return True
    if form.after_number and prev.isdigit():
        return True
    if form.first_before and i == 0 and nxt in form.first_before:
        return True
    return form.last and i == len(toks) - 1


# the first tokens of everything expand() may rewrite: a text with none of them is left as it is
_EXPANDABLE = frozenset(lexicon.SHORT_FORMS) | frozenset(lexicon.CONTEXTUAL_FORMS) | frozenset(_PHRASES_BY_FIRST)


def expand(toks: Sequence[str]) -> list[str]:
    """Replace short forms and abbreviations by the words they stand for."""
    out: list[str] = []
    done = 0  # tokens before this are in `out`
    n = len(toks)
    for i in [k for k, tok in enumerate(toks) if tok in _EXPANDABLE]:  # most tokens are left as they are
        if i < done:
            continue  # inside a phrase already rewritten
        out.extend(toks[done:i])
        tok = toks[i]
        phrase = next((p for p in _PHRASES_BY_FIRST.get(tok, ()) if tuple(toks[i : i + len(p)]) == p), None)
        if phrase is not None:
            out.extend(lexicon.PHRASES[phrase])
            done = i + len(phrase)
            continue
        form = lexicon.CONTEXTUAL_FORMS.get(tok)
        if form is not None and _context_holds(form, toks, i):
            out.extend(form.then.split())
        elif form is not None and form.otherwise is not None:
            out.extend(form.otherwise.split())
        elif tok in lexicon.SHORT_FORMS:
            out.extend(lexicon.SHORT_FORMS[tok].split())
        else:
            out.append(tok)
        done = i + 1
    out.extend(toks[done:n])
    return out


def normalize(text: str) -> list[str]:
    """Folded, expanded tokens of a text, with BREAK where punctuation separates words."""
    return expand(tokens(text, breaks=True))


__all__ = ["BREAK", "expand", "normalize"]

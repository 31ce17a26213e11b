"""The domain thesaurus (bot.language.lexicon.SYNONYMS) as the search can use it: every member is a
term a question can hold, and no member is a folded form that is also another word."""

from __future__ import annotations

from bot.language import lexicon
from bot.language.expansion import expand


def test_every_synonym_is_a_term_a_question_can_hold() -> None:
    # a question's terms are syllables and pairs of adjacent syllables, with at least one of a
    # pair not a stopword: a longer member, or a pair of stopwords, would never be looked up
    for group in lexicon.SYNONYMS:
        assert len(group) >= 2, group
        for member in group:
            words = member.split()
            assert 1 <= len(words) <= 2, member
            assert not all(w in lexicon.STOPWORDS for w in words), member


def test_synonyms_are_written_as_the_search_reads_them() -> None:
    # folded, and already expanded: a member that a short form or phrase rewrites would never match
    for group in lexicon.SYNONYMS:
        for member in group:
            assert member == member.lower() and member.isascii(), member
            assert " ".join(expand(member.split())) == member, member


def test_words_that_fold_onto_other_words_are_no_synonyms() -> None:
    members = {m for group in lexicon.SYNONYMS for m in group}
    assert not members & lexicon.NOT_SYNONYMS

"""Splitting replies into messages that fit a length limit, at the cleanest boundary available."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bot.channels.zalo.api import ZALO_TEXT_LIMIT
from bot.channels.zalo.splitting import split_message, utf16_length

BLOCK = re.compile(r"\n[^\S\n]*\n")
BREAKABLE = re.compile(r"[^\S\u00a0\u2007\u202f]")


def words(n: int, word: str = "đảng viên") -> str:
    return " ".join([word] * n)


def test_a_text_that_fits_is_one_message_trimmed() -> None:
    assert split_message("  Xin chào!\n", ZALO_TEXT_LIMIT) == ["Xin chào!"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \u00a0\n"])
def test_an_empty_or_blank_text_gives_no_message(text: str) -> None:
    assert split_message(text, ZALO_TEXT_LIMIT) == []


def test_blocks_are_kept_whole_and_packed_greedily() -> None:
    blocks = [f"khối {i} " + "x" * 880 for i in range(3)]  # three blocks of ~890 characters
    pieces = split_message("\n\n".join(blocks), 2000)
    assert pieces == ["\n\n".join(blocks[:2]), blocks[2]]


def test_a_block_too_long_is_cut_between_lines_before_words() -> None:
    lines = [words(40) for _ in range(8)]  # 8 lines of 399 characters: 5 of them fit in 2000
    pieces = split_message("Tiêu đề\n\n" + "\n".join(lines), 2000)
    assert pieces == ["Tiêu đề", "\n".join(lines[:5]), "\n".join(lines[5:])]


def test_a_line_too_long_is_cut_between_words() -> None:
    text = words(500)  # 1000 words of 4 letters, 4999 characters, no newline
    pieces = split_message(text, 2000)
    assert [len(p) for p in pieces] == [1999, 1999, 999]  # 400 words each, then the last 200
    assert " ".join(pieces) == text


def test_only_a_word_longer_than_the_limit_is_cut() -> None:
    url = "https://example.invalid/" + "a" * 4500
    pieces = split_message(f"Xem {url} nhé", 2000)
    assert pieces == ["Xem", url[:2000], url[2000:4000], url[4000:] + " nhé"]


def test_a_no_break_space_is_not_a_place_to_cut() -> None:
    text = "a" * 5 + " " + "2.401\u00a0đảng\u00a0viên"
    assert split_message(text, 18) == ["a" * 5, "2.401\u00a0đảng\u00a0viên"]


def test_a_forced_cut_keeps_a_letter_with_its_combining_marks() -> None:
    nfd = unicodedata.normalize("NFD", "Việt")  # V i e + combining circumflex + combining dot below + t
    pieces = split_message(nfd, 4)
    assert pieces == [nfd[:2], nfd[2:]]
    assert all(not unicodedata.combining(p[0]) for p in pieces)


def test_utf16_measure_counts_astral_characters_twice() -> None:
    assert utf16_length("a😀") == 3
    assert split_message("😀😀😀", 4, measure=utf16_length) == ["😀😀", "😀"]


def test_a_limit_that_cannot_hold_a_character_is_refused() -> None:
    with pytest.raises(ValueError):
        split_message("abc", 0)
    with pytest.raises(ValueError):
        split_message("😀😀", 1, measure=utf16_length)


# ---------------------------------------------------------------------- properties

ALPHABET = st.sampled_from(
    ["a", "b", "ậ", "Đ", "1", ".", " ", " ", "\n", "\n", "\t", "\r", "\u00a0", "\u0301", "\u200d", "😀", "«"]
)
TEXTS = st.lists(ALPHABET, max_size=300).map("".join)
MEASURES: list[Callable[[str], int]] = [len, utf16_length]


def _gaps(text: str, pieces: list[str]) -> list[str]:
    """The stretches of ``text`` between consecutive pieces, checking the pieces occur in order."""
    gaps, position = [], len(text) - len(text.lstrip())
    for index, piece in enumerate(pieces):
        found = text.find(piece, position)
        assert found >= 0, f"piece {index} is not the next part of the text"
        assert index or found == position, "text dropped before the first piece"
        if index:
            gaps.append(text[position:found])
        position = found + len(piece)
    assert not text[position:].strip(), "text left over after the last piece"
    return gaps


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(TEXTS, st.integers(min_value=2, max_value=40), st.sampled_from(MEASURES))
def test_pieces_fit_are_never_blank_and_rebuild_the_text(text: str, limit: int, measure: Callable[[str], int]) -> None:
    pieces = split_message(text, limit, measure=measure)
    assert all(piece.strip() for piece in pieces)
    assert all(measure(piece) <= limit for piece in pieces)
    gaps = _gaps(text, pieces)
    # only whitespace is dropped, and only at a cut
    assert all(not gap.strip() for gap in gaps)


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(TEXTS, st.integers(min_value=2, max_value=40))
def test_each_cut_is_at_the_cleanest_boundary_the_piece_allowed(text: str, limit: int) -> None:
    pieces = split_message(text, limit)
    for before, gap in zip(pieces[:-1], _gaps(text, pieces), strict=True):
        if BLOCK.search(gap):
            continue  # a cut between blocks is always clean
        # a cheaper cut was taken only because the piece held no cleaner boundary
        assert not BLOCK.search(before)
        if "\n" not in gap:
            assert "\n" not in before
        if gap == "":
            assert not BREAKABLE.search(before), "a word was cut although the piece had a space"


SHORT_TEXTS_AND_LIMITS = st.integers(min_value=2, max_value=40).flatmap(
    lambda limit: st.tuples(st.lists(ALPHABET, max_size=limit).map("".join), st.just(limit))
)


@settings(deadline=None)  # no timing limits in tests: a slow machine is not a failure
@given(SHORT_TEXTS_AND_LIMITS)
def test_a_text_that_fits_is_left_whole(text_and_limit: tuple[str, int]) -> None:
    text, limit = text_and_limit
    assume(text.strip())
    assert split_message(text, limit) == [text.strip()]

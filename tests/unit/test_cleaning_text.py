"""Tables for crawler.cleaning.text: one row per real-world whitespace/character shape."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.cleaning.text import normalize_block, normalize_whitespace

WHITESPACE_ROWS = [
    ("plain", "The Senate on Monday", "The Senate on Monday"),
    ("trim", "  padded  ", "padded"),
    ("nbsp from listing byline", "BY:\xa0 Juan Dela Cruz", "BY: Juan Dela Cruz"),
    ("nbsp only", "\xa0\xa0", ""),
    ("tabs and newlines", "MANILA,\tPhilippines\n—\r\nThe", "MANILA, Philippines — The"),
    ("thin and narrow spaces", "P6.3\u2009trillion\u202fbudget", "P6.3 trillion budget"),
    ("ideographic space", "a\u3000b", "a b"),
    ("line and paragraph separators", "a\u2028b\u2029c", "a b c"),
    ("next line (C1)", "a\x85b", "a b"),
    ("zero-width space inside a word", "Mar\u200bcos", "Marcos"),
    ("byte order mark", "\ufeffHeadline", "Headline"),
    ("word joiner", "no\u2060break", "nobreak"),
    ("directional marks", "\u200eMANILA\u200f", "MANILA"),
    ("decomposed n-tilde becomes NFC", "Nin\u0303o", "Niño"),
    ("decomposed e-acute", "Jose\u0301", "José"),
    ("curly quotes kept", "“Bongbong” Marcos", "“Bongbong” Marcos"),
    ("dashes kept", "a — b – c", "a — b – c"),
    ("empty", "", ""),
    ("only whitespace", " \n\t ", ""),
    ("emoji with zero-width joiner kept", "a 👩\u200d💻 b", "a 👩\u200d💻 b"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [r[1:] for r in WHITESPACE_ROWS], ids=[r[0] for r in WHITESPACE_ROWS]
)
def test_normalize_whitespace(raw: str, expected: str) -> None:
    assert normalize_whitespace(raw) == expected


BLOCK_ROWS = [
    ("soft hyphen", "eco\u00adnomy", "economy"),
    ("soft hyphen at a line end", "eco\u00ad\nnomy", "eco nomy"),
    ("NUL and controls", "a\x00b\x07c", "abc"),
    ("DEL", "a\x7fb", "ab"),
    ("C1 controls", "a\x80\x9fb", "ab"),
    ("icon-font glyph", "\uf099 Follow", "Follow"),
    ("object replacement", "photo\ufffc caption", "photo caption"),
    ("zero-width and nbsp together", "\u200b\xa0MANILA\xa0", "MANILA"),
    ("normal paragraph unchanged", "He said “no” — twice.", "He said “no” — twice."),
    ("NFC", "Los Ban\u0303os", "Los Baños"),
]


@pytest.mark.parametrize(
    ("raw", "expected"), [r[1:] for r in BLOCK_ROWS], ids=[r[0] for r in BLOCK_ROWS]
)
def test_normalize_block(raw: str, expected: str) -> None:
    assert normalize_block(raw) == expected


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a"]])
def test_non_strings_become_empty(bad: object) -> None:
    assert normalize_whitespace(bad) == ""  # type: ignore[arg-type]
    assert normalize_block(bad) == ""  # type: ignore[arg-type]


@given(st.text())
def test_normalize_whitespace_properties(text: str) -> None:
    once = normalize_whitespace(text)
    assert normalize_whitespace(once) == once
    assert once == once.strip()
    assert "  " not in once and "\n" not in once and "\xa0" not in once
    assert unicodedata.is_normalized("NFC", once)


@given(st.text())
def test_normalize_block_properties(text: str) -> None:
    once = normalize_block(text)
    assert normalize_block(once) == once
    assert "\u00ad" not in once and "\x00" not in once
    assert normalize_whitespace(once) == once


def test_normalize_block_fast_path_deletes_exactly_what_the_regex_deletes() -> None:
    """normalize_block skips its deletion regex for printable text: every character the
    regex deletes must therefore be non-printable (or U+FFFC, which is tested by name)."""
    import sys

    from crawler.cleaning import text as t

    deleted = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if not 0xD800 <= c <= 0xDFFF and t._BLOCK_DELETE_RE.match(chr(c))
    ]
    assert len(deleted) > 6000  # the private-use area and the controls
    assert all(not ch.isprintable() for ch in deleted if ch != "\ufffc")
    for sample in (
        "plain text",
        "caf\u00e9 \u2014 \u201cquoted\u201d",
        "a\u200bb",
        "soft\u00adhyphen",
        "obj\ufffcect",
        "pua\ue001",
        "c1\x85x",
        "tab\there",
    ):
        assert t.normalize_block(sample) == t._collapse(t._BLOCK_DELETE_RE.sub("", sample))


def test_zero_width_characters_are_never_printable() -> None:
    """normalize_whitespace skips its zero-width regex for printable text."""
    from crawler.cleaning import text as t

    zero_width = [
        chr(c)
        for c in range(0x10000)
        if not 0xD800 <= c <= 0xDFFF and t._ZERO_WIDTH_RE.match(chr(c))
    ]
    assert len(zero_width) == 11 and not any(ch.isprintable() for ch in zero_width)
    assert t.normalize_whitespace("caf\u00e9\u200b  \u2014 x") == "caf\u00e9 \u2014 x"


def _reference_normalize_whitespace(text: str) -> str:
    """The definition, step by step: delete zero-width characters, collapse, NFC."""
    from crawler.cleaning import text as t

    return unicodedata.normalize("NFC", " ".join(t._ZERO_WIDTH_RE.sub("", text).split()))


_TRICKY = st.text(
    alphabet=st.sampled_from(
        list("ab \n\t\xa0\u2028\u3000")
        + [
            "\u200b",
            "\u200c",
            "\u180e",
            "\ufeff",
            "\u2060",
            "\u0301",
            "\u00e9",
            "\u201c",
            "\x85",
            "\x00",
        ]
    )
)


@given(st.one_of(st.text(), _TRICKY))
def test_normalize_whitespace_equals_its_definition(text: str) -> None:
    """Collapsing before the zero-width test (the fast path) changes no result."""
    assert normalize_whitespace(text) == _reference_normalize_whitespace(text)


def test_zero_width_characters_are_not_whitespace() -> None:
    """The fast path collapses first: no zero-width character may be split on."""
    from crawler.cleaning import text as t

    zero_width = [
        chr(c)
        for c in range(0x10000)
        if not 0xD800 <= c <= 0xDFFF and t._ZERO_WIDTH_RE.match(chr(c))
    ]
    assert all(f"a{ch}b".split() == [f"a{ch}b"] for ch in zero_width)
    assert normalize_whitespace("one\n\ntwo\u200b three\u200b\n\u200b") == "one two three"


def test_the_only_printable_whitespace_is_the_ascii_space() -> None:
    """normalize_block returns a printable text without doubled or edge spaces as it is:
    that is exact only if str.split() splits a printable text at ASCII spaces alone."""
    import sys

    printable_spaces = [
        chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and chr(c).isprintable()
    ]
    assert printable_spaces == [" "]


@given(_TRICKY | st.text())
def test_normalize_block_equals_its_definition(text: str) -> None:
    from crawler.cleaning import text as t

    expected = unicodedata.normalize("NFC", " ".join(t._BLOCK_DELETE_RE.sub("", text).split()))
    assert normalize_block(text) == expected


@given(_TRICKY | st.text())
def test_normalize_counting_words_is_normalize_whitespace_and_a_word_count(text: str) -> None:
    from crawler.cleaning.text import normalize_counting_words

    assert normalize_counting_words(text) == (normalize_whitespace(text), len(text.split()))


@given(_TRICKY | st.text())
def test_collapse_spaces_is_split_and_join(text: str) -> None:
    from crawler.cleaning.text import collapse_spaces

    assert collapse_spaces(text) == " ".join(text.split())

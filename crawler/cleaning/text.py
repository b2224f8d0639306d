"""Whitespace and character normalisation for every text value we store.

Two functions, both pure, total and idempotent:

- :func:`normalize_whitespace` for short values (titles, names, captions):
  zero-width characters are deleted, every run of whitespace (spaces, NBSP,
  thin spaces, tabs, newlines, U+2028 …) becomes one space, the ends are
  trimmed and the result is Unicode NFC.
- :func:`normalize_block` for body paragraphs: the same, and it also deletes
  soft hyphens, control characters and private-use glyphs (icon fonts).

Curly quotes and dashes are kept as printed: only invisible or layout-only
characters are touched.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["collapse_spaces", "normalize_block", "normalize_counting_words", "normalize_whitespace"]

# Deleted outright (not turned into a space): they sit *inside* words, e.g.
# "Mar\u200bcos" is "Marcos". U+200D (zero-width joiner) is kept because it
# joins emoji sequences; it never changes how text matches.
_ZERO_WIDTH = "\u200b\u200c\u200e\u200f\u2060-\u2064\ufeff\u180e"
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")

# Characters a body block never needs: soft hyphen, C0/C1 controls other than
# whitespace, the object-replacement character and the private-use area.
_BLOCK_DELETE_RE = re.compile(
    f"[{_ZERO_WIDTH}\u00ad\ufffc\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ue000-\uf8ff]"
)


def collapse_spaces(text: str) -> str:
    """``" ".join(text.split())``: whitespace runs to one space, ends trimmed. Without the
    split (a string per word) when there is nothing to collapse: a printable text's only
    whitespace is the ASCII space, so single inner spaces mean it is collapsed already."""
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _collapse(text: str) -> str:
    """Collapse whitespace runs to one space and apply NFC (no-op on ASCII)."""
    return _nfc(collapse_spaces(text))


def _nfc(text: str) -> str:
    """``text`` in Unicode NFC (most text already is: checked at C speed first)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def normalize_whitespace(text: str) -> str:
    """Collapse all whitespace to single spaces, trim, delete zero-width chars, NFC.

    Returns ``""`` for anything that is not a string.

    >>> normalize_whitespace("  MANILA,\\xa0Philippines \\u2014\\n The\\u200b  ")
    'MANILA, Philippines \\u2014 The'
    """
    if not isinstance(text, str):
        return ""
    return _normalize_collapsed(text, " ".join(text.split()))


def normalize_counting_words(text: str) -> tuple[str, int]:
    """:func:`normalize_whitespace` of ``text``, and ``len(text.split())``: one split for
    both (splitting a whole body allocates a string per word)."""
    words = text.split()
    collapsed = " ".join(words)
    return _normalize_collapsed(text, collapsed), len(words)


def _normalize_collapsed(text: str, collapsed: str) -> str:
    """:func:`normalize_whitespace` of ``text``, given ``" ".join(text.split())``."""
    if collapsed.isascii():
        return collapsed
    if collapsed.isprintable():
        # No zero-width character is whitespace and all are format (Cf) characters, so
        # none was in ``text``: collapsing first spares the regex scan a text with
        # newlines (a whole body) would otherwise need, with the same result.
        return _nfc(collapsed)
    return _collapse(_ZERO_WIDTH_RE.sub("", text))


def normalize_block(text: str) -> str:
    """Normalise one body block: :func:`normalize_whitespace` plus deletions.

    Also deletes soft hyphens (U+00AD), control characters, U+FFFC and
    private-use glyphs, which page text carries from hyphenation hints and
    icon fonts.

    >>> normalize_block("eco\\u00adnomy\\x00 grew\\ue001")
    'economy grew'
    """
    if not isinstance(text, str):
        return ""
    if text.isprintable() and "\ufffc" not in text:
        # Every other character of _BLOCK_DELETE_RE is a control (Cc), format (Cf) or
        # private-use (Co) character, none of them printable: nothing to delete, and
        # isprintable() is C-speed where the regex scan is not.
        return _collapse(text)
    return _collapse(_BLOCK_DELETE_RE.sub("", text))

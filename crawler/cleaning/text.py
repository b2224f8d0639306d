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

import unicodedata

__all__ = ["normalize_block", "normalize_whitespace"]

# Deleted outright (not turned into a space): they sit *inside* words, e.g.
# "Mar\u200bcos" is "Marcos". U+200D (zero-width joiner) is kept because it
# joins emoji sequences; it never changes how text matches.
_ZERO_WIDTH = "\u200b\u200c\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u180e"
_ZERO_WIDTH_TABLE: dict[int, None] = {ord(c): None for c in _ZERO_WIDTH}

# Characters a body block never needs: soft hyphen, C0/C1 controls other than
# whitespace, the object-replacement character and the private-use area.
_BLOCK_DELETE = (
    "\u00ad\ufffc"
    + "".join(chr(c) for c in range(0x20) if not chr(c).isspace())
    + "\x7f"
    + "".join(chr(c) for c in range(0x80, 0xA0) if not chr(c).isspace())
)
_BLOCK_TABLE: dict[int, None] = {
    **_ZERO_WIDTH_TABLE,
    **{ord(c): None for c in _BLOCK_DELETE},
    **{c: None for c in range(0xE000, 0xF900)},
}


def _collapse(text: str) -> str:
    """Collapse whitespace runs to one space and apply NFC (no-op on ASCII)."""
    collapsed = " ".join(text.split())
    if collapsed.isascii() or unicodedata.is_normalized("NFC", collapsed):
        return collapsed
    return unicodedata.normalize("NFC", collapsed)


def normalize_whitespace(text: str) -> str:
    """Collapse all whitespace to single spaces, trim, delete zero-width chars, NFC.

    Returns ``""`` for anything that is not a string.

    >>> normalize_whitespace("  MANILA,\\xa0Philippines \\u2014\\n The\\u200b  ")
    'MANILA, Philippines \\u2014 The'
    """
    if not isinstance(text, str):
        return ""
    if text.isascii():
        return " ".join(text.split())
    return _collapse(text.translate(_ZERO_WIDTH_TABLE))


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
    return _collapse(text.translate(_BLOCK_TABLE))

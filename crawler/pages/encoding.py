"""Decode page bytes the way a browser would: BOM, HTTP charset, <meta> charset, then guesses."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# WHATWG: a declared latin-1/ascii page is decoded as windows-1252.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252"}


def charset_from_content_type(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type or "")
    return _usable(match.group(1)) if match else None


def _usable(name: str) -> str | None:
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html_utf8(data: bytes, content_type: str | None = None) -> tuple[str, bool]:
    """:func:`decode_html`, and whether the text is exactly ``data.decode("utf-8")`` (no
    BOM, valid UTF-8): then checks on the bytes hold for the text (crawler/pages/limits.py)."""
    if not data.startswith(tuple(bom for bom, _ in _BOMS)):
        try:
            return data.decode("utf-8"), True
        except UnicodeDecodeError:
            pass
    return decode_html(data, content_type), False


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML document; never raises (undecodable bytes become U+FFFD).

    Bytes that are valid UTF-8 are read as UTF-8 whatever the server or the page declares:
    a mislabelled UTF-8 page (``charset=ISO-8859-1``, ``charset=utf-16`` without a BOM) is
    common, while legacy text with non-ASCII bytes that happens to be valid UTF-8 is not.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [charset_from_content_type(content_type)]
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(_usable(match.group(1).decode("ascii", "ignore")))
    for name in candidates:
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                break  # the declaration lies: fall through to the guesses
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        return text

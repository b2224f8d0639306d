"""Decode page bytes the way a browser would: BOM, HTTP charset, <meta> charset, then guesses.

Not w3lib's ``html_to_unicode`` (nor Scrapy's TextResponse, which uses it): it trusts a
declared charset that cannot read the bytes and fills them with U+FFFD, where this reads a
windows-1252 page labelled UTF-8 as windows-1252 (tests/e2e/test_faults_network.py fails with it).
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# WHATWG: a declared latin-1/ascii page is decoded as windows-1252.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "windows-1252": "cp1252",
}


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


def decode_page(html: str | bytes, content_type: str | None = None) -> tuple[str, bytes | None]:
    """The text of a page given as text or bytes (:func:`decode_html`), and the bytes too
    when the text is exactly their UTF-8 decoding (no BOM): checks on those bytes then hold
    for the text (crawler/pages/limits.py)."""
    if isinstance(html, str):
        return html, None
    for bom, name in _BOMS:
        if html.startswith(bom):
            return html[len(bom) :].decode(name, errors="replace"), None
    try:
        return html.decode("utf-8"), html
    except UnicodeDecodeError:
        return _decode_legacy(html, content_type), None


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Text of an HTML document; never raises (undecodable bytes become U+FFFD).

    Bytes that are valid UTF-8 are read as UTF-8 whatever the server or the page declares:
    a mislabelled UTF-8 page (``charset=ISO-8859-1``, ``charset=utf-16`` without a BOM) is
    common, while legacy text with non-ASCII bytes that happens to be valid UTF-8 is not.
    """
    return decode_page(data, content_type)[0]


def _decode_legacy(data: bytes, content_type: str | None) -> str:
    """Bytes that are not UTF-8: the declared charset, if it reads them, else guesses."""
    candidates = [charset_from_content_type(content_type)]
    match = _META_CHARSET.search(data[:4096])
    if match:
        candidates.append(_usable(match.group(1).decode("ascii", "ignore")))
    for name in candidates:
        if name:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                break  # the declaration lies: fall through to the guess
    return data.decode("cp1252", errors="replace")  # UTF-8 was tried first

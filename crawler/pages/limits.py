"""Bounds on what one page can cost the C parser, which no Python-level budget interrupts.

libxml2's HTML parser checks each attribute of a tag against the tag's earlier ones, so
one tag with 200,000 distinct attributes costs minutes inside a single C call (measured:
10,000 -> 0.1 s, 40,000 -> 2.3 s). No real page has a tag with more than a few dozen
attributes: tags past ``MAX_ATTRIBUTES`` keep their first ones. A C-speed split proves
most pages have no long tag before the rewrite is paid for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, AnyStr

MAX_ATTRIBUTES = 256
MIN_LONG_TAG = 1024  # a tag shorter than this cannot hold MAX_ATTRIBUTES attributes worth a cut
_LONG_TAG = re.compile(r"<([A-Za-z][^\s<>/]*)([^<>]{1024,})>")
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
# The same patterns on UTF-8 bytes: a multi-byte character is never split (its bytes are
# all past ASCII), and only ASCII whitespace separates attributes, as in libxml2.
_LONG_TAG_BYTES = re.compile(_LONG_TAG.pattern.encode())
_ATTRIBUTE_BYTES = re.compile(_ATTRIBUTE.pattern.encode())


def limit_attributes(html: AnyStr) -> AnyStr:
    """``html`` (text, or UTF-8 bytes) with every tag cut down to its first
    ``MAX_ATTRIBUTES`` attributes; ``html`` itself when no tag has more.

    Only the long tags are looked at: a ``_LONG_TAG`` match is the part after the last ``<``
    of a piece between two ``>`` (it holds neither), so the pieces are split at C speed and
    the regex runs on the few past 1,024 characters (bytes), not over the whole page (a
    regex scan of a 300 kB page with long ``srcset``s or inline SVG costs ~5 ms). Most real
    pages have such long tags, and hardly any a tag past the limit: the page is rebuilt only
    when one is cut."""
    if len(html) < MIN_LONG_TAG:
        return html
    if isinstance(html, bytes):
        lt, gt, long_tag, attribute = b"<", b">", _LONG_TAG_BYTES, _ATTRIBUTE_BYTES
    else:
        lt, gt, long_tag, attribute = "<", ">", _LONG_TAG, _ATTRIBUTE
    pieces = html.split(gt)  # type: ignore[arg-type]
    # the last piece has no closing ">"
    long_pieces = [i for i, piece in enumerate(pieces[:-1]) if len(piece) > MIN_LONG_TAG]
    cut = False
    for index in long_pieces:
        piece = pieces[index]
        start = piece.rfind(lt)
        if start < 0 or len(piece) - start <= MIN_LONG_TAG:
            continue
        match = long_tag.fullmatch(piece[start:] + gt)
        trimmed = _trimmed_tag(match, attribute) if match else None
        if trimmed is not None:
            pieces[index] = piece[:start] + trimmed[:-1]
            cut = True
    return gt.join(pieces) if cut else html  # type: ignore[arg-type,return-value]


def _trimmed_tag(match: re.Match[AnyStr], attribute: re.Pattern[AnyStr]) -> AnyStr | None:
    """The tag of ``match`` with its first ``MAX_ATTRIBUTES`` attributes; None when it has
    no more than those."""
    attributes = attribute.findall(match.group(2))
    if len(attributes) <= MAX_ATTRIBUTES:
        return None
    space = b" " if isinstance(match.group(1), bytes) else " "
    head = match.group(0)[:1] + match.group(1) + space  # "<" + name + " "
    return head + space.join(attributes[:MAX_ATTRIBUTES]) + match.group(0)[-1:]  # type: ignore[no-any-return]


# Control characters and NULs are never text, and lxml refuses them in a tree.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_NONCHARACTER_BYTES = re.compile(b"\xef\xbf[\xbe\xbf]")  # U+FFFE, U+FFFF in UTF-8


def _utf8_has_controls(data: bytes) -> bool:
    """UTF-8 ``data`` holds a character ``_CONTROL`` deletes (C-speed, no decoding): in UTF-8
    a C0 control is a single byte found nowhere else, and U+FFFE/U+FFFF have one spelling
    each."""
    return bool(data.translate(None, _NOT_CONTROL_BYTES)) or bool(_NONCHARACTER_BYTES.search(data))


def strip_control_bytes(data: bytes) -> bytes:
    """UTF-8 ``data`` without the characters :func:`strip_control_chars` removes; ``data``
    itself when it has none (the common case, proved at C speed)."""
    if not _utf8_has_controls(data):
        return data
    return _NONCHARACTER_BYTES.sub(b"", data.translate(None, _CONTROL_BYTES))


def strip_control_chars(text: str) -> str:
    """``text`` without C0 controls (tab, newline, carriage return stay) or U+FFFE/U+FFFF.

    Most pages have none: a ``bytes.translate`` proves it before the regex rewrite runs."""
    if not _utf8_has_controls(text.encode("utf-8", "surrogatepass")):
        return text
    return _CONTROL.sub("", text)


# JSON escapes that would put a NUL, a C0 control or a lone UTF-16 surrogate into a string:
# neither PostgreSQL (NUL) nor UTF-8 (surrogates) can store those. Valid pairs are kept.
_JSON_ESCAPE = re.compile(
    r"\\u(?:00[01][0-9a-fA-F]|[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
    r"|[dD][c-fC-F][0-9a-fA-F]{2})"
)


def _json_escape(match: re.Match[str]) -> str:
    escape = match.group(0)
    if len(escape) == 12:  # a high + low surrogate pair: one real character
        return escape
    if escape[2:4] == "00":
        return escape if escape[4:6].lower() in ("09", "0a", "0d") else ""
    return "\\ufffd"


# One decoder for every block (``json.loads(text, strict=False)`` builds one per call).
_JSON = json.JSONDecoder(strict=False)


def loads_json_ld(text: str) -> Any:
    """A JSON-LD block's data, or None if it is not JSON (or nested past Python's stack).
    A ``<![CDATA[ ... ]]>`` wrapper (XHTML habit) is taken off first."""
    try:
        if "<![CDATA[" in text:
            text = text.strip().removeprefix("<![CDATA[").removesuffix("]]>")
        if "\\u" in text:  # escapes are rare: skip the regex scan without them
            text = _JSON_ESCAPE.sub(_json_escape, text)
        return _JSON.decode(text)
    except (ValueError, RecursionError):
        return None


def json_ld_objects(blocks: Iterable[str]) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page's ``<script type="application/ld+json">`` texts, in
    page order, ``@graph`` flattened; blocks that are not JSON are skipped."""
    objects: list[dict[str, Any]] = []
    for block in blocks:
        data = loads_json_ld(block)
        for obj in data if isinstance(data, list) else [data]:
            graph = obj.get("@graph") if isinstance(obj, dict) else None
            objects.extend(
                o for o in (graph if isinstance(graph, list) else [obj]) if isinstance(o, dict)
            )
    return objects


# --- limits before work: pages that cannot be an article are refused unparsed ----------
# Extraction cost grows with the page (about 0.1 ms a paragraph through the cleaning
# stages), and the body limit (crawler.cleaning.stages.MAX_BODY_CHARS, 300,000 characters) is only
# known after all of it. These two counts are C-speed (about 2 ms on 5 MB) and refuse what
# no article page comes near: Inquirer article pages are 50 to 400 kB with at most a few
# hundred paragraphs; a 300,000-character body in 6,000 paragraphs would average 50
# characters a paragraph.
MAX_PAGE_BYTES = 4 * 1024 * 1024
MAX_PARAGRAPHS = 6_000


def page_cost_refusal(
    html: str | bytes, max_bytes: int = MAX_PAGE_BYTES, max_paragraphs: int = MAX_PARAGRAPHS
) -> tuple[str, str] | None:
    """``(reason, detail)`` when the page is too big to be an article, before any parsing
    (pure; reasons ``page_too_large`` and ``too_many_paragraphs``; a limit of 0 is off);
    else None. The crawl's limits are the settings PAGE_MAX_BYTES and PAGE_MAX_PARAGRAPHS."""
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "surrogatepass"))
    if max_bytes and size > max_bytes:
        return (
            "page_too_large",
            f"{size:,} bytes, more than any article page (PAGE_MAX_BYTES {max_bytes:,})",
        )
    opening = (b"<p", b"<P") if isinstance(html, bytes) else ("<p", "<P")
    paragraphs = html.count(opening[0]) + html.count(opening[1])  # type: ignore[arg-type]
    if max_paragraphs and paragraphs > max_paragraphs:
        return (
            "too_many_paragraphs",
            f"{paragraphs:,} paragraph-like tags, more than any article "
            f"(PAGE_MAX_PARAGRAPHS {max_paragraphs:,})",
        )
    return None

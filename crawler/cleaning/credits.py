"""Trailing credits of a body: the contributors line and the wire-agency credit.

Both functions look at the *end* of the body only and are re-exported by
:mod:`crawler.cleaning.boilerplate` (kept here for the module size budget).
Either may run first: each one skips over a trailing block that the other
one owns.

Shapes handled::

    "—With a report from Juan Dela Cruz"               (own block)
    "—WITH REPORTS FROM JULIE AURELIO, TJ BURGONIO AND MARLON RAMOS"
    "With reports from Jane Doe and John Roe"          (own block; names checked)
    "...he said. —With a report from Juan Dela Cruz"   (end of the last paragraph)
    "—AFP", "— Reuters", "--AP", "(AFP)", "AFP/Reuters" (own block)
    "...he said. —AFP", "...he said. (Xinhua)"         (end of the last paragraph)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from crawler.cleaning.bylines import AGENCY_ALIASES, split_names
from crawler.cleaning.text import normalize_block

__all__ = ["split_contributors", "split_wire_credit"]

Blocks = list[tuple[str, str]]
Matcher = Callable[[str], "tuple[str, str] | None"]

_LABEL = (
    r"(?i:with (?:a |an |additional )?reports? (?:from|by)|(?:additional )?reports? from"
    r"|may ulat(?: mula kay| mula sa| nina| ni)?)"
)
_SENTENCE_END = r"[.!?”\"’)\]]"
_CONTRIB_BLOCK_RE = re.compile(
    r"[(\[]?\s*(?P<dash>[—–-]{1,2})?\s*" + _LABEL + r"\s*:?\s*(?P<names>[^\s].{0,199})"
)
_CONTRIB_TAIL_RE = re.compile(
    r"(?P<lead>.*?"
    + _SENTENCE_END
    + r")\s*(?:[—–-]{1,2}|\()\s*"
    + _LABEL
    + r"\s*:?\s*(?P<names>[^\s].{0,199})"
)
_NAME_RE = re.compile(
    r"[A-ZÑÁÉÍÓÚ][\w.’'-]*(?:\s+(?:[A-ZÑÁÉÍÓÚ][\w.’'-]*|de|del|dela|de la|delos|de los|y|van"
    r"|von|da|dos|bin|ng))*"
)
_NAMES_SPLIT_RE = re.compile(r"\s*[,;&]\s*(?:and\s+)?|\s+(?:and|at)\s+", re.IGNORECASE)

_SHORT_AGENCIES = r"AFP|AP|PNA|EFE|dpa|DPA|ANI|UPI|ANN|TASS|REUTERS|XINHUA|BLOOMBERG|KYODO"
_LONG_AGENCIES = "|".join(
    re.escape(a) for a in sorted(AGENCY_ALIASES, key=len, reverse=True) if len(a) > 4
)
_AGENCY = r"(?:" + _SHORT_AGENCIES + r"|(?i:" + _LONG_AGENCIES + r"))"
_CREDIT = _AGENCY + r"(?:\s*(?:/|,|&|\band\b)\s*" + _AGENCY + r")*"
_WIRE_BLOCK_RE = re.compile(r"[(\[]?\s*(?:[—–-]{1,2}\s*)?(?P<credit>" + _CREDIT + r")\s*[)\]]?\.?")
_WIRE_TAIL_RES = (
    re.compile(
        r"(?P<lead>.*?"
        + _SENTENCE_END
        + r")\s*(?:[—–-]{1,2}\s*(?P<credit>"
        + _CREDIT
        + r")|\(\s*(?P<paren>"
        + _CREDIT
        + r")\s*\))\.?"
    ),
    re.compile(r"(?P<lead>.*\S)\s+[—–](?P<credit>" + _CREDIT + r")\.?"),
)


def _valid_blocks(blocks: object) -> Blocks:
    if not isinstance(blocks, (list, tuple)):
        return []
    return [
        (item[0], item[1])
        for item in blocks
        if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str)
    ]


def _looks_like_names(names: str) -> bool:
    """Every listed item is a capitalised name: guards the dash-less form."""
    items = [i for i in _NAMES_SPLIT_RE.split(names.rstrip(".)] ")) if i]
    return bool(items) and all(_NAME_RE.fullmatch(i) for i in items)


def _match_contributors(text: str) -> tuple[str, str] | None:
    """(text left, names text) if ``text`` is or ends with a contributors line."""
    whole = _CONTRIB_BLOCK_RE.fullmatch(text)
    if whole and (whole.group("dash") or _looks_like_names(whole.group("names"))):
        return "", whole.group("names").rstrip(")] ")
    tail = _CONTRIB_TAIL_RE.fullmatch(text)
    if tail:
        return tail.group("lead").strip(), tail.group("names").rstrip(")] ")
    return None


def _match_wire(text: str) -> tuple[str, str] | None:
    """(text left, credit as printed) if ``text`` is or ends with a wire credit."""
    whole = _WIRE_BLOCK_RE.fullmatch(text)
    if whole:
        return "", whole.group("credit")
    for pattern in _WIRE_TAIL_RES:
        tail = pattern.fullmatch(text)
        if tail:
            return tail.group("lead").strip(), tail.group("credit") or tail.group("paren")
    return None


def _split_tail(blocks: Blocks, match: Matcher, other: Matcher) -> tuple[Blocks, str | None]:
    """Find the trailing credit ``match`` owns, skipping one trailing ``other`` block."""
    for index in (len(blocks) - 1, len(blocks) - 2):
        if index < 0:
            break
        kind, text = blocks[index]
        clean = normalize_block(text)
        found = match(clean)
        if found is not None:
            left, credit = found
            rest = blocks[:index] + ([(kind, left)] if left else []) + blocks[index + 1 :]
            return rest, credit
        if index != len(blocks) - 1 or other(clean) is None:
            break
    return blocks, None


def split_contributors(blocks: Blocks) -> tuple[Blocks, list[str]]:
    """Remove a trailing "—With a report from X" line; return the names as printed.

    >>> split_contributors([("p", "The rains will go on, he said. —With a report from Ana Cruz")])
    ([('p', 'The rains will go on, he said.')], ['Ana Cruz'])
    >>> split_contributors([("p", "Text."), ("p", "—WITH REPORTS FROM A. CRUZ AND C. LIM")])
    ([('p', 'Text.')], ['A. CRUZ', 'C. LIM'])
    """
    valid = _valid_blocks(blocks)
    rest, names = _split_tail(valid, _match_contributors, _match_wire)
    if names is None:
        return valid, []
    return rest, split_names(names, keep_agencies=True)


def split_wire_credit(blocks: Blocks) -> tuple[Blocks, str | None]:
    """Remove a trailing wire credit ("—AFP", "(Reuters)", a last "AFP" block).

    Returns the credit as printed (``"AFP"``, ``"Reuters"``, ``"AFP/Reuters"``);
    map it with :func:`crawler.cleaning.bylines.normalize_agency`.

    >>> split_wire_credit([("p", "The talks ended on Friday. —AFP")])
    ([('p', 'The talks ended on Friday.')], 'AFP')
    """
    valid = _valid_blocks(blocks)
    return _split_tail(valid, _match_wire, _match_contributors)

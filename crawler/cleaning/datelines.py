"""Datelines: the place a story was filed from, printed before its first sentence.

=========================================================  =============================
first block                                                split_dateline(...)[0]
=========================================================  =============================
``MANILA, Philippines — President Marcos on Monday …``      ``MANILA, Philippines``
``LUCENA CITY, Philippines—Disappointed with …`` (2012)     ``LUCENA CITY, Philippines``
``BEIJING/TAIPEI — China’s military …``                    ``BEIJING/TAIPEI``
``MALOLOS CITY, Bulacan — …`` / ``CEBU CITY — …``           as printed
``WASHINGTON (AP) — …``                                    ``WASHINGTON`` (agency dropped)
``MANILA -- …`` / ``MANILA – …`` / ``MANILA - …``           ``MANILA``
=========================================================  =============================

Edge rules (decisions, each tested):

- The place starts with an ALL-CAPS word; title-case openings ("President
  Marcos — in a speech — said") are prose, never datelines.
- A lone caps word needs four letters or more and must not be a kicker or
  organisation word: "NBA — The Lakers …", "DOH — …", "BREAKING — …",
  "COMELEC — …" are not datelines. Several caps words ("CEBU CITY"), a slash
  ("BEIJING/TAIPEI") or a ", Region" part make a dateline.
- A caps phrase with a verb in it ("OFFICIALS SAID —") is not a place.
- The separator is an em dash, en dash, horizontal bar or ``--`` (spaces
  optional) or a hyphen with spaces around it.
- A dateline with nothing after it (``"MANILA, Philippines —"``) gives
  ``(place, "")``; text with no separator (one caps word, empty text) gives
  ``(None, text)``.
"""

from __future__ import annotations

import re

from crawler.cleaning.text import normalize_whitespace

__all__ = ["NON_PLACE_WORDS", "split_dateline"]

# fmt: off
#: Caps words that open a story without being a place (kickers, organisations).
NON_PLACE_WORDS: frozenset[str] = frozenset(
    {
        "BREAKING", "UPDATE", "UPDATED", "UPDATES", "EXCLUSIVE", "ANALYSIS", "EDITORIAL",
        "OPINION", "CORRECTION", "ERRATUM", "WATCH", "LOOK", "LISTEN", "READ", "NEWS",
        "REPORT", "FACT", "CHECK", "PHOTOS", "PHOTO", "VIDEO", "LIVE", "BULLETIN",
        "ADVISORY", "FLASH", "SPECIAL", "FEATURE", "COMMENTARY", "LATEST", "ALERT",
        "UAAP", "NCAA", "FIBA", "FIFA", "COVID", "MMDA", "DILG", "DPWH", "DOTR", "DENR",
        "LTFRB", "NDRRMC", "COMELEC", "PAGASA", "PHIVOLCS", "PHILHEALTH", "NEDA", "DEPED",
        "CHED", "TESDA", "OWWA", "DSWD", "DOLE", "DICT", "PCSO", "PAGCOR", "MERALCO",
        "ASEAN", "NATO", "OPEC", "NASA", "UNESCO", "UNICEF", "SEAG", "GILAS", "ABS-CBN",
        "SENATE", "CONGRESS", "PALACE", "MIAA", "PSEI",
    }
)
# fmt: on
_VERBS = frozenset(
    {"SAID", "SAYS", "SAY", "IS", "ARE", "WAS", "WERE", "WILL", "HAS", "HAVE", "HAD"}
)

_UPPER = "A-ZÑÁÉÍÓÚÜÀÈÌÒÙÂÊÎÔÛÇ"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}.'’\-]*"
_PARTICLE = r"(?:de|del|dela|de la|delos|la|los|ng|of|and)"
_REGION = rf"[{_UPPER}][\w.'’\-]*(?:\s+(?:[{_UPPER}][\w.'’\-]*|{_PARTICLE}))*"
_DATELINE_RE = re.compile(
    rf"(?P<place>{_CAPS_WORD}(?:\s+(?:{_CAPS_WORD}|{_PARTICLE}))*"
    rf"(?:\s*/\s*{_CAPS_WORD}(?:\s+{_CAPS_WORD})*)*)"
    rf"(?P<region>(?:\s*,\s*{_REGION}){{0,2}})"
    r"(?:\s*\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?"
    r"(?:\s*(?:—|–|―|--)\s*|\s+-\s+)"
    r"(?P<rest>.*)",
    re.DOTALL,
)
_MAX_PLACE_CHARS = 60


def _is_place(place: str, region: str) -> bool:
    """Apply the edge rules of the module docstring to a matched caps phrase."""
    words = place.replace("/", " ").split()
    if len(place) > _MAX_PLACE_CHARS or len(words) > 6:
        return False
    if any(w.strip(".'’-") in _VERBS for w in words):
        return False
    if region or "/" in place or len(words) > 1:
        return not any(w.strip(".'’-") in NON_PLACE_WORDS for w in words)
    word = words[0].strip(".'’-")
    return sum(c.isalpha() for c in word) >= 4 and word not in NON_PLACE_WORDS


def split_dateline(text: str) -> tuple[str | None, str]:
    """Split a leading dateline off the first body block.

    Args:
        text: the first paragraph, as printed.

    Returns:
        ``(place as printed, rest of the text)``, or ``(None, text)`` when the
        text has no dateline.

    >>> split_dateline("MANILA, Philippines — The Senate on Monday …")
    ('MANILA, Philippines', 'The Senate on Monday …')
    >>> split_dateline("WASHINGTON (AP) — The Supreme Court …")
    ('WASHINGTON', 'The Supreme Court …')
    >>> split_dateline("NBA — The Lakers won.")
    (None, 'NBA — The Lakers won.')
    """
    if not isinstance(text, str):
        return None, ""
    match = _DATELINE_RE.match(text.lstrip())
    if match is None or not _is_place(match.group("place"), match.group("region")):
        return None, text
    place = normalize_whitespace(match.group("place") + match.group("region"))
    return place, match.group("rest").lstrip()

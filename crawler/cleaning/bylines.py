"""Bylines: person names out of the printed byline, wire agencies out of credits.

Shapes seen on inquirer.net and its sister sites (see
``docs/inquirer-site.md`` §2):

======================================================  ===============================
raw                                                     normalize_byline(raw)
======================================================  ===============================
``"BY:\\xa0 Juan Dela Cruz"`` (listing pages)            ``["Juan Dela Cruz"]``
``"By: Artemio V. Panganiban | 05:30 AM May 25, 2026"``  ``["Artemio V. Panganiban"]``
``"Ervin Santiago - November 25, 2026 - 10:00 AM"``      ``["Ervin Santiago"]`` (Bandera)
``"Jane Doe, John Roe and Ana Cruz - Inquirer Mindanao"`` ``["Jane Doe", "John Roe", "Ana Cruz"]``
``"Juan Dela Cruz @inquirerdotnet"``                     ``["Juan Dela Cruz"]``
``"Agence France-Presse"`` / ``"INQUIRER.net"``           ``[]``
======================================================  ===============================

Agencies never become authors: :func:`normalize_agency` maps them to one
canonical name each.
"""

from __future__ import annotations

import re
from functools import lru_cache

from crawler.cleaning.text import normalize_whitespace

__all__ = [
    "AGENCY_ALIASES",
    "BYLINE_PREFIXES",
    "OUTLET_NAMES",
    "ROLE_WORDS",
    "is_outlet_name",
    "normalize_agency",
    "normalize_byline",
    "split_names",
    "strip_desk_suffix",
]

# fmt: off
#: Labels printed before the names (English and Filipino), matched case-blind.
BYLINE_PREFIXES: tuple[str, ...] = (
    "by", "written by", "words by", "text by", "story by", "report by", "reported by",
    "posted by", "compiled by", "ni:",
)
# Filipino "ni"/"nina" ("by") only in lower case: "Nina Santos" is a name.
_FILIPINO_PREFIXES = ("isinulat ni", "ulat ni", "nina", "ni")

#: Job titles and bureau names that follow a name; a part made only of these
#: words (plus an outlet name) is dropped.
ROLE_WORDS: tuple[str, ...] = (
    "reporter", "reporters", "contributor", "contributors", "correspondent",
    "correspondents", "columnist", "editor", "editors", "writer", "writers", "intern",
    "interns", "trainee", "staff", "desk", "bureau", "chief", "research", "researcher",
    "photographer", "photojournalist", "senior", "junior", "special", "contributing",
    "guest", "student", "news", "business", "sports", "entertainment", "lifestyle",
    "inquirer", "mindanao", "visayas", "luzon", "southern", "northern", "central",
    "bicol", "metro", "us", "usa", "admin", "anonymous", "editorial", "team", "wires",
    "philippine", "daily", "cebu",
)

#: The site's own outlet names (and sister titles): never a person, never an agency.
OUTLET_NAMES: tuple[str, ...] = (
    "INQUIRER.net", "Inquirer.net", "Philippine Daily Inquirer", "PDI", "Inquirer",
    "The Inquirer", "Inquirer News", "Cebu Daily News", "CDN Digital", "CDN", "Bandera",
    "Inquirer Bandera", "Pop", "POP!", "Inquirer Pop", "Inquirer Lifestyle",
    "Inquirer Plus", "INQUIRER PLUS", "Inquirer USA", "INQUIRER.net USA", "Radyo Inquirer",
    "Inquirer Libre", "Inquirer Mobile", "Hinge Inquirer", "Inquirer Esports",
)

#: Alias (case-folded) -> canonical agency name.
AGENCY_ALIASES: dict[str, str] = {
    "afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
    "agence france presse": "Agence France-Presse", "reuters": "Reuters",
    "thomson reuters": "Reuters", "ap": "Associated Press",
    "associated press": "Associated Press", "the associated press": "Associated Press",
    "xinhua": "Xinhua", "xinhua news agency": "Xinhua", "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg", "kyodo": "Kyodo News", "kyodo news": "Kyodo News",
    "pna": "Philippine News Agency", "philippine news agency": "Philippine News Agency",
    "efe": "EFE", "agencia efe": "EFE", "dpa": "Deutsche Presse-Agentur",
    "deutsche presse-agentur": "Deutsche Presse-Agentur", "ani": "ANI",
    "asian news international": "ANI", "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap", "bernama": "Bernama", "antara": "Antara",
    "jiji press": "Jiji Press", "anadolu agency": "Anadolu Agency", "tass": "TASS",
    "upi": "United Press International", "united press international": "United Press International",
    "asia news network": "Asia News Network", "ann": "Asia News Network",
    "the straits times/asia news network": "Asia News Network",
}
# fmt: on

_SHORT_ALIASES = {"afp", "ap", "pna", "efe", "dpa", "ani", "upi", "ann", "tass"}
_AGENCY_CASED_RE = re.compile(r"(?<![\w-])(AFP|AP|PNA|EFE|dpa|DPA|ANI|UPI|ANN|TASS)(?![\w-])")
_AGENCY_LONG_RE = re.compile(
    r"(?<![\w-])("
    + "|".join(
        re.escape(a)
        for a in sorted(AGENCY_ALIASES, key=len, reverse=True)
        if a not in _SHORT_ALIASES and "/" not in a
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)

_OUTLET_KEYS = frozenset(o.casefold() for o in OUTLET_NAMES)
_ROLE_KEYS = frozenset(ROLE_WORDS) | {"the", "of", "for", "and", "net", "inquirer.net", "pdi"}
_PREFIX_RE = re.compile(
    r"^(?:(?i:"
    + "|".join(re.escape(p) for p in sorted(BYLINE_PREFIXES, key=len, reverse=True))
    + r")(?:\s*:\s*|\s+|$)|(?:"
    + "|".join(_FILIPINO_PREFIXES)
    + r")\s+)"
)
_CONNECTOR_RE = re.compile(r"^(?:and|with)\s+|\s+(?:and|with)$", re.IGNORECASE)
_FILIPINO_PREFIX_RE = re.compile(r"^(?:" + "|".join(_FILIPINO_PREFIXES) + r")\s")
# The e-mail branch starts only where a run of address characters starts: tried at every
# position of a long run, it would rescan the rest of the run each time (quadratic).
_HANDLE_RE = re.compile(r"(?:https?://|www\.)\S*|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w*")
_SEGMENT_SPLIT_RE = re.compile(r"\s*\|\s*|\s+[-–—]+\s+|\s*[()\[\]]\s*|\s*/\s*")
_NAME_SPLIT_RE = re.compile(r"\s*[,;&]\s*(?:and\s+)?|\s+(?:and|with)\s+", re.IGNORECASE)
_FILIPINO_SPLIT_RE = re.compile(r"\s+at\s+")
_TIME_RE = re.compile(
    r"\d{1,2}:\d{2}|\b\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
    re.IGNORECASE,
)
_SUFFIX_RE = re.compile(r"^(?:jr|sr|ii|iii|iv|v)\.?$", re.IGNORECASE)
_KEEP_PERIOD_RE = re.compile(r"(?:^|\s)(?:[^\W\d_]|jr|sr|sta|sto|ma|snr|st)\.$", re.IGNORECASE)
_EDGE_JUNK = " .,:;'\"‘’“”-–—|*_#+=~"


def is_outlet_name(name: str) -> bool:
    """True for the site's own outlet names, e.g. ``"INQUIRER.net"``, ``"Bandera"``."""
    if not isinstance(name, str):
        return False
    return normalize_whitespace(name).strip(_EDGE_JUNK).casefold() in _OUTLET_KEYS


def _is_role(part: str) -> bool:
    """True if every word of ``part`` is a role/bureau word (``Inquirer Mindanao``)."""
    words = part.casefold().replace("u.s.", "us").replace(".", " ").split()
    return bool(words) and all(w in _ROLE_KEYS for w in words)


def _clean_part(part: str) -> str:
    """Strip prefixes and edge punctuation until stable; keep ``Jr.``/initial periods.
    At most 8 rounds: "By: By: By: ..." a hundred thousand times is not a byline, and each
    round scans the whole text."""
    previous = None
    for _ in range(8):
        if part == previous:
            break
        previous = part
        part = _PREFIX_RE.sub("", part.strip(_EDGE_JUNK.replace(".", "")))
        part = _CONNECTOR_RE.sub("", part)
        if part.endswith(".") and not _KEEP_PERIOD_RE.search(part):
            part = part[:-1]
        part = part.strip(_EDGE_JUNK.replace(".", "")).lstrip(".")
    return part


#: Words a desk or outlet suffix glued to the last name starts with ("Erwin Magbanua
#: Inquirer Visayas", "Jane Doe INQUIRER.net", "Ana Cruz Philippine Daily Inquirer").
_DESK_STARTS = frozenset({"inquirer", "inquirer.net", "pdi", "philippine", "cebu", "bandera"})
_MAX_DESK_WORDS = 5  # "Philippine Daily Inquirer U.S. Bureau"
_MAX_NAME_WORDS = 7  # a longer part is no name (_is_name)


def strip_desk_suffix(part: str) -> str:
    """``"Erwin Magbanua Inquirer Visayas"`` -> ``"Erwin Magbanua"``: a trailing run of
    desk/outlet words that starts with an outlet word is cut (a byline printed without
    separators); a part made only of such words is left for the role check."""
    words = part.split()
    if len(words) > _MAX_NAME_WORDS + _MAX_DESK_WORDS:  # no name, whatever its end
        return part
    for index in range(max(1, len(words) - _MAX_DESK_WORDS), len(words)):
        suffix = words[index:]
        if (
            suffix[0].casefold() in _DESK_STARTS
            and (len(suffix) > 1 or suffix[0].casefold() in _OUTLET_KEYS)
            and _is_role(" ".join(suffix))
        ):
            return " ".join(words[:index])
    return part


def _is_name(part: str) -> bool:
    """A plausible person name: has letters, no digits, short, not an outlet/role/agency."""
    if not part or len(part) > 60 or len(part.split()) > _MAX_NAME_WORDS:
        return False
    if any(c.isdigit() for c in part) or not any(c.isalpha() for c in part):
        return False
    key = part.casefold()
    return key not in _OUTLET_KEYS and key not in AGENCY_ALIASES and not _is_role(part)


def split_names(text: str, keep_agencies: bool = False) -> list[str]:
    """Split a names list ("A, B and C", "A & B") into cleaned parts, as printed.

    Used by :func:`normalize_byline` and by the contributors line cleaner
    (which keeps agencies: "With reports from AFP and Reuters").
    """
    text = normalize_whitespace(_HANDLE_RE.sub(" ", normalize_whitespace(text)))
    filipino = bool(_FILIPINO_PREFIX_RE.match(text))
    names: list[str] = []
    for segment in _SEGMENT_SPLIT_RE.split(text):
        date = _TIME_RE.search(segment)
        if date:
            segment = segment[: date.start()]
        parts = _NAME_SPLIT_RE.split(_clean_part(segment))
        if filipino:
            parts = [p for chunk in parts for p in _FILIPINO_SPLIT_RE.split(chunk)]
        for part in (strip_desk_suffix(_clean_part(p)) for p in parts):
            if names and _SUFFIX_RE.match(part):
                names[-1] = f"{names[-1]}, {part}"
            elif _is_name(part) or (keep_agencies and part.casefold() in AGENCY_ALIASES):
                names.append(part)
    return names


@lru_cache(maxsize=4096)
def _normalize_byline_cached(raw: str) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for name in split_names(raw):
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)


def normalize_byline(raw: str | None) -> list[str]:
    """Person names of a printed byline, in order, case as printed, deduplicated.

    Drops ``By:`` labels, roles (``Inquirer Mindanao``), ``@handles``, outlet
    and agency names and trailing ``| time`` / ``- date - time`` parts.

    >>> normalize_byline("By: Artemio V. Panganiban | 05:30 AM May 25, 2026")
    ['Artemio V. Panganiban']
    >>> normalize_byline("Jane Doe, John Roe and Ana Cruz - Inquirer Mindanao")
    ['Jane Doe', 'John Roe', 'Ana Cruz']
    """
    if not isinstance(raw, str) or not raw.strip():
        return []
    return list(_normalize_byline_cached(raw[:500]))


@lru_cache(maxsize=1024)
def _normalize_agency_cached(text: str) -> str | None:
    key = text.strip(_EDGE_JUNK + "()").casefold()
    if key in AGENCY_ALIASES:
        return AGENCY_ALIASES[key]
    if "asia news network" in key:
        return "Asia News Network"
    hits = [m for m in (_AGENCY_LONG_RE.search(text), _AGENCY_CASED_RE.search(text)) if m]
    if not hits:
        return None
    first = min(hits, key=lambda m: m.start())
    return AGENCY_ALIASES[first.group(1).casefold()]


def normalize_agency(raw: str | None) -> str | None:
    """The canonical wire-agency name in a credit, or None for staff/unknown.

    Short acronyms match only as printed in capitals (``AP``, ``AFP``, ``ANI``;
    ``dpa`` also lower case) so a surname like "Ani" is not an agency.

    >>> normalize_agency("By Jane Doe, Reuters")
    'Reuters'
    >>> normalize_agency("(AFP)")
    'Agence France-Presse'
    >>> normalize_agency("INQUIRER.net") is None
    True
    """
    if not isinstance(raw, str):
        return None
    text = normalize_whitespace(raw)[:300]
    return _normalize_agency_cached(text) if text else None

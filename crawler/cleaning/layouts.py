"""Small pure helpers for the subdomain templates (lifestyle, pop, bandera, cebudailynews).

Each one splits or orders *raw* texts read off a page; none of them parses a
date (that is :func:`crawler.cleaning.dates.parse_page_datetime`'s job).

>>> split_byline_date("Ervin Santiago - Nobyembre 25, 2026 - 10:00 AM")
('Ervin Santiago', 'Nobyembre 25, 2026 - 10:00 AM')
>>> split_byline_date("By: Mariel Alcantara")
('By: Mariel Alcantara', None)
>>> split_layout_caption("Photo from Facebook/Lito Manalo")
(None, 'Facebook/Lito Manalo')
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.cleaning.captions import split_caption_credit
from crawler.cleaning.text import normalize_whitespace

__all__ = ["has_time_of_day", "order_date_texts", "split_byline_date", "split_layout_caption"]

# English and Filipino month names (full or abbreviated), as printed on the subdomains.
_MONTH = (
    r"(?:jan|ene|feb|peb|mar|apr|abr|may|jun|hun|jul|hul|aug|ago|sep|set|oct|okt|nov|nob"
    r"|dec|dis)[a-z]*\.?"
)
# Where a date starts inside "Name - date - time": "November 25, 2026", "25 November, 2026",
# "2026-11-25", "10:23 PM March 21, 2025".
_DATE_START = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?!\d)\s*,?\s*\d{{4}}|\b\d{{1,2}}\s+{_MONTH}\s*,?\s*\d{{4}}"
    r"|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\s*[ap]\.?\s?m\b",
    re.IGNORECASE,
)
_TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
_SEPARATORS = " -–—|,·•/"
# A caption that is nothing but a credit: "Photo from Facebook/X", "Photos by X".
_CREDIT_ONLY = re.compile(
    r"^(?:(?:file\s+)?(?:photos?|images?|screengrabs?|screenshots?)\s+(?:by|from|courtesy of)"
    r"|courtesy of)\s*:?\s*(?P<credit>\S.*)$",
    re.IGNORECASE,
)


def split_byline_date(text: str | None) -> tuple[str | None, str | None]:
    """``(name part, date part)`` of one byline/date item; either may be None.

    The date part starts at the first month-day-year (English or Filipino
    month), day-month-year, ISO date or clock time; the separators between the
    two parts (`` - ``, ``|``, ``,``) are dropped. The name part is left as
    printed (``By:`` labels are the byline normaliser's business).
    """
    text = normalize_whitespace(text or "")
    if not text:
        return None, None
    match = _DATE_START.search(text)
    if match is None:
        return text, None
    name = text[: match.start()].strip(_SEPARATORS)
    date = text[match.start() :].strip(_SEPARATORS)
    return name or None, date or None


def has_time_of_day(text: str | None) -> bool:
    """True if a date text also shows a clock time (``07:45 AM``, ``18:05``)."""
    return bool(_TIME_OF_DAY.search(text or ""))


def order_date_texts(shown: Iterable[str | None], machine: Iterable[str | None]) -> list[str]:
    """Date candidates in the order the date stage should try them, duplicates dropped.

    Visible texts come first, then the machine-readable ones (JSON-LD, meta) —
    unless no visible text shows a time of day: then the machine values, which
    carry the time, come first and a date-only visible text is the fallback
    (read as midnight Manila time).
    """
    shown_texts = [normalize_whitespace(t) for t in shown if t and normalize_whitespace(t)]
    machine_texts = [t.strip() for t in machine if t and t.strip()]
    if any(has_time_of_day(t) for t in shown_texts):
        ordered = shown_texts + machine_texts
    else:
        ordered = machine_texts + shown_texts
    return list(dict.fromkeys(ordered))


def split_layout_caption(text: str | None) -> tuple[str | None, str | None]:
    """:func:`split_caption_credit`, plus captions that are only an unwrapped credit.

    ``"Photo from Facebook/Lito Manalo"`` -> ``(None, "Facebook/Lito Manalo")``.
    """
    caption, credit = split_caption_credit(text)
    if caption and credit is None:
        only = _CREDIT_ONLY.match(caption)
        if only:
            return None, only.group("credit").strip() or None
    return caption, credit

"""Split a photo caption into its text and its credit.

>>> split_caption_credit("Fans queue in Pasay. —Photo by Niño Jesus Orbeta | INQUIRER")
('Fans queue in Pasay.', 'Niño Jesus Orbeta | INQUIRER')
>>> split_caption_credit("Rescuers search the rubble in Manila, June 5, 2023. REUTERS/Eloisa Lopez")
('Rescuers search the rubble in Manila, June 5, 2023.', 'REUTERS/Eloisa Lopez')
"""

from __future__ import annotations

import re

from crawler.cleaning.text import normalize_whitespace

# A trailing "(…)" credit: (AP Photo/…), (File photo from INQUIRER / …), (Photo by …)
_PAREN_CREDIT = re.compile(
    r"\s*\(((?:AP|AFP|REUTERS|EPA|Xinhua)\b[^()]*|(?:File )?photo\b[^()]*|[^()]*\bPHOTO\b[^()]*"
    r"|[^()]*\bINQUIRER\b[^()]*)\)\s*$",
    re.I,
)
# A trailing "—credit" (em dash / double hyphen):
# e.g. "—Photo by X | INQUIRER", "—NIÑO JESUS ORBETA"
_DASH_CREDIT = re.compile(
    r"\s*(?:—|--|–)\s*((?:Photo|Screengrab|Image|Contributed)[^—]*|INQUIRER\.net|[^—a-z]{3,80})$"
)
# A trailing wire credit after the last sentence: "… 2023. REUTERS/Name", "… AFP", "… AP Photo/Name"
_WIRE_CREDIT = re.compile(
    r"(?<=[.!?”\"])\s+((?:REUTERS|AFP|AP|EPA-EFE|EPA|XINHUA|ANTARA)(?:\s*(?:PHOTO|Photo))?"
    r"(?:\s*/\s*[^/]{2,60})*|[A-Z][A-Z .]+ PHOTO(?:\s*/\s*.+)?"
    r"|(?:INQUIRER|CONTRIBUTED|FILE) PHOTO.*)$"
)
_PHOTO_BY = re.compile(
    r"^(?:(?:file\s+)?(?:photo|image|screengrab)s?\s+(?:by|from|courtesy of)\s*:?\s*)", re.I
)


def split_caption_credit(text: str | None) -> tuple[str | None, str | None]:
    """``(caption, credit)``; either may be None. The credit keeps its printed form,
    without the ``—Photo by`` / ``(…)`` wrapper."""
    text = normalize_whitespace(text or "")
    if not text:
        return None, None
    for pattern in (_PAREN_CREDIT, _DASH_CREDIT, _WIRE_CREDIT):
        match = pattern.search(text)
        if match and match.group(1).strip():
            caption = text[: match.start()].strip() or None
            credit = _PHOTO_BY.sub("", match.group(1).strip()).strip() or None
            return caption, credit
    return text, None

"""Page furniture: what must never reach a stored article body.

The tables below are whole-block patterns (``re.fullmatch`` on a normalised
block, markdown ``*``/``_`` wrappers ignored); each row is a string seen on
inquirer.net or a sister site (``docs/inquirer-site.md``).
:func:`is_furniture` asks "is this whole block furniture?";
:func:`strip_boilerplate` cleans a body's block list.

Rules of :func:`strip_boilerplate` (each one tested):

- A furniture block is dropped; an empty block is dropped.
- The verbatim furniture texts (Brevo form messages, "Article continues after
  this advertisement", cookie banner sentences, ...) are cut out wherever they
  sit inside a block; none of :data:`FURNITURE_PHRASES` survives.
- Inline inserts: an upper-case ``READ:``/``RELATED:``/``READ MORE:``/``WATCH:``
  label that follows a sentence end *inside* a paragraph starts a cross-link
  glued on by the CMS: the label and the rest of that block are cut, the prose
  before it is kept ("...prices. READ: PNP probes ..." -> "...prices."). A label
  with no sentence end before it is prose and is left alone; a block that
  starts with the label is an insert and is dropped whole. A leading/trailing
  upper-case ``ADVERTISEMENT`` label and a trailing "Comments to x@y" sign-off
  are cut the same way.
- Terminal markers (:data:`TERMINAL_PATTERNS`: "RELATED STORIES", "Read Next",
  "TAGS:", "FEATURED STORIES", "MOST READ", the copyright footer, the comments
  disclaimer, a column's closing rule line "—————-") end the body: that block
  and all after it (the columnist's bio and sign-off) are dropped. A
  marker met *before any real text* is only dropped (a sidebar that leaked in
  front of the story must not erase the story). The Brevo newsletter texts are
  not terminal: the body continues after the form.
- "* * *" breaks are dropped but are not terminal (columns go on after them).
- A block is judged both as printed and after the inline cuts, so a bio line
  with the sign-off glued on ("X is a former bank economist. Comments to x@y")
  goes whole, while "So it goes. Comments to x@y" keeps "So it goes.".
- The function is idempotent: its output is a fixed point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from crawler.cleaning.credits import split_contributors, split_wire_credit
from crawler.cleaning.text import normalize_block

__all__ = [
    "ADVERT_PATTERNS", "BREAK_PATTERNS", "COOKIE_PATTERNS", "CREDIT_PATTERNS", "FOOTER_PATTERNS",
    "FURNITURE_PHRASES", "INSERT_PATTERNS", "SHARE_PATTERNS", "SIGNOFF_PATTERNS",
    "SUBSCRIPTION_PATTERNS", "TERMINAL_PATTERNS",
    "is_furniture", "split_contributors", "split_wire_credit", "strip_boilerplate",
]  # fmt: skip

_I = re.IGNORECASE


def _table(*sources: str, flags: int = _I) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(s, flags) for s in sources)


COOKIE_PATTERNS = _table(
    r"(?:we|this (?:web)?site) uses? cookies\b.{0,300}?\b(?:experience|agree|consent|continu"
    r"|privacy|policy|learn more|find out more|accept)\b.{0,300}",
    r"by continuing(?: to (?:use|browse) (?:this|our) (?:web)?site)?,? you (?:are agreeing|agree"
    r"|consent) to (?:our|the) use of cookies.{0,200}",
    r"to find out more, please click this link\.?",
    r"(?:i agree|i accept|accept(?: all)?(?: cookies)?|got it|allow(?: all)? cookies"
    r"|cookie (?:settings|policy|preferences))[.!]?",
)
SUBSCRIPTION_PATTERNS = _table(
    r"your subscription could not be saved\.?(?: please try again\.?)?",
    r"your subscription has been successful\.?",
    r"subscribe to (?:our|the) (?:daily |weekly )?newsletters?[.!]?",
    r"by providing an email address\.? i agree to the terms of use.{0,150}",
    r"subscribe to inquirer plus\b.{0,300}",
    r"don[’']?t miss out(?: on the latest news(?: and information)?)?[.!…]*"
    r"(?: .{0,200}(?:subscribe|newsletter|inquirer plus|sign up|signing up).{0,100})?",
    r"(?:sign up|subscribe)(?: now)?(?: for| to) (?:our|the|inquirer)\b.{0,60}newsletters?\b"
    r".{0,100}",
    r"subscribe(?: now| here)?[.!]?|thank you for subscribing\b.{0,100}",
    r"enter your e-?mail(?: address)?(?: here)?[.:]?",
)
ADVERT_PATTERNS = _table(
    r"article continues after this advertisement\.?",
    r"advertisements?|advt\.?|ads?|sponsored(?: links?| content| stories| posts?| by .{1,60})?",
    r"(?:ads )?by taboola|taboola|outbrain|promoted(?: links| stories| content)?|you may like"
    r"|you might also like|recommended(?: for you| by .{1,30})?",
    r"continue reading below|scroll to continue(?: with content)?",
)
INSERT_PATTERNS = _table(
    r"(?:read(?: more| also)?|also read|related(?: stor(?:y|ies)| articles?| news| videos?)?"
    r"|see also|watch|basahin(?: din| rin)?)\s*[:|]\s*.{0,400}",
    r"related (?:stor(?:y|ies)|articles?|news|videos?)|read (?:next|more|also)|also read"
    r"|see also|more stories",
    r"iba pang (?:pasabog|balita)\b.{0,400}",
    r"(?:for more news about the novel coronavirus,? click here|what you need to know about"
    r" coronavirus|for more information on covid-19, call the doh hotline)\b.{0,200}",
    r"(?:click|tap) here\b.{0,150}",
    r"the inquirer foundation(?: supports\b.{0,300})?",
)
_SOCIAL = (
    r"(?:share(?: this(?: article| story| post)?)?(?: on)?|copy link|link copied|copied|tweet"
    r"|facebook|twitter|x|email|e-mail|print|viber|messenger|whatsapp|linkedin|reddit|telegram"
    r"|pinterest|threads|instagram|tiktok|youtube)"
)
SHARE_PATTERNS = _table(
    _SOCIAL + r"(?:\s*[:|·•,/]?\s*" + _SOCIAL + r")*\s*:?",
    r"view comments|comments?|\d+ comments?|(?:leave|post|add) a comment",
    r"follow (?:us|inquirer\.net|the inquirer|inquirer)\b.{0,150}",
    r"@[\w.]{2,30}(?:\s.{0,400})?",  # an embedded post's text: "@handle caption #tag"
)
_COPYRIGHT = (
    r"©.{0,200}",
    r"copyright\s*(?:©|\(c\)).{0,200}",
    r"copyright\b.{0,150}\ball rights reserved\b.{0,100}",
    r"all rights reserved\.?",
)
_COMMENT_RULES = (
    r"disclaimer\s*:.{0,600}\bcomments?\b.{0,600}",
    (
        r"(?:we|inquirer\.net|the inquirer|cebu daily news|cdn digital|bandera|management)"
        r" reserves? the right to (?:exclude|remove|delete|moderate|edit) comments\b.{0,300}"
    ),
    (
        r"(?:(?:please )?(?:read|see|view|follow) (?:our|the)|(?:inquirer\.net|the inquirer"
        r"|inquirer)[’']?s?) comment(?:s|ing)? (?:policy|guidelines)\b.{0,300}"
    ),
)
FOOTER_PATTERNS = _table(
    *_COPYRIGHT,
    *_COMMENT_RULES,
    r"(?:featured stories|editor[’']?s picks?|most read|latest news stories|latest stories"
    r"|trending(?: now)?|newsinfo|globalnation|inquirer (?:news|plus))[:.]?",
    r"tags?\s*:.{0,500}|tags",
    r"loading(?:\.\.\.|…)?|please wait(?:\.\.\.|…)?",
)
BREAK_PATTERNS = _table(r"[\s\-‐‑‒–—―_=~*•·.#+|/\\…°º^]+")
SIGNOFF_PATTERNS = _table(
    r"[—–\-\s]*(?:for |send |email |e-mail )?(?:comments?|feedback|reactions?|suggestions?"
    r"|questions?|e-?mail(?: the (?:author|writer|columnist))?|email address|write|contact"
    r"|reach (?:the author|him|her|me))\b[^@]{0,60}@[\w-]+(?:\.[\w-]+)+\.?"
    r"(?:\s+(?:or|and|[|;/]).{0,120})?",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+\.?",
    # a column's closing bio with the sign-off: "X is a former bank economist. Comments to x@y"
    r"(?:the (?:author|writer) is|[^!?]{2,60}? (?:is|was) (?:a|an|the)) [^@]{0,200}?[.!?]\s+"
    r"(?:comments?|feedback|e-?mail)\b[^@]{0,60}@[\w-]+(?:\.[\w-]+)+\.?",
)
# One token of a credit: punctuation, a capitalised word, or a small lower-case word.
_NAME_TOKEN = (
    r"(?:[/|,&():;]|[A-ZÑÁÉÍÓÚ0-9@][\w.’'@-]*|(?:de|del|dela|la|of|the|and|y|via|from|by"
    r"|courtesy|on|for|video|photo|footage|file)\b)"
)
CREDIT_PATTERNS = _table(
    r"[(\[]?[—–-]*\s*(?:[A-Z][\w.]*\s+){0,3}(?i:photos?|images?|screen ?grabs?|screenshots?"
    r"|videos?|graphics?|infographics?|illustrations?|courtesy)(?i:\s+(?:by|from|courtesy of|of"
    r"|mula sa))?\s*[:/|]?(?:\s*" + _NAME_TOKEN + r")*[)\].]*",
    r"[(\[]?[—–-]*\s*(?:AFP|AP|REUTERS|Reuters|EPA(?:-EFE)?|XINHUA|Xinhua|ANADOLU|KYODO|BLOOMBERG"
    r"|Bloomberg)(?i:\s*photos?)?\s*/\s*[A-ZÑÁÉÍÓÚ][\w.’'-]*(?:\s+" + _NAME_TOKEN + r")+[)\].]*",
    flags=0,
)
TERMINAL_PATTERNS = _table(
    r"related (?:stories|articles|news)\b.{0,400}",
    r"read next\b.{0,300}",
    r"tags?\s*:.{0,500}|tags",
    r"(?:featured stories|most read|latest news stories|editor[’']?s picks?)[:.]?",
    *_COPYRIGHT,
    r"disclaimer\s*:\s*the comments uploaded.{0,600}",
    r"view comments",
    r"[\s\-‐‑‒–—―_=~]{3,}",  # a closing rule line ("—————-"); "* * *" breaks are not terminal
)

#: Verbatim texts that never belong in a stored body (case-sensitive);
#: :func:`strip_boilerplate` guarantees none of them survives in its output.
# fmt: off
FURNITURE_PHRASES: tuple[str, ...] = (
    "Article continues after this advertisement", "Your subscription could not be saved",
    "Your subscription has been successful", "Subscribe to our daily newsletter",
    "By providing an email address. I agree to the Terms of Use",
    "acknowledge that I have read the Privacy Policy",
    "We use cookies to ensure you get the best experience on our website",
    "you are agreeing to our use of cookies", "Disclaimer: The comments uploaded",
    "© Copyright", "All Rights Reserved", "Follow INQUIRER.net",
    "The Inquirer Foundation supports", "IBA PANG PASABOG", "Subscribe to INQUIRER PLUS",
    "FEATURED STORIES", "LATEST NEWS STORIES", "EDITOR'S PICK", "MOST READ", "READ NEXT",
    "Read Next", "View comments", "* * *", "———",
)
# fmt: on


def _union(patterns: Iterable[re.Pattern[str]]) -> str:
    return "|".join(f"(?i:{p.pattern})" if p.flags & _I else f"(?:{p.pattern})" for p in patterns)


_ALL_FURNITURE = (
    COOKIE_PATTERNS + SUBSCRIPTION_PATTERNS + ADVERT_PATTERNS + INSERT_PATTERNS + SHARE_PATTERNS
    + FOOTER_PATTERNS + BREAK_PATTERNS + SIGNOFF_PATTERNS + CREDIT_PATTERNS + TERMINAL_PATTERNS
)  # fmt: skip
_WRAP = r"[\s*_]*"
# Patterns that need an "@" (sign-offs, @handles) run only on texts with one: same answer.
_AT_FURNITURE = SIGNOFF_PATTERNS + tuple(p for p in SHARE_PATTERNS if p.pattern.startswith("@"))
_FURNITURE_RE = re.compile(
    _WRAP + "(?:" + _union(p for p in _ALL_FURNITURE if p not in _AT_FURNITURE) + ")" + _WRAP
)
_AT_FURNITURE_RE = re.compile(_WRAP + "(?:" + _union(_AT_FURNITURE) + ")" + _WRAP)
_TERMINAL_RE = re.compile(_WRAP + "(?:" + _union(TERMINAL_PATTERNS) + ")" + _WRAP)
_MAX_FURNITURE_LEN = 1200

# Cut anywhere inside a block (sentence-long texts take their sentence along;
# end-of-page texts take the rest of the block along).
_INLINE_RE = re.compile(
    r"(?:[*_]*(?i:article continues after this advertisement)[*_]*\.?"
    r"|Your subscription could not be saved\.?(?:\s*Please try again\.?)?"
    r"|Your subscription has been successful\.?|Subscribe to our daily newsletter[.!]?"
    r"|By providing an email address\.? I agree to the Terms of Use(?: and acknowledge that I"
    r" have read the Privacy Policy)?\.?|(?:I agree to the Terms of Use and )?acknowledge that I"
    r" have read the Privacy Policy\.?"
    r"|We use cookies to ensure you get the best experience on our website\.?"
    r"|(?:By continuing, )?you are agreeing to our use of cookies\.?"
    r"|(?:Disclaimer: The comments uploaded|© Copyright|IBA PANG PASABOG"
    r"|The Inquirer Foundation supports|Subscribe to INQUIRER PLUS)\b.*"
    r"|Follow INQUIRER\.net\b[^.!?]*[.!?]?|(?:\*\s){2,}\*|———+-*)"
    + "|"
    + "|".join(re.escape(p) for p in FURNITURE_PHRASES)
)
_LABELS = (
    r"(?:READ MORE|READ ALSO|ALSO READ|READ|RELATED STOR(?:Y|IES)|RELATED|SEE ALSO|WATCH"
    r"|BASAHIN(?: DIN| RIN)?)"
)
# Lower-case keys, one of which every _INLINE_RE match contains: a cheap
# substring test spares the regex scan on ordinary paragraphs.
_INLINE_KEYS = (
    "advertis", "subscri", "email address", "privacy policy", "cookies", "disclaimer", "©",
    "rights reserved", "inquirer", "iba pang", "stories", "editor's pick", "most read",
    "read next", "view comments", "* *", "———",
)  # fmt: skip
# (substring that must be present, pattern): edge furniture cut from a block.
_EDGE_RES = (
    ("ADV", re.compile(r"^(?:ADVERTISEMENT|ADVT\.?)\s+(?=\S)")),
    ("ADV", re.compile(r"\s+(?:ADVERTISEMENT|ADVT\.?)$")),
    (":", re.compile(r"(?<=[.!?”\"’)\]])\s*(?:\*\*|_)?" + _LABELS + r"\s*:.*$")),
    (
        "@",
        re.compile(
            r"(?<=[.!?”\"’)\]])\s+[—–-]*\s*(?:Comments?|Feedback|E-?mail)\s*(?::|to|at)?\s*"
            r"[^\s@]*@[\w-]+(?:\.[\w-]+)+\.?$"
        ),
    ),
)


def _has_inline_key(text: str) -> bool:
    lowered = text.lower()
    for key in _INLINE_KEYS:
        if key in lowered:
            return True
    return False


def _clean_block(text: str) -> str:
    """Cut inline furniture from a normalised block until nothing changes (idempotent)."""
    previous = None
    while text != previous:
        previous = text
        if _has_inline_key(text):
            text = _INLINE_RE.sub(" ", text)
        for trigger, edge in _EDGE_RES:
            if trigger in text:
                text = edge.sub("", text)
        if text != previous:
            text = normalize_block(text)
    return text


def _is_terminal(text: str) -> bool:
    return bool(text) and len(text) <= _MAX_FURNITURE_LEN and bool(_TERMINAL_RE.fullmatch(text))


def _is_furniture_clean(text: str) -> bool:
    return len(text) <= _MAX_FURNITURE_LEN and (
        _FURNITURE_RE.fullmatch(text) is not None
        or ("@" in text and _AT_FURNITURE_RE.fullmatch(text) is not None)
    )


def is_furniture(text: str) -> bool:
    """True if the whole block is page furniture (banner, form text, insert, credit ...).

    Real sentences that only mention such words stay real text:

    >>> is_furniture("Article continues after this advertisement")
    True
    >>> is_furniture("The advertisement ran for two weeks, the FDA said.")
    False
    """
    if not isinstance(text, str):
        return False
    clean = normalize_block(text)
    return bool(clean) and _is_furniture_clean(clean)


def strip_boilerplate(
    blocks: list[tuple[str, str]], tail_only: bool = False
) -> list[tuple[str, str]]:
    """Drop furniture blocks, cut inline furniture, stop at a terminal marker.

    Args:
        blocks: ``(kind, text)`` pairs in page order, kind ``"p"`` or ``"h"``
            (any other kind becomes ``"p"``; malformed items are skipped).
        tail_only: a terminal marker ends the body only when fewer words follow it than
            were kept before it (the generic path: on an unknown layout a "©" photo credit
            or a "Related" box can sit mid-article); otherwise only its block goes.

    Returns:
        The cleaned, normalised, non-empty blocks (see the module docstring).
    """
    out: list[tuple[str, str]] = []
    if not isinstance(blocks, (list, tuple)):
        return out
    for index, item in enumerate(blocks):
        if not (isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str)):
            continue
        raw = normalize_block(item[1])
        text = _clean_block(raw)
        furniture = _is_furniture_clean(raw)  # every terminal pattern is furniture too
        if (furniture and _is_terminal(raw)) or (text != raw and _is_terminal(text)):
            if out and (not tail_only or _words_after(blocks, index) < _words(out)):
                break
            continue
        if text and not furniture and (text == raw or not _is_furniture_clean(text)):
            out.append(("h" if item[0] == "h" else "p", text))
    return out


def _words(blocks: Iterable[tuple[str, str] | object]) -> int:
    return sum(
        len(item[1].split())
        for item in blocks
        if isinstance(item, (list, tuple)) and len(item) == 2 and isinstance(item[1], str)
    )


def _words_after(blocks: list[tuple[str, str]], index: int) -> int:
    return _words(blocks[index + 1 :])

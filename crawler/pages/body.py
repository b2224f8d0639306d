"""The body of an article container: its block-level text at any depth, in document order.

:func:`collect_blocks` walks the container instead of reading a list of its children, so a
wrapper ``<div>`` around some paragraphs (or around the whole body) changes nothing:

- **Blocks** are paragraphs, crossheads (``h2``-``h6``; a ``<p>``, or a run of inline
  text, that holds only one ``<strong>``/``<b>``), quotes, prose list items, and runs of
  inline text sitting directly in a wrapper (``<div>text <em>more</em></div>``).
- **Furniture** is removed as a whole subtree, by structure first (tags such as ``form``,
  ``figure``, ``iframe``, ``aside``; class/id words such as ``ad``, ``share``,
  ``related``, ``embed``, ``caption``; hidden elements), then by phrase: an insert label
  (``READ:``, ``RELATED STORIES:``) alone, a label followed only by links, and lines whose
  text is all links to other Inquirer stories. Removing furniture never ends the body:
  what follows it is read as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml.etree import _Element

from crawler.cleaning.text import collapse_spaces

#: Leaf blocks and the kind of block each one is.
LEAF_KINDS = {
    "p": "p",
    "h1": "h",
    "h2": "h",
    "h3": "h",
    "h4": "h",
    "h5": "h",
    "h6": "h",
    "pre": "p",
    "dt": "p",
    "dd": "p",
    "address": "p",
}
#: Blocks that are leaves unless they hold other blocks (a quote of several paragraphs).
MAYBE_LEAF = {"li": "p", "blockquote": "p"}
#: Elements whose text flows inside a line.
INLINE_TAGS = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em",
        "font", "i", "img", "kbd", "mark", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture",
        "source", "amp-img",
    }
)  # fmt: skip
#: Elements that never hold text of the story, removed with everything inside them.
FURNITURE_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "button", "form", "iframe",
        "figure", "figcaption", "aside", "nav", "footer", "video", "audio", "object",
        "embed", "input", "select", "textarea", "label", "ins", "table", "amp-ad",
        "amp-iframe", "amp-embed", "amp-video", "amp-twitter", "amp-instagram",
        "amp-facebook", "amp-youtube", "canvas", "map", "dialog",
    }
)  # fmt: skip
# A class or id word (split on spaces, "-" and "_") that marks furniture: ad slots and their
# labels, share bars, related/read-next inserts, embeds, forms, captions, disclaimers.
_FURNITURE_WORD = re.compile(
    r"(?:^|[\s_-])(?:ads?|adlbl|adlabel|ad\d*|adslot\w*|advert\w*|adcontinue|adcont|mrec"
    r"|billboard|teads\w*|taboola\w*|outbrain|ob|gpt|dfp|instream|sponsor\w*|promo"
    r"|share\w*|sharing|sh|social|sociallinks|related\w*|relatedposts|yarpp|rn|readnext"
    r"|read-next|embed\w*|tweet|twitter|instagram|tiktok|facebook|fb|youtube|video\w*"
    r"|newsletter|subscribe|subscription|sib|caption\w*|headertext|footertext"
    r"|disclaimer|pasabog|comments?|outstream)(?=$|[\s_\d-])",
    re.I,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CROSSHEAD_TAGS = ("strong", "b")
_INSERT_LABEL = re.compile(
    r"^(?:READ MORE|READ ALSO|ALSO READ|READ|RELATED STOR(?:Y|IES)|RELATED(?: ARTICLES?| NEWS"
    r"| VIDEOS?)?|SEE ALSO|MORE STORIES|BASAHIN(?: DIN| RIN)?)\s*:?\s*",
    re.I,
)
# A link to another page of the site: absolute on any Inquirer host, or relative.
_SITE_LINK = re.compile(r"^\s*(?:/(?!/)|(?:https?:)?//(?:[\w-]+\.)*inquirer\.net(?:/|$))", re.I)
# Paragraphs, headings and list items carry layout classes, rarely furniture ones: only
# these words mark one of them as furniture (a stray "share" class must not drop prose).
_LEAF_FURNITURE_WORD = re.compile(
    r"(?:^|[\s_-])(?:caption\w*|headertext|footertext|adlbl|adlabel)(?=$|[\s_\d-])", re.I
)
_LEAF_TAGS = frozenset({*LEAF_KINDS, "li"})


@dataclass(slots=True)
class Block:
    """One block of text as read, with what the phrase pass needs to judge it."""

    kind: str
    text: str
    linked: int = 0  # characters of the text inside links to other Inquirer pages
    foreign_links: bool = False  # a link that leads off the site (or nowhere known)


def is_furniture_element(element: _Element) -> bool:
    """True for an element that holds no text of the story (by tag, class/id word, hiding)."""
    tag = element.tag
    if not isinstance(tag, str):
        return True  # comments, processing instructions
    tag = tag.lower()
    if tag in FURNITURE_TAGS:
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    if names.strip():
        if tag in INLINE_TAGS:
            pass  # inline text is judged by tag and hiding only
        elif (_LEAF_FURNITURE_WORD if tag in _LEAF_TAGS else _FURNITURE_WORD).search(names):
            return True
    return _is_hidden(element)


def _is_hidden(element: _Element) -> bool:
    return (
        element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


_CAPTION_WORD = re.compile(r"(?:^|[\s_-])caption", re.I)
# Social and video embeds by their providers' own class names (never prose).
_EMBED_CLASS = re.compile(
    r"twitter-tweet|twitter-video|instagram-media|tiktok-embed|fb-post|fb-video"
    r"|fb-xfbml-parse-ignore|wp-block-embed|embed-responsive",
    re.I,
)


def is_non_text_element(element: _Element) -> bool:
    """Furniture by tag, hiding, caption classes and the embed providers' own classes only:
    the narrow test the silent-loss check reads a container with (no ad/share/related class
    words, which may misfire)."""
    tag = element.tag
    if not isinstance(tag, str):
        return True
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return (
        tag.lower() in FURNITURE_TAGS
        or bool(names.strip() and (_CAPTION_WORD.search(names) or _EMBED_CLASS.search(names)))
        or _is_hidden(element)
    )


Furniture = Callable[[_Element], bool]


def collect_blocks(
    root: _Element, furniture: Furniture = is_furniture_element
) -> list[tuple[str, str]]:
    """The ``(kind, text)`` blocks of a body container, furniture removed (module docstring).
    ``furniture`` says which elements are left out with their subtree."""
    found: list[Block] = []
    _read_container(root, found, furniture)
    return [(block.kind, block.text) for block in drop_inserts(found)]


# --- the walk ----------------------------------------------------------------------------
def _tag(element: _Element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _holds_blocks(element: _Element, furniture: Furniture) -> bool:
    return any(
        _tag(node) not in INLINE_TAGS and not furniture(node)
        for node in element.iterdescendants()
        if isinstance(node.tag, str)
    )


def _read_element(element: _Element, out: list[Block], furniture: Furniture) -> None:
    tag = _tag(element)
    kind = LEAF_KINDS.get(tag)
    if kind is None and tag in MAYBE_LEAF and not _holds_blocks(element, furniture):
        kind = MAYBE_LEAF[tag]
    if kind is None:
        _read_container(element, out, furniture)
        return
    _read_leaf(element, kind, out, furniture)


def _read_leaf(element: _Element, kind: str, out: list[Block], furniture: Furniture) -> None:
    """A paragraph-like element: one block (two when a bold lead line is followed by a
    line break: that lead line is a crosshead)."""
    line = _Line(element.text, furniture)
    for index, child in enumerate(element):
        if _tag(child) == "br" and kind == "p" and line.is_crosshead() and index > 0:
            line.flush(out, kind)
            line = _Line(child.tail, furniture)
            continue
        line.add(child)
    line.flush(out, kind)


def _read_container(element: _Element, out: list[Block], furniture: Furniture) -> None:
    """A wrapper: its inline runs become blocks, its block children are read in turn."""
    line = _Line(element.text, furniture)
    for child in element:
        if _tag(child) == "br" and line.is_crosshead():  # a bold lead line, then the text
            line.flush(out, "p")
            line = _Line(child.tail, furniture)
            continue
        if _tag(child) in INLINE_TAGS or not isinstance(child.tag, str):
            line.add(child)
            continue
        line.flush(out, "p")
        if not furniture(child):
            _read_element(child, out, furniture)
        line = _Line(child.tail, furniture)
    line.flush(out, "p")


class _Line:
    """Inline text gathered up to the next block boundary."""

    __slots__ = ("bold", "foreign", "furniture", "linked", "others", "parts")

    def __init__(self, text: str | None, furniture: Furniture) -> None:
        self.parts = [text or ""]
        self.furniture = furniture
        self.linked = 0
        self.foreign = False
        self.bold = 0  # strong/b children
        self.others = bool((text or "").strip())  # text outside a strong/b

    def add(self, child: _Element) -> None:
        tag = _tag(child)
        if tag and not self.furniture(child):
            text = "".join(child.itertext()) if len(child) else (child.text or "")
            self.parts.append(text)
            self._note_links(child, tag)
            if tag in _CROSSHEAD_TAGS and text.strip():
                self.bold += 1
            elif text.strip():
                self.others = True
        tail = child.tail or ""
        self.parts.append(tail)
        if tail.strip():
            self.others = True

    def _note_links(self, child: _Element, tag: str) -> None:
        links = [child] if tag == "a" else list(child.iter("a"))
        for link in links:
            href = link.get("href") or ""
            if _SITE_LINK.match(href):
                self.linked += len(collapse_spaces("".join(link.itertext())).replace(" ", ""))
            else:
                self.foreign = True

    def is_crosshead(self) -> bool:
        return self.bold == 1 and not self.others

    def flush(self, out: list[Block], kind: str) -> None:
        text = collapse_spaces("".join(self.parts))
        if text:
            kind = "h" if kind == "p" and self.is_crosshead() else kind
            out.append(Block(kind, text, self.linked, self.foreign))


# --- silent-loss detection ------------------------------------------------------------
#: A layout body is "clearly less" than its container when it misses at least this many
#: words AND this share of the container's text (ad labels and share bars stay below both).
LOSS_MIN_WORDS = 30
LOSS_MIN_SHARE = 0.2


def _words(blocks: list[tuple[str, str]]) -> int:
    return sum(len(text.split()) for _, text in blocks)


def check_body_loss(
    root: _Element, blocks: list[tuple[str, str]], is_furniture_text: Callable[[str], bool]
) -> tuple[list[tuple[str, str]], str | None]:
    """Compare a layout's body with the visible text of its container minus recognised
    furniture (elements by tag and hiding, then furniture phrases): when the body clearly
    covers less, return the container's blocks and a problem that says so; else the body
    unchanged and None.

    Every word of the container's visible blocks is a word of its text, so when the
    container's whole text (scripts included) leaves too few words beyond the body for
    either bound, nothing can be missing and the container is not walked again."""
    kept = _words([block for block in blocks if not is_furniture_text(block[1])])
    ceiling = len(" ".join(root.itertext()).split()) - kept  # at least what is missing
    if ceiling < LOSS_MIN_WORDS or ceiling < LOSS_MIN_SHARE * kept:
        return blocks, None
    wide = [
        block
        for block in collect_blocks(root, is_non_text_element)
        if not is_furniture_text(block[1])
    ]
    visible = _words(wide)
    missing = visible - kept
    if missing >= LOSS_MIN_WORDS and missing >= LOSS_MIN_SHARE * visible:
        problem = f"body_loss: the layout body has {kept} of the {visible} words of its container"
        return wide, problem
    return blocks, None


# --- the phrase pass -------------------------------------------------------------------
def _is_link_line(block: Block) -> bool:
    """All the text sits inside links to Inquirer pages (a related-stories line)."""
    return (
        block.linked > 0
        and not block.foreign_links
        and len(block.text.replace(" ", "")) <= block.linked + 1
    )


def _is_insert(block: Block) -> bool:
    """An insert label alone (``RELATED STORIES:``), a label followed only by links to
    Inquirer stories, or a line of such links."""
    label = _INSERT_LABEL.match(block.text)
    if label is None or not (label.group().rstrip().endswith(":") or label.group()[-1:] == " "):
        return (label is not None and label.end() == len(block.text)) or _is_link_line(block)
    rest = block.text[label.end() :].replace(" ", "")
    return not rest or (
        block.linked > 0 and not block.foreign_links and len(rest) <= block.linked + 1
    )


def is_insert_label(text: str) -> bool:
    """``READ:``, ``RELATED STORIES:``, ``ALSO READ`` ... alone: the label of an insert."""
    label = _INSERT_LABEL.match(text)
    return label is not None and label.end() == len(text)


def _mostly_linked(block: Block) -> bool:
    """At least half the text inside links to the site (a related headline with its date)."""
    return block.linked > 0 and block.linked * 2 >= len(block.text.replace(" ", ""))


def drop_inserts(blocks: list[Block]) -> list[Block]:
    """Blocks without inserts and related-link lines; the body goes on after them. After an
    insert label, the lines that are mostly links go with it."""
    kept: list[Block] = []
    after_label = False
    for block in blocks:
        if _is_insert(block):
            after_label = after_label or is_insert_label(block.text)
            continue
        if after_label and _mostly_linked(block):
            continue
        after_label = False
        kept.append(block)
    return kept

"""Language-neutral furniture of an unknown layout, told by structure rather than wording.

The generic extractor's body can still carry what sits between and after paragraphs on many
sites: a cross-link insert ("Lea también: <headline>", "Auch lesen: <headline>", in any
language: a short label, a colon, and the text of a link on the page) and a closing box of
links under a heading ("Weitere Artikel zum Thema", "Contenido relacionado", ...). Both are
recognised by the page's link texts, never by words of one language.
"""

from __future__ import annotations

MAX_LABEL_WORDS = 4


def is_link_insert(text: str, link_texts: frozenset[str]) -> bool:
    """True for ``"<short label>: <a link's text>"`` and for a link's text alone.

    >>> is_link_insert("Read also: Flood waters recede", frozenset({"Flood waters recede"}))
    True
    >>> is_link_insert("Flood waters recede in the north", frozenset({"Flood waters recede"}))
    False
    """
    if text in link_texts:
        return True
    label, colon, rest = text.partition(":")
    return bool(colon) and len(label.split()) <= MAX_LABEL_WORDS and rest.strip() in link_texts


def is_label(text: str) -> bool:
    """A short label that announces what follows (``"Auch lesen:"``)."""
    return text.endswith(":") and len(text.split()) <= MAX_LABEL_WORDS


def drop_link_inserts(
    blocks: list[tuple[str, str]], link_texts: frozenset[str]
) -> list[tuple[str, str]]:
    """Drop cross-link inserts inside the body, and a label line right before one; a link's
    text standing alone is dropped only next to a label (a paragraph may be one link)."""
    out: list[tuple[str, str]] = []
    for kind, text in blocks:
        if text in link_texts and not (out and is_label(out[-1][1])):
            out.append((kind, text))
            continue
        if is_link_insert(text, link_texts):
            if out and is_label(out[-1][1]):
                out.pop()
            continue
        out.append((kind, text))
    return out


def drop_closing_links(
    blocks: list[tuple[str, str]], link_texts: frozenset[str]
) -> list[tuple[str, str]]:
    """Cut a closing heading followed only by link texts (a "related articles" box), and
    a heading or label that ends the body with nothing under it."""
    end = len(blocks)
    while end > 0:
        cut = end
        while cut > 0 and blocks[cut - 1][1] in link_texts and blocks[cut - 1][0] != "h":
            cut -= 1
        if cut > 0 and (blocks[cut - 1][0] == "h" or is_label(blocks[cut - 1][1])) and cut > 1:
            end = cut - 1
            continue
        break
    return blocks[:end]

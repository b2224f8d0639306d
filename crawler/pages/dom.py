"""DOM helpers shared by the subdomain layouts and the live blog (no field logic here).

- :func:`head_identity`: which site a page says it is (canonical/og:url host, og:site_name),
  for the layouts' ``matches``.
- :func:`is_hidden` and :func:`pruned`: pick the visible body copy and leave embeds out.
- :func:`collect_images`: featured and body photos with their captions, in page order.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.cssselect import CSSSelector
from lxml.etree import _Element

from crawler.cleaning.layouts import split_layout_caption
from crawler.items import ImageItem
from crawler.pages.base import ArticlePage, css, make_image, text_content

#: Embeds and widgets that sit among the body paragraphs but are not text of the story.
EMBEDS = (
    "blockquote.tiktok-embed, blockquote.instagram-media, blockquote.twitter-tweet, "
    "blockquote.twitter-video, blockquote.fb-xfbml-parse-ignore, .embed-responsive, "
    ".wp-block-embed, .sib-form, .cdn_newsletter, .iba-pang-pasabog, .art-disclaimer"
)
_CAPTIONS = css("figcaption, .wp-caption-text, .thumb-caption, .widget-image-caption")
_HEAD_TAG = re.compile(r"<(?:meta|link)\b[^>]*>", re.I)
_HEAD_END = re.compile(r"</head\s*>|<body\b", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@lru_cache(maxsize=8)
def head_identity(html: str) -> tuple[frozenset[str], str]:
    """Hosts of ``<link rel=canonical>`` and ``og:url``, and ``og:site_name`` in lower case."""
    hosts: set[str] = set()
    site = ""
    head_end = _HEAD_END.search(html)
    for tag in _HEAD_TAG.findall(html, 0, head_end.start() if head_end else 200_000):
        attrs = {m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
                 for m in _ATTR.finditer(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if (attrs.get("rel") or "").lower() == "canonical":
            hosts.add((urlsplit(attrs.get("href") or "").hostname or "").lower())
        elif key == "og:url":
            hosts.add((urlsplit(attrs.get("content") or "").hostname or "").lower())
        elif key == "og:site_name" and not site:
            site = (attrs.get("content") or "").strip().lower()
    return frozenset(h for h in hosts if h), site


def is_hidden(element: _Element) -> bool:
    """True if the element or an ancestor is hidden (``hidden``, ``aria-hidden``, display:none)."""
    return any(node.get("hidden") is not None or node.get("aria-hidden") == "true"
               or _HIDDEN_STYLE.search(node.get("style") or "")
               for node in (element, *element.iterancestors()))


def pruned(element: _Element, drop: CSSSelector) -> _Element:
    """A copy of ``element`` without the descendants ``drop`` selects (their tails kept)."""
    clone = copy.deepcopy(element)
    for node in drop(clone):
        parent, previous = node.getparent(), node.getprevious()
        if parent is None:
            continue
        if node.tail and previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        elif node.tail:
            parent.text = (parent.text or "") + node.tail
        parent.remove(node)
    return clone


def _is_figure(node: _Element) -> bool:
    classes = node.get("class") or ""
    return node.tag == "figure" or "wp-caption" in classes or "wp-block-image" in classes


def collect_images(page: ArticlePage, featured: list[_Element], body: _Element | None
                   ) -> list[ImageItem]:
    """Images of the featured containers and the body, in page order, one per URL.

    An image's caption is the caption inside its nearest figure (``figure``,
    ``.wp-caption``), else inside its featured container; a bare image in the
    body has none. Images in ``<noscript>`` (lazy-load duplicates) are skipped.
    """
    scopes = {*featured, *([body] if body is not None else [])}
    images: list[ImageItem] = []
    for img in page.tree.iter("img"):
        holder: _Element | None = None
        for node in img.iterancestors():
            if node.tag == "noscript":
                break
            if node in scopes:
                holder = holder if holder is not None or node is body else node
                caption_node = next(iter(_CAPTIONS(holder)), None) if holder is not None else None
                caption, credit = split_layout_caption(
                    text_content(caption_node) if caption_node is not None else "")
                image = make_image(page.image_url(img), caption, credit)
                if image and all(i.url != image.url for i in images):
                    images.append(image)
                break
            if holder is None and _is_figure(node):
                holder = node
    return images

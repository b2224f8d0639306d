"""DOM helpers shared by the subdomain layouts and the live blog (no field logic here).

- :func:`head_identity`: which site a page says it is (canonical/og:url/JSON-LD host,
  og:site_name/JSON-LD publisher), for the layouts' ``matches``.
- :func:`is_hidden` and :func:`pruned`: pick the visible body copy and leave embeds out.
- :func:`collect_images`: featured and body photos with their captions, in page order.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from typing import Any

from lxml.cssselect import CSSSelector
from lxml.etree import _Element

from crawler.cleaning.layouts import split_layout_caption
from crawler.items import ImageItem
from crawler.pages.base import ArticlePage, css, make_image, text_content
from crawler.pages.limits import json_ld_objects
from crawler.urls import host_of

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
_LD_BLOCK = re.compile(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_LD_PAGE_TYPES = frozenset(
    {"newsarticle", "article", "blogposting", "liveblogposting", "reportagenewsarticle", "webpage"}
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _host(url: object) -> str:
    return host_of(url) if isinstance(url, str) else ""


@lru_cache(maxsize=8)
def head_identity(html: str) -> tuple[frozenset[str], frozenset[str]]:
    """Which site the page says it is: ``(hosts, site names)``, lower case.

    Hosts come from ``<link rel=canonical>``, ``og:url`` and the JSON-LD
    ``url``/``@id``/``mainEntityOfPage`` of the article or web page; names from
    ``og:site_name`` and the JSON-LD publisher.
    """
    hosts: set[str] = set()
    names: set[str] = set()
    head_end = _HEAD_END.search(html)
    for tag in _HEAD_TAG.findall(html, 0, head_end.start() if head_end else 200_000):
        lowered = tag.lower()
        if "canonical" not in lowered and "og:" not in lowered:
            continue  # neither a canonical link nor og:url/og:site_name: no attribute parse
        attrs = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _ATTR.finditer(tag)
        }
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if (attrs.get("rel") or "").lower() == "canonical":
            hosts.add(_host(attrs.get("href")))
        elif key == "og:url":
            hosts.add(_host(attrs.get("content")))
        elif key == "og:site_name":
            names.add((attrs.get("content") or "").strip().lower())
    for obj in _ld_objects(html):
        types = obj.get("@type")
        if any(
            str(t).lower() in _LD_PAGE_TYPES
            for t in (types if isinstance(types, list) else [types])
        ):
            page = obj.get("mainEntityOfPage")
            hosts.update(
                _host(v)
                for v in (
                    obj.get("url"),
                    obj.get("@id"),
                    page.get("@id") if isinstance(page, dict) else page,
                )
            )
            publisher = obj.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                names.add(publisher["name"].strip().lower())
    return frozenset(hosts - {""}), frozenset(names - {""})


def _ld_objects(html: str) -> list[dict[str, Any]]:
    """JSON-LD objects of the page (``@graph`` flattened); unparseable blocks are skipped."""
    return json_ld_objects(_LD_BLOCK.findall(html))


def is_hidden(element: _Element) -> bool:
    """True if the element or an ancestor is hidden (``hidden``, ``aria-hidden``, display:none)."""
    return any(
        node.get("hidden") is not None
        or node.get("aria-hidden") == "true"
        or _HIDDEN_STYLE.search(node.get("style") or "")
        for node in (element, *element.iterancestors())
    )


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


def collect_images(
    page: ArticlePage, featured: list[_Element], body: _Element | None
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
                    text_content(caption_node) if caption_node is not None else ""
                )
                image = make_image(page.image_url(img), caption, credit)
                if image and all(i.url != image.url for i in images):
                    images.append(image)
                break
            if holder is None and _is_figure(node):
                holder = node
    return images

"""The fallback for layouts we do not know: trafilatura reads the body and metadata.

This is the only module that calls trafilatura.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import trafilatura

from crawler.items import RawArticle
from crawler.pages.base import ArticlePage, NotAnArticle, text_content
from crawler.pages.detect import check_page
from crawler.pages.inquirer import strip_title_suffix

_TITLE_SEPARATORS = re.compile(r"\s+(?:::|\||[-–—»·])\s+")


class GenericPage(ArticlePage):
    """Any news page: trafilatura's main-text extraction plus our metadata helpers."""

    layout: ClassVar[str] = "generic"
    version: ClassVar[str] = "trafilatura"

    def to_raw(self) -> RawArticle:
        check_page(self.url, self.html, self.page_source)
        canonical = self.canonical_url()
        published = [
            t
            for t in (
                self.ld_text("datePublished"),
                self.meta("article:published_time", "datePublished"),
            )
            if t
        ]
        modified = [
            t for t in (self.ld_text("dateModified"), self.meta("article:modified_time")) if t
        ]
        doc = self._extract()
        text = str(doc.get("text") or "")
        blocks = [("p", line.strip()) for line in text.split("\n") if line.strip()]
        title = (
            self.ld_text("headline")
            or self.meta("og:title")
            or doc.get("title")
            or self.html_title()
        )
        title = self._without_site_name(str(title)) if title else None
        if not blocks or not title:
            raise NotAnArticle("no_body", f"no article text found at {self.url}")
        if doc.get("date") and not published:
            published.append(str(doc["date"]))
        return RawArticle(
            url=self.url,
            canonical_url=canonical,
            title=strip_title_suffix(str(title)),
            blocks=blocks,
            extraction_method=self.extraction_method,
            section=self.meta("article:section") or self.ld_text("articleSection"),
            byline_raw=self._author() or doc.get("author"),
            published_raw=published,
            updated_raw=modified,
            tags=[t for t in (doc.get("tags") or []) if t]
            if isinstance(doc.get("tags"), list)
            else [],
            language=(doc.get("language") or self._lang() or "en"),
        )

    def _extract(self) -> dict[str, Any]:
        result = trafilatura.bare_extraction(
            self.html,
            url=self.url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            deduplicate=False,
        )
        if result is None:
            return {}
        return result.as_dict() if hasattr(result, "as_dict") else dict(result)

    def _without_site_name(self, title: str) -> str:
        """``"Highland Courier :: Baguio sets rule"`` -> ``"Baguio sets rule"``: prefer the
        page's own headline element, else drop the affix that names the site."""
        for h1 in self.tree.iter("h1"):
            text = text_content(h1)
            if text and len(text) >= 0.5 * len(title) and text in title:
                return text
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
        if len(parts) < 2:
            return title
        site = (self.meta("og:site_name") or "").casefold()
        kept = [p for p in parts if p.casefold() != site] or parts
        return max(kept, key=len)

    def _author(self) -> str | None:
        author = self.ld_article.get("author")
        items = author if isinstance(author, list) else [author]
        names = [a.get("name") if isinstance(a, dict) else a for a in items]
        joined = ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip())
        return joined or self.meta("author", "article:author")

    def _lang(self) -> str | None:
        lang = (self.tree.get("lang") or "").strip().lower()
        return lang.split("-")[0] if lang else None

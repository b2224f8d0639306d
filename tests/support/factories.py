"""Build ArticleItems for store tests without going through a page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from crawler.cleaning.stages import content_hash
from crawler.items import ArticleItem, ImageItem

MANILA = ZoneInfo("Asia/Manila")


def make_item(n: int = 1, **changes: Any) -> ArticleItem:
    title = changes.pop("title", f"Headline number {n}")
    body = changes.pop("body", f"First paragraph of story {n}.\n\nSecond paragraph of story {n}.")
    item = ArticleItem(
        url=f"https://newsinfo.inquirer.net/{2000000 + n}/story-{n}",
        canonical_url=f"https://newsinfo.inquirer.net/{2000000 + n}/story-{n}",
        site="inquirer.net",
        subdomain="newsinfo",
        site_article_id=str(2000000 + n),
        section="Nation",
        title=title,
        subtitle=None,
        authors=["Juan Dela Cruz", "Maria Santos"],
        agency=None,
        contributors=["Jose Reyes"],
        dateline="MANILA, Philippines",
        published_at=datetime(2026, 11, 27, 14, 5, tzinfo=MANILA),
        updated_at=None,
        published_at_raw="02:05 PM November 27, 2026",
        updated_at_raw=None,
        tags=["Marcos", "West Philippine Sea"],
        body=body,
        images=[
            ImageItem("https://newsinfo.inquirer.net/files/2026/11/a.jpg", "A caption", "REUTERS")
        ],
        language="en",
        word_count=len(body.split()),
        content_hash=content_hash(title, body),
        extraction_method="inquirer-default-v1",
    )
    item = replace(item, **changes)
    return item

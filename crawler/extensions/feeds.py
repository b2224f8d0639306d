"""Scrapy feed exporters (``scrapy crawl inquirer -O out.jsonl``) that write the same
records as ``crawler export`` (crawler/serialize.py), not Scrapy's dump of the item.

Settings: ``FEED_EXPORTERS`` in settings/base.py maps ``jsonlines``/``jsonl``, ``json`` and
``csv`` here. A feed holds what this run fetched; articles already stored are skipped by the
incremental crawl, so a re-run's feed is short or empty unless ``FEED_INCLUDE_STORED`` is set
(README, "Feeds and exports").
"""

from __future__ import annotations

from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.exporters import CsvItemExporter, JsonItemExporter, JsonLinesItemExporter
from scrapy.extensions.feedexport import FeedExporter

from crawler.items import ArticleItem
from crawler.serialize import CSV_LIST_SEPARATOR, FIELDS, as_record


class ArticleJsonLinesExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(as_record(item))


class ArticleJsonExporter(JsonItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(as_record(item))


class ArticleCsvExporter(CsvItemExporter):
    def __init__(self, file: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fields_to_export", list(FIELDS))
        super().__init__(file, join_multivalued=CSV_LIST_SEPARATOR, **kwargs)

    def export_item(self, item: Any) -> None:
        super().export_item(as_record(item))


class StoredArticlesFeed:
    """``FEED_INCLUDE_STORED=True``: at the end of the run the feeds also get every stored
    article of the crawl's window (its Manila days and subdomains) that this run did not
    write to them, so ``-O`` holds the full window on a re-run too. It hands the records
    to the FeedExporter itself (no ``item_scraped`` signal: the run's counters stay true);
    its extension number is below FeedExporter's so it runs before the feeds are closed."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.written: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StoredArticlesFeed:
        if not crawler.settings.getbool("FEED_INCLUDE_STORED") or not crawler.settings.get("FEEDS"):
            raise NotConfigured
        extension = cls(crawler)
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_scraped(self, item: Any) -> None:
        if isinstance(item, ArticleItem):
            self.written.add(item.canonical_url)

    def spider_closed(self, spider: Spider) -> None:
        from crawler.cli.export import iter_articles
        from crawler.store.facade import open_store

        feeds = self.crawler.get_extension(FeedExporter)
        days = getattr(spider, "_days", None)
        args = getattr(spider, "args", None)
        if feeds is None or days is None or args is None or args.mode == "urls":
            return
        window = days()
        settings = self.crawler.settings
        engine = open_store(settings["DATABASE_URL"]).engine
        added = 0
        for record in iter_articles(engine, window[0], window[-1], sorted(args.subdomains)):
            if record["canonical_url"] not in self.written:
                feeds.item_scraped(record, spider)
                added += 1
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("feed/stored_included", added)

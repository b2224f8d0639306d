"""The real ``scrapy crawl`` and ``crawler`` commands against the replay."""

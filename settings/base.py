"""Every Scrapy setting this project changes, grouped, each with the reason.

Values that come from the environment are set in ``settings/__init__.py``.
"""

BOT_NAME = "inquirer"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# --- Politeness -----------------------------------------------------------
AUTOTHROTTLE_ENABLED = True  # adapt the pace to the server's latency
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # about one request in flight per site
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # a small per-host concurrency
DOWNLOAD_DELAY = 1.0  # others crawl the site at one request a second without blocks
DOWNLOAD_TIMEOUT = 30
ROBOTSTXT_OBEY = True
USER_AGENT = (
    "inquirer-crawler/0.1 (+https://github.com/inquirer-crawler/inquirer-crawler; "
    "research crawler; contact via the repository issues)"
)

# --- Retries --------------------------------------------------------------
RETRY_BACKOFF_BASE = 2.0  # seconds before the 1st retry, doubled each time (no Retry-After)
RETRY_BACKOFF_MAX = 120.0  # never wait longer than this, whatever Retry-After says
RETRY_ENABLED = True
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_TIMES = 3

# --- Incremental crawling and blocking (crawler/middlewares.py) -----------
BLOCKED_BACKOFF_MAX = 60.0  # a blocked host is slowed down up to this delay (s)
BLOCKED_MAX_SHARE = 0.3  # more blocked article pages than this share stops the run
BLOCKED_MIN_PAGES = 10  # ... once at least this many article pages were tried
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,  # Retry-After and backoff
    "crawler.middlewares.BlockedPageMiddleware": 560,  # sees responses before retries do
    "crawler.middlewares.IncrementalMiddleware": 950,  # last on the way out, first back
}
REVISIT_DAYS = 3.0  # nightly runs re-check stored articles published in the last N days
REVISIT_MIN_HOURS = 6.0  # and never re-ask for one fetched less than this long ago

# --- Downloading ----------------------------------------------------------
DOWNLOAD_HANDLERS = {
    # Sends requests for the real site to INQUIRER_MIRROR when it is set; otherwise
    # exactly Scrapy's own HTTP/1.1 handler.
    "http": "crawler.mirror.MirrorDownloadHandler",
    "https": "crawler.mirror.MirrorDownloadHandler",
}
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # no article page is near 8 MiB
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
HTTPCACHE_ENABLED = False

# --- Item pipelines (thin wrappers over crawler.stages) -------------------
ITEM_PIPELINES = {
    "crawler.pipelines.StripFurniturePipeline": 100,
    "crawler.pipelines.NormalizeCreditsPipeline": 200,
    "crawler.pipelines.ParseDatesPipeline": 300,
    "crawler.pipelines.ValidateArticlePipeline": 400,
    "crawler.pipelines.StoreArticlePipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.CrawlRunRecorder": 500,
}
STORE_BATCH_SIZE = 50  # articles written per transaction

# --- Output and logging ---------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TELNETCONSOLE_ENABLED = False  # never open a listening port on a crawl machine
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

"""Every Scrapy setting this project changes, grouped, each with the reason.

Values that come from the environment are set in ``settings/__init__.py``.
"""

BOT_NAME = "inquirer"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.cli.commands"

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

# --- Incremental crawling and blocking (crawler/middlewares/downloader.py) -----------
BLOCKED_BACKOFF_MAX = 60.0  # a blocked host is slowed down up to this delay (s)
BLOCKED_MAX_SHARE = 0.3  # more blocked article pages than this share stops the run
BLOCKED_MIN_PAGES = 10  # ... once at least this many article pages were tried
UNREACHABLE_AFTER = 3  # connection failures before any answer: the site is unreachable, stop
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.downloader.RetryAfterMiddleware": 550,  # Retry-After and backoff
    "crawler.middlewares.downloader.BlockedPageMiddleware": 560,  # sees responses before retries do
    # before RedirectMiddleware (600)
    "crawler.middlewares.downloader.RedirectGuardMiddleware": 610,
    # sees connect errors before retries
    "crawler.middlewares.reachability.UnreachableSiteGuard": 570,
    "crawler.middlewares.downloader.IncrementalMiddleware": 950,  # last on the way out, first back
}
SPIDER_MIDDLEWARES = {
    # skip stored articles as callbacks yield them, before they are queued
    "crawler.middlewares.downloader.IncrementalSpiderMiddleware": 950,
}
CRAWL_TODAY = None  # a Manila YYYY-MM-DD to crawl as if it were that day (crawler/clock.py)
REVISIT_DAYS = 3.0  # nightly runs re-check stored articles published in the last N days
REVISIT_MIN_HOURS = 6.0  # and never re-ask for one fetched less than this long ago
# Discovery pages wait while the queue holds this many requests, so memory stays flat
# however long the backfill (crawler/spiders/frontier.py); 0 turns the gate off.
FRONTIER_MAX_PENDING = 1000
FRONTIER_DISCOVERY_IN_FLIGHT = 2  # discovery pages fetched at once while the gate is on

# --- Downloading ----------------------------------------------------------
DOWNLOAD_HANDLERS = {
    # Sends requests for the real site to INQUIRER_MIRROR when it is set; otherwise
    # exactly Scrapy's own HTTP/1.1 handler.
    "http": "crawler.middlewares.mirror.MirrorDownloadHandler",
    "https": "crawler.middlewares.mirror.MirrorDownloadHandler",
}
MIRROR_HOSTS: list[str] = []  # other hosts sent to INQUIRER_MIRROR too (`*`: all; tests)
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024  # no article page is near 8 MiB
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
HTTPCACHE_ENABLED = False

# --- Item pipelines (thin wrappers over crawler.cleaning.stages) -------------------
ITEM_PIPELINES = {
    "crawler.pipelines.StripFurniturePipeline": 100,
    "crawler.pipelines.NormalizeCreditsPipeline": 200,
    "crawler.pipelines.ParseDatesPipeline": 300,
    "crawler.pipelines.ValidateArticlePipeline": 400,
    "crawler.monitoring.suite.CoverageCountPipeline": 800,  # counts what monitoring checks
    "crawler.pipelines.StoreArticlePipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.recorder.CrawlRunRecorder": 500,
    "crawler.extensions.redact.SecretMasking": 0,  # no password of a URL in any log line
    "crawler.extensions.progress.ProgressReporter": 505,
    # Spidermon runs CrawlMonitorSuite at spider close. Its number is above CrawlRunRecorder's,
    # so the run row is finished before the monitor writes its column.
    "spidermon.contrib.scrapy.extensions.Spidermon": 510,
    "crawler.extensions.liveline.LiveProgressLine": 511,
    "crawler.extensions.feeds.StoredArticlesFeed": -10,  # before FeedExporter (0) closes the feeds
}
PROGRESS_INTERVAL = 60.0  # seconds between progress lines (0: off)
# on a terminal (stderr is a TTY): a live progress line (crawler/extensions/liveline.py)
PROGRESS_LIVE = True
PROGRESS_LIVE_INTERVAL = 1.0  # seconds between its updates
STORE_BATCH_SIZE = 50  # articles written per transaction
STORE_FLUSH_SECONDS = 10.0  # ... or sooner: a half-full batch never waits longer than this
# Database away mid-run (crawler/store/outage.py): batches are spooled to disk and retried.
STORE_SPOOL_DIR = None  # default <project>/data/spool; one subfolder per database
STORE_RETRY_BACKOFF_MAX = 60.0  # seconds between tries while the store is away (1 s, doubled)
STORE_OUTAGE_WAIT = 120.0  # at close keep trying this long; then the run fails, spool kept
EXTRACT_TIME_BUDGET = 10.0  # seconds one page's extraction may take (crawler/pages/budget.py)
# Pages no article comes near are refused before parsing (crawler/pages/limits.py); 0: off
PAGE_MAX_BYTES = 4 * 1024 * 1024
PAGE_MAX_PARAGRAPHS = 6_000

# --- Distributed mode (crawler/distributed/, docs/scaling.md) ---------------
# With REDIS_URL set (environment, or -s REDIS_URL=...) the DistributedMode add-on makes
# this process one worker sharing a Redis queue and dupefilter (scrapy-redis) with others;
# `crawler seed` queues the run's seeds. Without it, nothing below is used.
ADDONS = {"crawler.distributed.addon.DistributedMode": 0}
DISTRIBUTED_KEY_PREFIX = "inquirer"  # Redis keys of one deployment (CRAWLER_REDIS_PREFIX)
DISTRIBUTED_IDLE_SECONDS = 60.0  # stop once queue and in-flight sets were empty this long
DISTRIBUTED_HEARTBEAT_SECONDS = 5.0  # a worker refreshes its heartbeat (and reaps) this often
DISTRIBUTED_HEARTBEAT_TTL = 30.0  # silent this long: dead, its requests go back to the queue
DISTRIBUTED_POLL_SECONDS = 0.5  # an idle worker looks for queued requests this often
DISTRIBUTED_WORKER_ID = None  # default <hostname>:<pid>:<random>

# --- Output and logging ---------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
# -O/-o feeds write crawler export's records (crawler/serialize.py, crawler/extensions/feeds.py)
FEED_EXPORTERS = {
    "jsonlines": "crawler.extensions.feeds.ArticleJsonLinesExporter",
    "jsonl": "crawler.extensions.feeds.ArticleJsonLinesExporter",
    "json": "crawler.extensions.feeds.ArticleJsonExporter",
    "csv": "crawler.extensions.feeds.ArticleCsvExporter",
}
FEED_INCLUDE_STORED = False  # True: -O also gets the stored articles of the crawl's window
LOG_FORMAT = "%(asctime)s [%(name)s] %(levelname)s: %(message)s"
TELNETCONSOLE_ENABLED = False  # never open a listening port on a crawl machine
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# --- Monitoring (crawler/monitoring/suite.py; docs/monitoring.md) ------------------
# Spidermon (in EXTENSIONS above) runs CrawlMonitorSuite at spider close.
# Alert targets come from the environment (settings/__init__.py): MONITOR_ALERT_COMMAND
# (CRAWLER_ALERT_COMMAND), SPIDERMON_EMAIL_TO, _SENDER and SPIDERMON_SMTP_* (CRAWLER_ALERT_EMAIL_*,
# CRAWLER_SMTP_URL).
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ["crawler.monitoring.suite.CrawlMonitorSuite"]
MONITOR_MIN_ITEMS = 1  # a run that stores no article fails
MONITOR_HISTORY_RUNS = 7  # compare with the median of the last N finished runs of the same mode
MONITOR_ITEM_DROP_RATIO = 0.5  # ... and fail when this run stored less than (1 - ratio) x it
MONITOR_MIN_PUBLISHED_AT = 0.99  # share of items with published_at
MONITOR_MIN_AUTHORS_OR_AGENCY = 0.90  # share of items crediting an author or a wire agency
# MONITOR_MIN_BODY_WORDS: a body shorter than this many words counts as short, for the run
# monitor and the health report alike; default crawler.monitoring.checks.SHORT_BODY_WORDS
MONITOR_MIN_BODY_LENGTH = 0.95  # ... and at least this share of items must not be short
MONITOR_MAX_ERROR_RATE = 0.02  # errors per article page fetched
MONITOR_MAX_BLOCKED_RATE = 0.05  # blocked share of the article pages tried
MONITOR_MAX_FALLBACK_RISE = 0.10  # a field's fallback-source share above its usual share
MONITOR_ALERT_TIMEOUT = 30  # seconds the alert command may run
SPIDERMON_EMAIL_SUBJECT = "inquirer crawl: monitor failed"  # sent only if SPIDERMON_EMAIL_TO
SPIDERMON_EMAIL_FAKE = False  # True: log the e-mail instead of sending it

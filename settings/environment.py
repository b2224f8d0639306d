"""The only module that reads the process environment.

Scrapy settings (``settings/__init__.py``), Alembic (``migrations/env.py``) and
the ``crawler`` command all call these getters, so the database URL used to
crawl can never differ from the one used to migrate.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "crawler.db"


def database_url() -> str:
    """``DATABASE_URL``, defaulting to the embedded SQLite file ``data/crawler.db``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"


def redis_url() -> str | None:
    """``REDIS_URL`` (``redis://[:password@]host:6379/0``): set, every crawl runs as one worker
    of a distributed crawl sharing that Redis (docs/scaling.md); unset, a single process."""
    value = os.environ.get("REDIS_URL", "").strip()
    return value or None


def redis_prefix() -> str:
    """``CRAWLER_REDIS_PREFIX``: the Redis key prefix of one deployment's queue; default
    ``inquirer``. Crawls with different prefixes on one Redis do not see each other."""
    return os.environ.get("CRAWLER_REDIS_PREFIX", "").strip() or "inquirer"


def log_level() -> str:
    """``CRAWLER_LOG_LEVEL`` (DEBUG, INFO, WARNING, ERROR); default INFO."""
    value = os.environ.get("CRAWLER_LOG_LEVEL", "INFO").strip().upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError(f"CRAWLER_LOG_LEVEL={value!r} is not a log level")
    return value


def crawl_today() -> str | None:
    """``CRAWL_TODAY`` (a Manila ``YYYY-MM-DD``): crawl and report as if it were that day (the
    replay, rehearsals, tests); unset, the real date (``crawler.clock``)."""
    value = os.environ.get("CRAWL_TODAY", "").strip()
    if not value:
        return None
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"CRAWL_TODAY={value!r} is not a day YYYY-MM-DD") from None
    return value


def mirror_url() -> str | None:
    """``INQUIRER_MIRROR``: base URL of a replay of the site (e.g. http://127.0.0.1:8800)."""
    value = os.environ.get("INQUIRER_MIRROR", "").strip()
    return value or None


def auto_migrate() -> bool:
    """``CRAWLER_AUTO_MIGRATE=1``: upgrade the database at crawl start instead of refusing."""
    return os.environ.get("CRAWLER_AUTO_MIGRATE", "").strip().lower() in {"1", "true", "yes"}


def alert_command() -> str | None:
    """``CRAWLER_ALERT_COMMAND``: run (no shell) with the monitor result as JSON on stdin
    when a crawl's monitor fails, e.g. ``/usr/local/bin/page-oncall --service crawler``."""
    value = os.environ.get("CRAWLER_ALERT_COMMAND", "").strip()
    return value or None


def alert_email_to() -> list[str]:
    """``CRAWLER_ALERT_EMAIL_TO``: comma-separated addresses e-mailed when a monitor fails."""
    return [a.strip() for a in os.environ.get("CRAWLER_ALERT_EMAIL_TO", "").split(",") if a.strip()]


def alert_email_from() -> str:
    """``CRAWLER_ALERT_EMAIL_FROM``: the sender of monitor e-mails."""
    return os.environ.get("CRAWLER_ALERT_EMAIL_FROM", "").strip() or "inquirer-crawler@localhost"


def smtp_server() -> tuple[str | None, int, str | None, str | None, bool]:
    """``CRAWLER_SMTP_URL`` (``smtp://user:password@host:587``, or ``smtps://`` for SSL) as
    ``(host, port, user, password, ssl)``; ``(None, 0, None, None, False)`` when unset."""
    value = os.environ.get("CRAWLER_SMTP_URL", "").strip()
    if not value:
        return None, 0, None, None, False
    url = urlsplit(value)
    if url.scheme not in {"smtp", "smtps"} or not url.hostname:
        raise ValueError("CRAWLER_SMTP_URL must look like smtp://user:password@host:port")
    ssl = url.scheme == "smtps"
    return (
        url.hostname,
        url.port or (465 if ssl else 25),
        unquote(url.username or "") or None,
        unquote(url.password or "") or None,
        ssl,
    )

"""The only module that reads the process environment.

Scrapy settings (``settings/__init__.py``), Alembic (``migrations/env.py``) and
the ``crawler`` command all call these getters, so the database URL used to
crawl can never differ from the one used to migrate.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_PATH = PROJECT_ROOT / "data" / "crawler.db"


def database_url() -> str:
    """``DATABASE_URL``, defaulting to the embedded SQLite file ``data/crawler.db``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DATABASE_PATH}"


def log_level() -> str:
    """``CRAWLER_LOG_LEVEL`` (DEBUG, INFO, WARNING, ERROR); default INFO."""
    value = os.environ.get("CRAWLER_LOG_LEVEL", "INFO").strip().upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError(f"CRAWLER_LOG_LEVEL={value!r} is not a log level")
    return value


def mirror_url() -> str | None:
    """``INQUIRER_MIRROR``: base URL of a replay of the site (e.g. http://127.0.0.1:8800)."""
    value = os.environ.get("INQUIRER_MIRROR", "").strip()
    return value or None


def auto_migrate() -> bool:
    """``CRAWLER_AUTO_MIGRATE=1``: upgrade the database at crawl start instead of refusing."""
    return os.environ.get("CRAWLER_AUTO_MIGRATE", "").strip().lower() in {"1", "true", "yes"}

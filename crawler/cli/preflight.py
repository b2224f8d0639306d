"""Checks made before a crawl starts, so that a crawl that cannot work says why in one line
instead of failing inside the reactor (``scrapy crawl``, ``crawler nightly``)."""

from __future__ import annotations

from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError

from crawler.extensions.redact import mask_secrets
from crawler.outcome import EXIT_FAILED, EXIT_SCHEMA, EXIT_USAGE
from crawler.store.engine import (
    SchemaNotCurrent,
    StoreLocationError,
    ensure_schema,
    make_engine,
)
from crawler.store.errors import is_unavailable, unreachable_message


class PreflightFailed(RuntimeError):
    """The crawl cannot start; ``exit_code`` says why (docs/troubleshooting.md)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def check_store(url: str, migrate: bool = False) -> None:
    """The database answers and is at the code's schema revision (or is migrated to it)."""
    try:
        engine = make_engine(url)
    except StoreLocationError as exc:
        raise PreflightFailed(str(exc), EXIT_USAGE) from None
    except ArgumentError as exc:  # also NoSuchModuleError: an unknown dialect or driver
        raise PreflightFailed(
            f"database URL {mask_secrets(url)!r} is not usable: {exc}", EXIT_USAGE
        ) from None
    try:
        ensure_schema(engine, migrate=migrate)
    except SchemaNotCurrent as exc:
        raise PreflightFailed(str(exc), EXIT_SCHEMA) from None
    except DBAPIError as exc:
        if not (is_unavailable(exc) or isinstance(exc, (OperationalError, InterfaceError))):
            raise  # not about reaching the database: a bug, shown in full
        raise PreflightFailed(unreachable_message(url, exc), EXIT_FAILED) from None
    finally:
        engine.dispose()

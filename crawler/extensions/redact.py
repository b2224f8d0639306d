"""Passwords in URLs never reach a log line or the terminal.

Every place that prints a database URL renders it with ``hide_password=True``; this module
is the net under that: ``mask_secrets`` rewrites ``scheme://user:password@host`` to
``scheme://user:***@host`` in any text, and ``SecretMaskingFilter`` does it to every log
record a handler emits (installed on the root handlers by ``SecretMasking``, an extension,
for ``scrapy crawl``, and by ``crawler nightly`` on its handlers).
"""

from __future__ import annotations

import logging
import re
from typing import Any

_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^\s:/@]*:)([^\s@/]+)@")


def mask_secrets(text: str) -> str:
    return _URL_PASSWORD.sub(r"\1***@", text)


class SecretMaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_secrets(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        return True


def install(handlers: list[logging.Handler] | None = None) -> None:
    """Mask secrets in everything ``handlers`` (default: the root logger's) emit."""
    for handler in handlers if handlers is not None else logging.getLogger().handlers:
        if not any(isinstance(f, SecretMaskingFilter) for f in handler.filters):
            handler.addFilter(SecretMaskingFilter())


class SecretMasking:
    """Scrapy extension: installs the filter on the root handlers when the crawler starts."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> SecretMasking:
        install()
        return cls()

"""The store's waiting room: articles the database could not take, on disk until it can.

One JSON Lines file per process, ``<STORE_SPOOL_DIR>/<database key>/<UTC time>-<pid>.jsonl``,
one line per article (``{"item": ArticleItem.to_json(), "http": {...}}``), fsync'ed after
each batch so that a killed process loses nothing it had spooled. The database key is a hash
of the URL without its password: articles spooled for one database are only ever written
to that database. A file is worked on under an exclusive ``flock``: the process that wrote
it while it runs, any later process once it is gone (a spool left by a dead run is written
by the next run's first flush).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

from crawler.items import ArticleItem

log = logging.getLogger(__name__)
Entry = tuple[ArticleItem, dict[str, str]]


def database_key(url: str) -> str:
    """A short name for the database at ``url`` (its password and options left out)."""
    shown = make_url(url).set(query={}).render_as_string(hide_password=True)
    return hashlib.sha256(shown.encode()).hexdigest()[:12]


class Spool:
    def __init__(self, directory: Path, database_url: str) -> None:
        self.directory = Path(directory) / database_key(database_url)
        self.path = self.directory / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{os.getpid()}.jsonl"
        self._handle: IO[str] | None = None

    def append(self, entries: list[Entry]) -> None:
        """Add ``entries`` to this process's file, durably."""
        if self._handle is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._handle = open(self.path, "a", encoding="utf-8")
            fcntl.flock(self._handle, fcntl.LOCK_EX)
        for item, http in entries:
            self._handle.write(_line(item, http))
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def files(self) -> list[Path]:
        """Every spool file for this database, oldest first (this process's own last)."""
        if not self.directory.is_dir():
            return []
        found = sorted(p for p in self.directory.glob("*.jsonl") if p != self.path)
        return found + ([self.path] if self.path.exists() else [])

    @contextmanager
    def claim(self, path: Path) -> Iterator[Claim | None]:
        """``path`` locked, with its entries; None if another live process holds it. The file
        is deleted when the block ends without an exception (its entries were written); after
        an exception it keeps what :meth:`Claim.keep` last said was still unwritten."""
        if path == self.path and self._handle is not None:
            self._handle.close()  # releases our lock; re-taken below like any other file
            self._handle = None
        try:
            handle = open(path, "r+", encoding="utf-8")
        except FileNotFoundError:
            yield Claim(None, [])
            return
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield None
                return
            yield Claim(handle, list(_read(handle, path)))
            path.unlink(missing_ok=True)

    def unwritten(self) -> dict[Path, int]:
        """How many entries wait in each spool file of this database that no live process
        holds (this process's own file included)."""
        self.close()
        counts = {}
        for path in self.files():
            try:
                with open(path, encoding="utf-8") as handle:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    counts[path] = sum(1 for line in handle if line.strip())
            except (FileNotFoundError, BlockingIOError):
                continue
        return {path: n for path, n in counts.items() if n}

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class Claim:
    """A locked spool file and its entries."""

    def __init__(self, handle: IO[str] | None, entries: list[Entry]) -> None:
        self.handle = handle
        self.entries = entries

    def keep(self, remaining: list[Entry]) -> None:
        """Only ``remaining`` is still unwritten: the file is cut down to them."""
        if self.handle is None:
            return
        self.handle.seek(0)
        self.handle.truncate()
        for item, http in remaining:
            self.handle.write(_line(item, http))
        self.handle.flush()
        os.fsync(self.handle.fileno())


def _line(item: ArticleItem, http: dict[str, str]) -> str:
    return json.dumps({"item": item.to_json(), "http": http}, ensure_ascii=False) + "\n"


def _read(handle: IO[str], path: Path) -> Iterator[Entry]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            yield ArticleItem.from_json(data["item"]), dict(data.get("http") or {})
        except (ValueError, KeyError, TypeError) as exc:  # a line cut short by a kill
            log.warning("spool %s line %d is unreadable and skipped: %s", path, number, exc)

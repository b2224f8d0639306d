"""Shared test set-up: the network guard, migrated databases, the replay site."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
NETGUARD_DIR = ROOT / "tests" / "support" / "netguard"
sys.path.insert(0, str(NETGUARD_DIR))

import netguard  # noqa: E402

# Subprocesses (scrapy crawl, python -m ...) inherit the guard through sitecustomize.
_LOG = ROOT / ".pytest_cache" / f"netguard-{os.getpid()}.log"
_LOG.parent.mkdir(exist_ok=True)
_LOG.unlink(missing_ok=True)
os.environ["CRAWLER_NETGUARD"] = "1"
os.environ["CRAWLER_NETGUARD_LOG"] = str(_LOG)
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(NETGUARD_DIR), str(ROOT), os.environ.get("PYTHONPATH", "")]
).rstrip(os.pathsep)
os.environ.pop("DATABASE_URL", None)  # each test names its own database
os.environ.pop("INQUIRER_MIRROR", None)
os.environ.pop("REDIS_URL", None)  # a crawl is distributed only where a test says so
os.environ.pop("CRAWLER_REDIS_PREFIX", None)
netguard.install()

# Hypothesis: no per-example deadline (a loaded machine is not a failure); in CI the examples
# are derandomised (the same on every run) and a failure prints its reproduction blob.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("dev", deadline=None, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run if anything tried to reach a non-loopback address."""
    if _LOG.exists() and _LOG.read_text().strip():
        attempts = _LOG.read_text().strip().splitlines()
        print(
            f"\nnetwork guard: {len(attempts)} attempt(s) to leave loopback:\n  "
            + "\n  ".join(attempts[:20]),
            file=sys.stderr,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def netguard_log() -> Path:
    return _LOG


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file migrated to head."""
    from crawler.store.engine import upgrade_database

    url = f"sqlite:///{tmp_path / 'store.db'}"
    upgrade_database(url)
    return url


@pytest.fixture
def replay() -> Iterator[object]:
    """The replay site on a free loopback port."""
    from replay import start_replay

    server = start_replay()
    yield server
    server.shutdown()
    server.server_close()


def _postgres_admin_url() -> str:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: .ci/run must start PostgreSQL")
        pytest.skip('no PostgreSQL: run `eval "$(bash .ci/services.sh start)"` to include it')
    return url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (created and dropped around the test)."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = _postgres_admin_url()
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    from crawler.store.facade import open_store

    open_store.cache_clear()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated database of each backend: every store test runs on both."""
    from crawler.store.engine import upgrade_database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade_database(url)
    return url


def _redis_test_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_REDIS_URL is not set in CI: .ci/run must start Redis")
        pytest.skip('no Redis: run `eval "$(bash .ci/services.sh start)"` to include it')
    return url


@pytest.fixture
def redis_url() -> str:
    """The test Redis server (TEST_REDIS_URL)."""
    return _redis_test_url()


@pytest.fixture
def redis_prefix(redis_url: str) -> Iterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards."""
    import uuid

    import redis

    prefix = f"test-{uuid.uuid4().hex[:12]}"
    yield prefix
    server = redis.Redis.from_url(redis_url)
    keys = list(server.scan_iter(match=f"{prefix}:*"))
    if keys:
        server.delete(*keys)
    server.close()


# --- markers from fixtures, and a per-marker count at the end of every run ----------------
# A test that uses a service is marked for it whether it asks for the fixture directly or
# through `store_url`'s PostgreSQL case, so the closing lines show how many really ran.
_SERVICE_MARKERS = {
    "postgres_url": "postgres",
    "redis_url": "redis",
    "redis_prefix": "redis",
}
COUNTED_MARKERS = ("postgres", "redis", "e2e", "chromium")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        for fixture, marker in _SERVICE_MARKERS.items():
            if fixture in fixtures:
                item.add_marker(marker)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "postgresql" in callspec.params.values():
            item.add_marker("postgres")  # store_url's and the migration tests' PostgreSQL case


def pytest_terminal_summary(terminalreporter: Any) -> None:
    counts = {m: {"passed": 0, "failed": 0, "skipped": 0} for m in COUNTED_MARKERS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "when", "call") != "call" and outcome == "passed":
                continue
            keywords = getattr(report, "keywords", {})
            for marker in COUNTED_MARKERS:
                if marker in keywords:
                    counts[marker]["failed" if outcome == "error" else outcome] += 1
    line = "; ".join(
        f"{m}: {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped"
        for m, c in counts.items()
    )
    terminalreporter.write_line(f"tests per marker -- {line}")

"""The one clock: CRAWL_TODAY pins "now" to the end of a Manila day; unset, the real date."""

from __future__ import annotations

import ast
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from crawler.clock import crawl_now, crawl_today
from settings.environment import crawl_today as crawl_today_setting
from tests.support.paths import REPO_ROOT

ROOT = REPO_ROOT / "crawler"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-11-28", datetime(2026, 11, 28, 15, 59, 59, tzinfo=UTC)),  # 23:59:59 in Manila
        (" 2026-01-01 ", datetime(2026, 1, 1, 15, 59, 59, tzinfo=UTC)),
        (date(2024, 2, 29), datetime(2024, 2, 29, 15, 59, 59, tzinfo=UTC)),
    ],
)
def test_crawl_today_pins_now_to_the_end_of_that_manila_day(
    today: object, expected: datetime
) -> None:
    assert crawl_now(today) == expected  # type: ignore[arg-type]
    assert crawl_now(today).tzinfo is UTC  # type: ignore[arg-type]


def test_the_crawl_day_is_the_manila_day() -> None:
    assert crawl_today("2026-11-28") == date(2026, 11, 28)


def test_without_a_day_now_is_the_real_clock_and_zone_aware() -> None:
    now = crawl_now(None)
    assert now.tzinfo is UTC


def test_crawl_today_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CRAWL_TODAY", "2026-11-28")
    assert crawl_today_setting() == "2026-11-28"
    monkeypatch.setenv("CRAWL_TODAY", "")
    assert crawl_today_setting() is None
    monkeypatch.setenv("CRAWL_TODAY", "28/11/2026")
    with pytest.raises(ValueError, match="CRAWL_TODAY='28/11/2026' is not a day YYYY-MM-DD"):
        crawl_today_setting()


def _calls_datetime_now(path: Path) -> list[int]:
    """Lines calling ``datetime.now(...)`` or ``date.today()``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and (owner.id, node.func.attr) in {
                ("datetime", "now"),
                ("date", "today"),
                ("datetime", "today"),
                ("datetime", "utcnow"),
            }:
                lines.append(node.lineno)
    return lines


# Wall-clock records (not calendar reasoning) may read the real time; nothing else may.
WALL_CLOCK_RECORDS = {
    "clock.py",  # the one clock itself
    "cli/nightly.py",  # the lock file's "pid N since T" note
    "store/spool.py",  # spool file names
    "store/repository.py",  # fetched/changed-at records (utcnow)
    "distributed/seed.py",  # run ids
}


def test_only_the_clock_and_wall_clock_records_read_the_real_time() -> None:
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in ROOT.rglob("*.py")
        if (lines := _calls_datetime_now(path))
        and str(path.relative_to(ROOT)) not in WALL_CLOCK_RECORDS
    }
    assert offenders == {}

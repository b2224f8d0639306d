"""The suite's fixed "now": noon in Manila the day after the newest fixture page.

Tests pass it (or ``CRAWL_TODAY=FIXTURE_TODAY``) wherever the code asks for the crawl's
clock, so no result depends on the real date (CI runs the suite under faketime too).
"""

from __future__ import annotations

from datetime import datetime

from crawler.clock import MANILA

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=MANILA)
FIXTURE_TODAY = "2026-11-29"  # the same day, as the CRAWL_TODAY setting spells it

"""Hostile pages and text: only NotAnArticle escapes extraction, every cleaning function is
total, nothing hangs (a hang guard, see tests/support/hostile.py; speed is in bench/hostile.py), and
the crawl enforces a per-page budget. No assertion here reads the clock.
(tests/pages/test_pages_properties.py fuzzes extract_article with random bytes and tag soup.)"""

from __future__ import annotations

import json
import signal
import threading
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.cleaning import bylines, captions, layouts
from crawler.pages import NotAnArticle, extract_article
from crawler.pages.budget import REFIRE_SECONDS, run_with_budget
from tests.support.crawling import backfill_args, crawl
from tests.support.faults import (
    failures,
    last_run,
    page_reply,
    stored_urls,
    url_of,
    window_articles,
)
from tests.support.hostile import (
    HOSTILE_PAGES,
    MB,
    PAGE_HANG_SECONDS,
    SLOW_IN_PYTHON,
    STUBBORN_HANG_SECONDS,
    TEXT_HANG_SECONDS,
    TEXT_UNITS,
    extract_or_reject,
    run_guarded,
)


@pytest.mark.parametrize("name", list(HOSTILE_PAGES))
def test_a_hostile_page_is_handled_and_does_not_hang(name: str) -> None:
    """No budget here: C-level slowness (libxml2) is what a budget could not interrupt, so
    each page runs in its own interpreter under a hang guard (``PAGE_HANG_SECONDS``, tens
    of times what a page takes; the worst one once took 128 s)."""
    run_guarded("page", name, PAGE_HANG_SECONDS)


@pytest.mark.parametrize("name", list(SLOW_IN_PYTHON))
def test_pages_slow_in_python_are_cut_off_by_the_budget(name: str) -> None:
    """Uncut, each takes 15 to 80 s and then yields an item or another reason: "too_slow"
    is only raised by the budget interrupting it."""
    with pytest.raises(NotAnArticle, match="too_slow"):
        run_with_budget(  # the page limits would refuse these unparsed: off, to reach it
            0.5,
            partial(extract_article, limits=False),
            "https://newsinfo.inquirer.net/1/x",
            SLOW_IN_PYTHON[name],
        )
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # nothing left armed


def test_the_budget_cannot_be_swallowed() -> None:
    """A loop that swallows every Exception, and the first interrupt with a bare except,
    is still cut off (in its own interpreter: if it were not, it would loop forever)."""
    run_guarded("stubborn", "", STUBBORN_HANG_SECONDS)


def test_the_budget_arms_the_timer_it_is_given_and_is_inert_elsewhere() -> None:
    remaining, refire = run_with_budget(30, lambda: signal.getitimer(signal.ITIMER_REAL))
    assert 0 < remaining <= 30 and refire == pytest.approx(REFIRE_SECONDS)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # disarmed: it fires no more
    assert run_with_budget(30, lambda: "fast") == "fast"
    out: list[tuple[float, float]] = []
    worker = threading.Thread(
        target=lambda: out.append(
            run_with_budget(0.01, lambda: signal.getitimer(signal.ITIMER_REAL))
        )
    )
    worker.start()
    worker.join()
    assert out == [(0.0, 0.0)]  # off the main thread: no timer armed, unbudgeted


# Any code point, lone surrogates included, and the dangerous ones often.
_text = st.text(
    st.sampled_from("\x00\x01\ud800\udc00\ud83d\u202e é") | st.characters(exclude_categories=()),
    max_size=60,
)
_json_ld = st.fixed_dictionaries(
    {
        "@type": st.sampled_from(["NewsArticle", "Article", "BlogPosting"]),
        "headline": _text,
        "articleSection": _text,
        "datePublished": _text | st.just("2026-11-27T10:00:00+08:00"),
        "author": st.fixed_dictionaries({"name": _text}),
    }
)


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(_json_ld, st.lists(_text, min_size=1, max_size=5))
def test_json_ld_strings_never_reach_the_store_unstorable(
    data: dict[str, Any], paragraphs: list[str]
) -> None:
    """JSON escapes make NUL and lone surrogates (``\\u0000``, ``\\ud800``) that HTML cannot:
    they once escaped extract_article as UnicodeEncodeError."""
    body = "".join(
        f"<p>{p} Some words so the paragraph counts as text in a body.</p>" for p in paragraphs
    )
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(data)}</script>'
        f"</head><body><article><h1>Head</h1>{body}</article></body></html>"
    )
    extract_or_reject("https://newsinfo.inquirer.net/123456/slug", html)


@pytest.mark.parametrize("hostile", list(TEXT_UNITS))
def test_every_cleaning_function_is_total_and_linear_on_hostile_text(hostile: str) -> None:
    """1 MB each, every function in turn, under a hang guard: a quadratic function (the
    e-mail regex, the byline prefix loop once) runs for minutes and is reported as hung;
    speed and the 1 MB -> 2 MB scaling are measured by ``python -m bench.hostile``."""
    run_guarded("text", hostile, TEXT_HANG_SECONDS)


@settings(max_examples=100)
@given(st.text(max_size=300), st.lists(st.text(max_size=40) | st.none(), max_size=4))
def test_the_cleaning_functions_without_a_property_test_are_total(
    raw: str, more: list[str | None]
) -> None:
    assert isinstance(bylines.is_outlet_name(raw), bool)
    assert all(isinstance(n, str) and n for n in bylines.split_names(raw, keep_agencies=True))
    for pair in (
        captions.split_caption_credit(raw),
        layouts.split_byline_date(raw),
        layouts.split_layout_caption(raw),
    ):
        assert len(pair) == 2 and all(p is None or isinstance(p, str) for p in pair)
    assert isinstance(layouts.has_time_of_day(raw), bool)
    ordered = layouts.order_date_texts([raw, *more], more)
    assert all(isinstance(t, str) for t in ordered) and len(ordered) == len(set(ordered))


@pytest.mark.e2e
def test_the_crawl_gives_up_a_page_past_its_time_budget(replay: Any, sqlite_url: str) -> None:
    pages = window_articles(replay)
    slow = pages[0]  # unknown markup: trafilatura would spend about 80 s on it
    replay.site.script(slow.url, page_reply(slow, body=b"<p>x" * (5 * MB // 4)))
    # the page limits (PAGE_MAX_*) would refuse this page unparsed: off, to reach the budget
    no_limits = ["-s", "PAGE_MAX_BYTES=0", "-s", "PAGE_MAX_PARAGRAPHS=0"]
    result = crawl(
        replay, sqlite_url, *backfill_args(replay), "-s", "EXTRACT_TIME_BUDGET=1", *no_limits
    )
    assert result.returncode == 0, result.stderr[-3000:]
    run = last_run(sqlite_url)
    assert failures(sqlite_url, run.id) == {url_of(slow): ("extract", "too_slow")}
    assert "extraction took longer than 1 s" in result.stderr
    assert sorted(stored_urls(sqlite_url)) == sorted(url_of(p) for p in pages[1:])

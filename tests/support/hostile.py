"""Hostile inputs for tests/pages/test_hostile_input.py and bench/hostile.py, and a hang guard.

The guard runs one case in a fresh interpreter (``python -m tests.support.hostile text|page NAME``)
with a timeout many times what the case takes on a busy machine: C-level work (libxml2, a
regex) cannot be interrupted in-process, and a wall-clock budget per case would fail on a
loaded machine. Hitting the timeout means "hung" (a quadratic regex on 1 MB runs for
minutes), never "slow"; how fast the cases are is measured by ``python -m bench.hostile``.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import Any

from crawler.cleaning import (
    boilerplate,
    bylines,
    captions,
    credits,
    datelines,
    dates,
    layouts,
    text,
)
from crawler.items import ArticleItem
from crawler.pages import NotAnArticle, extract_article
from crawler.pages.budget import run_with_budget
from tests.support.clock import NOW
from tests.support.paths import FIXTURE_PAGES, REPO_ROOT

ROOT = REPO_ROOT
CASE = FIXTURE_PAGES / "inquirer/newsinfo_2026_11_27_deped-classrooms-verbena"
PAGE = (CASE / "page.html").read_bytes()
URL = "https://newsinfo.inquirer.net/2231457/deped-2400-classrooms-damaged-by-typhoon-verbena"
MB = 1_000_000

# Hang guards, in seconds, for one case in its own interpreter (start-up included).
# Measured on the 2-core machine, idle: a whole text case (18 functions on 1 MB) <= 1.6 s,
# a page <= 1.4 s. A quadratic function takes minutes on these; the slowest page once took
# 128 s ("200,000 distinct attributes").
TEXT_HANG_SECONDS = 60.0
PAGE_HANG_SECONDS = 40.0
STUBBORN_HANG_SECONDS = 30.0  # the budget there is 0.2 s


def in_page(insert: bytes) -> bytes:
    return PAGE.replace(b"<p>", insert + b"<p>", 1)


HOSTILE_PAGES = {
    "5 MB paragraph": in_page(b"<p>" + b"word " * MB + b"</p>"),
    "5 MB without a space": in_page(b"<p>" + b"w" * 5 * MB + b"</p>"),
    "100,000 nested divs": in_page(b"<div>" * 100_000),
    "100,000 nested b in a paragraph": in_page(b"<p>" + b"<b>" * 100_000),
    "NUL bytes": PAGE.replace(b"<p>", b"<p>\x00\x00", 20).replace(b"</h1>", b"\x00</h1>"),
    "invalid UTF-8": PAGE.replace(b"<p>", b"<p>\xff\xfe\xc3\x28\xed\xa0\x80", 20),
    "5 MB attribute value": in_page(b'<p data-x="' + b"A" * 5 * MB + b'">x</p>'),
    "200,000 distinct attributes": in_page(
        b"<p " + b" ".join(b"a%d=1" % i for i in range(200_000)) + b">x</p>"
    ),  # was 128 s
    "5 MB of tags with 250 attributes": in_page(
        (b"<i " + b" ".join(b"%d" % i for i in range(250)) + b">x</i>") * 4000
    ),
    "JSON-LD nested 100,000 deep": in_page(  # was a RecursionError
        b'<script type="application/ld+json">' + b"[" * 100_000 + b"]" * 100_000 + b"</script>"
    ),
    "5 MB JSON-LD headline": in_page(
        b'<script type="application/ld+json">{"headline":"' + b"h" * 5 * MB + b'"}</script>'
    ),
    "a million unclosed tags": b"<a" * (MB // 2),
    "unterminated comment": in_page(b"<!--" + b"x" * 5 * MB),
    "a million entities": in_page(b"&#" * MB + b"&amp" * MB),
    "50,000 meta charsets": b"<meta charset=utf-8>" * 50_000 + PAGE,
    "right-to-left and combining marks": in_page(
        b"<p>" + ("\u202e\u0627\u0644" + "a\u0301\u0302" * 3).encode() * 200_000 + b"</p>"
    ),
    "binary": bytes(range(256)) * 20_000,
    "unparseable URLs (found by atheris)": PAGE.replace(
        b'rel="canonical" href="', b'rel="canonical" href="http://[oops/', 1
    ).replace(
        b"<head>",
        b'<head><meta property="og:url" content="https://a.b:99999/x"><script type='
        b'"application/ld+json">{"@type":"WebPage","url":"http://[","@id":"https://[::1"}'
        b"</script>",
        1,
    ),
}
SLOW_IN_PYTHON = {  # no layout reads these: trafilatura takes 15 to 80 s each (measured)
    "unclosed p": b"<p>x" * (5 * MB // 4),
    "br": b"<br>" * (5 * MB // 4),
    "nested a": b"<a href=x>" * (MB // 2),
    "li": b"<ul>" + b"<li>" * (5 * MB // 4),
    "body marker, no headline": b'<div id="FOR_target_content">'
    + b"<p>a b c d e f g</p>" * 250_000,
}

TEXT_FUNCTIONS: dict[str, Callable[[str], Any]] = {
    "is_furniture": boilerplate.is_furniture,
    "strip_boilerplate": lambda s: boilerplate.strip_boilerplate([("p", s), ("h", s[:99])]),
    "is_outlet_name": bylines.is_outlet_name,
    "split_names": bylines.split_names,
    "normalize_byline": bylines.normalize_byline,
    "normalize_agency": bylines.normalize_agency,
    "split_caption_credit": captions.split_caption_credit,
    "split_contributors": lambda s: credits.split_contributors([("p", "x"), ("p", s)]),
    "split_wire_credit": lambda s: credits.split_wire_credit([("p", "x"), ("p", s)]),
    "split_dateline": datelines.split_dateline,
    "parse_page_datetime": dates.parse_page_datetime,
    "parse_feed_datetime": dates.parse_feed_datetime,
    "split_byline_date": layouts.split_byline_date,
    "has_time_of_day": layouts.has_time_of_day,
    "order_date_texts": lambda s: layouts.order_date_texts([s, None], [s]),
    "split_layout_caption": layouts.split_layout_caption,
    "normalize_whitespace": text.normalize_whitespace,
    "normalize_block": text.normalize_block,
}
TEXT_UNITS = {  # repeated to the size asked: a quadratic function takes minutes on 1 MB
    "words": "word ",
    "no space": "w",
    "NUL": "a\x00b",
    "lone surrogates": "\ud800x",
    "right-to-left": "\u202e\u0627\u0644\u200f ",
    "combining marks": "a" + "\u0301" * 99,
    "By: By: By:": "By: ",  # was minutes in split_names (prefix loop)
    "address characters": "a.b+c-d",  # was quadratic in the e-mail regex
    "dates": "November 27, 2026 02:05 PM ",
    "dashes": "MANILA — ",
}


def hostile_text(name: str, size: int = MB) -> str:
    """``size`` characters (rounded down to whole units) of the hostile text ``name``."""
    unit = TEXT_UNITS[name]
    return unit * (size // len(unit))


def storable(value: Any) -> bool:
    """No NUL (PostgreSQL refuses it) and no lone surrogate (UTF-8 cannot encode it)."""
    if isinstance(value, str):
        return "\x00" not in value and value.encode("utf-8", "strict") is not None
    if isinstance(value, (list, tuple)):
        return all(storable(v) for v in value)
    if isinstance(value, dict):
        return all(storable(v) for v in value.values())
    return True


def extract_or_reject(url: str, html: bytes | str) -> ArticleItem | None:
    try:
        item = extract_article(url, html, now=NOW, limits=False)  # what lies beneath them
    except NotAnArticle as exc:
        assert exc.reason
        return None
    assert item.title and item.body and storable(item.to_json())
    return item


def _stubborn() -> None:
    """Swallows every Exception, and the first interrupt of any kind: only the budget's
    BaseException, fired again after the first, gets it out."""
    swallowed = False
    while True:
        try:
            sum(range(10_000))
        except Exception:
            continue
        except BaseException:
            if swallowed:
                raise
            swallowed = True


def cut_off_stubborn() -> None:
    try:
        run_with_budget(0.2, _stubborn)
    except NotAnArticle as exc:
        assert exc.reason == "too_slow", exc.reason
        return
    raise AssertionError("the stubborn loop returned")  # it cannot: it loops until cut off


def run_case(kind: str, name: str) -> None:
    """One case, in this process; each step is announced on stderr first, so that a
    guard that kills it can tell which step hung."""
    if kind == "stubborn":
        print("a stubborn loop under a 0.2 s budget", file=sys.stderr, flush=True)
        cut_off_stubborn()
        return
    if kind == "page":
        print(f"extract_article on the page {name!r}", file=sys.stderr, flush=True)
        extract_or_reject(URL, HOSTILE_PAGES[name])
        return
    hostile = hostile_text(name)
    for function_name, function in TEXT_FUNCTIONS.items():
        print(f"{function_name} on {name!r}", file=sys.stderr, flush=True)
        function(hostile)


HANG_HINTS = {
    "text": "look for a quadratic regex or loop",
    "page": "look for a quadratic step, in libxml2 too (crawler/pages/limits.py)",
    "stubborn": "the budget's interrupt was swallowed, or not fired again",
}


def run_guarded(kind: str, name: str, timeout: float) -> None:
    """``run_case(kind, name)`` in a fresh interpreter; AssertionError if it raised, or if
    it hung (still running after ``timeout`` s, many times what it takes)."""
    command = [sys.executable, "-m", "tests.support.hostile", kind, name]
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as hung:
        err = hung.stderr.decode() if isinstance(hung.stderr, bytes) else (hung.stderr or "")
        steps = err.strip().splitlines() or ["(start-up)"]
        raise AssertionError(
            f"hung: {steps[-1]} was still running after {timeout:g} s "
            f"(it takes about a second: {HANG_HINTS[kind]})"
        ) from None
    assert done.returncode == 0, f"{kind} {name!r} raised:\n{done.stderr[-3000:]}"


if __name__ == "__main__":
    run_case(sys.argv[1], sys.argv[2])

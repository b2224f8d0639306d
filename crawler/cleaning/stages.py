"""The cleaning stages, in order: pure functions from a RawArticle to an ArticleItem.

Each Scrapy item pipeline in ``crawler.pipelines`` is a thin wrapper around one
stage, and :func:`clean_article` runs the very same stages without Scrapy, so
tests, benchmarks and the crawl share one path.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from datetime import datetime

from crawler.cleaning.boilerplate import split_contributors, split_wire_credit, strip_boilerplate
from crawler.cleaning.bylines import normalize_agency, normalize_byline
from crawler.cleaning.datelines import split_dateline
from crawler.cleaning.dates import check_plausible, parse_page_datetime
from crawler.cleaning.text import normalize_counting_words, normalize_whitespace
from crawler.clock import MANILA, crawl_now
from crawler.items import ArticleItem, RawArticle
from crawler.urls import parse_article_url, site_of

log = logging.getLogger(__name__)


# Past these an item could not be stored on PostgreSQL (a tsvector holds at most 1 MB; a
# unique index row at most 2,704 bytes) and no real article comes near them.
MAX_BODY_CHARS = 300_000
MAX_TAG_CHARS = 200


class InvalidArticle(ValueError):
    """A page parsed as an article but lacks what every stored article must have."""


def strip_furniture(raw: RawArticle) -> RawArticle:
    """Drop page furniture from the body; lift trailing contributor and wire credits."""
    # a body from the generic extractor: a terminal marker mid-article is only dropped
    blocks = strip_boilerplate(raw.blocks, tail_only=raw.field_sources.get("body") == "generic")
    blocks, contributors = split_contributors(blocks)
    blocks, credit = split_wire_credit(blocks)
    raw.blocks = blocks
    raw.contributors = contributors
    raw.wire_credit = credit
    return raw


def normalize_credits(raw: RawArticle) -> RawArticle:
    """Authors from the byline, the wire agency from any credit, the dateline off the body."""
    raw.authors = normalize_byline(raw.byline_raw)
    raw.agency = None
    for source, text in (
        ("source-link", raw.source_raw),
        ("wire-credit", raw.wire_credit),
        ("byline", raw.byline_raw),
    ):
        raw.agency = normalize_agency(text)
        if raw.agency:
            raw.field_sources["agency"] = source
            break
    for index, (kind, text) in enumerate(raw.blocks):
        if kind != "p":
            continue
        dateline, rest = split_dateline(text)
        if dateline:
            raw.dateline = dateline
            if rest:
                raw.blocks[index] = (kind, rest)
            else:
                del raw.blocks[index]
        break
    return raw


def parse_dates(raw: RawArticle, now: datetime | None = None) -> RawArticle:
    """First parseable, plausible text of each date; impossible dates are refused with a reason."""
    raw.published_at, raw.published_at_raw = _first_date(raw, raw.published_raw, now, "published")
    raw.updated_at, raw.updated_at_raw = _first_date(raw, raw.updated_raw, now, "updated")
    return raw


def _first_date(
    raw: RawArticle, texts: Sequence[str], now: datetime | None, label: str
) -> tuple[datetime | None, str | None]:
    """The first plausible date of ``texts``; its source goes to ``raw.field_sources``
    (named readers say which source each text came from; else the page's own record)."""
    problems = raw.problems
    for index, text in enumerate(_with_last_resort(texts)):
        value = parse_page_datetime(text, now=now, zone=raw.zone or MANILA)
        if value is None:
            continue
        reason = check_plausible(value, now if now is not None else crawl_now())
        source_of = getattr(texts, "source_of", None)
        source = source_of(index) if source_of is not None else None
        if reason:
            where = f" ({source})" if source else ""
            problems.append(f"{label} date {text!r}{where} rejected: {reason}")
            log.warning("%s date %r%s rejected: %s", label, text, where, reason)
            continue
        if source:
            raw.field_sources[f"{label}_at"] = source
        return value, _strip_label(text)
    raw.field_sources.pop(f"{label}_at", None)
    return None, None


def _with_last_resort(texts: Sequence[str]) -> Iterator[str]:
    """The texts, then those of the last-resort sources, each read only once all before it
    were used up (:meth:`SourcedTexts.read_last_resort`)."""
    yield from texts
    seen = len(texts)
    read_more = getattr(texts, "read_last_resort", None)
    while read_more is not None and read_more():
        while seen < len(texts):
            yield texts[seen]
            seen += 1


def _strip_label(text: str) -> str:
    text = normalize_whitespace(text)
    for label in ("Updated as of:", "Updated as of", "Updated:", "Published:", "Posted on"):
        if text.lower().startswith(label.lower()):
            return text[len(label) :].strip()
    return text


def build_item(raw: RawArticle) -> ArticleItem:
    """Validate and assemble the final item; raise :class:`InvalidArticle` if unusable."""
    body = "\n\n".join([text for _, text in raw.blocks if text])
    title = normalize_whitespace(raw.title)
    if not title:
        raise InvalidArticle(f"no title at {raw.url}")
    if not body:
        raise InvalidArticle(f"no body text left after cleaning at {raw.url}")
    if len(body) > MAX_BODY_CHARS:
        raise InvalidArticle(
            f"body of {len(body):,} characters at {raw.url} is longer than any "
            f"article ({MAX_BODY_CHARS:,})"
        )
    if raw.published_at is None:  # kept, undated: a missing date is no reason to lose the text
        raw.problems.append(
            "no plausible publication date"
            + ("" if raw.problems else f": no date found in {raw.published_raw!r}")
        )
    parsed = parse_article_url(raw.canonical_url) or parse_article_url(raw.url)
    normalized, word_count = normalize_counting_words(body)  # one split: hash and word count
    item = ArticleItem(
        url=raw.url,
        canonical_url=raw.canonical_url,
        site=site_of(raw.canonical_url),
        subdomain=parsed[0] if parsed else None,
        site_article_id=parsed[1] if parsed else None,
        section=raw.section,
        title=title,
        subtitle=raw.subtitle,
        authors=raw.authors,
        agency=raw.agency,
        contributors=raw.contributors,
        dateline=raw.dateline,
        published_at=raw.published_at,
        updated_at=raw.updated_at,
        published_at_raw=raw.published_at_raw,
        updated_at_raw=raw.updated_at_raw,
        tags=[tag for tag in raw.tags if len(tag) <= MAX_TAG_CHARS],
        body=body,
        images=raw.images,
        language=raw.language,
        word_count=word_count,
        content_hash=_hash_normalized(title, normalized),
        extraction_method=raw.extraction_method,
        page_type=raw.page_type,
        column=raw.column,
        problems=raw.problems,
        http_validators=raw.http_validators,
    )
    item.field_sources = _sources_of_filled_fields(item, raw.field_sources)
    return item


def _sources_of_filled_fields(item: ArticleItem, sources: dict[str, str]) -> dict[str, str]:
    """The recorded sources of the fields the item has a value for (an empty field has none)."""
    return {
        name: source
        for name, source in sorted(sources.items())
        if getattr(item, name, None) not in (None, "", [], {})
    }


def content_hash(title: str, body: str) -> str:
    """SHA-256 of the whitespace-normalised, case-folded title and body."""
    return _hash_normalized(normalize_whitespace(title), normalize_whitespace(body))


def _hash_normalized(title: str, body: str) -> str:
    """:func:`content_hash` of a title and body already through ``normalize_whitespace``."""
    return hashlib.sha256((title.casefold() + "\n" + body.casefold()).encode("utf-8")).hexdigest()


def clean_article(raw: RawArticle, now: datetime | None = None) -> ArticleItem:
    """All stages in pipeline order, without Scrapy."""
    return build_item(parse_dates(normalize_credits(strip_furniture(raw)), now=now))

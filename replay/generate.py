"""A large replay site generated from the corpus layouts (scale and benchmark runs).

Each fixture article whose layout round-trips becomes a template; page N is the
template with a new id, slug, headline and publication time, rendered on request
(50,000 pages cost a few MB, not a GB). ``extract_article`` on a generated page
gives back exactly the new URL, headline and time: :func:`load_templates` checks
that for every template and drops any that does not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from replay.corpus import DEFAULT_CORPUS, MANILA, ReplayPage

_FORMATS = ("%Y-%m-%dT%H:%M:%S+08:00", "%a, %d %b %Y %H:%M:%S PST", "%d %b %Y %H:%M:%S PST")


@dataclass(frozen=True, slots=True)
class Template:
    case: str
    html: str
    url: str
    article_id: str
    slug: str
    title: str
    published_at: datetime
    published_raw: str
    content_type: str
    section: str | None
    authors: tuple[str, ...]

    @property
    def subdomain(self) -> str:
        return self.url.split("//", 1)[1].split(".", 1)[0]

    def render(self, article_id: str, slug: str, title: str, published: datetime) -> str:
        """This template as article ``article_id`` published at ``published`` (Manila)."""
        html = self.html
        for old_format in _FORMATS:
            html = html.replace(
                self.published_at.strftime(old_format), published.strftime(old_format)
            )
        html = html.replace(self.published_raw, _shown(published))
        html = html.replace(self.title, title)
        if _escaped(self.title) != self.title:
            html = html.replace(_escaped(self.title), _escaped(title))
        return html.replace(f"/{self.article_id}/{self.slug}", f"/{article_id}/{slug}").replace(
            f"?p={self.article_id}", f"?p={article_id}"
        )


def _shown(value: datetime) -> str:
    """``07:55 PM November 25, 2026``: the site's visible date format."""
    return f"{value:%I:%M %p} {value:%B} {value.day}, {value.year}"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("’", "&#8217;").replace("‘", "&#8216;")


def load_templates(root: Path = DEFAULT_CORPUS, verify: bool = True) -> list[Template]:
    """Default-template articles of the corpus usable as generators (verified round trip)."""
    templates = []
    for meta_path in sorted((root / "inquirer").glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = json.loads((meta_path.parent / "expected.json").read_text(encoding="utf-8"))
        if (
            not meta.get("index", True)
            or "not_article" in expected
            or expected.get("updated_at")
            or meta.get("layout") != "inquirer-default-v1"
            or "?p=" in meta["url"]
        ):
            continue
        content_type = (meta.get("http") or {}).get("content_type", "text/html; charset=UTF-8")
        if "utf-8" not in content_type.lower():
            continue
        _, _, _, article_id, slug = meta["url"].rstrip("/").split("/", 4)
        template = Template(
            meta_path.parent.name,
            (meta_path.parent / "page.html").read_text(encoding="utf-8"),
            meta["url"].rstrip("/"),
            article_id,
            slug,
            expected["title"],
            datetime.fromisoformat(expected["published_at"]).astimezone(MANILA),
            expected["published_at_raw"],
            content_type,
            expected.get("section"),
            tuple(expected.get("authors") or ()),
        )
        if not verify or _round_trips(template):
            templates.append(template)
    return templates


def _round_trips(template: Template) -> bool:
    from crawler.pages import NotAnArticle, extract_article

    when = datetime(2026, 10, 3, 6, 7, tzinfo=MANILA)
    url = template.url.replace(
        f"/{template.article_id}/{template.slug}", "/9876543/generated-check"
    )
    title = f"{template.title} (generated check)"
    try:
        item = extract_article(
            url,
            template.render("9876543", "generated-check", title, when).encode(),
            now=when + timedelta(days=1),  # a day later: the check's date is plausible
        )
    except NotAnArticle:
        return False
    return (item.canonical_url, item.title, item.published_at) == (url, title, when)


def generate_pages(
    count: int, last_day: datetime, days: int = 20, templates: list[Template] | None = None
) -> list[ReplayPage]:
    """``count`` articles spread evenly over ``days`` days ending ``last_day`` (Manila)."""
    templates = templates if templates is not None else load_templates()
    if not templates:
        raise RuntimeError("no corpus page can serve as a template")
    pages = []
    # The newest at 23:55 of the last day, the oldest just after midnight of the first:
    # every page falls inside the ``days`` calendar days a backfill of that range asks for.
    step = (timedelta(days=days) - timedelta(minutes=10)) / max(count, 1)
    start = last_day.replace(hour=23, minute=55, second=0, microsecond=0, tzinfo=MANILA)
    for n in range(count):
        template = templates[n % len(templates)]
        published = (start - step * n).replace(second=0, microsecond=0)
        article_id, slug = str(3_000_000 + n), f"generated-story-{n}"
        title = f"{template.title} (report {n})"
        url = template.url.replace(
            f"/{template.article_id}/{template.slug}", f"/{article_id}/{slug}"
        )
        page = ReplayPage(
            url=url,
            body=b"",
            content_type=template.content_type,
            title=title,
            section=template.section,
            authors=list(template.authors),
            published_at=published,
            modified_at=published,
            index_day=published.date(),
            case=f"generated:{template.case}",
        )
        page.render = _renderer(template, article_id, slug, title, published)
        pages.append(page)
    return pages


def _renderer(
    template: Template, article_id: str, slug: str, title: str, published: datetime
) -> Any:
    return lambda: template.render(article_id, slug, title, published).encode("utf-8")

"""Deterministic synthetic articles for the store benchmark (no network, no fixtures).

Bodies are ~400 words drawn from a Zipf-like vocabulary of pseudo-words, with a few
real news terms planted at known rates so that full-text queries have realistic
selectivity: ``typhoon`` in ~3% of articles, ``classrooms`` in ~1.5% (half of them
with ``typhoon``), the phrase ``state of calamity`` in ~0.5%, ``education`` and
``educators`` (a prefix query ``educat*``) in ~2%; half the typhoon stories have
``typhoon`` in the title too.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from crawler.cleaning.stages import content_hash
from crawler.items import ArticleItem, ImageItem
from crawler.site import SUBDOMAINS as SITE_SUBDOMAINS

# The English news subdomains with a feed (the site's declaration, crawler/site.py), in a
# fixed order so the synthetic data stay the same from run to run.
SUBDOMAINS = tuple(
    sorted(s.name for s in SITE_SUBDOMAINS if s.feed and s.language == "en" and s.name != "pop")
)
SYLLABLES = (
    "ba",
    "ka",
    "da",
    "ga",
    "ha",
    "la",
    "ma",
    "na",
    "pa",
    "ra",
    "sa",
    "ta",
    "wa",
    "ya",
    "bi",
    "ki",
    "li",
    "mi",
    "ni",
    "pi",
    "si",
    "ti",
    "bo",
    "ko",
    "lo",
    "mo",
    "no",
    "po",
    "so",
    "to",
    "bu",
    "ku",
    "lu",
    "mu",
    "nu",
    "pu",
    "su",
    "tu",
    "an",
    "in",
    "on",
    "ang",
)
AGENCIES = ("Agence France-Presse", "Reuters", "Associated Press")
DATELINES = (
    "MANILA, Philippines",
    "CEBU CITY",
    "DAVAO CITY",
    "BAGUIO CITY",
    "ILOILO CITY",
    "LEGAZPI CITY",
    "WASHINGTON",
    "BEIJING",
    "TOKYO",
    "SINGAPORE",
)


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class ArticleFactory:
    """``factory.items(n)``: n distinct ArticleItems, the same for the same seed."""

    def __init__(self, seed: int = 20261129) -> None:
        self.rng = random.Random(seed)
        self.vocab = _vocabulary(self.rng)
        self.cum_weights = list(
            itertools.accumulate(1 / (rank + 1) for rank in range(len(self.vocab)))
        )
        self.authors = [f"{self._name()} {self._name()}" for _ in range(400)]
        self.tags = [f"{self._name()} {self.rng.choice(self.vocab)}" for _ in range(600)]
        self.start = datetime(2024, 1, 1, tzinfo=UTC)

    def _name(self) -> str:
        return self.rng.choice(self.vocab).capitalize()

    def _words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum_weights, k=k)

    def _body(self) -> tuple[str, bool]:
        """A body, and whether the headline should mention the typhoon too."""
        words = self._words(self.rng.randint(250, 550))
        roll = self.rng.random()
        planted: list[str] = []
        if roll < 0.03:
            planted.append("typhoon")
        if 0.015 <= roll < 0.045:
            planted.append("classrooms")
        if self.rng.random() < 0.005:
            planted.extend(["state", "of", "calamity"])
        if self.rng.random() < 0.02:
            planted.append(self.rng.choice(("education", "educators")))
        at = self.rng.randrange(len(words))
        words[at:at] = planted
        paragraphs = [
            " ".join(words[i : i + 60]).capitalize() + "." for i in range(0, len(words), 60)
        ]
        return "\n\n".join(paragraphs), roll < 0.015

    def item(self, n: int) -> ArticleItem:
        sub = SUBDOMAINS[n % len(SUBDOMAINS)]
        article_id = 1_000_000 + n
        url = f"https://{sub}.inquirer.net/{article_id}/{'-'.join(self._words(6))}"
        body, typhoon_title = self._body()
        title_words = self._words(self.rng.randint(6, 14))
        if typhoon_title:
            title_words.insert(1, "typhoon")
        title = " ".join(title_words).capitalize()
        wire = self.rng.random() < 0.2
        published = self.start + timedelta(minutes=7 * n + self.rng.randint(0, 6))
        return ArticleItem(
            url=url,
            canonical_url=url,
            site="inquirer.net",
            subdomain=sub,
            site_article_id=str(article_id),
            section=sub.capitalize(),
            title=title,
            subtitle=None,
            authors=[] if wire else self.rng.sample(self.authors, self.rng.randint(1, 2)),
            agency=self.rng.choice(AGENCIES) if wire else None,
            contributors=[self.rng.choice(self.authors)] if self.rng.random() < 0.1 else [],
            dateline=self.rng.choice(DATELINES),
            published_at=published,
            updated_at=None,
            published_at_raw=published.strftime("%I:%M %p %B %d, %Y"),
            updated_at_raw=None,
            tags=self.rng.sample(self.tags, self.rng.randint(1, 5)),
            body=body,
            images=[
                ImageItem(
                    f"https://{sub}.inquirer.net/files/{article_id}.jpg",
                    " ".join(self._words(10)),
                    "INQUIRER",
                )
            ],
            language="en",
            word_count=len(body.split()),
            content_hash=content_hash(title, body),
            extraction_method="inquirer-default-v1",
        )

    def items(self, count: int, start: int = 0) -> Iterator[ArticleItem]:
        return (self.item(n) for n in range(start, start + count))

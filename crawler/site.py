"""The Inquirer site, declared once: its subdomains, their feeds, outlet names and
languages, and the zone its pages print their times in.

Every module that needs the list of subdomains imports it from here (the spider's
feeds, the URL rules, the replay's article index, the layouts, the benchmarks);
tests/unit/test_site.py checks that no other module spells it out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.clock import MANILA

DOMAIN = "inquirer.net"
#: The zone the site prints its dates and times in (defined in crawler/clock.py).
ZONE = MANILA


@dataclass(frozen=True, slots=True)
class Subdomain:
    """One subdomain of the site.

    ``outlet`` is the name the site's article index prints over its links; ``site_names``
    are the ``og:site_name``/publisher names a page of the subdomain's own theme gives
    (lower case; a layout believes a page is its subdomain's when one of them is there);
    ``feed`` says whether the subdomain has an RSS feed at :func:`feed_url`.
    """

    name: str
    outlet: str
    language: str = "en"
    feed: bool = True
    site_names: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        return f"{self.name}.{DOMAIN}"


SUBDOMAINS: tuple[Subdomain, ...] = (
    Subdomain("newsinfo", "News"),
    Subdomain("globalnation", "Global Nation"),
    Subdomain("business", "Business"),
    Subdomain("sports", "Sports"),
    Subdomain("entertainment", "Entertainment"),
    Subdomain("lifestyle", "Lifestyle", site_names=("lifestyle",)),
    Subdomain("technology", "Technology"),
    Subdomain("opinion", "Opinion"),
    Subdomain("usa", "USA"),
    Subdomain("pop", "Pop", site_names=("pop!", "inquirer pop")),
    Subdomain("bandera", "Bandera", language="tl", site_names=("bandera",)),
    Subdomain("cebudailynews", "Cebu Daily News", site_names=("cebu daily news", "cdn digital")),
    Subdomain("esports", "Esports", feed=False),
    Subdomain("plus", "Plus", feed=False),
)
#: Subdomains that are on the site but carry no news articles.
NON_NEWS_SUBDOMAINS = frozenset({"radyo", "pep"})

BY_NAME = {sub.name: sub for sub in SUBDOMAINS}
ARTICLE_SUBDOMAINS = frozenset(BY_NAME)
#: Subdomains with an RSS feed, in the order the spider asks for them.
FEED_SUBDOMAINS = tuple(sub.name for sub in SUBDOMAINS if sub.feed)


def subdomain(name: str) -> Subdomain:
    """The declared subdomain ``name``; KeyError for one the site does not have."""
    return BY_NAME[name]


def feed_url(name: str) -> str:
    """``https://newsinfo.inquirer.net/feed`` for ``newsinfo``."""
    return f"https://{subdomain(name).host}/feed"


def outlet_name(name: str) -> str:
    """The printed name of a subdomain (``"Global Nation"``); an unknown one, title-cased."""
    sub = BY_NAME.get(name)
    return sub.outlet if sub is not None else name.title()

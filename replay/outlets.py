"""A replay of three made-up news outlets, each reachable through one discovery channel.

``python -m replay --outlets`` serves them; ``scrapy crawl news`` reaches them
through the same mirror download handler as the Inquirer replay (``INQUIRER_MIRROR``
plus ``MIRROR_HOSTS``: requests for these hosts go to ``<mirror>/<host>/<path>``).

* **Harbor Times** (``www.harbortimes.test``): only robots.txt ``Sitemap:`` -> a sitemap
  index -> a Google News sitemap (publication date, title, language) and an ordinary
  sitemap with ``lastmod``; an old archive sitemap; a home page without article links.
* **Cordillera Wire** (``news.cordillerawire.test``): only an RSS feed at an unusual path,
  announced by ``<link rel="alternate">`` on the home page; no sitemap.
* **Visayas Ledger** (``www.visayasledger.test``): no sitemap, no feed: a home page, section
  pages with pagination, tag/author/about pages and off-site links.

Every outlet mixes in off-site links (``www.partnerwire.test``, ``www.facebook.test``),
tag and author pages and pages that are not articles. Stories are invented; the tests
hold their expected values written by hand. Pure: no Scrapy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from replay.corpus import DEFAULT_CORPUS, ReplayPage
from replay.site import ReplaySite, Reply, _not_found

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
OFFSITE = (
    "https://www.partnerwire.test/story/regional-roundup-this-week",
    "https://www.facebook.test/sharer?u=outlet",
)


@dataclass(frozen=True, slots=True)
class Story:
    """One article of an outlet. ``published``: ISO 8601 with offset. ``date_on_page``:
    whether the page itself says when it was published (else only discovery does)."""

    path: str
    title: str
    author: str
    published: str
    paragraphs: tuple[str, ...]
    section: str = "News"
    tags: tuple[str, ...] = ()
    language: str = "en"
    date_on_page: str = "jsonld"  # "jsonld", "meta" or "none"
    listed: bool = True  # False: served, but discovery lists it only as old


@dataclass(slots=True)
class Outlet:
    name: str
    host: str
    channel: str  # "news-sitemap", "feed" or "sections"
    stories: list[Story] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"https://{self.host}{path}"


def _p(*sentences: str) -> tuple[str, ...]:
    return sentences


HARBOR = Outlet(
    "Harbor Times",
    "www.harbortimes.test",
    "news-sitemap",
    [
        Story(
            "/stories/80411-port-of-batangas-extends-hours",
            "Port of Batangas extends cargo hours ahead of holiday rush",
            "Miguel Santos",
            "2026-11-27T09:15:00+08:00",
            _p(
                "The Port of Batangas will keep its cargo gates open until midnight starting "
                "next week, the port management office said, as shippers brace for the "
                "yearly surge of holiday freight bound for the southern islands.",
                "Truckers had complained of queues stretching several kilometers along the "
                "diversion road, with some drivers waiting most of a day before loading.",
                "The longer hours will be reviewed after the holidays, officials said, "
                "adding that two more cranes would be moved to the container yard.",
                "Shipping lines welcomed the change but asked for more security personnel "
                "at the gates during the night shift.",
            ),
            tags=("Ports", "Batangas"),
        ),
        Story(
            "/stories/80415-ferry-fares-to-rise-in-december",
            "Ferry fares to rise as fuel costs climb",
            "Andrea Lim",
            "2026-11-27T14:40:00+08:00",
            _p(
                "Passengers on the main island routes will pay more for ferry tickets from "
                "the first week of next month after regulators approved a fare adjustment "
                "requested by operators citing higher fuel costs.",
                "The increase ranges from twenty to forty pesos depending on the route and "
                "class of accommodation, according to the maritime regulator.",
                "Students, seniors and persons with disabilities keep their discounts, the "
                "regulator said, and operators must post the new fare tables at every "
                "terminal before collecting the higher fares.",
                "Commuter groups said they would ask for a hearing on the adjustment.",
            ),
            date_on_page="meta",
        ),
        Story(
            "/stories/80420-coast-guard-rescues-fishermen",
            "Coast Guard rescues six fishermen off Verde Island",
            "Paolo Reyes",
            "2026-11-28T07:05:00+08:00",
            _p(
                "Six fishermen whose boat lost power in rough seas were brought safely to "
                "shore by a Coast Guard patrol vessel after drifting for hours near the "
                "Verde Island Passage, the Coast Guard station reported.",
                "The men had left the village before dawn and were reported missing by "
                "relatives when they failed to return by the usual hour.",
                "A passing cargo ship spotted the drifting boat and relayed its position to "
                "the station, which dispatched a rescue team.",
                "All six were treated for dehydration and released to their families.",
            ),
            date_on_page="none",  # only the news sitemap says when
        ),
        Story(
            "/stories/80422-mga-mangingisda-humingi-ng-tulong",
            "Mga mangingisda sa Batangas humingi ng tulong sa pamahalaan",
            "Liza Mercado",
            "2026-11-28T10:00:00+08:00",
            _p(
                "Humingi ng tulong sa pamahalaang panlalawigan ang mga mangingisda sa baybayin "
                "ng Batangas matapos ang sunod-sunod na masamang panahon na pumigil sa "
                "kanilang paglaot nitong mga nakaraang linggo.",
                "Ayon sa samahan ng mga mangingisda, halos kalahati ng kanilang mga miyembro "
                "ang walang kinita at umaasa na lamang sa pautang.",
                "Sinabi ng tanggapan ng agrikultura na maglalabas ito ng bigas at tulong "
                "pinansyal sa mga apektadong pamilya sa lalong madaling panahon.",
                "Nanawagan din ang samahan ng mas maayos na babala sa panahon para sa mga "
                "maliliit na bangka.",
            ),
            language="tl",
        ),
        Story(
            "/stories/80399-new-pier-lights",
            "New solar lights switched on at the Calatagan pier",
            "Miguel Santos",
            "2026-11-27T17:30:00+08:00",
            _p(
                "Forty solar-powered lamps now line the old pier in Calatagan, ending years "
                "of darkness that fishermen and vendors said made night landings dangerous.",
                "The lamps were paid for by the municipal government with help from a "
                "provincial grant for coastal villages.",
                "Vendors who sell the night catch on the pier said they could now stay open "
                "longer and welcomed the added safety for their customers.",
                "The town plans to light two more landing sites next year.",
            ),
        ),
        Story(
            "/stories/79001-typhoon-season-outlook",
            "Typhoon season outlook for the coming months",
            "Paolo Reyes",
            "2026-10-01T08:00:00+08:00",
            _p(
                "Forecasters expect fewer storms than usual in the remaining months of the "
                "season, though they warned that a single strong typhoon can still cause "
                "serious damage along the coast and in low-lying towns.",
                "Local governments were told to keep evacuation centers ready.",
            ),
            listed=False,  # only the ordinary sitemap, with an old lastmod: never fetched
        ),
    ],
)

CORDILLERA = Outlet(
    "Cordillera Wire",
    "news.cordillerawire.test",
    "feed",
    [
        Story(
            "/story/benguet-strawberry-farmers-shift-to-greenhouses",
            "Benguet strawberry farmers shift to greenhouses",
            "Joy Dangwa",
            "2026-11-27T02:30:00+00:00",
            _p(
                "Strawberry farmers in La Trinidad are moving a growing share of their crop "
                "into simple greenhouses after heavy rains ruined open fields two seasons "
                "in a row, the municipal agriculture office said.",
                "The structures, made of bamboo and plastic sheeting, cost a fraction of "
                "commercial greenhouses and can be built by the farmers themselves.",
                "Farmers who switched report fewer losses to rot and pests, although "
                "yields per plant have not yet matched the best open-field years.",
                "The province plans training sessions on greenhouse care next month.",
            ),
            section="Agriculture",
            tags=("Benguet", "Farming"),
            date_on_page="meta",
        ),
        Story(
            "/story/baguio-night-market-moves-to-new-street",
            "Baguio night market moves to a new street",
            "Ramon Tabin",
            "2026-11-27T11:00:00+00:00",
            _p(
                "The popular night market along Harrison Road will move two blocks away "
                "to ease traffic on one of the city's busiest routes, the city council "
                "decided after a long debate on Tuesday evening.",
                "Vendors will keep their stall numbers and pay the same fees, the market "
                "superintendent said.",
                "Some vendors worried that fewer tourists would find the new location, "
                "while residents living along the old route welcomed the decision.",
                "The move takes effect after a two-week transition period.",
            ),
            section="Metro",
        ),
        Story(
            "/story/mining-permit-hearing-set",
            "Public hearing set on Itogon mining permit",
            "Joy Dangwa",
            "2026-11-28T03:45:00+00:00",
            _p(
                "Environmental officials will hold a public hearing on the renewal of a "
                "mining permit in Itogon, where residents have raised concerns about "
                "landslides and the safety of water sources near the tunnels.",
                "Community leaders asked that the hearing be held in the village itself "
                "so that elders and farmers could attend.",
                "The mining company said it had complied with every condition of its "
                "current permit and would present its rehabilitation plan.",
                "Written comments may also be sent to the regional office.",
            ),
            section="Environment",
            date_on_page="none",  # only the feed says when
        ),
        Story(
            "/story/kalinga-coffee-wins-national-award",
            "Kalinga coffee wins national cupping award",
            "Ramon Tabin",
            "2026-11-28T06:10:00+00:00",
            _p(
                "A cooperative of coffee growers from Kalinga took the top prize at a "
                "national cupping competition, beating more than sixty entries from "
                "farms across the country.",
                "Judges praised the beans for their bright acidity and notes of citrus, "
                "the organizers said.",
                "The cooperative's manager said the prize would help members sell directly "
                "to roasters in the capital at better prices.",
                "Members plan to expand their nursery and train younger farmers.",
            ),
            section="Business",
        ),
        Story(
            "/story/old-bridge-repair-finished",
            "Repairs on the old Bued river bridge finished",
            "Joy Dangwa",
            "2026-11-10T05:00:00+00:00",
            _p(
                "Repairs on the old bridge over the Bued river were finished ahead of "
                "schedule, the public works office said, reopening the route to light "
                "vehicles after three months of closure.",
                "Heavy trucks must still use the new bridge downstream.",
            ),
            listed=False,  # in the feed, but before the window: never fetched
        ),
    ],
)

VISAYAS = Outlet(
    "Visayas Ledger",
    "www.visayasledger.test",
    "sections",
    [
        Story(
            "/news/2026/11/28/cebu-bridge-tolls-suspended/",
            "Cebu bridge tolls suspended during repairs",
            "Ana Reyes",
            "2026-11-28T08:00:00+08:00",
            _p(
                "Motorists crossing the old bridge between Cebu City and Mandaue will not "
                "pay tolls while repair crews work on the deck, the bridge operator said, "
                "after complaints about long delays during rush hours.",
                "The repairs are expected to last about six weeks and will close one lane "
                "in each direction at night.",
                "Traffic enforcers will be posted at both ends of the bridge, and "
                "motorists were asked to use the newer crossing when possible.",
                "The operator said it would announce when tolls resume.",
            ),
            tags=("Ports", "Cebu"),
        ),
        Story(
            "/business/2026/11/28/iloilo-rice-traders-cut-prices/",
            "Iloilo rice traders cut prices after harvest",
            "Mark Villanueva",
            "2026-11-28T09:20:00+08:00",
            _p(
                "Rice traders in Iloilo lowered retail prices by up to three pesos a kilo "
                "as the harvest season brought a steady supply from nearby farms, the "
                "provincial trade office said on Friday.",
                "Market vendors said buyers had returned after months of tight budgets.",
                "Farmers' groups, however, said the farm-gate price of palay had dropped "
                "even faster, leaving growers with thin margins.",
                "The trade office will continue its weekly price monitoring.",
            ),
            section="Business",
        ),
        Story(
            "/news/2026/11/27/bohol-schools-reopen/",
            "Bohol schools reopen after flood cleanup",
            "Ana Reyes",
            "2026-11-27T07:30:00+08:00",
            _p(
                "Classes resumed in twelve public schools in Bohol after teachers, parents "
                "and soldiers spent the week clearing mud and debris left by floodwaters, "
                "the schools division office said.",
                "Some classrooms remain unusable, and pupils there will share rooms with "
                "other classes in shifts.",
                "The division office asked for donations of notebooks and books to replace "
                "those lost in the floods.",
                "Repairs on the damaged rooms should be finished next month.",
            ),
        ),
        Story(
            "/news/2026/11/27/negros-power-outage-ends/",
            "Power restored across southern Negros",
            "Carlo Gomez",
            "2026-11-27T19:45:00+08:00",
            _p(
                "Electricity returned to most towns in southern Negros after linemen "
                "replaced toppled poles along the main transmission line, the electric "
                "cooperative said late on Thursday.",
                "About forty thousand households had been without power for two days.",
                "The cooperative said a few remote villages could wait another day while "
                "crews reach them on foot.",
                "Consumers were asked to report damaged lines instead of touching them.",
            ),
        ),
        Story(
            "/news/2026/11/27/leyte-fish-kill-investigated/",
            "Fish kill in Leyte bay under investigation",
            "Carlo Gomez",
            "2026-11-27T12:10:00+08:00",
            _p(
                "Fisheries officials collected water samples from a bay in Leyte where "
                "thousands of dead fish washed ashore, as fishermen suspected a sudden "
                "drop in oxygen after days of heavy rain.",
                "Residents were told not to eat or sell fish from the affected area until "
                "the tests are finished.",
                "The town's fishermen said the loss came at the worst time, weeks before "
                "the holidays, and asked the town for help.",
                "Results are expected within the week.",
            ),
        ),
        Story(
            "/business/2026/11/27/bacolod-mall-expansion/",
            "Bacolod mall expansion to create jobs",
            "Mark Villanueva",
            "2026-11-27T15:00:00+08:00",
            _p(
                "A shopping mall in Bacolod will add a new wing with a cinema, offices and "
                "a food hall, creating several hundred jobs once it opens, the developer "
                "told the city council during a hearing.",
                "Construction is set to begin early next year and last about eighteen months.",
                "Council members asked the developer to build a loading bay so that "
                "delivery trucks stay off the main road.",
                "The developer agreed to submit a revised traffic plan.",
            ),
            section="Business",
        ),
        Story(
            "/opinion/2026/11/28/why-our-ports-need-planning/",
            "Why our ports need planning, not patches",
            "Teresa Lopez",
            "2026-11-28T06:00:00+08:00",
            _p(
                "Every holiday season brings the same scenes at our ports: long lines of "
                "trucks, stranded passengers and officials promising that next year will "
                "be different.",
                "The problem is not a lack of effort but a lack of planning that looks "
                "beyond the next rush.",
                "Our ports need a long-term plan that ties roads, terminals and shipping "
                "schedules together, drawn up with the people who use them every day.",
                "Until then, we will keep patching instead of building.",
            ),
            section="Opinion",
        ),
        Story(
            "/news/2026/11/20/samar-road-widening-starts/",
            "Samar road widening starts",
            "Ana Reyes",
            "2026-11-20T09:00:00+08:00",
            _p(
                "Work to widen the main road through western Samar began this week, the "
                "public works office said, with one lane closed in several towns.",
                "The project should take a year.",
            ),
            listed=False,  # on page 2 of /news/, dated before the window: never fetched
        ),
    ],
)

OUTLETS: tuple[Outlet, ...] = (HARBOR, CORDILLERA, VISAYAS)


# --- article pages -------------------------------------------------------------------
def _date_head(story: Story) -> str:
    if story.date_on_page == "meta":
        return f'<meta property="article:published_time" content="{story.published}">'
    if story.date_on_page == "jsonld":
        return (
            '<script type="application/ld+json">{"@context":"https://schema.org",'
            f'"@type":"NewsArticle","headline":"{escape(story.title)}",'
            f'"datePublished":"{story.published}",'
            f'"author":{{"@type":"Person","name":"{escape(story.author)}"}}}}</script>'
        )
    return ""


def article_html(outlet: Outlet, story: Story) -> bytes:
    """One story in a plain news template: header nav, the article, a sidebar, a footer."""
    tags = "".join(
        f'<a rel="tag" href="/tag/{escape(t.lower())}/">{escape(t)}</a> ' for t in story.tags
    )
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    author_slug = story.author.lower().replace(" ", "-")
    return f"""<!DOCTYPE html>
<html lang="{story.language}"><head><meta charset="utf-8">
<title>{escape(story.title)} | {escape(outlet.name)}</title>
<link rel="canonical" href="{escape(outlet.url(story.path))}">
<meta property="og:site_name" content="{escape(outlet.name)}">
<meta property="og:title" content="{escape(story.title)}">
<meta name="author" content="{escape(story.author)}">
<meta property="article:section" content="{escape(story.section)}">
{_date_head(story)}
</head><body>
<header><a href="/">{escape(outlet.name)}</a>
<nav><a href="/news/">News</a> <a href="/business/">Business</a> <a href="/about/">About</a></nav>
</header>
<main><article>
<h1>{escape(story.title)}</h1>
<div class="byline">By <a href="/author/{author_slug}/">{escape(story.author)}</a></div>
<div class="story-body">{paragraphs}</div>
<div class="tags">{tags}</div>
</article></main>
<aside><h3>Elsewhere</h3><a href="{OFFSITE[0]}">Regional roundup from our partners</a>
<a href="{OFFSITE[1]}">Share</a></aside>
<footer><a href="/privacy-policy/">Privacy</a> <a href="/contact/">Contact us</a></footer>
</body></html>""".encode()


def _page(title: str, body: str, head: str = "") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}'
        f"</title>{head}</head><body>{body}</body></html>"
    ).encode()


def _links(outlet: Outlet, stories: list[Story]) -> str:
    return "".join(
        f'<div class="card"><h2><a href="{escape(outlet.url(s.path))}">{escape(s.title)}</a>'
        f"</h2></div>"
        for s in stories
    )


# --- the outlets' discovery pages ------------------------------------------------------
def _harbor_pages() -> dict[str, tuple[str, bytes]]:
    o, s = HARBOR, HARBOR.stories
    news = "".join(
        f"<url><loc>{o.url(x.path)}</loc><news:news><news:publication><news:name>{o.name}"
        f"</news:name><news:language>{x.language}</news:language></news:publication>"
        f"<news:publication_date>{x.published}</news:publication_date>"
        f"<news:title>{escape(x.title)}</news:title></news:news></url>"
        for x in s[:4]
    ) + (f"<url><loc>{OFFSITE[0]}</loc></url>")
    ordinary = "".join(
        f"<url><loc>{o.url(path)}</loc><lastmod>{lastmod}</lastmod></url>"
        for path, lastmod in (
            (s[4].path, "2026-11-27T18:00:00+08:00"),
            (s[5].path, "2026-10-01T08:00:00+08:00"),
            ("/about/", "2025-06-01"),
        )
    )
    urlset = (
        '<?xml version="1.0" encoding="UTF-8"?><urlset '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{}</urlset>'
    )
    index = "".join(
        f"<sitemap><loc>{o.url(path)}</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for path, lastmod in (
            ("/sitemaps/news.xml", "2026-11-28T10:00:00+08:00"),
            ("/sitemaps/pages.xml", "2026-11-28T10:00:00+08:00"),
            ("/sitemaps/archive-2025.xml", "2025-12-31T23:00:00+08:00"),
        )
    )
    home = (
        f"<header><h1>{o.name}</h1><nav><a href='/about/'>About</a> "
        f"<a href='/tag/ports/'>Ports</a></nav></header><main><p>Get the {o.name} app for "
        f"the latest stories.</p></main><footer><a href='{OFFSITE[1]}'>Follow us</a></footer>"
    )
    return {
        "/robots.txt": (
            "text/plain; charset=utf-8",
            (
                b"User-agent: *\nDisallow: /admin/\n\n"
                b"Sitemap: https://www.harbortimes.test/sitemap_index.xml\n"
            ),
        ),
        "/sitemap_index.xml": (
            XML,
            (
                '<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
                f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{index}</sitemapindex>'
            ).encode(),
        ),
        "/sitemaps/news.xml": (XML, urlset.format(news).encode()),
        "/sitemaps/pages.xml": (XML, urlset.format(ordinary).encode()),
        "/sitemaps/archive-2025.xml": (
            XML,
            urlset.format(f"<url><loc>{o.url(s[5].path)}</loc></url>").encode(),
        ),
        "/": (HTML, _page(o.name, home)),
        "/about/": (HTML, _page("About us", "<h1>About the Harbor Times</h1><p>Since 1987.</p>")),
        "/tag/ports/": (HTML, _page("Ports", "<h1>Ports</h1>" + _links(o, s[:2]))),
    }


def _rss_date(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%a, %d %b %Y %H:%M:%S %z")


def _cordillera_pages() -> dict[str, tuple[str, bytes]]:
    o, s = CORDILLERA, CORDILLERA.stories
    items = [(o.url(x.path), x.title, x.published) for x in s]
    items.insert(
        1, (o.url(s[1].path) + "?utm_source=rss&utm_medium=feed", s[1].title, s[1].published)
    )
    items.append((OFFSITE[0], "Regional roundup", "2026-11-28T01:00:00+00:00"))
    rss = "".join(
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>"
        f"<pubDate>{_rss_date(published)}</pubDate></item>"
        for link, title, published in items
    )
    home = (
        f"<header><h1>{o.name}</h1><nav><a href='/tag/mining/'>Mining</a> "
        "<a href='/author/joy-dangwa/'>Joy Dangwa</a> <a href='/about-us/'>About us</a></nav>"
        f"</header><main><p>Loading stories&hellip;</p></main>"
        f"<footer><a href='{OFFSITE[0]}'>Partner news</a></footer>"
    )
    feed_link = (
        '<link rel="alternate" type="application/rss+xml" title="Cordillera Wire latest" '
        'href="/syndication/latest.rss">'
    )
    return {
        "/robots.txt": ("text/plain; charset=utf-8", b"User-agent: *\nDisallow: /search\n"),
        "/": (HTML, _page(o.name, home, feed_link)),
        "/syndication/latest.rss": (
            "application/rss+xml; charset=UTF-8",
            (
                '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                f"<title>{o.name}</title><link>{o.url('/')}</link>{rss}</channel></rss>"
            ).encode(),
        ),
        "/tag/mining/": (HTML, _page("Mining", "<h1>Mining</h1>" + _links(o, [s[2]]))),
        "/author/joy-dangwa/": (HTML, _page("Joy Dangwa", "<h1>Joy Dangwa</h1>")),
        "/about-us/": (HTML, _page("About us", "<h1>About us</h1><p>Mountain news.</p>")),
    }


def _visayas_pages() -> dict[str, tuple[str, bytes]]:
    o, s = VISAYAS, VISAYAS.stories
    nav = (
        "<header><nav class='menu'><a href='/'>Home</a> <a href='/news/'>News</a> "
        "<a href='/business/'>Business</a> <a href='/opinion/'>Opinion</a> "
        "<a href='/about/'>About</a> <a href='/contact/'>Contact</a> "
        "<a href='/tag/ports/'>Ports</a> <a href='/author/ana-reyes/'>Ana Reyes</a> "
        "<a href='/search?q=bridge'>Search</a></nav></header>"
    )
    footer = (
        f"<footer><a href='{OFFSITE[0]}'>Partner news</a> <a href='{OFFSITE[1]}'>Facebook</a>"
        " <a href='/privacy-policy/'>Privacy policy</a></footer>"
    )

    def section(title: str, stories: list[Story], more: str = "") -> bytes:
        return _page(title, f"{nav}<main><h1>{title}</h1>{_links(o, stories)}{more}</main>{footer}")

    return {
        "/robots.txt": ("text/plain; charset=utf-8", b"User-agent: *\nDisallow: /search\n"),
        "/": (HTML, section(o.name, [s[0], s[1]])),
        "/news/": (
            HTML,
            section("News", [s[0], s[2], s[3]], "<a class='next' href='/news/page/2/'>Older</a>"),
        ),
        "/news/page/2/": (
            HTML,
            section(
                "News, page 2",
                [s[4], s[7]],
                "<a href='/news/'>Newer</a> <a class='next' href='/news/page/3/'>Older</a>",
            ),
        ),
        "/news/page/3/": (HTML, section("News, page 3", [])),
        "/business/": (HTML, section("Business", [s[5], s[1]])),
        "/opinion/": (HTML, section("Opinion", [s[6]])),
        "/about/": (HTML, section("About", [])),
        "/contact/": (HTML, section("Contact", [])),
        "/tag/ports/": (HTML, section("Ports", [s[0], s[6]])),
        "/author/ana-reyes/": (HTML, section("Ana Reyes", [s[0], s[2], s[7]])),
        "/privacy-policy/": (HTML, section("Privacy policy", [])),
    }


def outlet_pages() -> list[ReplayPage]:
    """Every page of the three outlets: articles and discovery pages alike."""
    pages: list[ReplayPage] = []
    for outlet, extra in (
        (HARBOR, _harbor_pages()),
        (CORDILLERA, _cordillera_pages()),
        (VISAYAS, _visayas_pages()),
    ):
        for story in outlet.stories:
            pages.append(
                ReplayPage(
                    outlet.url(story.path),
                    article_html(outlet, story),
                    indexed=False,
                    title=story.title,
                    published_at=datetime.fromisoformat(story.published),
                    modified_at=datetime.fromisoformat(story.published),
                )
            )
        for path, (content_type, body) in extra.items():
            pages.append(ReplayPage(outlet.url(path), body, content_type, indexed=False))
    return pages


HELD_OUT_CORPUS = DEFAULT_CORPUS / "generic"


def held_out_pages(corpus: Path = HELD_OUT_CORPUS) -> list[ReplayPage]:
    """Held-out outlets: each generic fixture page (other invented publishers, written for
    the extractor's tests, not for this replay) on its own host, at its canonical address,
    with a home page linking it (as the fixture's URL, tracking parameters and all)."""
    pages: list[ReplayPage] = []
    for case in sorted(p for p in corpus.iterdir() if (p / "meta.json").is_file()):
        meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
        expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
        url, canonical = meta["url"], expected["canonical_url"]
        home = urlsplit(url)._replace(path="/", query="", fragment="").geturl()
        body = (
            f"<header><nav><a href='/about/'>About</a> <a href='/contact/'>Contact</a></nav>"
            f"</header><main><h2><a href='{escape(url)}'>{escape(expected['title'])}</a></h2>"
            f"</main><footer><a href='{OFFSITE[1]}'>Follow us</a></footer>"
        )
        pages.append(ReplayPage(home, _page(expected["site"], body), indexed=False))
        pages.append(
            ReplayPage(
                canonical,
                (case / "page.html").read_bytes(),
                meta["http"]["content_type"],
                indexed=False,
            )
        )
    return pages


class OutletSite(ReplaySite):
    """The three outlets on their own hosts (and, with ``held_out``, one outlet per generic
    fixture page); anything else (another host, an unknown path) is a 404, logged like
    every request (``.log``), so tests see what was asked."""

    def __init__(self, held_out: bool = False) -> None:
        super().__init__(outlet_pages() + (held_out_pages() if held_out else []))

    def hosts(self) -> list[str]:
        return [outlet.host for outlet in OUTLETS]

    def requested_hosts(self) -> set[str]:
        return {host for _, host, _, _ in self.log}

    def _route(self, host: str, target: str, headers: dict[str, str]) -> Reply:
        from replay.corpus import serve_key

        page = self.pages.get(serve_key(host, target))
        if page is None:
            return _not_found()
        return self._reply(
            page.content(), page.content_type, headers, page.status, page.modified_at
        )

    def days(self) -> list[date]:
        return [date(2026, 11, 27), date(2026, 11, 28)]

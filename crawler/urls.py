"""Pure URL helpers: what an Inquirer article URL is, and its canonical form.

>>> canonicalize_url("http://NEWSINFO.inquirer.net/2012345/a-slug/amp/?utm_source=fb")
'https://newsinfo.inquirer.net/2012345/a-slug'

Not w3lib's ``canonicalize_url``: it sorts the query and re-encodes the path, which would
change the stored URLs (the store's key), and it neither drops ``/amp`` nor forces https;
``url_query_cleaner`` takes a list of names, not the ``utm_*`` pattern. ``site_of`` guesses
the registrable domain from the labels on purpose: a public-suffix list would have to be
fetched from the network or pinned.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from crawler.site import DOMAIN, NON_NEWS_SUBDOMAINS

SITE = DOMAIN
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|_ga|amp|ref)$", re.I)
_ARTICLE_PATH = re.compile(r"^/(\d{2,9})/([^/?#]+?)(?:/amp)?/?$")
_SHORTLINK_ID = re.compile(r"^\d{1,9}$")


@lru_cache(maxsize=1024)  # one page asks for the host of the same few URLs a dozen times
def host_of(url: str) -> str:
    """The lower-case host of ``url``; "" for none or an unparseable one (``http://[x/``)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def subdomain_of(url: str) -> str | None:
    """``newsinfo`` for ``https://newsinfo.inquirer.net/...``; None off the site."""
    host = host_of(url)
    if host == SITE:
        return "www"
    if not host.endswith("." + SITE):
        return None
    return host[: -len(SITE) - 1]


def is_site_url(url: str) -> bool:
    """True for any page on inquirer.net or one of its subdomains."""
    return subdomain_of(url) is not None


def parse_article_url(url: str) -> tuple[str, str, str] | None:
    """``(subdomain, article_id, slug)`` of an article URL, else None.

    Accepts the AMP variant and a trailing slash; ``?p=<id>`` shortlinks give an
    empty slug.
    """
    sub = subdomain_of(url)
    if sub is None or sub in NON_NEWS_SUBDOMAINS or sub == "www":
        return None
    parts = urlsplit(url)
    match = _ARTICLE_PATH.match(parts.path)
    if match:
        return sub, match.group(1), match.group(2)
    if parts.path in ("", "/"):
        post_id = dict(parse_qsl(parts.query)).get("p", "")
        if _SHORTLINK_ID.match(post_id):
            return sub, post_id, ""
    return None


def is_article_url(url: str) -> bool:
    """True for ``https://<sub>.inquirer.net/<id>/<slug>`` pages (and their variants)."""
    return parse_article_url(url) is not None


def canonicalize_url(url: str) -> str:
    """One spelling per page: https, lower-case host, no AMP suffix, no tracking
    parameters, no fragment, no trailing slash on article paths.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path = parts.path or "/"
    if path.endswith("/amp") or path.endswith("/amp/"):
        path = path[: path.rindex("/amp")] or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = (
        urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k)])
        if parts.query
        else ""
    )
    scheme = "https" if host == SITE or host.endswith("." + SITE) else (parts.scheme or "https")
    netloc = host if parts.port in (None, 80, 443) else f"{host}:{parts.port}"
    return urlunsplit((scheme, netloc, path, query, ""))


def site_of(url: str) -> str:
    """The registrable-looking domain of a URL (``inquirer.net``, ``example.com``)."""
    host = host_of(url)
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in {"com", "net", "org", "gov", "edu", "co"}:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:]) if len(labels) >= 2 else host


def to_mirror(url: str, mirror: str) -> str:
    """``https://newsinfo.inquirer.net/1/a?x=1`` -> ``<mirror>/newsinfo.inquirer.net/1/a?x=1``."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{(parts.hostname or '').lower()}{parts.path or '/'}{query}"


def from_mirror_path(path: str) -> tuple[str, str]:
    """``/newsinfo.inquirer.net/1/a?x=1`` -> ``("newsinfo.inquirer.net", "/1/a?x=1")``."""
    stripped = path.lstrip("/")
    host, _, rest = stripped.partition("/")
    return host.lower(), "/" + rest

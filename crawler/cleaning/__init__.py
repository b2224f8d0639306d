"""Pure cleaning functions: plain values in, typed values out, never raising on bad text.

No Scrapy or SQLAlchemy here. One module per concern:

- :mod:`.text`: whitespace and character normalisation.
- :mod:`.boilerplate` (+ :mod:`.credits`): page furniture, contributors line,
  wire credit.
- :mod:`.bylines`: person names and wire agencies.
- :mod:`.datelines`: the place before the first sentence.
- :mod:`.dates`: date texts -> aware datetimes (the one dateparser wrapper).
"""

from __future__ import annotations

from crawler.cleaning.boilerplate import (
    FURNITURE_PHRASES,
    is_furniture,
    split_contributors,
    split_wire_credit,
    strip_boilerplate,
)
from crawler.cleaning.bylines import is_outlet_name, normalize_agency, normalize_byline
from crawler.cleaning.datelines import split_dateline
from crawler.cleaning.dates import (
    MANILA,
    check_plausible,
    parse_feed_datetime,
    parse_page_datetime,
    to_utc,
)
from crawler.cleaning.text import normalize_block, normalize_whitespace

__all__ = [
    "FURNITURE_PHRASES",
    "MANILA",
    "check_plausible",
    "is_furniture",
    "is_outlet_name",
    "normalize_agency",
    "normalize_block",
    "normalize_byline",
    "normalize_whitespace",
    "parse_feed_datetime",
    "parse_page_datetime",
    "split_contributors",
    "split_dateline",
    "split_wire_credit",
    "strip_boilerplate",
    "to_utc",
]

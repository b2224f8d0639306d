"""Coverage-guided fuzzing of extract_article and the cleaning functions (atheris).

    .venv/bin/pip install -e '.[fuzz]'
    .venv/bin/python fuzz/extract.py -max_total_time=600 -max_len=65536 [corpus_dir]

Only NotAnArticle may escape extraction, the cleaning functions never raise, and every
item is storable (no NUL, no lone surrogate). A crash is written to ./crash-<sha1>: add it
to tests/test_hostile_input.py. The hypothesis tests in tests/ run in CI; this runs on demand.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["crawler"]):
    from crawler.cleaning import bylines, captions, datelines, dates, layouts, text
    from crawler.pages import NotAnArticle, extract_article

URLS = (
    "https://newsinfo.inquirer.net/2231457/slug",
    "https://bandera.inquirer.net/1/x",
    "https://pop.inquirer.net/2/y",
    "https://example.com/news/1",
)
CLEANERS = (
    bylines.normalize_byline,
    bylines.split_names,
    bylines.normalize_agency,
    captions.split_caption_credit,
    datelines.split_dateline,
    dates.parse_feed_datetime,
    layouts.split_byline_date,
    layouts.split_layout_caption,
    text.normalize_block,
)


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    url = URLS[fdp.ConsumeIntInRange(0, len(URLS) - 1)]
    snippet = fdp.ConsumeUnicodeNoSurrogates(200)
    for clean in CLEANERS:
        clean(snippet)
    try:
        item = extract_article(url, fdp.ConsumeBytes(fdp.remaining_bytes()))
    except NotAnArticle:
        return
    for value in item.to_json().values():
        if isinstance(value, str):
            assert "\x00" not in value
            value.encode("utf-8")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()

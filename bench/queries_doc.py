"""docs/queries.md as data: the queries users run, for the tests and the store benchmark."""

from __future__ import annotations

import re
from pathlib import Path

QUERIES_MD = Path(__file__).resolve().parent.parent / "docs" / "queries.md"


def parse_queries(text: str) -> dict[str, dict[str, str]]:
    """``{title: {"sqlite": sql, "postgresql": sql}}`` from ``### title`` + ```sql blocks."""
    queries: dict[str, dict[str, str]] = {}
    for section in re.split(r"^### ", text, flags=re.M)[1:]:
        title, _, rest = section.partition("\n")
        rest = re.split(r"^## ", rest, flags=re.M)[0]
        blocks = re.findall(r"^```(sql[^\n]*)\n(.*?)^```", rest, flags=re.M | re.S)
        kinds = [info for info, _ in blocks]
        if kinds not in (["sql"], ["sql sqlite", "sql postgresql"]):
            raise ValueError(f"query {title!r}: code blocks {kinds}")
        sql = {info.removeprefix("sql").strip() or "both": body for info, body in blocks}
        queries[title.strip()] = (
            {"sqlite": sql["both"], "postgresql": sql["both"]} if "both" in sql else sql
        )
    return queries

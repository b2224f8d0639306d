"""What a person types into ``crawler search``, made safe for FTS5 and PostgreSQL.

Raw FTS5 syntax fails on ordinary input (``MATCH 'covid-19'`` is "no such column: 19");
``parse_query`` reads the input as words, "quoted phrases" and ``-excluded`` words or
phrases, and the two backends' query strings are built from that, never from the raw text:

    covid-19 vaccine -"booster shot"   ->  phrases [covid 19] [vaccine], excluded [booster shot]

A word with inner punctuation (``covid-19``, ``P1,000``, ``DepEd's``) becomes a phrase of
its parts, which is how both full-text indexes split the text itself. ``AND`` between words
is implied (and ignored when typed); every term must match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


class SearchQueryError(ValueError):
    """The input has nothing to search for."""


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # lower-cased \w+ runs: what FTS5's unicode61 tokenizer makes
    text: str  # as typed (no quotes): PostgreSQL's parser splits it as it split the article


@dataclass(frozen=True)
class SearchQuery:
    phrases: tuple[Phrase, ...]  # every one must match
    excluded: tuple[Phrase, ...]  # none may match

    def fts5(self) -> str:
        """An FTS5 MATCH expression: every phrase quoted, exclusions with NOT."""
        expression = " AND ".join(_fts5_phrase(p) for p in self.phrases)
        if not self.excluded:
            return expression
        return f"({expression})" + "".join(f" NOT {_fts5_phrase(p)}" for p in self.excluded)

    def websearch(self) -> str:
        """Input for PostgreSQL's ``websearch_to_tsquery`` (itself never fails on input):
        each phrase quoted as typed, so ``covid-19`` is split the way the body was."""
        return " ".join(
            [f'"{p.text}"' for p in self.phrases] + [f'-"{p.text}"' for p in self.excluded]
        )

    def __str__(self) -> str:
        """How the query was understood, for messages: ``covid-19 -"booster shot"``."""
        shown = [_shown(p) for p in self.phrases] + [f"-{_shown(p)}" for p in self.excluded]
        return " ".join(shown)


def _shown(phrase: Phrase) -> str:
    return f'"{phrase.text}"' if " " in phrase.text else phrase.text


def _fts5_phrase(phrase: Phrase) -> str:
    return '"' + " ".join(phrase.words) + '"'  # words are \w+ only: no quote to escape


def parse_query(text: str) -> SearchQuery:
    """Words, "phrases" and -exclusions; raise SearchQueryError if nothing is left to find."""
    phrases: dict[tuple[str, ...], Phrase] = {}
    excluded: dict[tuple[str, ...], Phrase] = {}
    for match in _TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None:
            if bare == "AND":
                continue
            minus, body = ("-", bare[1:]) if bare.startswith("-") else ("", bare)
        else:
            body = quoted
        words = tuple(w.lower() for w in _WORD.findall(body))
        if words:
            target = excluded if minus else phrases
            target.setdefault(words, Phrase(words, " ".join(body.replace('"', " ").split())))
    if not phrases:
        raise SearchQueryError(
            f"nothing to search for in {text!r}: give at least one word "
            '(words, "a phrase", -excluded)'
        )
    return SearchQuery(tuple(phrases.values()), tuple(excluded.values()))

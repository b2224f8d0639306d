"""Argument types and options that several command groups share, and the usage error that
``main`` turns into exit 2.

``_day`` and ``_positive`` keep their leading underscore: argparse names the type in its
error message (``invalid _positive value: 'abc'``), so the name is part of the output."""

from __future__ import annotations

import argparse
from datetime import date


class UsageProblem(ValueError):
    """A command-line value argparse could not check: exit 2 with the message."""


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day YYYY-MM-DD") from None


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def pairs(values: list[str], flag: str, command: str = "nightly") -> dict[str, str]:
    """``NAME=VALUE`` options (``-a``, ``-s``) as a dict; UsageProblem for one without ``=``."""
    found = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name:
            raise UsageProblem(f"crawler {command}: {flag} {value!r} is not NAME=VALUE")
        found[name] = rest
    return found


def add_settings_option(parser: argparse.ArgumentParser, example: str) -> None:
    """``-s NAME=VALUE``, repeatable: a Scrapy setting for the crawl the command runs."""
    parser.add_argument(
        "-s",
        dest="settings",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=f"Scrapy setting, e.g. -s {example}",
    )

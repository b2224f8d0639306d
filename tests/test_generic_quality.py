"""The generic path's body is at least as good as trafilatura.extract on other sites' pages."""

from __future__ import annotations

import pytest

from bench.quality import score_cases, token_f1
from tests.clock import NOW


@pytest.mark.parametrize(
    ("candidate", "reference", "expected"),
    [
        ("a b c", "a b c", 1.0),
        ("", "a b", 0.0),
        ("a b c d", "a b", 2 * 0.5 * 1.0 / 1.5),
        ("The the", "the", 2 * 0.5 * 1.0 / 1.5),
    ],
)
def test_token_f1(candidate: str, reference: str, expected: float) -> None:
    assert token_f1(candidate, reference) == pytest.approx(expected)


def test_generic_bodies_are_at_least_as_good_as_trafilatura() -> None:
    rows = score_cases(now=NOW)
    assert len(rows) >= 8
    ours = sum(r["ours"] for r in rows) / len(rows)
    theirs = sum(r["trafilatura"] for r in rows) / len(rows)
    assert ours >= theirs, rows
    for row in rows:  # and no single page is much worse
        assert row["ours"] >= row["trafilatura"] - 0.02, row

"""The quality bench's scoring (bench/quality.py), checked on hand-made cases."""

from __future__ import annotations

import pytest

from bench.quality import author_set, pooled, snippet_counts, title_key, token_f1


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


def test_snippets_are_counted_as_trafilatura_evaluate_does() -> None:
    body = "First  paragraph\nof the story.\n\nImpressum"
    counts = snippet_counts(body, ["paragraph of the", "missing bit"], ["Impressum", "Teilen"])
    assert counts == {"tp": 1, "fn": 1, "fp": 1, "tn": 1}
    # an empty result finds nothing and leaks nothing
    assert snippet_counts("", ["a"], ["b"]) == {"tp": 0, "fn": 1, "fp": 0, "tn": 1}


def test_pooled_scores_sum_the_pages_first() -> None:
    scores = pooled([{"tp": 3, "fn": 1, "fp": 0, "tn": 2}, {"tp": 1, "fn": 1, "fp": 2, "tn": 0}])
    # TP 4, FN 2, FP 2, TN 2: P = 4/6, R = 4/6
    assert scores["precision"] == pytest.approx(4 / 6)
    assert scores["recall"] == pytest.approx(4 / 6)
    assert scores["f1"] == pytest.approx(4 / 6)
    assert scores["accuracy"] == pytest.approx(6 / 10)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Roe; John Doe", {"jane roe", "john doe"}),
        ("By Jane Roe and John Doe", {"jane roe", "john doe"}),
        (["Jane  Roe", "John Doe"], {"jane roe", "john doe"}),
        ("", set()),
    ],
)
def test_author_sets(value: str | list[str], expected: set[str]) -> None:
    assert author_set(value) == expected


def test_titles_compare_with_entities_and_spaces_normalised() -> None:
    assert title_key("Caf&eacute;  &amp; bar ") == title_key("Café & bar")

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


def test_each_contender_runs_each_round_in_a_rotating_order_scored_on_its_first_run() -> None:
    """No contender always runs first (cold caches) or last: over a page per contender,
    each one starts a round equally often; the row's time is its best run."""
    from bench.quality import Page, Result, run_corpus

    calls: list[str] = []

    def runner(name: str):  # type: ignore[no-untyped-def]
        def run(page: Page) -> Result:
            calls.append(name)
            return Result(body=f"{name} body {len([c for c in calls if c == name])}")

        return run

    names = ["a", "b", "c"]
    pages = [Page("readability", f"p{i}", "u", b"", expected_text="a body") for i in range(3)]
    rows = run_corpus(iter(pages), {n: runner(n) for n in names}, rounds=2)
    assert len(calls) == 3 * 3 * 2
    starts = [calls[i] for i in range(0, len(calls), 3)]  # who opened each round
    assert sorted(starts) == ["a", "a", "b", "b", "c", "c"]
    assert starts[:2] == ["a", "b"] and starts[2:4] == ["b", "c"]  # per page, per round
    for row in rows:
        for name in names:
            tool = row["tools"][name]
            assert tool["ms"] <= tool["ms_first"]
    # scored on the first run: the first call of "a" on the first page said "a body 1"
    assert rows[0]["tools"]["a"]["token_f1"] == token_f1("a body 1", "a body")

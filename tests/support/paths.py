"""Where tests find things: the one place that knows the repository's layout."""

from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parents[1]
REPO_ROOT = TESTS_DIR.parent
FIXTURES = TESTS_DIR / "fixtures"
FIXTURE_PAGES = FIXTURES / "pages"

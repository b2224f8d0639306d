"""Security: no secret in the repository or in any output (a DATABASE_URL password is masked
everywhere), only the allowed domains are followed, robots.txt is obeyed. (Stored content is
never rendered unescaped: tests/test_report.py.)"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from crawler.extensions.redact import SecretMaskingFilter, mask_secrets
from crawler.store.engine import upgrade_database
from replay import render
from replay.site import Reply
from tests.support.crawling import ROOT, backfill_args, crawl, nightly_command, rows
from tests.support.faults import failures, last_run, run_stats, stored_urls, url_of, window_articles

SECRET = "Tr0ub4dor-and-3-horses"
PLACEHOLDER_PASSWORDS = {"pw", "password", "secret", "changeme", "***"}  # in docs and examples
CREDENTIALS = re.compile(
    r"[a-z][a-z0-9+.-]*://[^\s:/@'\"`]*:(?P<password>[^\s@/'\"`\]]+)@(?P<host>[^\s/'\"`:]+)"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}"
    r"|xox[baprs]-[A-Za-z0-9-]{10,}"
)


def test_no_credential_is_committed() -> None:
    files = (
        subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    assert "README.md" in files
    found = []
    for name in filter(None, files):
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 2_000_000:
            continue
        for match in CREDENTIALS.finditer(path.read_text("utf-8", errors="ignore")):
            password = match.group("password") or ""
            if (
                password in PLACEHOLDER_PASSWORDS
                or password.startswith(("{", "$", "<"))
                or (match.group("host") or "").endswith(("example.org", "example.com", "example"))
            ):
                # placeholders, and templates such as f"...:{SECRET}@..." in tests
                continue
            found.append(f"{name}: {match.group(0)[:60]}")
    assert not [n for n in files if re.search(r"(^|/)(\.env|id_rsa|.*\.pem|.*\.key)$", n)]
    assert found == []


def test_masking_covers_messages_arguments_and_tracebacks() -> None:
    url = f"postgresql+psycopg://crawler:{SECRET}@db.internal:5432/news"
    assert (
        mask_secrets(f"cannot reach {url}")
        == "cannot reach postgresql+psycopg://crawler:***@db.internal:5432/news"
    )
    assert (
        mask_secrets("sqlite:///data/crawler.db and https://a.b/c:d@e")
        == "sqlite:///data/crawler.db and https://a.b/c:d@e"
    )  # no password: untouched
    try:
        raise RuntimeError(f"connect failed for {url}")
    except RuntimeError:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "store %s gone", (url,), sys.exc_info()
        )
    SecretMaskingFilter().filter(record)
    text = logging.Formatter().format(record)
    assert SECRET not in text and "crawler:***@db.internal" in text and "RuntimeError" in text


def _password_url(postgres_url: str, **changes: Any) -> str:
    url = make_url(postgres_url).set(password=SECRET, **changes)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def secret_role_url(postgres_url: str) -> Iterator[str]:
    """The test database, owned by a role of this test's own whose password is SECRET (the
    server checks passwords: .ci/services.sh)."""
    import uuid

    from sqlalchemy import create_engine, text

    role, database = f"crawler_{uuid.uuid4().hex[:8]}", make_url(postgres_url).database
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD '{SECRET}'"))
        conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO {role}'))
        conn.execute(text(f"GRANT ALL ON SCHEMA public TO {role}"))
    yield _password_url(postgres_url, username=role)
    with admin.connect() as conn:  # the database itself is dropped by postgres_url
        conn.execute(text(f"REASSIGN OWNED BY {role} TO CURRENT_USER"))
        conn.execute(text(f"DROP OWNED BY {role}"))
    admin.dispose()
    with create_engine(
        make_url(postgres_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    ).connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{database}" OWNER TO CURRENT_USER'))
        conn.execute(text(f"DROP ROLE IF EXISTS {role}"))


@pytest.mark.e2e
def test_a_database_password_appears_in_no_output(
    replay: Any, secret_role_url: str, tmp_path: Path
) -> None:
    url = secret_role_url
    upgrade_database(url)
    outputs = []
    done = crawl(replay, url, *backfill_args(replay, days=2), "-s", "LOG_LEVEL=DEBUG")
    assert done.returncode == 0, done.stderr[-2000:]
    outputs += [done.stdout, done.stderr]
    nightly = subprocess.run(
        nightly_command(replay, url, tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    outputs += [nightly.stdout, nightly.stderr, (tmp_path / "logs" / "nightly.log").read_text()]
    upgraded = subprocess.run(
        [sys.executable, "-m", "crawler.cli.main", "--database-url", url, "db", "upgrade"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    role = make_url(url).username
    assert f"{role}:***@" in upgraded.stdout  # the URL is shown, its password is not
    outputs += [upgraded.stdout, upgraded.stderr]
    unreachable = make_url(url).set(port=1).render_as_string(hide_password=False)
    for command in (["db", "status"], ["stats"], ["db", "upgrade"], ["export"]):
        failed = subprocess.run(
            [sys.executable, "-m", "crawler.cli.main", "--database-url", unreachable, *command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert failed.returncode != 0 and "Connection refused" in failed.stderr
        outputs += [failed.stdout, failed.stderr]
    broken = crawl(replay, unreachable, *backfill_args(replay, days=1))
    assert broken.returncode != 0
    outputs += [broken.stdout, broken.stderr]
    run = last_run(url)
    outputs += [str(run_stats(run)), str(run.args), str(run.monitor)]
    assert all(SECRET not in output for output in outputs)


@pytest.mark.e2e
def test_only_the_allowed_domains_are_followed_and_robots_txt_is_obeyed(
    replay: Any, sqlite_url: str
) -> None:
    site, off = replay.site, f"{replay.url}/offsite.example"  # if followed: host offsite.example
    pages = window_articles(replay)
    redirected, forbidden, lookalike = pages[0], pages[1], pages[2]
    site.script(redirected.url, Reply(302, {"Location": f"{off}/steal"}, b""))
    site.script(
        lookalike.url, Reply(301, {"Location": "https://inquirer.net.offsite.example/1/x"}, b"")
    )
    host = forbidden.host
    robots = f"User-agent: *\nDisallow: /wp-admin/\nDisallow: /{forbidden.url.split('/')[3]}/\n"
    site.script(
        f"https://{host}/robots.txt", Reply(200, {"Content-Type": "text/plain"}, robots.encode())
    )
    www_robots = render.ROBOTS.format(host="www.inquirer.net") + f"Sitemap: {off}/sitemap.xml\n"
    site.script(
        "https://www.inquirer.net/robots.txt",
        *[Reply(200, {"Content-Type": "text/plain"}, www_robots.encode())] * 2,
    )
    day = site.window(10)[1]
    index = render.article_index(day, site.by_day[day]).replace(
        b'<div id="index-wrap">',
        f'<div id="index-wrap"><h4>Elsewhere</h4><ul><li><a href='
        f'"{off}/2000001/story">x</a></li><li><a href="https://evil-inquirer.net/2000002/s">y'
        f"</a></li></ul>".encode(),
    )
    site.script(
        f"https://www.inquirer.net/article-index/?d={day}",
        Reply(200, {"Content-Type": "text/html; charset=UTF-8"}, index),
    )

    result = crawl(replay, sqlite_url, *backfill_args(replay))
    assert result.returncode == 0, result.stderr[-3000:]
    hosts = {host for _, host, _, _ in site.log}
    assert all(h.endswith(".inquirer.net") for h in hosts), hosts - {"www.inquirer.net"}
    assert not site.requests_for(forbidden.url)  # robots.txt said no: never asked
    run = last_run(sqlite_url)
    assert failures(sqlite_url, run.id) == {
        url_of(redirected): ("fetch", "offsite_redirect"),
        url_of(lookalike): ("fetch", "offsite_redirect"),
        url_of(forbidden): ("fetch", "robots_disallowed"),
    }
    stats = run_stats(run)
    assert stats["redirect/offsite_refused"] == 2 and stats["offsite/filtered"] >= 1
    assert stats["robotstxt/forbidden"] == 1
    assert len(stored_urls(sqlite_url)) == len(pages) - 3
    assert (
        rows(
            sqlite_url,
            "SELECT count(*) AS n FROM articles WHERE canonical_url NOT LIKE "
            "'https://%.inquirer.net/%'",
        )[0].n
        == 0
    )
    assert os.environ.get("CRAWLER_NETGUARD") == "1"  # and nothing left loopback

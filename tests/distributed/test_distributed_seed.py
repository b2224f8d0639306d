"""`crawler seed` on a real Redis: new runs, adding to a run, conflicts, reset; `crawler runs`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis

from crawler.cli.main import EXIT_BUSY, EXIT_OK, EXIT_USAGE, main
from crawler.distributed.queue import RequestQueue
from crawler.distributed.seed import SeedConflict, project_settings, seed

pytestmark = pytest.mark.redis
DAYS = {"mode": "backfill", "since": "2026-11-20", "until": "2026-11-24"}


@pytest.fixture
def queue(redis_url: str, redis_prefix: str) -> Iterator[RequestQueue]:
    server = redis.Redis.from_url(redis_url)
    yield RequestQueue(server, redis_prefix)
    server.close()


def test_a_new_run_then_the_same_seeds_again_add_nothing(queue: RequestQueue) -> None:
    settings = project_settings({})
    first = seed(queue, settings, DAYS, {"feed"}, run_id="run-a")
    assert first.new_run and first.run_id == "run-a"
    assert first.queued == {"index": 5, "feed": 12} and first.duplicates == 0
    assert queue.run()["args"] == DAYS  # type: ignore[index]
    again = seed(queue, settings, DAYS, {"feed"})
    assert not again.new_run and again.run_id == "run-a"  # in progress: added to it
    assert sum(again.queued.values()) == 0 and again.duplicates == 17
    assert queue.pending() == (17, 0)


def test_other_arguments_while_a_run_is_in_progress_are_refused(queue: RequestQueue) -> None:
    settings = project_settings({})
    seed(queue, settings, DAYS, set(), run_id="run-a")
    queue.pop("w")  # in flight: still in progress even with the queue drained
    while queue.pop("w"):
        pass
    with pytest.raises(SeedConflict, match="run run-a is still in progress"):
        seed(queue, settings, {**DAYS, "until": "2026-11-25"}, set())
    fresh = seed(queue, settings, {**DAYS, "until": "2026-11-25"}, set(), reset=True)
    assert fresh.new_run and fresh.queued == {"index": 6} and queue.workers() == {}


def test_a_finished_run_is_followed_by_a_new_one_with_an_empty_dupefilter(
    queue: RequestQueue,
) -> None:
    settings = project_settings({})
    seed(queue, settings, DAYS, set(), run_id="night-1")
    while (popped := queue.pop("w")) is not None:
        queue.ack("w", [popped.id])
    second = seed(queue, settings, DAYS, set(), run_id="night-2")
    assert second.new_run and second.queued == {"index": 5}  # the same days, crawled again


def test_cli_seed_prints_the_run_id_and_refuses_with_75(
    redis_url: str, redis_prefix: str, sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base = [
        "--database-url",
        sqlite_url,
        "seed",
        "--redis-url",
        redis_url,
        "--prefix",
        redis_prefix,
    ]
    assert (
        main(
            [
                *base,
                "--since",
                "2026-11-20",
                "--until",
                "2026-11-21",
                "--feeds",
                "--subdomains",
                "newsinfo",
                "--run-id",
                "cli-run",
            ]
        )
        == EXIT_OK
    )
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "RUN_ID=cli-run"
    assert "new run cli-run" in out and "queued 1 feed, 2 index" in out
    assert main([*base, "--since", "2026-11-20", "--until", "2026-11-21"]) == EXIT_BUSY
    assert "still in progress" in capsys.readouterr().err
    assert main([*base, "--since", "2026-11-22", "--until", "2026-11-20"]) == EXIT_USAGE
    assert main(["--database-url", sqlite_url, "seed", "--prefix", redis_prefix]) == EXIT_USAGE
    assert "no Redis" in capsys.readouterr().err


def test_cli_runs_shows_the_workers_of_one_distributed_run(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from crawler.store.facade import open_store

    runs = open_store(sqlite_url).runs
    for worker, new in (("host-a:1", 10), ("host-b:2", 12)):
        run_id = runs.start_run(
            "inquirer", {"mode": "backfill", "distributed_run": "R1", "distributed_worker": worker}
        )
        runs.finish_run(
            run_id, "finished", "finished", {"articles_new": new, "pages_fetched": new}, {}
        )
    other = runs.start_run("inquirer", {"mode": "nightly"})
    runs.finish_run(
        other, "finished", "finished", {}, {}, args={"mode": "nightly", "distributed_run": "R2"}
    )
    assert main(["--database-url", sqlite_url, "runs", "--distributed", "R1"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "distributed run R1: 2 worker(s)" in out and "host-a:1" in out and "host-b:2" in out
    # new/changed come from the store (no article stored here), the rest from the workers
    assert "total: new 0, changed 0 (from the store" in out
    assert "worker counters: fetched 22, unchanged 0" in out
    assert main(["--database-url", sqlite_url, "runs", "--distributed", "R2"]) == EXIT_OK
    assert "1 worker(s)" in capsys.readouterr().out  # args given at finish are what counts
    assert main(["--database-url", sqlite_url, "runs", "--distributed", "nope"]) == 1
    assert "no crawl_runs row belongs to distributed run nope" in capsys.readouterr().out
    assert main(["--database-url", sqlite_url, "runs", "--limit", "2"]) == EXIT_OK
    assert len(capsys.readouterr().out.strip().splitlines()) == 1 + 2  # header, 2 newest

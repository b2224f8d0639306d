"""The Scrapy internals this project still uses, checked against the installed Scrapy, so an
upgrade that changes them fails here by name instead of breaking a crawl quietly
(crawler/distributed/engine.py and crawler/cli/commands/crawl.py say why no public hook does)."""

from __future__ import annotations

import inspect

from scrapy.core.engine import ExecutionEngine, _Slot


def test_the_engine_slot_still_finishes_every_request_through_remove_request() -> None:
    # hook_engine wraps _Slot.remove_request: the one moment a request is done with.
    assert callable(getattr(_Slot, "remove_request", None))
    engine = inspect.getsource(ExecutionEngine)
    assert "self._slot.remove_request(request)" in engine
    assert "self._slot = _Slot(" in engine


def test_the_engine_slot_still_has_a_nextcall_that_wakes_the_engine() -> None:
    assert "nextcall" in inspect.signature(_Slot.__init__).parameters
    assert "self.nextcall" in inspect.getsource(_Slot.__init__)
    assert "nextcall = CallLaterOnce(self._start_scheduled_requests)" in inspect.getsource(
        ExecutionEngine
    )


def test_the_engine_names_its_scheduler_publicly() -> None:
    # ProgressReporter counts the queue through ExecutionEngine.scheduler (Scrapy 2.19+).
    assert isinstance(inspect.getattr_static(ExecutionEngine, "scheduler"), property)


def test_the_crawl_command_still_builds_its_crawler_through_create_crawler() -> None:
    # crawler/cli/commands/crawl.py keeps the crawler it makes for the run's exit code.
    from scrapy.commands.crawl import Command

    assert "self._create_crawler(" in inspect.getsource(Command.run)
    assert callable(getattr(Command, "_create_crawler", None))

"""Waiting in tests: poll for a condition with a deadline, never sleep a fixed time.

``wait_until(predicate, what=...)`` returns the predicate's first truthy value, checked
every ``interval`` seconds; past ``timeout`` the test fails naming what it waited for.
The timeout is a hang guard, many times what the wait takes on a busy machine: a test
that hits it found something that did not happen, not something slow.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

T = TypeVar("T")


def wait_until(
    predicate: Callable[[], T],
    *,
    what: str,
    timeout: float = 60.0,
    interval: float = 0.05,
    process: subprocess.Popen[Any] | None = None,
) -> T:
    """``predicate()`` once it is truthy. With ``process``, stop early (and fail) if that
    process ends first: what it was to do will not happen any more."""
    deadline = time.monotonic() + timeout
    while True:
        found = predicate()
        if found:
            return found
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process ended (exit {process.returncode}) before {what}")
        if time.monotonic() >= deadline:
            pytest.fail(f"hung: waited {timeout:g} s for {what}")
        time.sleep(interval)

"""The alert hook: run an operator's command with the monitor result as JSON on stdin.

Its failure (not found, non-zero exit, timeout) is logged, never raised: a broken
alert must not turn a finished crawl into a crashed one.
"""

from __future__ import annotations

import json
import logging
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from typing import Any

log = logging.getLogger(__name__)


def command_argv(command: str | Sequence[str] | None) -> list[str]:
    """A command line as argv: a string is split like a shell would (no shell is run)."""
    if not command:
        return []
    if isinstance(command, str):
        return shlex.split(command)
    return [str(part) for part in command]


def run_alert_command(
    command: str | Sequence[str] | None, result: Mapping[str, Any], timeout: float = 30.0
) -> bool:
    """Run ``command`` with ``result`` as JSON on stdin; True when it exited 0."""
    argv = command_argv(command)
    if not argv:
        return False
    payload = json.dumps(result, ensure_ascii=False, default=str)
    try:
        done = subprocess.run(
            argv, input=payload, text=True, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        log.error("alert command %s timed out after %g s", argv[0], timeout)
        return False
    except OSError as exc:
        log.error("alert command %s could not run: %s", argv[0], exc)
        return False
    if done.returncode != 0:
        log.error(
            "alert command %s exited %d: %s",
            argv[0],
            done.returncode,
            (done.stderr or "").strip()[-500:],
        )
        return False
    log.info("alert command %s ran", argv[0])
    return True

"""A wall-clock budget for one page's extraction: a hostile page is given up, not waited on.

``run_with_budget(seconds, fn, *args)`` runs ``fn`` under a ``SIGALRM`` interval timer
(main thread only, where Scrapy's reactor runs callbacks, with or without asyncio). Past
the budget the handler raises inside ``fn`` and the call ends with
``NotAnArticle("too_slow")``. The interrupt is a ``BaseException``, so the ``except
Exception`` blocks of parsers cannot swallow it, and it fires again every 50 ms until the
call is over. Python code is interrupted at once; a long C call (one libxml2 parse) is
interrupted when it returns, so ``crawler.pages.limits`` keeps those calls short.
Off the main thread, without ``setitimer``, when another handler owns ``SIGALRM`` or with
``seconds <= 0``, ``fn`` runs unbudgeted.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from crawler.pages.base import NotAnArticle

T = TypeVar("T")
REFIRE_SECONDS = 0.05


class _OverBudget(BaseException):
    """Raised by the SIGALRM handler inside the budgeted call."""


class _State:
    active = False


def _on_alarm(signum: int, frame: Any) -> None:
    if _State.active:
        raise _OverBudget


def _usable(seconds: float) -> bool:
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread() or _State.active:
        return False
    current = signal.getsignal(signal.SIGALRM)
    if current is _on_alarm:
        return True
    if current not in (signal.SIG_DFL, None):
        return False  # someone else's alarm: leave it alone
    signal.signal(signal.SIGALRM, _on_alarm)  # stays installed; inert while no budget runs
    return True


def _disarm() -> None:
    _State.active = False
    signal.setitimer(signal.ITIMER_REAL, 0)


def run_with_budget(seconds: float, fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, or ``NotAnArticle("too_slow")`` once it has run ``seconds``."""
    if not _usable(seconds):
        return fn(*args)
    try:
        _State.active = True
        signal.setitimer(signal.ITIMER_REAL, seconds, REFIRE_SECONDS)
        try:
            return fn(*args)
        finally:
            _disarm()
    except _OverBudget:
        while True:  # the timer may fire once more while disarming
            try:
                _disarm()
                break
            except _OverBudget:
                continue
        raise NotAnArticle("too_slow", f"extraction took longer than {seconds:g} s") from None

"""The guard that keeps tests off the internet really refuses non-loopback traffic."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import netguard  # type: ignore[import-not-found]
import pytest


def test_in_process_connection_to_the_internet_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "guard.log"
    monkeypatch.setenv("CRAWLER_NETGUARD_LOG", str(log))
    with pytest.raises(netguard.NetworkAccessDenied):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    with pytest.raises(netguard.NetworkAccessDenied):
        socket.getaddrinfo("www.inquirer.net", 443)
    assert "93.184.216.34:80" in log.read_text()


def test_subprocesses_are_guarded_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "guard.log"
    monkeypatch.setenv("CRAWLER_NETGUARD_LOG", str(log))
    code = "import socket; socket.create_connection(('1.1.1.1', 443), timeout=1)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "network guard" in result.stderr
    assert "1.1.1.1:443" in log.read_text()


def test_loopback_is_allowed(replay) -> None:  # type: ignore[no-untyped-def]
    host, port = replay.server_address
    socket.create_connection((host, port), timeout=2).close()

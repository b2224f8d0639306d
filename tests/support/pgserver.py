"""A throwaway PostgreSQL server of a test's own, to stop and start mid-crawl (the shared
test server of .ci/services.sh is never stopped). Same commands as .ci/services.sh."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThrowawayPostgres:
    def __init__(self) -> None:
        bin_dir = _pg_bin()
        if bin_dir is None or os.geteuid() != 0 or shutil.which("su") is None:
            why = "needs the PostgreSQL binaries and root (to run them as postgres)"
            if os.environ.get("CI"):
                pytest.fail(f"{why}: .ci/run installs them and runs as root")
            pytest.skip(why)
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="crawler-own-pg-", dir="/tmp"))
        self.port = _free_port()
        shutil.chown(self.dir, "postgres")
        self._su(
            f"{self.bin}/initdb -D {self.dir}/data -A trust -U postgres -E UTF8 "
            f"--locale=C.UTF-8 > {self.dir}/initdb.log 2>&1"
        )
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _su(self, command: str) -> None:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", command],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> None:
        self._su(
            f"{self.bin}/pg_ctl -D {self.dir}/data -w -l {self.dir}/pg.log -o "
            f'"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off" start'
        )

    def stop(self) -> None:
        """A fast shutdown: open connections are terminated, new ones refused."""
        self._su(f"{self.bin}/pg_ctl -D {self.dir}/data -w -m fast stop")

    def remove(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)

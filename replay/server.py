"""The HTTP server around :class:`ReplaySite` (loopback only)."""

from __future__ import annotations

import logging
import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crawler.urls import from_mirror_path
from replay.corpus import DEFAULT_CORPUS, load_corpus
from replay.site import ReplaySite

log = logging.getLogger(__name__)


class _Handler(BaseHTTPRequestHandler):
    server: ReplayServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms ACK stalls

    def do_GET(self) -> None:
        self._answer_quietly(send_body=True)

    def do_HEAD(self) -> None:
        self._answer_quietly(send_body=False)

    def _answer_quietly(self, send_body: bool) -> None:
        try:
            self._answer(send_body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            self.close_connection = True

    def _answer(self, send_body: bool) -> None:
        host, target = from_mirror_path(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.server.site.handle(host, target, headers)
        if reply.delay:
            time.sleep(reply.delay)
        if reply.fault in ("reset", "close"):
            self._drop(reset=reply.fault == "reset")
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if not any(name.lower() == "content-length" for name in reply.headers):
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        body = reply.body[: len(reply.body) // 2] if reply.fault == "truncate" else reply.body
        if send_body and body:
            self.wfile.write(body)
        if reply.fault == "truncate":
            self.wfile.flush()
            self._drop(reset=False)

    def _drop(self, reset: bool) -> None:
        """Close the connection now: with a TCP RST (SO_LINGER 0) or a plain FIN."""
        self.close_connection = True
        if reset:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        try:
            self.connection.shutdown(socket.SHUT_RDWR) if not reset else None
        except OSError:
            pass
        self.connection.close()

    def log_message(self, format: str, *args: object) -> None:
        log.debug("replay: " + format, *args)


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog is 5: several crawlers opening their connection
    # pools at once overflow it, and each dropped SYN costs a 1 s retransmit (a stall no real
    # web server causes). 128 is the kernel's usual SOMAXCONN floor.
    request_queue_size = 128

    def __init__(self, site: ReplaySite, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.site = site

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def build_site(
    corpus: Path = DEFAULT_CORPUS, generate: int = 0, days: int = 20, include_corpus: bool = True
) -> ReplaySite:
    """The corpus pages, plus ``generate`` articles made from its layouts over ``days`` days
    ending on the corpus's newest day."""
    pages = load_corpus(corpus)
    if generate:
        from datetime import datetime

        from replay.generate import generate_pages

        newest = max(p.index_day for p in pages if p.index_day)
        made = generate_pages(generate, datetime.combine(newest, datetime.min.time()), days)
        pages = (pages if include_corpus else []) + made
    return ReplaySite(pages)


def start_replay(
    corpus: Path = DEFAULT_CORPUS,
    port: int = 0,
    generate: int = 0,
    days: int = 20,
    include_corpus: bool = True,
) -> ReplayServer:
    """Serve the site on a free loopback port in a background thread; ``.shutdown()`` stops it."""
    server = ReplayServer(build_site(corpus, generate, days, include_corpus), port)
    threading.Thread(target=server.serve_forever, name="replay", daemon=True).start()
    return server


def start_outlets(port: int = 0, held_out: bool = False) -> ReplayServer:
    """The multi-outlet replay (``replay.outlets``) in a background thread."""
    from replay.outlets import OutletSite

    server = ReplayServer(OutletSite(held_out), port)
    threading.Thread(target=server.serve_forever, name="outlets", daemon=True).start()
    return server

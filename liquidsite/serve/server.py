"""The development web server: the destination served as Jekyll serves it.

Mirrors commands/serve.rb and serve/servlet.rb: the site is mounted at
``baseurl``; a folder serves its ``index.html`` (a folder named without
its slash is redirected), ``/about`` finds ``about.html``; a missing file
gets the site's ``404.html`` when there is one; responses are never
cached.  With live reload on, HTML responses carry the reload script and
``/__liquidsite/livereload`` streams build events.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
import urllib.parse
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from . import livereload
from .livereload import BuildState, event

# commands/serve.rb DIRECTORY_INDEX
DIRECTORY_INDEX = (
    "index.htm", "index.html", "index.rhtml", "index.xht", "index.xhtml",
    "index.cgi", "index.xml", "index.json",
)
NO_CACHE = "private, max-age=0, proxy-revalidate, no-store, no-cache, must-revalidate"
# serve/mime_types_charset.json: text types get the site's charset.
CHARSET_TYPES = ("text/", "application/javascript", "application/json",
                 "application/manifest+json", "image/svg+xml", "application/xml")
KEEPALIVE_SECONDS = 15.0


def content_type(path: Path, encoding: str) -> str:
    kind, _ = mimetypes.guess_type(path.name)
    kind = kind or "application/octet-stream"
    if path.suffix in (".js", ".mjs"):
        kind = "application/javascript"
    if kind.startswith(CHARSET_TYPES) or kind.endswith("+xml"):
        kind = f"{kind}; charset={encoding.upper() if encoding.lower() == 'utf-8' else encoding}"
    return kind


def normalize_baseurl(baseurl: object) -> str:
    """``/docs`` for ``docs/``, ``""`` for none: where the site is mounted."""
    text = str(baseurl or "").strip()
    if not text or text == "/":
        return ""
    return "/" + text.strip("/")


class SiteServer(ThreadingHTTPServer):
    """A threading HTTP server that knows the destination and the build state."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        destination: Path,
        baseurl: str,
        state: BuildState,
        livereload_on: bool,
        encoding: str = "utf-8",
        log_requests: bool = False,
    ) -> None:
        self.destination = destination
        self.baseurl = normalize_baseurl(baseurl)
        self.state = state
        self.livereload = livereload_on
        self.encoding = encoding
        self.log_requests = log_requests
        super().__init__(address, SiteRequestHandler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])


class SiteRequestHandler(BaseHTTPRequestHandler):
    """Answers GET and HEAD requests from the built site."""

    server: SiteServer
    protocol_version = "HTTP/1.1"
    server_version = "liquidsite"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        if self.server.log_requests:
            super().log_message(format, *args)

    # -- routing -----------------------------------------------------------------
    def do_HEAD(self) -> None:  # noqa: N802 - stdlib name
        self._respond(head=True)

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._respond(head=False)

    def _respond(self, head: bool) -> None:
        parsed = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(parsed.path)
        if path == livereload.EVENTS_PATH and self.server.livereload and not head:
            self._event_stream(parsed.query)
            return
        base = self.server.baseurl
        if base and not (path == base or path.startswith(base + "/")):
            self._not_found(head)
            return
        rel = path[len(base):]
        target = self._resolve(rel)
        if target is None:
            self._not_found(head)
            return
        if target.is_dir():
            # WEBrick redirects a folder asked for without its slash.
            location = urllib.parse.quote(path + "/") + (f"?{parsed.query}" if parsed.query else "")
            self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/html", head, {"Location": location})
            return
        self._send_file(target, HTTPStatus.OK, head)

    def _resolve(self, rel: str) -> Path | None:
        """The file or folder under the destination that *rel* names."""
        dest = self.server.destination
        parts = [p for p in posixpath.normpath("/" + rel).split("/") if p]
        if any(p.startswith(".ht") or p.startswith("~") for p in parts):
            return None  # WEBrick's NondisclosureName
        candidate = dest.joinpath(*parts) if parts else dest
        try:
            candidate.resolve().relative_to(dest.resolve())
        except (ValueError, OSError):
            return None
        if candidate.is_dir():
            if not rel.endswith("/"):
                return candidate
            for name in DIRECTORY_INDEX:
                if (candidate / name).is_file():
                    return candidate / name
            return None
        if candidate.is_file():
            return candidate
        # servlet.rb search_file: "/about" serves about.html.
        for ext in (".html", ".xhtml"):
            sibling = candidate.with_name(candidate.name + ext) if parts else None
            if sibling is not None and sibling.is_file():
                return sibling
        return None

    # -- responses -------------------------------------------------------------
    def _not_found(self, head: bool) -> None:
        page = self.server.destination / "404.html"
        if page.is_file():
            self._send_file(page, HTTPStatus.NOT_FOUND, head)
            return
        body = (
            "<!DOCTYPE html><html><head><title>Not Found</title></head><body>"
            f"<h1>Not Found</h1><p>{_escape(self.path)} is not in this site.</p></body></html>"
        ).encode("utf-8")
        self._send(HTTPStatus.NOT_FOUND, body, "text/html; charset=UTF-8", head)

    def _send_file(self, path: Path, status: HTTPStatus, head: bool) -> None:
        try:
            body = path.read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, b"", "text/plain", head)
            return
        kind = content_type(path, self.server.encoding)
        if self.server.livereload and kind.startswith("text/html"):
            body = livereload.inject(body, self.server.state.status.generation)
        self._send(status, body, kind, head)

    def _send(
        self, status: HTTPStatus, body: bytes, kind: str, head: bool,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", NO_CACHE)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _event_stream(self, query: str) -> None:
        """Server-sent events: ``reload`` after a good build, ``build-error`` after a bad one."""
        state = self.server.state
        try:
            since = int(urllib.parse.parse_qs(query).get("since", ["0"])[0])
        except ValueError:
            since = 0
        self.close_connection = True
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        state.stream_opened(since)
        try:
            status = state.status
            self.wfile.write(b"retry: 1000\n\n")
            if status.error is not None:
                self.wfile.write(event("build-error", {"message": status.error}))
            elif status.generation > since:
                self.wfile.write(event("reload", {"generation": status.generation}))
                return
            self.wfile.flush()
            seen = status.generation
            while not state.closed:
                status = state.wait_after(seen, KEEPALIVE_SECONDS)
                if state.closed:
                    return
                if status.generation == seen:
                    self.wfile.write(b": keepalive\n\n")
                elif status.error is not None:
                    self.wfile.write(event("build-error", {"message": status.error}))
                else:
                    self.wfile.write(event("reload", {"generation": status.generation}))
                    self.wfile.flush()
                    return
                seen = status.generation
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start_server(server: SiteServer) -> threading.Thread:
    """Serve in a background thread; ``server.shutdown()`` stops it."""
    thread = threading.Thread(target=server.serve_forever, name="liquidsite-http", daemon=True)
    thread.start()
    return thread

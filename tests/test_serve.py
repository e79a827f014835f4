"""``liquidsite serve``: serving at baseurl, rebuilding on edits, live reload.

Every request goes to 127.0.0.1 on a port the system picks; every wait is
bounded by a timeout, so a broken server fails the test instead of
hanging it.
"""

from __future__ import annotations

import http.client
import io
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from liquidsite import Site
from liquidsite.serve import DevServer
from liquidsite.serve.command import serve_settings
from liquidsite.serve.livereload import EVENTS_PATH, inject

from .helpers import write_site

WAIT = 60.0  # seconds: the upper bound of any wait below (a loaded machine starts Chromium slowly)


def site_files() -> dict[str, str]:
    return {
        "_config.yml": "title: Served\nbaseurl: /blog\n",
        "_layouts/default.html": (
            "<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head>\n"
            "<body>{% include nav.html %}{{ content }}</body></html>\n"
        ),
        "_includes/nav.html": "<nav>{{ site.title }}</nav>",
        "index.md": "---\nlayout: default\ntitle: Home\n---\nFirst version of the home page.\n",
        "about.html": "---\nlayout: default\ntitle: About\n---\n<p>About {{ site.url }}</p>\n",
        "assets/site.css": "body { color: black; }\n",
    }


def get(port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


class EventReader:
    """Reads a server-sent event stream on a socket with a deadline."""

    def __init__(self, port: int, since: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        request = f"GET {EVENTS_PATH}?since={since} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        self.sock.sendall(request.encode())
        self.buffer = b""

    def next_event(self) -> tuple[str, str]:
        deadline = time.monotonic() + WAIT
        while True:
            while b"\n\n" in self.buffer:
                block, self.buffer = self.buffer.split(b"\n\n", 1)
                fields = dict(
                    line.split(": ", 1) for line in block.decode().splitlines()
                    if ": " in line and not line.startswith(":")
                )
                if "event" in fields:
                    return fields["event"], fields.get("data", "")
            if time.monotonic() > deadline:
                raise AssertionError("no event before the deadline")
            chunk = self.sock.recv(65536)
            if not chunk:
                raise AssertionError("the event stream closed without an event")
            self.buffer += chunk

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[DevServer, Path, io.StringIO]]:
    src = write_site(tmp_path / "src", site_files())
    dest = tmp_path / "src" / "_site"
    host, _, overrides = serve_settings(str(src), {"destination": str(dest)}, None, "127.0.0.1", None)
    err = io.StringIO()
    server = DevServer(
        lambda: Site.from_path(src, **overrides), host=host, port=0, quiet=True, err=err
    )
    server.start()
    stop = threading.Event()
    watcher = threading.Thread(target=server.watch, args=(stop,), daemon=True)
    watcher.start()
    time.sleep(0.3)  # let the watcher register before the test edits files
    try:
        yield server, src, err
    finally:
        stop.set()
        server.stop()
        watcher.join(WAIT)


def wait_for_generation(server: DevServer, generation: int) -> None:
    deadline = time.monotonic() + WAIT
    while server.state.status.generation < generation:
        if time.monotonic() > deadline:
            raise AssertionError("no rebuild before the deadline")
        time.sleep(0.05)


def test_serves_at_baseurl_with_reload_script_only_in_responses(served) -> None:
    server, src, _ = served
    port = server.server.port
    status, headers, body = get(port, "/blog/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=UTF-8"
    assert "no-cache" in headers["cache-control"]
    assert b"First version of the home page." in body
    assert b"data-liquidsite-livereload" in body
    # Right after <head>, as Jekyll's servlet puts its script.
    assert body.index(b"<head>") < body.index(b"data-liquidsite-livereload") < body.index(b"<title>")
    built = (src / "_site" / "index.html").read_bytes()
    assert b"livereload" not in built
    # Outside the baseurl nothing is served; /about finds about.html.
    assert get(port, "/")[0] == 404
    status, _, body = get(port, "/blog/about")
    assert status == 200 and b"About http://localhost:" in body
    status, headers, body = get(port, "/blog/assets/site.css")
    assert status == 200 and body == b"body { color: black; }\n"
    assert headers["content-type"] == "text/css; charset=UTF-8"
    # A folder named without its slash is redirected, as WEBrick does.
    status, headers, _ = get(port, "/blog")
    assert status == 301 and headers["location"] == "/blog/"


def test_edit_rebuilds_and_signals_reload(served) -> None:
    server, src, _ = served
    port = server.server.port
    generation = server.state.status.generation
    events = EventReader(port, generation)
    try:
        (src / "index.md").write_text(
            "---\nlayout: default\ntitle: Home\n---\nSecond version of the home page.\n"
        )
        assert events.next_event()[0] == "reload"
    finally:
        events.close()
    status, _, body = get(port, "/blog/")
    assert status == 200 and b"Second version of the home page." in body
    # An include edit reaches every page that uses it.
    generation = server.state.status.generation
    (src / "_includes" / "nav.html").write_text("<nav>changed {{ site.title }}</nav>")
    wait_for_generation(server, generation + 1)
    assert b"<nav>changed Served</nav>" in get(port, "/blog/about")[2]
    assert b"<nav>changed Served</nav>" in get(port, "/blog/")[2]


def test_build_error_is_shown_then_cleared(served) -> None:
    server, src, err = served
    port = server.server.port
    generation = server.state.status.generation
    events = EventReader(port, generation)
    try:
        (src / "about.html").write_text("---\nlayout: default\n---\n{% if %}\n")
        name, data = events.next_event()
        assert name == "build-error"
        assert "about.html" in data
        assert "about.html" in err.getvalue()
        # The last good site is still served meanwhile.
        assert get(port, "/blog/about")[0] == 200
        (src / "about.html").write_text("---\nlayout: default\n---\n<p>fixed</p>\n")
        assert events.next_event()[0] == "reload"
    finally:
        events.close()
    assert b"<p>fixed</p>" in get(port, "/blog/about")[2]


def test_stream_for_an_old_page_reloads_at_once(served) -> None:
    server, _, _ = served
    events = EventReader(server.server.port, 0)
    try:
        assert events.next_event()[0] == "reload"
    finally:
        events.close()


def test_inject_places_script_after_head_or_before_body_end() -> None:
    assert inject(b"<html><head lang=x><title>t</title>", 3).startswith(
        b"<html><head lang=x><script data-liquidsite-livereload>"
    )
    assert b"since=3" in inject(b"<head>", 3)
    # <header> is not <head>.
    body = inject(b"<body><header>h</header></body>", 1)
    assert body.startswith(b"<body><header>h</header><script")
    assert inject(b"plain", 1).startswith(b"plain<script")


def test_url_becomes_local_address_in_development(tmp_path: Path, monkeypatch) -> None:
    src = write_site(tmp_path / "src", {"_config.yml": "url: https://example.org\nport: 4321\n"})
    host, port, overrides = serve_settings(str(src), {}, None, None, None)
    assert (host, port, overrides["url"]) == ("127.0.0.1", 4321, "http://localhost:4321")
    monkeypatch.setenv("JEKYLL_ENV", "production")
    assert "url" not in serve_settings(str(src), {}, None, None, 4000)[2]


CHROMIUM = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")
     if shutil.which(name)),
    None,
)


def wait_for_stream(server: DevServer, since: int) -> None:
    """Wait until a page served at build *since* has opened its event stream."""
    deadline = time.monotonic() + WAIT
    while since not in server.state.streams_opened:
        if time.monotonic() > deadline:
            raise AssertionError(f"no page of build {since} opened the live reload stream")
        time.sleep(0.05)


@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)")
def test_browser_reloads_after_an_edit(served) -> None:
    """A real browser runs the injected script and reloads after a rebuild.

    The page's script opens the event stream saying which build it was
    served from; after the edit, a stream from the new build proves the
    browser reloaded the page on its own.
    """
    assert CHROMIUM is not None
    server, src, _ = served
    first = server.state.status.generation
    url = f"http://127.0.0.1:{server.server.port}/blog/"
    browser = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={src.parent / 'chromium-profile'}", url],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_stream(server, first)
        (src / "index.md").write_text("---\nlayout: default\n---\nReloaded in the browser.\n")
        wait_for_generation(server, first + 1)
        assert server.state.status.error is None
        wait_for_stream(server, first + 1)
    finally:
        browser.kill()
        browser.wait(WAIT)

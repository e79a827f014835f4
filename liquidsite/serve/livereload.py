"""Live reload: a script added to HTML responses, and the state it listens to.

Jekyll injects a LiveReload client that talks to a WebSocket server on a
second port (commands/serve/servlet.rb).  liquidsite needs no second port:
the script opens a server-sent event stream on the same server, and
reloads the page when a build finishes, or shows the build error over the
page when one fails.  The script is added to responses only; files in the
destination never contain it.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass

EVENTS_PATH = "/__liquidsite/livereload"

# servlet.rb BodyProcessor: the script goes right after the first <head>.
HEAD_TAG = re.compile(rb"<head>|<head[^(er)][^<]*>", re.IGNORECASE)
BODY_END = re.compile(rb"</body>", re.IGNORECASE)

_SCRIPT = """<script data-liquidsite-livereload>(function () {
  if (!window.EventSource) { return; }
  var source = new EventSource("%(path)s?since=%(generation)d");
  var box = null;
  function showError(message) {
    if (!box) {
      box = document.createElement("pre");
      box.id = "liquidsite-build-error";
      box.setAttribute("style", "position:fixed;z-index:2147483647;left:0;right:0;top:0;" +
        "max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#2b0b0b;" +
        "color:#ffdcdc;font:13px/1.45 monospace;white-space:pre-wrap;border-bottom:3px solid #e5484d");
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "liquidsite: the site failed to build\\n\\n" + message;
  }
  source.addEventListener("reload", function () { source.close(); location.reload(); });
  source.addEventListener("build-error", function (event) {
    showError(JSON.parse(event.data).message);
  });
})();</script>"""


def script(generation: int) -> bytes:
    """The client script for a page served at build *generation*."""
    return (_SCRIPT % {"path": EVENTS_PATH, "generation": generation}).encode("utf-8")


def inject(body: bytes, generation: int) -> bytes:
    """Add the client script to an HTML document (after ``<head>``, as Jekyll)."""
    tag = script(generation)
    match = HEAD_TAG.search(body)
    if match is not None:
        return body[: match.end()] + tag + body[match.end() :]
    match = BODY_END.search(body)
    if match is not None:
        return body[: match.start()] + tag + body[match.start() :]
    return body + tag


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build: its number and its error, if any."""

    generation: int
    error: str | None


class BuildState:
    """Build generations shared by the builder thread and the HTTP threads.

    Each finished build, good or failed, gets the next generation number;
    event streams wait for a number above the one their page was served at.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._status = BuildStatus(0, None)
        self._closed = False
        self._streams: list[int] = []

    def stream_opened(self, since: int) -> None:
        """Note an event stream opened by a page served at build *since*."""
        with self._cond:
            self._streams.append(since)

    @property
    def streams_opened(self) -> list[int]:
        """The build generation of every page that opened a stream, in order."""
        with self._cond:
            return list(self._streams)

    @property
    def status(self) -> BuildStatus:
        with self._cond:
            return self._status

    @property
    def closed(self) -> bool:
        with self._cond:
            return self._closed

    def publish(self, error: str | None = None) -> BuildStatus:
        """Record a finished build (*error* is its message when it failed)."""
        with self._cond:
            self._status = BuildStatus(self._status.generation + 1, error)
            self._cond.notify_all()
            return self._status

    def close(self) -> None:
        """Wake every waiting stream so it can end (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def wait_after(self, generation: int, timeout: float) -> BuildStatus:
        """The status once it is newer than *generation*, or after *timeout* s."""
        with self._cond:
            self._cond.wait_for(
                lambda: self._closed or self._status.generation > generation, timeout
            )
            return self._status


def event(name: str, data: dict[str, object]) -> bytes:
    """One server-sent event."""
    return f"event: {name}\ndata: {json.dumps(data)}\n\n".encode("utf-8")

"""``liquidsite serve``: build, serve, watch, rebuild, reload the browser.

:class:`DevServer` ties the pieces together.  The first build is a full
one; after that the source is watched (watchfiles, which uses the
operating system's change notifications instead of polling), and every
batch of changes rebuilds the site in the same process, reusing every
output whose sources did not change (see :mod:`liquidsite.incremental`).  A failed build
leaves the last good site in place, prints the error, and shows it over
the open pages until a good build reloads them.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from pathlib import Path
from typing import Callable, Iterable, TextIO

from ..errors import LiquidsiteError
from ..incremental import BuildRecord
from ..readcache import ReadCache
from .livereload import BuildState
from .server import SiteServer, normalize_baseurl, start_server

if False:  # pragma: no cover - typing only, without importing the site at start-up
    from ..site import Site

# Folders whose changes never affect the site (besides the destination).
IGNORED_DIRS = (".liquidsite-cache", ".jekyll-cache", ".sass-cache", ".git")


class DevServer:
    """Builds a site, serves its destination, and rebuilds it on changes.

    Args:
        make_site: returns a fresh :class:`~liquidsite.site.Site` (called for
            the first build and whenever the configuration changes).
        host, port: where to listen; port 0 picks a free port.
        livereload: add the reload script to HTML responses.
        out, err: where progress and errors are printed.
        config_files: configuration files given with ``--config``; they are
            watched too when they live outside the source.
    """

    def __init__(
        self,
        make_site: Callable[[], Site],
        host: str = "127.0.0.1",
        port: int = 4000,
        livereload: bool = True,
        quiet: bool = False,
        out: TextIO | None = None,
        err: TextIO | None = None,
        trace: bool = False,
        log_requests: bool = False,
        config_files: Iterable[str | Path] = (),
    ) -> None:
        self.make_site = make_site
        self.config_files = {Path(p).resolve() for p in config_files}
        self.host = host
        self.requested_port = port
        self.livereload = livereload
        self.quiet = quiet
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.trace = trace
        self.log_requests = log_requests
        self.state = BuildState()
        self.site: Site | None = None
        self.site_ok = False
        self.last_error: LiquidsiteError | None = None
        self.record: BuildRecord | None = None
        # What each read made of every file, for the next read (unchanged files).
        self.read_cache = ReadCache()
        # What the last write left in the destination (see writer.write).
        self.known_outputs: dict[str, tuple[str, tuple[int, int, int]]] = {}
        self.server: SiteServer | None = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._build_lock = threading.Lock()

    # -- building ---------------------------------------------------------------
    def build(self, changed: Iterable[Path] | None = None) -> bool:
        """Build (everything, or what *changed* touches); True when it worked."""
        with self._build_lock:
            started = time.perf_counter()
            changed = list(changed) if changed is not None else None
            try:
                # Every build reads the source afresh and reuses the outputs
                # of the last good build whose sources did not change (the
                # record checks itself: a configuration change, for one,
                # changes its global key and so renders everything).
                site = self.make_site()
                site.previous_record = self.record
                site.keep_record = True
                site.read_cache = self.read_cache
                site.known_outputs = self.known_outputs
                self.site = site
                self.site_ok = False
                report = site.build()
            except LiquidsiteError as error:
                self.site_ok = False
                self.last_error = error
                message = str(error)
                print(f"liquidsite: build failed\n{message}", file=self.err, flush=True)
                self.state.publish(error=message)
                return False
            except Exception as error:  # noqa: BLE001 - keep serving, show the bug
                self.site_ok = False
                message = "".join(traceback.format_exception(error))
                print(f"liquidsite: build failed\n{message}", file=self.err, flush=True)
                self.state.publish(error=message)
                return False
            self.site_ok = True
            self.known_outputs = site.known_outputs
            if site.engine is not None:
                self.record = site.engine.record
            self.state.publish()
            if not self.quiet:
                took = time.perf_counter() - started
                print(
                    f"liquidsite: {report.pages_written} written, {report.removed} removed "
                    f"in {took:.2f}s",
                    file=self.out, flush=True,
                )
            return True

    # -- serving ----------------------------------------------------------------
    def start(self) -> int:
        """Build once, then listen; returns the port."""
        self.build()
        site = self.site
        if site is None:  # the configuration itself could not be read
            raise self.last_error or LiquidsiteError("the site could not be loaded")
        destination = Path(site.destination)
        destination.mkdir(parents=True, exist_ok=True)
        self.server = SiteServer(
            (self.host, self.requested_port),
            destination,
            normalize_baseurl(site.config.get("baseurl")),
            self.state,
            self.livereload,
            encoding=str(site.config.get("encoding") or "utf-8"),
            log_requests=self.log_requests,
        )
        self._thread = start_server(self.server)
        if not self.quiet:
            base = self.server.baseurl
            print(f"liquidsite: serving http://{self.host}:{self.server.port}{base}/", file=self.out, flush=True)
        return self.server.port

    def watch(self, stop: threading.Event | None = None, debounce_ms: int = 100) -> None:
        """Rebuild on every batch of source changes until *stop* is set."""
        import watchfiles

        stop_event = stop or self._stop
        site = self.site
        assert site is not None
        source = Path(site.source).resolve()
        ignored = [str(Path(site.destination).resolve())]
        ignored += [str(source / name) for name in IGNORED_DIRS]
        watch_filter = watchfiles.DefaultFilter(ignore_paths=ignored)
        outside = [p for p in self.config_files if not p.is_relative_to(source) and p.exists()]
        for changes in watchfiles.watch(
            source, *outside, watch_filter=watch_filter, debounce=debounce_ms, step=20,
            stop_event=stop_event, raise_interrupt=False, rust_timeout=500,
            yield_on_timeout=False,
        ):
            paths = sorted({Path(p) for _, p in changes if not p.endswith(".liquidsite-tmp")})
            if paths:
                if not self.quiet:
                    shown = ", ".join(_shown(p, source) for p in paths[:3])
                    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
                    print(f"liquidsite: changed {shown}{more}", file=self.out, flush=True)
                self.build(paths)

    def stop(self) -> None:
        """Stop watching and serving."""
        self._stop.set()
        self.state.close()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _shown(path: Path, source: Path) -> str:
    try:
        return path.resolve().relative_to(source).as_posix()
    except ValueError:
        return str(path)


__all__ = ["DevServer"]

"""Render a site's documents: in order, reusing, and in parallel.

The result is always that of Jekyll's serial loop (site.rb ``render``):
documents, then pages, each rendered in a site where every earlier one is
already rendered.  Two things make it faster without changing a byte:

* **Reuse.**  A document whose sources did not change since the last
  build gets back the state its render left (see :mod:`.incremental`).
* **Parallel processes.**  After the site is read, worker processes are
  forked; each renders a share of the documents in a copy of the site.
  A document that read another document's or page's body (``content``,
  ``output``, ``excerpt``, through ``site.posts``, ``site.pages``,
  ``paginator.posts``...) saw it converted or not depending on render
  order, so the main process renders it again, in order, after applying
  every earlier result.  Any other document read nothing that another
  render changes (lists' front matter, URLs and order are fixed once the
  site is read), so its worker's result is the serial result.

Workers are used only where ``fork`` exists and no plugin registered
per-document hooks (whose side effects would stay in a worker).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from . import incremental
from .errors import BuildErrors, LiquidsiteError
from .incremental import BuildRecord, DependencyValues, ItemRecord
from .progress import ProgressBar, TemplateProfile

log = logging.getLogger("liquidsite")

# Fewer documents than this render in the main process (forking costs more).
PARALLEL_THRESHOLD = 64
BLOCK = 16  # documents handed to a worker at a time, in order


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class RenderStats:
    """What the engine did in the last render."""

    rendered: int = 0
    reused: int = 0
    rendered_in_workers: int = 0
    rendered_again: int = 0
    jobs: int = 1
    seconds: float = 0.0
    rendered_keys: list[str] = field(default_factory=list)


@dataclass
class _Result:
    index: int
    ok: bool
    state: dict[str, Any] | None = None
    deps: set[str] | None = None
    warnings: list[str] | None = None
    timings: dict[str, list[float]] | None = None
    error: str | None = None


class RenderEngine:
    """Renders the documents of one build (see the module docstring).

    Args:
        site: the site, already read and generated.
        jobs: worker processes; 1 renders everything in this process.
        previous: the record of the last build, whose outputs may be reused.
        progress: show a progress bar (None: when stdout is a terminal).
        profile: time every template (``--profile``).
        keep_record: make the record of this build (what every output read
            and left) for the next one; a one-off build has no use for it
            and skips hashing every document and file it read.
        meanwhile: work for this process while workers render (the site
            makes its destination's folders); not called without workers.
    """

    def __init__(
        self,
        site: Any,
        jobs: int | None = None,
        previous: BuildRecord | None = None,
        progress: bool | None = None,
        profile: bool = False,
        keep_record: bool = True,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        self.site = site
        self.meanwhile = meanwhile
        self.keep_record = keep_record or previous is not None
        self.jobs = jobs if jobs and jobs > 0 else default_jobs()
        self.previous = previous
        self.progress = progress
        self.profile = TemplateProfile() if profile else None
        self.record: BuildRecord | None = None
        self.stats = RenderStats()

    # -- one document -------------------------------------------------------------------
    def _render_one(self, item: Any) -> tuple[set[str], list[str]]:
        """Render *item* in this process; returns what it read and its warnings."""
        site = self.site
        deps: set[str] = set()
        site._dependencies = deps
        before = len(site.warnings)
        try:
            item.output = site.renderer.render_page(item)
        finally:
            site._dependencies = None
        if item.ext in (".scss", ".sass"):
            deps.add("volatile:sass")  # @import reads _sass files unseen
        return deps, list(site.warnings[before:])

    # -- the whole render -------------------------------------------------------------
    def render(self, items: Sequence[Any], added: Callable[[], Sequence[Any]] | None = None) -> None:
        """Render *items* in order, as the serial loop would.

        *added* returns documents that renders added to the site (a Sass
        page adds its source map page); Jekyll's loop reaches them after
        the others, and so do we, in this process.
        """
        started = time.perf_counter()
        site = self.site
        self.stats = RenderStats(jobs=1)
        keep = self.keep_record
        if keep:
            # Reads of site.data are recorded entry by entry for the record.
            site.content.data = incremental.track_data(site.content.data, site.record_dependency)
            invalidate = getattr(site.drop, "invalidate", None)
            if invalidate is not None:
                invalidate("data")
        if self.profile is not None:
            self.profile.install(site)
        gkey = incremental.global_key(site) if keep else ""
        values = DependencyValues(site, site.content.data)
        previous = self.previous if self.previous and self.previous.global_key == gkey else None
        record = BuildRecord(gkey)
        record.front_matter = getattr(site, "front_matter_read", None) or {}
        keys = [incremental.item_key(item) for item in items]
        fingerprint_of: Callable[[Any], str] = incremental.item_fingerprint
        cache = getattr(site, "read_cache", None)
        if cache is not None and incremental.pristine_reads(site):
            # A copy of an unchanged file has the fingerprint it had.
            fingerprint_of = lambda item: cache.remembered(  # noqa: E731
                item, "item", incremental.item_fingerprint)
        prints = [fingerprint_of(item) for item in items] if keep else []

        # Which documents can be reused outright.
        reusable: dict[int, ItemRecord] = {}
        if previous is not None:
            for i, key in enumerate(keys):
                old = previous.items.get(key)
                if (
                    old is not None and not old.volatile and old.fingerprint == prints[i]
                    and values.unchanged(old.deps)
                ):
                    reusable[i] = old
        todo = [i for i in range(len(items)) if i not in reusable]

        results: dict[int, _Result] = {}
        pool = None
        # What was read lives for the whole render: the cyclic collector
        # need not walk it again and again, and forked workers then do not
        # copy every page of it when a collection touches its headers.
        gc.freeze()
        if self._parallel_ok(len(todo)):
            pool = _WorkerPool(self, items, todo)
            self.stats.jobs = pool.size
            if self.meanwhile is not None:
                self.meanwhile()
        bar = ProgressBar(len(items), enabled=self.progress)
        failures: list[LiquidsiteError] = []
        try:
            for i, item in enumerate(items):
                if i in reusable:
                    old = reusable[i]
                    incremental.apply_state(item, old.state)
                    for message in old.warnings:
                        site.warn(message)
                    record.items[keys[i]] = old
                    self.stats.reused += 1
                    bar.advance()
                    continue
                result = pool.result(i) if pool is not None else None
                if result is not None and result.ok and not incremental.is_volatile(result.deps or set()):
                    assert result.state is not None and result.deps is not None
                    incremental.apply_state(item, result.state)
                    seen = set(site.warnings)
                    for message in result.warnings or []:
                        if message not in seen:
                            site.warn(message)
                    deps, warnings = result.deps, list(result.warnings or [])
                    if self.profile is not None and result.timings:
                        self.profile.merge(result.timings)
                    self.stats.rendered_in_workers += 1
                else:
                    if result is not None:
                        self.stats.rendered_again += 1
                    try:
                        deps, warnings = self._render_one(item)
                    except LiquidsiteError as error:
                        # Go on with the other documents so that one build
                        # reports every independent error at once.
                        failures.append(error)
                        bar.advance()
                        continue
                self.stats.rendered += 1
                self.stats.rendered_keys.append(keys[i])
                if keep:
                    volatile = incremental.is_volatile(deps)
                    record.items[keys[i]] = ItemRecord(
                        prints[i],
                        {} if volatile else values.snapshot(deps),
                        volatile,
                        incremental.capture_state(item),
                        warnings,
                    )
                bar.advance()
            extra = list(added()) if added is not None else []
            while extra:
                for item in extra:
                    deps, warnings = self._render_one(item)
                    self.stats.rendered += 1
                    if keep:
                        record.items[incremental.item_key(item)] = ItemRecord(
                            "", {}, True, incremental.capture_state(item), warnings
                        )
                extra = list(added()) if added is not None else []
        finally:
            bar.close()
            if pool is not None:
                pool.close()
            gc.unfreeze()
        if failures:
            raise failures[0] if len(failures) == 1 else BuildErrors(failures)
        self.record = record if keep else None
        self.stats.seconds = time.perf_counter() - started

    def _parallel_ok(self, count: int) -> bool:
        if self.jobs <= 1 or count < PARALLEL_THRESHOLD:
            return False
        if "fork" not in multiprocessing.get_all_start_methods():
            return False
        hooks = getattr(self.site.plugins, "hooks", {}) or {}
        # Site-level hooks run in the main process; per-document ones would
        # run in workers and their effects would be lost.
        return not any(not name.startswith("site:") and funcs for name, funcs in hooks.items())


class _WorkerPool:
    """Forked processes rendering blocks of documents, results read in order."""

    def __init__(self, engine: RenderEngine, items: Sequence[Any], todo: list[int]) -> None:
        ctx = multiprocessing.get_context("fork")
        self.size = min(engine.jobs, max(1, len(todo) // BLOCK))
        blocks = [todo[i : i + BLOCK] for i in range(0, len(todo), BLOCK)]
        self.results: dict[int, _Result] = {}
        self.owner: dict[int, int] = {}
        self.conns: list[Any] = []
        self.procs: list[Any] = []
        self.done: set[int] = set()
        sys.stdout.flush()
        sys.stderr.flush()
        for w in range(self.size):
            mine = [i for block in blocks[w :: self.size] for i in block]
            for i in mine:
                self.owner[i] = w
            reader, writer = ctx.Pipe(duplex=False)
            proc = ctx.Process(
                target=_worker_main, args=(engine, items, mine, writer), daemon=True,
                name=f"liquidsite-render-{w}",
            )
            proc.start()
            writer.close()
            self.conns.append(reader)
            self.procs.append(proc)

    def result(self, index: int) -> _Result | None:
        """The worker's result for *index* (waits for it); None if it has none."""
        worker = self.owner.get(index)
        if worker is None:
            return None
        while index not in self.results:
            if worker in self.done:
                return None
            conn = self.conns[worker]
            try:
                batch = conn.recv()
            except (EOFError, OSError):
                self.done.add(worker)
                return None
            if batch is None:
                self.done.add(worker)
                continue
            for res in batch:
                self.results[res.index] = res
        return self.results.pop(index)

    def close(self) -> None:
        for conn in self.conns:
            conn.close()
        for proc in self.procs:
            if proc.is_alive():
                proc.terminate()
            proc.join(5)


def _worker_main(engine: RenderEngine, items: Sequence[Any], indices: list[int], conn: Any) -> None:
    """In a forked child: render *indices* in order, send results in batches."""
    logging.getLogger("liquidsite").disabled = True
    site = engine.site
    batch: list[_Result] = []
    last_send = time.perf_counter()
    try:
        for i in indices:
            item = items[i]
            if engine.profile is not None:
                engine.profile.reset()
            try:
                deps, warnings = engine._render_one(item)
            except BaseException as error:  # noqa: BLE001 - the main process renders it again
                batch.append(_Result(i, False, error="".join(traceback.format_exception_only(error))))
            else:
                batch.append(_Result(
                    i, True, incremental.capture_state(item), deps, warnings,
                    engine.profile.export() if engine.profile is not None else None,
                ))
            now = time.perf_counter()
            if len(batch) >= BLOCK or now - last_send > 0.2:
                conn.send(batch)
                batch, last_send = [], now
        if batch:
            conn.send(batch)
        conn.send(None)
    except (BrokenPipeError, EOFError, OSError):
        pass
    finally:
        conn.close()
        del site
        os._exit(0)


__all__ = ["RenderEngine", "RenderStats", "default_jobs"]

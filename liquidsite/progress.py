"""A progress bar for long builds, and ``--profile``'s per-template table.

The table has the columns and layout of Jekyll's (liquid_renderer/table.rb
through terminal-table): Filename, Count, Bytes, Time, the slowest 50
templates, then a TOTAL row.  As in Jekyll, an include's time is also
counted in the page or layout that includes it.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, TextIO

MIN_ITEMS_FOR_BAR = 200


class ProgressBar:
    """``[#####.....] 523/1000`` on stderr, redrawn at most ten times a second."""

    def __init__(self, total: int, enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = sys.stdout.isatty() and self.stream.isatty() and total >= MIN_ITEMS_FOR_BAR
        self.enabled = enabled
        self.total = total
        self.done = 0
        self._drawn = 0.0

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done == self.total:
            self._drawn = now
            width = 30
            filled = int(width * self.done / max(1, self.total))
            self.stream.write(
                f"\r  rendering [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            )
            self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\r" + " " * 60 + "\r")
            self.stream.flush()


class _TimedTemplate:
    """An include template whose renders are timed (see :class:`TemplateProfile`)."""

    def __init__(self, template: Any, name: str, profile: TemplateProfile) -> None:
        self._template = template
        self._name = name
        self._profile = profile

    def render_with_context(self, context: Any, buffer: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        position = buffer.tell() if hasattr(buffer, "tell") else None
        try:
            return self._template.render_with_context(context, buffer, *args, **kwargs)
        finally:
            size = buffer.tell() - position if position is not None else 0
            self._profile.add(self._name, time.perf_counter() - start, size)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)


class TemplateProfile:
    """Render count, output bytes and seconds per template file."""

    def __init__(self) -> None:
        self.stats: dict[str, list[float]] = {}

    def add(self, name: str, seconds: float, size: int) -> None:
        entry = self.stats.setdefault(name, [0, 0, 0.0])
        entry[0] += 1
        entry[1] += size
        entry[2] += seconds

    def reset(self) -> None:
        self.stats = {}

    def export(self) -> dict[str, list[float]]:
        return self.stats

    def merge(self, other: dict[str, list[float]]) -> None:
        for name, (count, size, seconds) in other.items():
            entry = self.stats.setdefault(name, [0, 0, 0.0])
            entry[0] += count
            entry[1] += size
            entry[2] += seconds

    def install(self, site: Any) -> None:
        """Time the site's Liquid renders: pages, layouts and includes."""
        renderer = site.renderer
        render_liquid: Callable[..., str] = renderer.render_liquid

        def timed_render_liquid(source: str, payload: Any, shown_path: str, *args: Any, **kwargs: Any) -> str:
            start = time.perf_counter()
            output = render_liquid(source, payload, shown_path, *args, **kwargs)
            self.add(shown_path, time.perf_counter() - start, len(output.encode("utf-8")))
            return output

        renderer.render_liquid = timed_render_liquid
        env = site.env
        # Every include render is timed and counted: none is replayed.
        env.include_memo = None
        parse_file: Callable[..., Any] = env.parse_file
        source = str(site.source).rstrip("/") + "/"

        def timed_parse_file(path: Any, name: str | None = None) -> Any:
            template = parse_file(path, name)
            shown = str(path)
            if shown.startswith(source):
                shown = shown[len(source):]
            return _TimedTemplate(template, shown, self)

        env.parse_file = timed_parse_file

    def table(self, rows: int = 50) -> str:
        """Jekyll's "Site Render Stats" table."""
        ordered = sorted(self.stats.items(), key=lambda kv: -kv[1][2])[:rows]
        body = [
            [name, str(int(count)), f"{size / 1024.0:.2f}K", f"{seconds:.3f}"]
            for name, (count, size, seconds) in ordered
        ]
        totals = [sum(e[i] for _, e in ordered) for i in range(3)]
        body.append([
            f"TOTAL (for {len(ordered)} files)", str(int(totals[0])),
            f"{totals[1] / 1024.0:.2f}K", f"{totals[2]:.3f}",
        ])
        header = ["Filename", "Count", "Bytes", "Time"]
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(4)]

        def line(cells: list[str]) -> str:
            parts = [
                cells[0].ljust(widths[0]) if i == 0 else cells[i].rjust(widths[i])
                for i in range(4)
            ]
            return "| " + " | ".join(parts) + " |"

        separator = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        return "\n" + "\n".join([line(header), separator, *map(line, body)]) + "\n"

"""A site: configuration, content, plugins, and the one build pipeline.

``Site.build()`` reads as Jekyll's ``Site#process``: read, generate,
render, plan outputs, write.  Everything stays in memory until the write,
so ``Site.outputs`` and ``Site.render_page`` need no disk.
"""

from __future__ import annotations

import datetime as _dt
import gc
import logging
import os
import time as _time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping

from . import frontmatter, urls, values
from .config import load_config
from .converters import Converter, Identity
from .drops import JekyllDrop, SiteDrop
from .environment import JekyllEnvironment
from .errors import ConfigError, LiquidsiteError, MissingLayoutError
from .hints import close_names
from .dates import site_zone
from .defaults import FrontMatterDefaults
from .documents import Collection, Document, DocumentContext
from .model import Page, StaticFile
from .plugins import Registry, load_plugins, supported_names
from .reader import Reader, SiteContent
from .engine import RenderEngine
from .incremental import BuildRecord, fingerprint, load_record, pristine_reads, save_record
from .renderer import Renderer
from .themes import configure_theme
from .writer import Output, check_destination, make_folders, plan, remove_folders, write

if TYPE_CHECKING:  # serve's read cache: imported by serve, not by a build
    from .readcache import ReadCache

log = logging.getLogger("liquidsite")


@dataclass
class BuildReport:
    """What a build did: counts, time taken and warnings."""

    destination: Path
    pages_written: int
    static_files_copied: int
    unchanged: int
    removed: int
    seconds: float
    warnings: list[str] = field(default_factory=list)


def build_time(config: Mapping[str, Any]) -> _dt.datetime:
    """``site.time``: now, or ``SOURCE_DATE_EPOCH``, in the site's time zone."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            moment = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
        except ValueError:
            raise ConfigError(f"SOURCE_DATE_EPOCH must be whole seconds, not {epoch!r}") from None
    else:
        moment = _dt.datetime.now(_dt.timezone.utc)
    return to_site_zone(moment, config)


def to_site_zone(moment: _dt.datetime, config: Mapping[str, Any]) -> _dt.datetime:
    """Express *moment* in ``timezone:`` (Jekyll sets ``TZ`` from it)."""
    zone = config.get("timezone")
    if zone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return moment.astimezone(ZoneInfo(str(zone)))
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"unknown timezone {zone!r}", path="_config.yml") from None
    return moment.astimezone()


def _output_path(
    item: Any, kind: type, compute: Callable[[str, str], str],
    known: dict[tuple[type, str, str], str],
) -> str:
    """``item.output_path``: *compute(url, output_ext)*, remembered in *known*.

    The path follows from the URL and the extension alone, so a rebuild
    finds most of them in *known* (the read cache's, kept between builds);
    objects of a subclass, which may say otherwise, are asked themselves.
    """
    url: str = item.url
    ext: str = item.output_ext
    if type(item) is not kind:
        return str(item.output_path)
    key = (kind, url, ext)
    path = known.get(key)
    if path is None:
        path = known[key] = compute(url, ext)
    return path


class Site:
    """One Jekyll site, built in memory.

    Use :meth:`from_path` or :meth:`from_files` rather than the constructor.
    Nothing is read until a page, output or data is asked for, and nothing
    is written until :meth:`build`.

    Args:
        config: a configuration from :func:`liquidsite.config.load_config`.

    Example:
        >>> site = Site.from_path("fixtures/ikim")
        >>> site.config["title"]
        'IKIM'
        >>> "/institute.html" in site.outputs
        True
    """

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.source = Path(config["source"])
        self.destination = Path(config["destination"])
        self.time = build_time(config)
        self.warnings: list[str] = []
        # site.rb config=: the theme's _config.yml is merged last, but the
        # plugin list is taken before it, plus the theme's own dependencies.
        self.theme, self.config, theme_warnings = configure_theme(config)
        for message in theme_warnings:
            self.warn(message)
        names = list(config.get("plugins") or []) + list(config.get("gems") or [])
        if self.theme is not None:
            names += [d for d in self.theme.runtime_dependencies if d not in names]
        self.plugins: Registry = load_plugins(
            [str(n) for n in names],
            safe=bool(config.get("safe")),
            whitelist=[str(n) for n in config.get("whitelist") or []],
        )
        for name in self.plugins.refused:
            self.warn(f"plugin '{name}' is not in the whitelist and was skipped (safe mode)")
        for name in self.plugins.unknown:
            self.warn(
                f"plugin '{name}' is not supported by liquidsite and was skipped "
                f"(supported: {', '.join(supported_names()) or 'none'}); "
                "see docs/plugins.md to write one in Python"
            )
        self.converters: list[Converter] = [*self.plugins.converters, *self._default_converters()]
        self.content = SiteContent()
        self.env = self._make_environment()
        self.renderer = Renderer(self, self.env)
        self.drop = SiteDrop(self)
        self._rendered: dict[str, str] | None = None
        self._dependencies: set[str] | None = None
        # What build() has this process do while workers render.
        self._meanwhile: Callable[[], None] | None = None
        # Rendering (see liquidsite.engine): worker processes (None: one per
        # core), the last build's record to reuse outputs from, a progress
        # bar (None: on a terminal), and per-template timing (--profile).
        self.jobs: int | None = None
        self.previous_record: BuildRecord | None = None
        # Front matter this read parsed, by YAML text (kept in the next record).
        self.front_matter_read: dict[str, bytes] = {}
        self.progress: bool | None = None
        self.engine: RenderEngine | None = None
        # Keep the render record after the build (serve's next rebuild uses it).
        self.keep_record = False
        # What earlier reads in this process made of unchanged files (serve).
        self.read_cache: ReadCache | None = None
        # What the last write into the destination left there (serve): set
        # to {} to have the build fill it, pass it on to skip comparing
        # outputs that did not change (see writer.write).
        self.known_outputs: dict[str, tuple[str, tuple[int, int, int]]] | None = None

    @classmethod
    def from_path(
        cls,
        source: str | os.PathLike[str],
        destination: str | os.PathLike[str] | None = None,
        **overrides: Any,
    ) -> Site:
        """Read the configuration of the site in *source*.

        Args:
            source: the site's folder.
            destination: where :meth:`build` writes (default ``source/_site``).
            overrides: configuration keys, as command-line flags set them
                (``baseurl="/docs"``, ``show_drafts=True``); ``config_files``
                is a list of configuration files to read instead of
                ``_config.yml``.

        Raises:
            ConfigError: a configuration file is unreadable or invalid.

        Example:
            >>> Site.from_path("fixtures/ikim", baseurl="/preview").config["baseurl"]
            '/preview'
        """
        if destination is not None:
            overrides["destination"] = str(Path(destination).resolve())
        config_files = overrides.pop("config_files", None)
        return cls(load_config(source, overrides, config_files))

    @classmethod
    def from_files(
        cls,
        files: Mapping[str, str | bytes],
        root: str | os.PathLike[str],
        **overrides: Any,
    ) -> Site:
        """Write *files* under *root* and read the site they make.

        The reader works on a folder, as Jekyll's does, so the files are
        written first; the destination defaults to ``root/_site``.

        Args:
            files: relative path -> text (written as UTF-8) or bytes.
            root: the folder to write into (created if missing).
            overrides: configuration keys, as for :meth:`from_path`.

        Example:
            >>> files = {"_config.yml": "title: Hi", "index.md": "---\\n---\\n# {{ site.title }}"}
            >>> site = Site.from_files(files, tmp_path / "hi")
            >>> site.outputs["/"]
            '<h1 id="hi">Hi</h1>\\n'
        """
        from .testing import write_files

        return cls.from_path(write_files(root, files), **overrides)

    # -- pieces -------------------------------------------------------------
    def _default_converters(self) -> list[Converter]:
        from .converters.markdown import MarkdownConverter
        from .converters.sass import SassConverter, ScssConverter

        # jekyll-sass-converter ships with Jekyll 4.3, so Sass is always on.
        return [
            MarkdownConverter(self.config),
            ScssConverter(self.config, self),
            SassConverter(self.config, self),
            Identity(),
        ]

    def _make_environment(self) -> JekyllEnvironment:
        includes = [self.source / str(self.config.get("includes_dir", "_includes"))]
        if self.theme is not None and self.theme.includes_path is not None:
            includes.append(self.theme.includes_path)
        markdown = next((c for c in self.converters if c.matches(".md")), None)
        env = JekyllEnvironment(
            self.config,
            includes_dirs=includes,
            markdownify=markdown.convert if markdown is not None else None,
            site=self,
        )
        # Templates share parsed expressions: Renderer.render_page renders a
        # failed page again without them, so errors still name their place.
        env.shared_expressions = {}
        # Converters may bring filters of their own (Sass: sassify, scssify).
        for converter in self.converters:
            for name, func in getattr(converter, "filters", dict)().items():
                env.add_filter(name, func)
        for name, func in self.plugins.filters.items():
            env.add_filter(name, func)
        for tag in self.plugins.tags:
            env.add_tag(tag)
        return env

    def converters_for(self, ext: str) -> list[Converter]:
        return [c for c in self.converters if c.matches(ext)]

    def output_ext_for(self, page: Page, known: dict[str, str] | None = None) -> str:
        """``Renderer#output_ext``: the permalink's extension, else the converters'.

        *known* keeps the converters' answers by source extension: a read
        asks them of every page and document, and they depend on the
        extension alone.
        """
        permalink = page.permalink
        if permalink and not permalink.endswith("/"):
            ext = os.path.splitext(permalink)[1]
            if ext:
                return ext
        source_ext = page.ext
        if known is not None:
            answer = known.get(source_ext)
            if answer is not None:
                return answer
        exts = [c.output_ext(source_ext) for c in self.converters_for(source_ext)]
        answer = exts[-1] if len(exts) == 1 else exts[-2]
        if known is not None:
            known[source_ext] = answer
        return answer

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        log.warning(message)

    def missing_layout(self, page: Page, name: str) -> None:
        message = f"Layout '{name}' requested in {page.relative_path} does not exist."
        hint = close_names(name, self.content.layouts)
        if self.config.get("strict"):
            raise MissingLayoutError(message, path=page.relative_path, hint=hint)
        self.warn(f"Build Warning: {message}" + (f" ({hint})" if hint else ""))

    def record_dependency(self, what: str | Path) -> None:
        """Note that the output being rendered read *what* (see incremental builds)."""
        if self._dependencies is not None:
            self._dependencies.add(str(what))

    def payload(self) -> dict[str, Any]:
        """The variables every template sees (``UnifiedPayloadDrop``)."""
        return {
            "site": self.drop,
            "jekyll": JekyllDrop(),
            "page": None,
            "layout": None,
            "content": None,
            "paginator": None,
            "highlighter_prefix": "",
            "highlighter_suffix": "",
        }

    # -- pipeline -------------------------------------------------------------
    def read(self) -> SiteContent:
        """Read the source into memory and give every page its URL."""
        # Everything read lives for the whole build: the cyclic collector
        # would only walk the growing site again and again (a fifth of a
        # read), so it waits until the read is done.
        collecting = gc.isenabled()
        gc.disable()
        try:
            return self._read()
        finally:
            if collecting:
                gc.enable()

    def _read(self) -> SiteContent:
        cache = self.read_cache
        if cache is not None:
            from .readcache import TimeWatcher

            cache.start(fingerprint(dict(self.config), str(getattr(self.theme, "root", None))))
            cache.share_data = pristine_reads(self) and not self.plugins.filters and not self.plugins.tags
        reader = Reader(self.config, theme=self.theme, documents=self.document_context(), cache=cache)
        previous = self.previous_record
        self.front_matter_read = {}
        with frontmatter.cached(previous.front_matter if previous is not None else {},
                                self.front_matter_read):
            self.content = reader.read()
        output_exts: dict[str, str] = {}
        for page in self.content.pages:
            known = cache.known_url(page) if cache is not None else None
            if known is not None:
                page.url, page.output_ext = known
                continue
            page.output_ext = self.output_ext_for(page, output_exts)
            page.url = urls.page_url(
                page.dir, page.basename, page.output_ext,
                self.config.get("permalink"), page.permalink,
            )
            if cache is not None:
                cache.keep_url(page)
        for doc in self.documents:
            known = cache.known_url(doc) if cache is not None else None
            if known is not None:
                doc.url, doc.output_ext = known
                continue
            doc.output_ext = self.output_ext_for(doc, output_exts)  # type: ignore[arg-type]
            if cache is None:
                doc.compute_url()
                continue
            watcher = TimeWatcher(doc.ctx)
            doc.ctx, real = watcher, doc.ctx  # type: ignore[assignment]
            try:
                doc.compute_url()
            finally:
                doc.ctx = real
            cache.keep_url(doc, watcher.time_read)
        self.drop.invalidate()
        self.plugins.trigger("site:post_read", self)
        return self.content

    def document_context(self) -> DocumentContext:
        """The facts documents read from their site (zone, time, defaults)."""
        return DocumentContext(
            config=self.config,
            zone=site_zone(self.config),
            time=self.time,
            defaults=FrontMatterDefaults(self.config),
            render_excerpt=self.renderer.render_excerpt,
            warn=self.warn,
            record=self.record_dependency,
            current=lambda: self.drop.current_document,
        )

    @property
    def collections(self) -> dict[str, Collection]:
        """Collections by name, ``posts`` first, as configured."""
        return self.content.collections

    @property
    def posts(self) -> list[Document]:
        """The posts, oldest first (``site.posts.docs``)."""
        posts = self.content.collections.get("posts")
        return posts.docs if posts is not None else []

    @property
    def documents(self) -> list[Document]:
        """Every document of every collection, in render order."""
        return [doc for c in self.content.collections.values() for doc in c.docs]

    def generate(self) -> None:
        for generator in self.plugins.generators:
            generator(self)
        self.drop.invalidate()

    def render(self) -> dict[str, str]:
        """Render every page; returns ``{output_path: text}`` (nothing written)."""
        if self._rendered is not None:
            return self._rendered
        if not self.content.pages and not self.content.static_files:
            self.read()
            self.generate()
        rendered: dict[str, str] = {}
        self.plugins.trigger("site:pre_render", self)
        # site.rb render: every collection's documents (even those never
        # written), then the pages.
        self.engine = RenderEngine(
            self, jobs=self.jobs, previous=self.previous_record, progress=self.progress,
            profile=bool(self.config.get("profile")),
            keep_record=self.keep_record or bool(self.config.get("incremental")),
            meanwhile=self._meanwhile,
        )
        pages = self.content.pages
        known = len(pages)

        def added() -> list[Page]:
            # Pages that renders appended (a Sass page's source map).
            nonlocal known
            extra, known = pages[known:], len(pages)
            return extra

        # Jekyll puts `timezone:` in ENV["TZ"], so every Time prints in it.
        zone = site_zone(self.config) if self.config.get("timezone") else None
        with values.site_zone(zone):
            self.engine.render([*self.documents, *pages], added)
        paths = self.read_cache.output_paths if self.read_cache is not None else {}
        for doc in self.documents:
            if doc.write_allowed():
                rendered[_output_path(doc, Document, urls.document_output_path, paths)] = doc.output or ""
        for page in self.content.pages:
            rendered[_output_path(page, Page, urls.output_path, paths)] = page.output or ""
        self.plugins.trigger("site:post_render", self)
        self._rendered = rendered
        return rendered

    @property
    def outputs(self) -> dict[str, str]:
        """Every rendered page and written document by URL; nothing is written.

        Example:
            >>> Site.from_path("fixtures/ikim").outputs["/about/"][:15]
            '<!DOCTYPE html>'
        """
        self.render()
        result = {doc.url: doc.output or "" for doc in self.documents if doc.write_allowed()}
        result.update({page.url: page.output or "" for page in self.content.pages})
        return result

    @property
    def pages(self) -> list[Page]:
        """The site's pages, read from the source on first use (a new list each time).

        Example:
            >>> [p.url for p in Site.from_path("fixtures/ikim").pages if p.relative_path == "about.md"]
            ['/about/']
        """
        if not self.content.pages and not self.content.static_files:
            self.read()
            self.generate()
        return list(self.content.pages)

    @property
    def data(self) -> dict[str, Any]:
        """``site.data``: the files of ``_data`` (read from the source on first use).

        Example:
            >>> Site.from_path("fixtures/ikim").data["groups"][0]["label"]
            'Medical Machine Learning'
        """
        if not self.content.pages and not self.content.static_files:
            self.read()
            self.generate()
        return self.content.data

    def render_page(self, relative_path: str) -> str:
        """Render the whole site in memory and return one page's finished HTML.

        Args:
            relative_path: the page's path in the source (``"about.md"``,
                ``"_posts/2024-01-01-hi.md"``).

        Raises:
            LiquidsiteError: no page or document has that relative path, or
                the site fails to render.

        Example:
            >>> html = Site.from_path("fixtures/ikim").render_page("institute.md")
            >>> "Board</h2>" in html
            True
        """
        self.render()
        wanted = relative_path.lstrip("/")
        for page in self.content.pages:
            if page.relative_path == wanted:
                return page.output or ""
        for doc in self.documents:
            if doc.relative_path == wanted or doc.path == self.source / wanted:
                return doc.output or ""
        raise LiquidsiteError(f"no page {relative_path!r} in {self.source}", path=relative_path)

    def planned_paths(self) -> list[str]:
        """Where the pages, static files and documents read so far will be written."""
        return [output.output_path for output in self.planned_outputs()]

    def planned_outputs(self) -> list[Output]:
        cache = self.read_cache
        paths = cache.output_paths if cache is not None else {}
        outputs = [
            Output(_output_path(page, Page, urls.output_path, paths), page.relative_path,
                   text=page.output or "")
            for page in self.content.pages
        ]
        outputs += [
            Output(f.output_path, f.relative_path.lstrip("/"), copy_from=f.source_path)
            for f in self.content.static_files
            if f.write_allowed()
        ]
        # site.rb each_site_file: pages, static files, then documents; a
        # later file wins a shared destination.
        outputs += [
            Output(_output_path(doc, Document, urls.document_output_path, paths), doc.relative_path,
                   text=doc.output or "")
            for doc in self.documents
            if doc.write_allowed()
        ]
        return outputs

    def build(self, destination: str | os.PathLike[str] | None = None) -> BuildReport:
        """Read, render and write the site; returns what was done.

        Unchanged files are not rewritten; files the build did not write are
        removed from the destination unless ``keep_files`` names them.

        Args:
            destination: where to write (default: the configured destination).

        Raises:
            LiquidsiteError: the site has an error; nothing is written then.

        Example:
            >>> report = Site.from_path("fixtures/ikim").build(tmp_path / "site")
            >>> (report.destination / "institute.html").is_file()
            True
        """
        started = _time.perf_counter()
        dest = Path(destination).resolve() if destination is not None else self.destination
        check_destination(self.source, dest)
        incremental = bool(self.config.get("incremental"))
        if incremental and self.previous_record is None:
            self.previous_record = load_record(self.source)
        self.read()
        self.generate()
        self._rendered = None
        made: list[str] = []

        def make_destination_folders() -> None:
            # Output paths are known once the site is read; creating their
            # folders is much of what writing a new site costs.
            made.extend(make_folders(dest, self.planned_paths()))

        self._meanwhile = make_destination_folders
        try:
            self.render()
            planned = plan(self.planned_outputs(), warn=self.warn,
                           strict=bool(self.config.get("strict")))
        except BaseException:
            remove_folders(made)  # nothing else was written
            raise
        finally:
            self._meanwhile = None
        keep = [str(k) for k in self.config.get("keep_files") or []]
        known = self.known_outputs if self.known_outputs is not None and dest == self.destination else None
        result = write(dest, planned, keep, known=known, made=made)
        if known is not None:
            self.known_outputs = result.stamps
        self.plugins.trigger("site:post_write", self)
        if incremental and self.engine is not None and self.engine.record is not None:
            save_record(self.source, self.engine.record)
        return BuildReport(
            destination=dest,
            pages_written=len([o for o in result.written]),
            static_files_copied=len(result.copied),
            unchanged=len(result.unchanged),
            removed=len(result.removed),
            seconds=_time.perf_counter() - started,
            warnings=list(self.warnings),
        )


__all__ = ["Site", "BuildReport", "StaticFile", "LiquidsiteError"]

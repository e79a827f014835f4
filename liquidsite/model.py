"""What a site is made of: pages, static files and layouts.

These are plain data holders with the fixed path names used everywhere:
``relative_path`` (posix, from the source root), ``source_path``
(absolute), ``url`` (site-relative, leading ``/``) and ``output_path``
(relative to the destination).  URL rules live in :mod:`liquidsite.urls`.
"""

from __future__ import annotations

import datetime as _dt
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import urls
from .config import deep_merge


def split_name(name: str) -> tuple[str, str]:
    """``(basename, ext)`` as ``Page#process``: trailing dots leave the basename.

    ``posixpath.splitext`` agrees with Ruby's ``File.extname`` on dot files
    (``.htaccess`` has no extension) and on a trailing dot.
    """
    base, ext = posixpath.splitext(name)
    return base.rstrip("."), ext


@dataclass
class Layout:
    """A file under ``_layouts`` (or a theme's): front matter plus template."""

    name: str
    source_path: Path
    relative_path: str
    data: dict[str, Any]
    content: str
    body_line: int

    @property
    def parent(self) -> str | None:
        value = self.data.get("layout")
        return None if value is None else str(value)


@dataclass
class Page:
    """A file with front matter outside collections (``Jekyll::Page``).

    ``dir`` is Jekyll's ``@dir``: ``""`` at the root, ``/groups`` below it.
    ``data`` is the front matter as written; ``defaults`` the values of
    the matching ``defaults:`` sets, consulted for keys the front matter
    lacks, as Jekyll's ``data.default_proc`` does.
    """

    name: str
    dir: str
    source_path: Path
    data: dict[str, Any]
    defaults: dict[str, Any]
    content: str
    body_line: int
    output_ext: str = ".html"
    url: str = ""
    output: str | None = None
    type: str = "pages"
    liquid_snapshot: dict[str, Any] | None = field(default=None, repr=False)
    # jekyll-paginate's Pager#to_liquid, the page's ``paginator``.
    pager: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def basename(self) -> str:
        return split_name(self.name)[0]

    @property
    def ext(self) -> str:
        return split_name(self.name)[1]

    @property
    def relative_path(self) -> str:
        return posixpath.join(self.dir, self.name).lstrip("/")

    @property
    def path(self) -> str:
        """``page.path``: front matter ``path`` if set, else the relative path."""
        value = self.data.get("path")
        return self.relative_path if value is None else str(value)

    def get(self, key: str) -> Any:
        """A front matter value, falling back to the defaults for missing keys."""
        if key in self.data:
            return self.data[key]
        return self.defaults.get(key)

    @property
    def permalink(self) -> str | None:
        value = self.get("permalink")
        return None if value is None else str(value)

    @property
    def layout(self) -> str | None:
        value = self.get("layout")
        return None if value is None else str(value)

    @property
    def is_html(self) -> bool:
        return self.output_ext in urls.HTML_EXTENSIONS

    @property
    def url_dir(self) -> str:
        return urls.url_dir(self.url)

    @property
    def output_path(self) -> str:
        return urls.output_path(self.url, self.output_ext)

    def render_with_liquid(self) -> bool:
        """Jekyll skips Liquid when the body has no ``{{`` or ``{%``."""
        if self.get("render_with_liquid") is False:
            return False
        return "{%" in self.content or "{{" in self.content

    def place_in_layout(self) -> bool:
        """convertible.rb ``place_in_layout?``: never for Sass or CoffeeScript files."""
        if self.ext in (".sass", ".scss", ".coffee"):
            return False
        return bool(self.get("layout") != "none")

    def liquid(self) -> dict[str, Any]:
        """:meth:`to_liquid`, kept until the page's content changes."""
        if self.liquid_snapshot is None:
            self.liquid_snapshot = self.to_liquid()
        return self.liquid_snapshot

    def set_content(self, content: str) -> None:
        """Replace the body (after conversion, as Jekyll does) and drop the cache."""
        self.content = content
        self.liquid_snapshot = None

    def to_liquid(self) -> dict[str, Any]:
        """The ``page`` hash of ``Convertible#to_liquid``, taken once per render.

        Jekyll snapshots a page's hash before rendering, so ``page.content``
        is the unrendered body, even inside layouts.
        """
        attributes = {
            "content": self.content,
            "dir": self.url_dir,
            "excerpt": None,
            "name": self.name,
            "path": self.path,
            "url": self.url,
        }
        return deep_merge(self.defaults, deep_merge(self.data, attributes))


class StaticFileDrop(dict[str, Any]):
    """What templates see of a static file: a plain mapping of its facts.

    A class of its own only so that filters can tell it from a Hash where
    Ruby does: Jekyll's StaticFileDrop has no ``size`` (``| size`` is 0).
    """

    # A Ruby Liquid::Drop, not a Hash (see liquidsite.lax.expressions.is_ruby_drop).
    __ruby_drop__ = True


@dataclass
class StaticFile:
    """A file copied as it is (``Jekyll::StaticFile``)."""

    name: str
    dir: str
    source_path: Path
    defaults: dict[str, Any] = field(default_factory=dict)
    collection: str | None = None
    url_override: str | None = None
    # static_file.rb: ``data`` (what templates see) is looked up by the
    # relative path, ``defaults`` (which decide publishing) by the URL.
    data: dict[str, Any] | None = None
    collection_output: bool = True
    zone: _dt.tzinfo | None = field(default=None, repr=False)

    @property
    def relative_path(self) -> str:
        """Jekyll's StaticFile ``relative_path`` keeps the leading slash.

        Ruby's ``File.join("", name)`` is ``"/name"``, so even files at the
        root get one.
        """
        return posixpath.join(self.dir or "/", self.name)

    @property
    def extname(self) -> str:
        return posixpath.splitext(self.name)[1]

    @property
    def basename(self) -> str:
        base = self.name[: len(self.name) - len(self.extname)] if self.extname else self.name
        return base.rstrip(".")

    @property
    def url(self) -> str:
        if self.url_override is not None:
            return self.url_override
        cleaned = self.relative_path[: len(self.relative_path) - len(self.extname)]
        cleaned = cleaned.rstrip(".")
        return cleaned + self.extname

    @property
    def output_path(self) -> str:
        return urls.safe_relpath(urls.unescape_path(self.url))

    @property
    def modified_time(self) -> _dt.datetime:
        """``File.stat(path).mtime``: a local time, in the site's zone when known."""
        stamp = os.stat(self.source_path).st_mtime_ns / 1e9
        if self.zone is not None:
            return _dt.datetime.fromtimestamp(stamp, self.zone)
        return _dt.datetime.fromtimestamp(stamp).astimezone()

    def write_allowed(self) -> bool:
        """``StaticFile#write?``: not unpublished, and in an output collection."""
        publishable = self.defaults.get("published", True)
        if self.collection is None:
            return publishable is not False
        return publishable not in (None, False) and self.collection_output

    def to_liquid(self) -> StaticFileDrop:
        """``StaticFileDrop``: the file's facts, then its front matter defaults.

        The facts come first, in the order Jekyll 4.3.1 lists the drop's
        methods (what ``jsonify`` and a ``for`` loop over the drop show).
        """
        facts: dict[str, Any] = {
            "name": self.name,
            "basename": self.basename,
            "extname": self.extname,
            "path": self.relative_path,
            "collection": self.collection,
            "modified_time": self.modified_time,
        }
        data = self.defaults if self.data is None else self.data
        return StaticFileDrop({**facts, **{k: v for k, v in data.items() if k not in facts}})

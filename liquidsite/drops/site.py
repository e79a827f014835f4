"""``site`` and ``jekyll`` (drops/site_drop.rb, drops/jekyll_drop.rb)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterator, Mapping

if TYPE_CHECKING:
    from ..site import Site

JEKYLL_VERSION = "4.3.1"


class JekyllDrop(Mapping[str, Any]):
    """``jekyll.version`` and ``jekyll.environment`` (from ``JEKYLL_ENV``)."""

    def __init__(self, environment: str | None = None) -> None:
        env = environment or os.environ.get("JEKYLL_ENV") or "development"
        self._data = {"version": JEKYLL_VERSION, "environment": env}

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


class SiteDrop(Mapping[str, Any]):
    """The ``site`` variable: config keys plus the site's content, lazily.

    Lists such as ``site.pages`` are built on first use and kept for the
    build, so loops over them cost nothing after the first page; each
    access is reported to the site so incremental builds know who read it.
    """

    COMPUTED = ("time", "pages", "static_files", "html_pages", "data", "documents",
                "collections", "posts", "categories", "tags", "related_posts")

    def __init__(self, site: Site) -> None:
        self._site = site
        self._cache: dict[str, Any] = {}

    def _compute(self, key: str) -> Any:
        site = self._site
        if key == "time":
            return site.time
        if key == "data":
            return site.content.data
        if key == "pages":
            return [page.liquid() for page in site.content.pages]
        if key == "html_pages":
            return [
                page.liquid()
                for page in site.content.pages
                if page.is_html or page.url.endswith("/")
            ]
        if key == "static_files":
            return [f.to_liquid() for f in site.content.static_files]
        if key in ("posts", "documents", "related_posts"):
            return []
        if key in ("categories", "tags"):
            return {}
        if key == "collections":
            return []
        raise KeyError(key)

    def __getitem__(self, key: str) -> Any:
        if key in self.COMPUTED:
            if key not in self._cache:
                self._cache[key] = self._compute(key)
            self._site.record_dependency(f"site.{key}")
            return self._cache[key]
        return self._site.config[key]

    def invalidate(self, *keys: str) -> None:
        """Forget computed lists (after content changed)."""
        for key in keys or tuple(self._cache):
            self._cache.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        seen = set(self.COMPUTED)
        yield from self.COMPUTED
        yield from (k for k in self._site.config if k not in seen)

    def __len__(self) -> int:
        return len(set(self.COMPUTED) | set(self._site.config))

"""jekyll-archives: a page per tag, category, year, month and day of the posts.

Mirrors lib/jekyll-archives.rb, archive.rb and page_drop.rb of
jekyll-archives 2.2.1.  Nothing is generated unless ``jekyll-archives:
enabled:`` lists the kinds (``year``, ``month``, ``day``, ``categories``,
``tags``) or is ``true``/``all``.  Each archive is an empty page rendered
in the layout ``layouts: {KIND: ...}`` or ``layout:`` (default
``archive``) at ``permalinks: {KIND: ...}`` (defaults ``/:year/``,
``/:year/:month/``, ``/:year/:month/:day/``, ``/tag/:name/``,
``/category/:name/``; ``:name`` is the slug, in ``slug_mode``).  The
layout sees ``page.posts`` (newest first), ``page.type``, ``page.title``
(the tag or category; nil for dates), ``page.date`` (the first day of the
period; nil for tags and categories), ``page.name``, ``page.path`` and
``page.url``.  ``site.archives`` lists them.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence, overload

from .. import urls
from ..config import deep_merge
from ..documents import sort_documents
from ..filters.strings import slugify_text
from ..model import Page

if TYPE_CHECKING:
    from ..documents import Document
    from ..plugins import Registry
    from ..site import Site

DEFAULTS: dict[str, Any] = {
    "layout": "archive",
    "enabled": [],
    "permalinks": {
        "year": "/:year/",
        "month": "/:year/:month/",
        "day": "/:year/:month/:day/",
        "tag": "/tag/:name/",
        "category": "/category/:name/",
    },
}


class ArchivePage(Page):
    """archive.rb ``Archive``: an empty page whose Liquid is ``PageDrop``."""

    posts: list[Document]
    archive_type: str
    title_value: Any
    # What it shows comes from the posts (see Renderer.render_page).
    depends_on = ("site.documents",)

    def to_liquid(self) -> dict[str, Any]:
        title = self.title_value
        date = None
        if isinstance(title, dict):
            parts = [int(v) for v in title.values()]
            date = _dt.date(*parts, *([1] * (3 - len(parts))))
        return {
            **self.data,
            "posts": [doc.liquid() for doc in self.posts],
            "type": self.archive_type,
            "title": title if isinstance(title, str) else None,
            "date": date,
            "name": self.basename,
            "path": self.relative_path,
            "url": self.url,
            "permalink": None,
        }


class ArchiveList(Sequence[Any]):
    """``site.archives``: the archive pages, each seen through its ``PageDrop``.

    Kept as the pages themselves (as the gem keeps ``Archive`` objects in the
    configuration), so nothing walking the configuration walks every post.
    """

    def __init__(self, pages: list[ArchivePage], record: Callable[[str], None] | None = None) -> None:
        self._pages = pages
        # Site.record_dependency: the list follows from the posts.
        self._record = record

    def _read(self) -> None:
        if self._record is not None:
            self._record("site.documents")

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        self._read()
        if isinstance(index, slice):
            return [page.liquid() for page in self._pages[index]]
        return self._pages[index].liquid()

    def __len__(self) -> int:
        self._read()
        return len(self._pages)

    @property
    def size(self) -> int:
        """What Liquid's ``size`` reads on an object that is not a list."""
        self._read()
        return len(self._pages)


def archive_page(
    site: Site, config: Mapping[str, Any], title: Any, kind: str, posts: list[Document]
) -> ArchivePage:
    """``Archive.new(site, title, type, posts)``."""
    if isinstance(title, dict):
        placeholders: dict[str, Any] = {**title, "type": kind}
    else:
        slug = slugify_text(str(title), config.get("slug_mode"))
        placeholders = {"name": slug, "type": kind}
    template = str((config.get("permalinks") or {}).get(kind) or "")
    url = urls.generate_url(template, placeholders)
    relative = urls.unescape_path(url).lstrip("/")
    if url.endswith("/"):
        relative += "index.html"
    folder, _, name = relative.rpartition("/")
    layouts = config.get("layouts")
    layout = layouts.get(kind) if isinstance(layouts, Mapping) else None
    page = ArchivePage(
        name=name,
        dir="/" + folder if folder else "",
        source_path=site.source,
        data={"layout": layout or config.get("layout")},
        defaults={},
        content="",
        body_line=1,
    )
    page.posts = posts
    page.archive_type = kind
    page.title_value = title
    page.output_ext = site.output_ext_for(page)
    page.url = url
    return page


def _newest_first(groups: dict[Any, list[Document]]) -> dict[Any, list[Document]]:
    return {key: list(reversed(sort_documents(docs))) for key, docs in groups.items()}


def post_attr_hash(posts: list[Document], attr: str) -> dict[Any, list[Document]]:
    """``Site#post_attr_hash``: each tag (or category) with its posts, newest first."""
    groups: dict[Any, list[Document]] = {}
    for doc in posts:
        for value in doc.data.get(attr) or []:
            groups.setdefault(value, []).append(doc)
    return _newest_first(groups)


def date_attr_hash(posts: list[Document], fmt: str) -> dict[str, list[Document]]:
    groups: dict[str, list[Document]] = {}
    for doc in posts:
        groups.setdefault(doc.date().strftime(fmt), []).append(doc)
    return _newest_first(groups)


def generate(site: Site) -> None:
    options = site.config.get("jekyll-archives", {})
    if not isinstance(options, Mapping):
        site.warn(f"Archives: Expected a hash but got {options!r}")
        site.warn("Archives will not be generated for this site.")
        return
    config = deep_merge(DEFAULTS, dict(options))
    enabled_setting = config.get("enabled")

    def enabled(kind: str) -> bool:
        if enabled_setting is True or enabled_setting == "all":
            return True
        return isinstance(enabled_setting, list) and kind in enabled_setting

    site.config["jekyll-archives"] = config
    posts = list(site.posts)
    archives: list[ArchivePage] = []
    if enabled("tags"):
        for title, docs in post_attr_hash(posts, "tags").items():
            archives.append(archive_page(site, config, title, "tag", docs))
    if enabled("categories"):
        for title, docs in post_attr_hash(posts, "categories").items():
            archives.append(archive_page(site, config, title, "category", docs))
    for year, y_posts in date_attr_hash(posts, "%Y").items():
        if enabled("year"):
            archives.append(archive_page(site, config, {"year": year}, "year", y_posts))
        for month, m_posts in date_attr_hash(y_posts, "%m").items():
            if enabled("month"):
                title = {"year": year, "month": month}
                archives.append(archive_page(site, config, title, "month", m_posts))
            for day, d_posts in date_attr_hash(m_posts, "%d").items():
                if enabled("day"):
                    title = {"year": year, "month": month, "day": day}
                    archives.append(archive_page(site, config, title, "day", d_posts))
    site.content.pages.extend(archives)
    site.config["archives"] = ArchiveList(archives, site.record_dependency)
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="normal")

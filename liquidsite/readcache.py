"""What the last read made of each file, for the next read in the same process.

``liquidsite serve`` rebuilds after every edit.  Reading a site of ten
thousand pages again costs seconds (front matter, defaults, dates, slugs,
URLs), although a typical edit changes one file.  A :class:`ReadCache`
keeps, for every page and document, what reading it produced, keyed by the
file's path, modification time, size and inode; the next read takes a
fresh copy for every file whose key is unchanged and reads the others.

A copy is exact because reading a file depends only on its bytes and on the
configuration (the cache empties itself when the configuration changes),
with one exception: Jekyll fills some dates from the build's time
(``site.time``, which ``serve`` advances on every build).  A document whose
reading or URL consulted the build's time is therefore never kept.

Copies are taken before plugins and rendering touch the objects, and the
front matter is copied container by container, so nothing a build does to
its objects reaches the next build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .documents import Collection, Document, DocumentContext
    from .model import Page

Stamp = tuple[int, int, int]


def stamp_of(path: str | os.PathLike[str]) -> Stamp | None:
    """The file's modification time, size and inode; None if it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def copy_plain(value: Any) -> Any:
    """A copy of dicts and lists, all the way down; other values are shared.

    Front matter holds strings, numbers, times (immutable) in dicts and
    lists, which a plugin or a filter may change in place.
    """
    kind = type(value)
    if kind is dict:
        # Copied whole, then only the containers again: most values are not.
        copied = value.copy()
        for key, item in value.items():
            if type(item) in _CONTAINERS:
                copied[key] = copy_plain(item)
        return copied
    if kind is list:
        return [copy_plain(item) if type(item) in _CONTAINERS else item for item in value]
    return value


_CONTAINERS = frozenset((dict, list))


_NO_PAGE = object()  # a file read as a page that turned out unpublished


@dataclass
class _PageEntry:
    stamp: Stamp
    page: Any  # the Page as read, or _NO_PAGE
    url: str | None = None
    output_ext: str | None = None
    # Fingerprints of the page as the render found it (see remembered()).
    remembered: dict[str, str] = field(default_factory=dict)


@dataclass
class _DocumentEntry:
    stamp: Stamp
    state: dict[str, Any]
    url: str | None = None
    output_ext: str | None = None
    remembered: dict[str, str] = field(default_factory=dict)


class ReadCache:
    """Pages and documents as the last read made them (see the module docstring)."""

    def __init__(self) -> None:
        self._key: str | None = None
        self._pages: dict[str, _PageEntry] = {}
        self._documents: dict[str, _DocumentEntry] = {}
        self._front_matter: dict[str, tuple[Stamp, bool]] = {}
        self._data: dict[str, tuple[Stamp, Any]] = {}
        # The entry filter's answers (reader.EntryFilter.folder_memo): they
        # depend on the configuration and on names only.
        self.entry_filter: dict[tuple[str, str], dict[str, bool]] = {}
        # Output paths by (kind of object, URL, output extension): a pure
        # function of those (see site._output_path), kept between builds.
        self.output_paths: dict[tuple[type, str, str], str] = {}
        # Objects copied from the cache in this read, by id: their URLs are known.
        self._revived: dict[int, _PageEntry | _DocumentEntry] = {}
        self._stamps: dict[str, Stamp | None] = {}
        # ids of the objects this read copied from the cache (not read afresh)
        self._copied: set[int] = set()
        self.hits = 0
        self.misses = 0
        # Hand out the cached data files themselves rather than copies: set
        # when no plugin code runs that could change them in place.
        self.share_data = False

    # -- one read ------------------------------------------------------------------
    def start(self, key: str) -> None:
        """Begin a read with configuration *key*; a new key forgets everything."""
        if key != self._key:
            self._pages.clear()
            self._documents.clear()
            self._front_matter.clear()
            self._data.clear()
            self.entry_filter.clear()
            self.output_paths.clear()
            self._key = key
        self._revived = {}
        self._copied = set()
        self._stamps = {}
        self.hits = self.misses = 0

    def _stamp(self, path: str) -> Stamp | None:
        """The file's stamp, taken once per read (asked for more than once)."""
        stamps = self._stamps
        if path in stamps:
            return stamps[path]
        stamp = stamps[path] = stamp_of(path)
        return stamp

    # -- "does this file start with front matter" --------------------------------------
    def has_front_matter(self, path: str, probe: Callable[[], bool]) -> bool:
        stamp = self._stamp(path)
        known = self._front_matter.get(path)
        if stamp is not None and known is not None and known[0] == stamp:
            return known[1]
        answer = probe()
        if stamp is not None:
            self._front_matter[path] = (stamp, answer)
        return answer

    # -- data files -----------------------------------------------------------------------
    def data_file(self, path: str, load: Callable[[], Any]) -> Any:
        """The data file at *path*, copied from the last read or loaded by *load*."""
        stamp = self._stamp(path)
        known = self._data.get(path)
        if stamp is not None and known is not None and known[0] == stamp:
            self.hits += 1
            # Liquid never changes data in place; a plugin might.
            return known[1] if self.share_data else copy_plain(known[1])
        self.misses += 1
        value = load()
        if stamp is not None:
            try:
                self._data[path] = (stamp, copy_plain(value))
            except RecursionError:  # a YAML alias inside itself: load it every time
                self._data.pop(path, None)
        return value

    # -- pages -------------------------------------------------------------------------
    def page(self, path: str, read: Callable[[], Page | None]) -> Page | None:
        """The page at *path*, copied from the last read or read by *read*."""
        from .model import Page

        stamp = self._stamp(path)
        entry = self._pages.get(path)
        if stamp is not None and entry is not None and entry.stamp == stamp:
            self.hits += 1
            if entry.page is _NO_PAGE:
                return None
            kept = entry.page
            page = Page.__new__(Page)
            page.__dict__.update(kept.__dict__)
            page.data = copy_plain(kept.data)
            page.defaults = copy_plain(kept.defaults)
            self._revived[id(page)] = entry
            self._copied.add(id(page))
            return page
        self.misses += 1
        fresh = read()
        if stamp is not None:
            if fresh is None:
                self._pages[path] = _PageEntry(stamp, _NO_PAGE)
            else:
                kept = Page(**{f.name: getattr(fresh, f.name) for f in fields(Page)})
                kept.data = copy_plain(fresh.data)
                kept.defaults = copy_plain(fresh.defaults)
                entry = self._pages[path] = _PageEntry(stamp, kept)
                self._revived[id(fresh)] = entry
        return fresh

    # -- documents ------------------------------------------------------------------
    def document(
        self,
        path: str,
        collection: Collection,
        ctx: DocumentContext,
        read: Callable[[Any], Document | None],
    ) -> Document | None:
        """The document at *path*, copied from the last read or read by *read*.

        *read* gets the context to make the document with and returns it
        once its file is read (before the publishing checks, which depend
        on the build's time and are made again on every read), or None when
        the file cannot be read.
        """
        from .documents import Document, Excerpt

        stamp = self._stamp(path)
        entry = self._documents.get(path)
        if stamp is not None and entry is not None and entry.stamp == stamp:
            self.hits += 1
            doc = Document.__new__(Document)
            doc.__dict__.update(entry.state)
            doc.data = copy_plain(entry.state["data"])
            doc.collection = collection
            doc.ctx = ctx
            kept = entry.state.get("_excerpt_state")
            if kept is not None:
                # The excerpt as read: its text, nothing rendered yet.
                excerpt = Excerpt.__new__(Excerpt)
                excerpt.__dict__.update(kept)
                excerpt.doc = doc
                doc.data["excerpt"] = excerpt
            del doc.__dict__["_excerpt_state"]
            self._revived[id(doc)] = entry
            self._copied.add(id(doc))
            return doc
        self.misses += 1
        watcher = TimeWatcher(ctx)
        fresh = read(watcher)
        if fresh is None:
            return None
        fresh.ctx = ctx
        if stamp is None or watcher.time_read:
            self._documents.pop(path, None)
            return fresh
        state = dict(fresh.__dict__)
        for name in ("collection", "ctx"):
            state.pop(name, None)
        data = dict(fresh.data)
        excerpt = data.pop("excerpt", None)
        state["_excerpt_state"] = (
            {k: v for k, v in excerpt.__dict__.items() if k != "doc"} if isinstance(excerpt, Excerpt) else None
        )
        if excerpt is not None and not isinstance(excerpt, Excerpt):
            data["excerpt"] = excerpt
        state["data"] = copy_plain(data)
        state["_drop"] = None
        added = self._documents[path] = _DocumentEntry(stamp, state)
        self._revived[id(fresh)] = added
        return fresh

    # -- fingerprints ---------------------------------------------------------------------
    def remembered(self, item: Any, kind: str, compute: Callable[[Any], str]) -> str:
        """*compute(item)*, remembered with the file's entry.

        Valid only while nothing changes objects between the read and the
        render (no generator, no hook: see incremental.pristine_reads): a
        copy is then exactly the object the remembered value was computed
        from, whose file and configuration have not changed since.
        """
        entry = self._revived.get(id(item))
        if entry is None:
            return compute(item)
        if id(item) in self._copied:
            known = entry.remembered.get(kind)
            if known is not None:
                return known
        value = entry.remembered[kind] = compute(item)
        return value

    # -- URLs ---------------------------------------------------------------------------
    def known_url(self, item: Any) -> tuple[str, str] | None:
        """``(url, output_ext)`` of an object this read copied, if the last read computed them."""
        entry = self._revived.get(id(item))
        if entry is None or entry.url is None or entry.output_ext is None:
            return None
        return entry.url, entry.output_ext

    def keep_url(self, item: Any, time_read: bool = False) -> None:
        """Remember the URL just computed for *item* (unless it read the build's time).

        Call it for every page and document of the read, after its URL is set.
        """
        entry = self._revived.get(id(item))
        if entry is None:
            return
        if isinstance(entry, _DocumentEntry) and entry.state["data"].get("date") is None \
                and getattr(item, "data", {}).get("date") is not None:
            # Dated after reading (Document#date): from the build's time or
            # the file's, neither of which the key covers.
            time_read = True
        if time_read:
            entry.url = entry.output_ext = None
            if isinstance(entry, _DocumentEntry):
                # Its date came from the build's time: read it again next time.
                self._documents = {k: v for k, v in self._documents.items() if v is not entry}
            return
        entry.url, entry.output_ext = item.url, item.output_ext


class TimeWatcher:
    """A document context that notes whether ``time`` was read."""

    def __init__(self, ctx: DocumentContext) -> None:
        self._ctx = ctx
        self.time_read = False

    def __getattr__(self, name: str) -> Any:
        if name == "time":
            self.time_read = True
        return getattr(self._ctx, name)

    def is_build_second(self, moment: Any) -> bool:
        # Only a date that equals the build's time depends on it (and
        # would not, at another time).
        same = bool(self._ctx.is_build_second(moment))
        if same:
            self.time_read = True
        return same


__all__ = ["ReadCache", "TimeWatcher", "copy_plain", "stamp_of"]

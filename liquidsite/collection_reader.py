"""Read posts, drafts and collections from the source.

Mirrors ``PostReader`` (readers/post_reader.rb), ``CollectionReader``
(readers/collection_reader.rb), ``Collection#read`` and ``Reader#get_entries``
(reader.rb), and ``Site#limit_posts!`` (site.rb): which files become
documents, which stay static files of a collection, which posts are dropped
(future, unpublished, badly named) and in what order everything ends up.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Mapping

from .documents import (
    DATE_FILENAME_MATCHER,
    DATELESS_FILENAME_MATCHER,
    Collection,
    Document,
    DocumentContext,
    sort_documents,
)
from .errors import ConfigError, EncodingError
from .model import StaticFile
from .reader import _is_dir, decode_source, page_bytes, read_source_text
from . import urls

if TYPE_CHECKING:
    import re

    from .reader import Reader, SiteContent

log = logging.getLogger("liquidsite")

SPECIAL_COLLECTIONS = ("posts", "data")
_SPECIAL_LEADING = (".", "_", "#", "~")


def collection_names(config: Mapping[str, Any]) -> list[str]:
    """``Site#collection_names``: the keys of ``collections:`` (or its items)."""
    value = config.get("collections")
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [str(v) for v in value]
    if value is None:
        return []
    raise ConfigError("Your `collections` key must be a hash or an array.", path="_config.yml")


def glob_entries(base: Path, dotmatch: bool) -> Iterator[str]:
    """Ruby's ``Dir.glob("**/*")`` under *base*: sorted, each folder before its files.

    Without *dotmatch* hidden entries (and what is under them) are left out.
    Links to folders are listed but not entered, as Ruby's ``**`` does.
    """
    for rel, _ in _glob(base, dotmatch):
        yield rel


def _glob(base: Path | str, dotmatch: bool) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """:func:`glob_entries` with each entry's scandir record (type known without a stat)."""

    def walk(folder: Path | str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name.encode("utf-8", "surrogateescape"))
        except OSError:
            return
        for entry in entries:
            name = entry.name
            if not dotmatch and name.startswith("."):
                continue
            rel = prefix + name
            yield rel, entry
            if entry.is_dir(follow_symlinks=False):
                yield from walk(entry.path, rel + "/")

    yield from walk(base, "")


class CollectionReader:
    """Reads the documents of one site into :class:`Collection` objects."""

    def __init__(self, reader: Reader, ctx: DocumentContext) -> None:
        self.reader = reader
        self.ctx = ctx
        self.config = reader.config
        self.source = reader.source
        container = str(self.config.get("collections_dir") or "")
        self.collections_path = self.source / container if container else self.source
        self._collections_prefix = self.collections_path.as_posix() + "/"

    # -- filtering (entry_filter.rb) -------------------------------------------
    def keep(self, entry: str, base_rel: str, base: Path, is_symlink: bool | None = None) -> bool:
        """``EntryFilter#filter`` for one entry relative to *base_rel*.

        *is_symlink* is what a folder listing already says of the entry
        (None: look).
        """
        filt = self.reader.filter
        if entry.endswith("."):
            return False
        included = filt.included(entry)
        if filt.excluded(posixpath.join(base_rel, entry)) and not included:
            return False
        if is_symlink is not False and filt.symlink_outside(base / entry):
            return False
        if included:
            return True
        name = posixpath.basename(entry)
        if entry.startswith(_SPECIAL_LEADING) or name.startswith(_SPECIAL_LEADING):
            return False
        return not entry.endswith("~")

    # -- the whole read ----------------------------------------------------------
    def read(self, content: SiteContent) -> dict[str, Collection]:
        collections = {name: Collection(name, self.ctx) for name in collection_names(self.config)}
        posts = collections.setdefault("posts", Collection("posts", self.ctx))
        for rel_dir in content.dirs:
            if self.outside_configured_directory(rel_dir):
                continue
            posts.docs += self.read_publishable(rel_dir, "_posts", DATE_FILENAME_MATCHER, posts)
            if self.config.get("show_drafts"):
                posts.docs += self.read_publishable(rel_dir, "_drafts", DATELESS_FILENAME_MATCHER, posts)
        posts.docs = sort_documents(posts.docs)
        for collection in collections.values():
            if collection.label in SPECIAL_COLLECTIONS:
                continue
            self.read_collection(collection)
            content.static_files.extend(collection.files)
        self.limit_posts(posts)
        return collections

    def outside_configured_directory(self, rel_dir: str) -> bool:
        container = str(self.config.get("collections_dir") or "")
        return bool(container) and not rel_dir.startswith(f"/{container}")

    def limit_posts(self, posts: Collection) -> None:
        try:
            limit = int(self.config.get("limit_posts") or 0)
        except (TypeError, ValueError):
            raise ConfigError("limit_posts must be a non-negative number", path="_config.yml") from None
        if limit < 0:
            raise ConfigError("limit_posts must be a non-negative number", path="_config.yml")
        if limit > 0:
            posts.docs = posts.docs[-limit:]

    # -- posts and drafts (post_reader.rb) ---------------------------------------
    def read_publishable(
        self, rel_dir: str, magic_dir: str, matcher: re.Pattern[str], posts: Collection
    ) -> list[Document]:
        base = self.source / rel_dir.lstrip("/") / magic_dir
        if not base.exists():
            return []
        base_rel = f"{rel_dir}/{magic_dir}"
        docs: list[Document] = []
        filt = self.reader.filter
        memo = filt.folder_memo("collection", base_rel)
        for entry, info in _glob(base, dotmatch=False):
            link = info.is_symlink()
            if _is_dir(info) or not filt.remember(
                memo, entry, link, lambda: self.keep(entry, base_rel, base, link)  # noqa: B023
            ):
                continue
            if not matcher.match(entry):
                continue
            # The listing's spelling of the path: str(base / entry) without a Path.
            doc = self.read_document(info.path, posts)
            if doc is None:
                continue
            if not doc.can_be_published():
                continue
            if doc.hidden_in_the_future():
                log.warning("Skipping: %s has a future date", doc.relative_path)
                continue
            docs.append(doc)
        return docs

    def new_document(self, path: Path, collection: Collection, ctx: Any = None) -> Document:
        # Document#relative_path: the path with "<collections path>/" removed.
        rel = path.as_posix().replace(self._collections_prefix, "", 1)
        return Document(path, rel, collection, ctx if ctx is not None else self.ctx)

    def read_document(self, path: Path | str, collection: Collection) -> Document | None:
        """The document at *path*, read (None if its text is not valid)."""

        def read(ctx: Any) -> Document | None:
            doc = self.new_document(Path(path), collection, ctx)
            try:
                text = self.read_text(doc.path)
            except EncodingError:
                log.debug("Skipping: %s is not valid UTF-8", doc.relative_path)
                return None
            doc.read(text)
            return doc

        cache = self.reader.cache
        if cache is None:
            return read(self.ctx)
        return cache.document(str(path), collection, self.ctx, read)

    def read_document_strict(
        self, path: Path, collection: Collection, raw: bytes | None = None
    ) -> Document:
        """The document at *path*; text that is not valid is an error here.

        *raw* is the file's bytes when the caller has read them already.
        """

        def read(ctx: Any) -> Document:
            doc = self.new_document(path, collection, ctx)
            if raw is None:
                doc.read(self.read_text(path))
            else:
                doc.read(decode_source(raw, path, self.reader.encoding))
            return doc

        cache = self.reader.cache
        if cache is None:
            return read(self.ctx)
        doc = cache.document(str(path), collection, self.ctx, read)
        assert doc is not None
        return doc

    def read_text(self, path: Path) -> str:
        return read_source_text(path, self.reader.encoding)

    # -- other collections (collection.rb read) ----------------------------------
    def read_collection(self, collection: Collection) -> None:
        directory = collection.directory
        if not directory.is_dir() or self.reader.filter.symlink_outside(directory):
            return
        # collection.rb filters entries as if the collection sat at the source
        # root (relative_directory), whatever collections_dir says.
        filt = self.reader.filter
        memo = filt.folder_memo("collection", collection.relative_directory)
        for entry, info in _glob(directory, dotmatch=True):
            link = info.is_symlink()
            if _is_dir(info) or not filt.remember(
                memo, entry, link,
                lambda: self.keep(entry, collection.relative_directory, directory, link),  # noqa: B023
            ):
                continue
            path = directory / entry
            raw: bytes | None = None
            if self.reader.cache is None:
                raw = page_bytes(info.path)
                is_page = raw is not None
            else:
                is_page = self.reader.has_front_matter(path)
            if is_page:
                doc = self.read_document_strict(path, collection, raw)
                if self.config.get("unpublished") or doc.published:
                    collection.docs.append(doc)
            else:
                collection.files.append(self.collection_static(collection, entry, path))
        collection.sort_docs()

    def collection_static(self, collection: Collection, entry: str, path: Path) -> StaticFile:
        sub = posixpath.dirname(entry)
        rel_dir = collection.relative_directory + (f"/{sub}" if sub else "")
        static = StaticFile(name=path.name, dir=rel_dir, source_path=path, collection=collection.label)
        ext = static.extname
        cleaned = static.relative_path[: len(static.relative_path) - len(ext)] if ext else static.relative_path
        cleaned = cleaned.rstrip(".").replace(collection.relative_directory, "", 1)
        static.url_override = urls.collection_static_url(
            collection.url_template, collection.label, cleaned, static.basename, ext
        )
        static.defaults = self.ctx.defaults.all(static.url, collection.label)
        static.data = self.ctx.defaults.all(static.relative_path, collection.label)
        static.collection_output = collection.write
        static.zone = self.ctx.zone
        return static

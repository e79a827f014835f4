"""Read a source tree into memory: the only module that reads the source.

Mirrors Jekyll's readers (reader.rb, entry_filter.rb, readers/*.rb): which
entries are skipped, which files are pages (front matter on the first
line) and which are static, how ``_layouts`` and ``_data`` are read.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase, translate
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

from . import frontmatter
from .defaults import FrontMatterDefaults
from .errors import DataFileError, EncodingError, LiquidsiteError
from .config import deep_merge
from .model import Layout, Page, StaticFile
from .dates import site_zone
from .documents import Collection, DocumentContext
from .themes import Theme, read_theme_assets
from .yamlload import YamlError, load_yaml

if TYPE_CHECKING:  # serve's read cache: imported by serve, not by a build
    from .readcache import ReadCache

SPECIAL_LEADING = (".", "_", "#", "~")
_BOM = b"\xef\xbb\xbf"  # UTF-8's byte order mark

# Entry filter answers by (which test, folder), then by entry name.
FilterMemo = dict[tuple[str, str], dict[str, bool]]


@dataclass
class SiteContent:
    """Everything read from the source, before anything is rendered."""

    layouts: dict[str, Layout] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    static_files: list[StaticFile] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    # Every folder the walk entered ("" is the root): posts and drafts are
    # looked for in each one's _posts and _drafts (reader.rb retrieve_posts).
    dirs: list[str] = field(default_factory=list)
    collections: dict[str, Collection] = field(default_factory=dict)


def read_source_text(path: Path, encoding: str = "utf-8") -> str:
    """Read a text file as Jekyll does (``bom|utf-8``).

    Raises:
        EncodingError: the bytes are not valid in *encoding*; names the offset.
    """
    # Unbuffered: the file is read whole at once (Path.read_bytes would
    # put a buffer in between); open() reports errors as read_bytes does.
    with open(path, "rb", buffering=0) as handle:
        raw = handle.readall()
    return decode_source(raw, path, encoding)


def decode_source(raw: bytes, path: Path | str, encoding: str = "utf-8") -> str:
    """The text of a file whose bytes are *raw*, as :func:`read_source_text` reads it.

    Raises:
        EncodingError: the bytes are not valid in *encoding*; names the offset.
    """
    if encoding == "utf-8" and not raw.startswith(_BOM):
        # What utf-8-sig does with bytes that do not start with a byte
        # order mark, without its decoder written in Python.
        enc = "utf-8"
    else:
        enc = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
    try:
        return raw.decode(enc)
    except UnicodeDecodeError as err:
        # utf-8-sig reports positions in the bytes after the byte order mark.
        offset = err.start + len(raw) - len(err.object)
        raise EncodingError(
            f"not valid {encoding}: undecodable byte 0x{raw[offset]:02x} at offset {offset}",
            path=str(path),
            hint="save the file as UTF-8, or set `encoding:` in _config.yml",
        ) from None
    except LookupError:
        raise EncodingError(f"unknown encoding '{encoding}'", path="_config.yml") from None


_HEADER_RE = re.compile(rb"\A---[ \t\r\n\f\v]*\r?\n")


def raw_has_front_matter(path: Path) -> bool:
    """``Utils.has_yaml_header?``: the raw first line is ``---``."""
    try:
        with path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        return False
    return _HEADER_RE.match(first) is not None


def page_bytes(path: str) -> bytes | None:
    """The bytes of the file at *path* if it is a page (see :func:`raw_has_front_matter`).

    A page is read whole anyway, so it is read once; any other file only
    as far as its first bytes.  (The header pattern matches the whole text
    exactly when it matches the first line: it ends at the first newline
    that follows nothing but whitespace.)
    """
    try:
        with open(path, "rb", buffering=0) as handle:
            raw = handle.read(4096)
            if not raw.startswith(b"---"):
                return None
            raw += handle.readall()
    except OSError:
        return None
    return raw if _HEADER_RE.match(raw) is not None else None


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """``Path(entry).is_dir()`` (symlinks followed), from what scandir already knows."""
    try:
        return entry.is_dir()
    except OSError:
        return Path(entry.path).is_dir()


_SLASHES_RE = re.compile("/+")


class _Patterns:
    """``include``/``exclude`` patterns (joined to the source) matched at once.

    An entry matches a pattern that globs it (``fnmatchcase``), that is a
    prefix of it, or that is the entry with a slash when the entry is a
    folder (entry_filter.rb glob_include?).  A pattern without ``*``, ``?``
    or ``[`` globs only itself, which its prefix test already matches, so
    only the others are globbed, as one regular expression: Python's
    translations are self-contained alternatives.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.prefixes = tuple(patterns)
        self.folders = frozenset(p[:-1] for p in patterns if p.endswith("/"))
        # Set when an answer depended on the disk (a folder pattern), not
        # only on names: such an answer must not be remembered.
        self.looked = False
        globs = [p for p in patterns if any(c in p for c in "*?[")]
        self.glob: Callable[[str], object] | None = None
        if globs:
            try:
                self.glob = re.compile("|".join(map(translate, globs))).match
            except re.error:  # pragma: no cover - translate's groups never clash today
                self.glob = lambda full: any(fnmatchcase(full, p) for p in globs) or None

    def matches(self, full: str) -> bool:
        if full.startswith(self.prefixes):
            return True
        glob = self.glob
        if glob is not None and glob(full) is not None:
            return True
        if full in self.folders:
            self.looked = True
            return os.path.isdir(full)
        return False


class EntryFilter:
    """Jekyll's rules for skipping entries (entry_filter.rb)."""

    def __init__(self, config: Mapping[str, Any], memo: FilterMemo | None = None) -> None:
        """*memo* keeps decisions across reads with the same configuration
        (see :meth:`remembered`); the owner empties it when that changes."""
        self.source = str(config["source"])
        self.include = [str(p) for p in config.get("include") or []]
        self.exclude = [str(p) for p in config.get("exclude") or [] if p not in self.include]
        # The source with a slash, as _join writes it: runs of slashes made one.
        self._prefix = _SLASHES_RE.sub("/", self.source + "/")
        self._matchers: dict[tuple[str, ...], _Patterns] = {}
        self.memo = memo
        self._include = self._matcher(self.include)
        self._exclude = self._matcher(self.exclude)

    def folder_memo(self, kind: str, base_rel: str) -> dict[str, bool] | None:
        """The remembered answers of test *kind* for the entries of folder *base_rel*.

        An answer for an entry that a listing says is no symlink depends
        only on the configuration and on names (see :meth:`remember`), so
        a read with the same configuration may reuse it; None without a
        :attr:`memo`.
        """
        if self.memo is None:
            return None
        folder = self.memo.get((kind, base_rel))
        if folder is None:
            folder = self.memo[(kind, base_rel)] = {}
        return folder

    def remember(
        self, memo: dict[str, bool] | None, name: str, is_symlink: bool, decide: Callable[[], bool]
    ) -> bool:
        """*decide()* for the entry *name*, or its answer kept in *memo* by an earlier read.

        The answer is kept unless it looked at the disk: a folder pattern
        (``include: [docs/]``) matches only a folder, so its answer changes
        when a file takes the folder's place, and is asked afresh every
        time.  A symlink's answer (it depends on where the link leads) is
        never kept.
        """
        if memo is None or is_symlink:
            return decide()
        known = memo.get(name)
        if known is not None:
            return known
        matchers = self._matchers.values()
        for matcher in matchers:
            matcher.looked = False
        answer = decide()
        if not any(matcher.looked for matcher in matchers):
            memo[name] = answer
        return answer

    def _join(self, rel: str) -> str:
        """The source joined with *rel*, runs of slashes made one."""
        if rel.startswith("/"):
            rel = rel.lstrip("/")
        joined = self._prefix + rel
        return _SLASHES_RE.sub("/", joined) if "//" in joined else joined

    def _matcher(self, patterns: Iterable[str]) -> _Patterns | None:
        key = tuple(patterns)
        if not key:
            return None
        matcher = self._matchers.get(key)
        if matcher is None:
            matcher = self._matchers[key] = _Patterns([self._join(p) for p in key])
        return matcher

    def _glob_include(self, patterns: Iterable[str], entry: str) -> bool:
        matcher = self._matcher(patterns)
        return matcher is not None and matcher.matches(self._join(entry))

    def included(self, name: str) -> bool:
        """Whether ``include`` names *name* (or, for a path, its last part)."""
        matcher = self._include
        if matcher is None:
            return False
        if matcher.matches(self._join(name)):
            return True
        return "/" in name and matcher.matches(self._join(posixpath.basename(name)))

    def excluded(self, rel: str) -> bool:
        matcher = self._exclude
        return matcher is not None and matcher.matches(self._join(rel))

    def symlink_outside(self, path: Path) -> bool:
        if not path.is_symlink():
            return False
        try:
            path.resolve().relative_to(Path(self.source).resolve())
        except (ValueError, OSError):
            return True
        return False

    def keep(self, base_rel: str, name: str, path: Path | str, is_symlink: bool | None = None) -> bool:
        """Whether an entry *name* in folder *base_rel* is read.

        *is_symlink* is what a folder listing already says of *path*
        (None: look); *path* is made a Path only when it must be looked at.
        """
        if name.endswith("."):
            return False
        included = self.included(name)
        if self.excluded(posixpath.join(base_rel, name)) and not included:
            return False
        # Jekyll follows symlinks outside the source except in safe mode;
        # liquidsite never does, so a link cannot pull in outside files.
        if is_symlink is not False and self.symlink_outside(Path(path)):
            return False
        if included:
            return True
        return not (name.startswith(SPECIAL_LEADING) or name.endswith("~"))


class Reader:
    """Reads one site's source folder (and, later, its theme)."""

    def __init__(
        self,
        config: Mapping[str, Any],
        theme_root: Path | None = None,
        theme: Theme | None = None,
        documents: DocumentContext | None = None,
        cache: ReadCache | None = None,
    ) -> None:
        """*documents* (the site's facts for documents) turns on reading collections;
        *cache* (see :mod:`liquidsite.readcache`) copies what an earlier read of
        unchanged files made instead of reading them again."""
        self.config = config
        self.documents = documents
        self.cache = cache
        self.zone = site_zone(config)
        self.theme = theme
        if theme is not None and theme_root is None:
            theme_root = theme.root
        self.source = Path(str(config["source"]))
        self.dest = Path(str(config["destination"]))
        self.encoding = str(config.get("encoding") or "utf-8")
        self.filter = EntryFilter(config, cache.entry_filter if cache is not None else None)
        self.defaults = FrontMatterDefaults(config)
        self.theme_root = theme_root
        self._dest_real: str | None = None

    # -- whole site -----------------------------------------------------
    def read(self) -> SiteContent:
        content = SiteContent()
        content.layouts = self.read_layouts()
        self.read_directories("", content)
        self.read_included_excludes(content)
        # reader.rb sort_files!: pages by name, static files by relative path.
        content.pages.sort(key=lambda p: p.name)
        content.static_files.sort(key=lambda f: f.relative_path)
        if self.documents is not None:
            from .collection_reader import CollectionReader

            content.collections = CollectionReader(self, self.documents).read(content)
        if self.theme is not None:
            read_theme_assets(self, self.theme, content)
        content.data = self.read_data(self.source / str(self.config.get("data_dir", "_data")))
        if self.theme is not None and self.theme.data_path is not None:
            # reader.rb read_data: the site's data wins over the theme's.
            content.data = deep_merge(self.read_data(self.theme.data_path), content.data)
        return content

    def read_directories(self, rel_dir: str, content: SiteContent, real: str | None = None) -> None:
        """Read the folder *rel_dir* and those below it; *real* is its resolved path."""
        base = self.source / rel_dir.lstrip("/") if rel_dir else self.source
        if not base.is_dir():
            return
        if real is None:
            real = os.path.realpath(base)
        if self._dest_real is None:
            self._dest_real = os.path.realpath(self.dest)
        content.dirs.append(rel_dir)
        dirs: list[tuple[str, str]] = []  # (name, resolved path)
        pages: list[tuple[str, str, bytes | None]] = []  # (name, path, bytes when already read)
        statics: list[str] = []
        with os.scandir(base) as listing:
            entries = list(listing)
        filt = self.filter
        memo = filt.folder_memo("site", rel_dir)
        for entry in entries:
            name = entry.name
            link = entry.is_symlink()
            if not filt.remember(
                memo, name, link,
                lambda: filt.keep(rel_dir, name, entry.path, link),  # noqa: B023 - called at once
            ):
                continue
            if _is_dir(entry):
                dirs.append((name, os.path.realpath(entry.path) if link else f"{real}/{name}"))
            elif self.cache is None:
                raw = page_bytes(entry.path)
                if raw is not None:
                    pages.append((name, entry.path, raw))
                else:
                    statics.append(name)
            elif self.has_front_matter(entry.path):
                pages.append((name, entry.path, None))
            else:
                statics.append(name)
        for name, child_real in dirs:
            if child_real == self._dest_real:
                continue
            self.read_directories(f"{rel_dir}/{name}", content, child_real)
        for name, path, raw in pages:
            page = self.read_page(rel_dir, name, raw=raw, path=path)
            if page is not None:
                content.pages.append(page)
        for name in statics:
            content.static_files.append(self.make_static(rel_dir, name))

    def read_included_excludes(self, content: SiteContent) -> None:
        """Files named in ``include`` that the walk skipped (reader.rb)."""
        # Made when first needed: ``include`` (``.htaccess`` by default)
        # seldom names a file that exists.
        seen_pages: set[str] | None = None
        seen_static: set[str] = set()
        for entry in self.filter.include:
            path = self.source / entry
            if not path.is_file() or self.filter.symlink_outside(path):
                continue
            if seen_pages is None:
                seen_pages = {p.relative_path for p in content.pages}
                seen_static = {f.relative_path.lstrip("/") for f in content.static_files}
            rel = path.relative_to(self.source).as_posix()
            rel_dir, name = posixpath.split(rel)
            rel_dir = f"/{rel_dir}" if rel_dir else ""
            if raw_has_front_matter(path):
                if rel not in seen_pages:
                    page = self.read_page(rel_dir, name)
                    if page is not None:
                        content.pages.append(page)
            elif rel not in seen_static:
                content.static_files.append(self.make_static(rel_dir, name))

    # -- single entries ---------------------------------------------------
    def has_front_matter(self, path: Path | str) -> bool:
        if self.cache is None:
            return raw_has_front_matter(Path(path))
        return self.cache.has_front_matter(str(path), lambda: raw_has_front_matter(Path(path)))

    def read_page(
        self, rel_dir: str, name: str, base: Path | None = None, raw: bytes | None = None,
        path: str | None = None,
    ) -> Page | None:
        """A page at *rel_dir*/*name* under *base* (the source, or a theme's root).

        *raw* is the file's bytes when the caller has read them already,
        *path* its path as the folder listing spelled it.
        """
        if self.cache is not None:
            if path is None:
                path = os.path.join(base or self.source, rel_dir.lstrip("/"), name)
            return self.cache.page(path, lambda: self._read_page(rel_dir, name, base))
        return self._read_page(rel_dir, name, base, raw)

    def _read_page(
        self, rel_dir: str, name: str, base: Path | None = None, raw: bytes | None = None
    ) -> Page | None:
        rel = posixpath.join(rel_dir, name).lstrip("/")
        path = (base or self.source) / rel
        if raw is None:
            text = read_source_text(path, self.encoding)
        else:
            text = decode_source(raw, path, self.encoding)
        data, body, body_line = frontmatter.split(text, rel)
        defaults = self.defaults.all(rel, "pages")
        page = Page(
            name=name,
            dir=rel_dir,
            source_path=path,
            data=data,
            defaults=defaults,
            content=body,
            body_line=body_line,
        )
        # publisher.rb: `published: false` pages are dropped unless --unpublished.
        if page.get("published") is False and not self.config.get("unpublished"):
            return None
        return page

    def make_static(self, rel_dir: str, name: str, base: Path | None = None) -> StaticFile:
        path = (base or self.source) / rel_dir.lstrip("/") / name
        static = StaticFile(name=name, dir=rel_dir, source_path=path)
        static.defaults = self.defaults.all(static.url, None)
        static.data = self.defaults.all(static.relative_path, None)
        static.zone = self.zone
        return static

    # -- layouts ------------------------------------------------------------
    def read_layouts(self) -> dict[str, Layout]:
        layouts: dict[str, Layout] = {}
        roots = [self.source / str(self.config.get("layouts_dir", "_layouts"))]
        if self.theme_root is not None:
            roots.append(self.theme_root / "_layouts")
        for root in roots:
            if not root.is_dir():
                continue
            for path in sorted(root.rglob("*.*")):
                if not path.is_file():
                    continue
                rel = path.relative_to(root).as_posix()
                if not all(self.filter.keep("", part, path) for part in rel.split("/")):
                    continue
                name = ".".join(rel.split(".")[:-1])
                if name in layouts:
                    continue
                text = read_source_text(path, self.encoding)
                shown = path.relative_to(self.source).as_posix() if root.is_relative_to(self.source) else str(path)
                data, body, body_line = frontmatter.split(text, shown)
                layouts[name] = Layout(name, path, shown, data, body, body_line)
        return layouts

    # -- data ---------------------------------------------------------------
    def read_data(self, base: Path) -> dict[str, Any]:
        data: dict[str, Any] = {}
        self._read_data_to(base, data)
        return data

    def _read_data_to(self, folder: Path, data: dict[str, Any]) -> None:
        if not folder.is_dir() or self.filter.symlink_outside(folder):
            return
        names = sorted(os.listdir(folder))
        files: list[str] = []
        # Ruby's Dir["*.{yaml,yml,json,csv,tsv}"] lists each extension in
        # turn (sorted within it), then the folders.
        for ext in ("yaml", "yml", "json", "csv", "tsv"):
            files += [n for n in names if n.endswith("." + ext) and not n.startswith(".")]
        dirs = [n for n in names if (folder / n).is_dir() and not n.startswith(".")]
        for name in files + dirs:
            path = folder / name
            if self.filter.symlink_outside(path):
                continue
            if path.is_dir():
                sub: dict[str, Any] = {}
                data[sanitize_filename(name)] = sub
                self._read_data_to(path, sub)
            elif path.is_file():
                data[sanitize_filename(posixpath.splitext(name)[0])] = self.read_data_file(path)

    def read_data_file(self, path: Path) -> Any:
        if self.cache is not None:
            return self.cache.data_file(str(path), lambda: self._read_data_file(path))
        return self._read_data_file(path)

    def _read_data_file(self, path: Path) -> Any:
        text = read_source_text(path, self.encoding)
        shown = path.relative_to(self.source).as_posix() if path.is_relative_to(self.source) else str(path)
        ext = path.suffix.lower()
        if ext in (".csv", ".tsv"):
            return read_csv(text, "\t" if ext == ".tsv" else ",", shown)
        try:
            return load_yaml(text)
        except YamlError as err:
            lines = text.split("\n")
            raise DataFileError(
                f"invalid {'JSON' if ext == '.json' else 'YAML'}: {err.problem}",
                path=shown,
                line=err.line,
                column=err.column,
                source_line=lines[err.line - 1] if err.line and err.line <= len(lines) else None,
                hint=err.hint,
            ) from None


def sanitize_filename(name: str) -> str:
    """``DataReader#sanitize_filename``: the key a data file is stored under."""
    if name.isascii() and name.replace("_", "a").replace("-", "a").isalnum():
        return name  # only letters, digits, "_" and "-": nothing to take out
    # Ruby's \w, \s and \b are ASCII-only, hence re.ASCII.
    name = re.sub(r"[^\w\s-]+|(?:^|(?<=\b\s))\s+(?=$|\s?\b)", "", name, flags=re.ASCII)
    return re.sub(r"\s+", "_", name, flags=re.ASCII)


def _csv_rows(text: str, sep: str) -> list[list[str | None]]:
    """Split CSV text into rows as Ruby's CSV does.

    Python's csv module cannot tell ``a,,b`` from ``a,"",b``; Ruby reads the
    first empty field as nil and the second as an empty string, and Jekyll
    shows the difference.  Quoted fields may hold the separator, newlines
    and doubled quotes.

    Raises:
        ValueError: an unclosed or stray quote, with the 1-based line.
    """
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    i, n, line = 0, len(text), 1
    while i < n:
        if text[i] == '"':
            j, parts = i + 1, []
            while True:
                k = text.find('"', j)
                if k < 0:
                    raise ValueError(f"unclosed quoted field on line {line}")
                parts.append(text[j:k])
                if text.startswith('""', k):
                    parts.append('"')
                    j = k + 2
                    continue
                break
            quoted = "".join(parts)
            line += quoted.count("\n")
            value: str | None = quoted
            i = k + 1
            if i < n and text[i] not in (sep, "\r", "\n"):
                raise ValueError(f"unexpected text after a quoted field on line {line}")
        else:
            k = i
            while k < n and text[k] not in (sep, "\r", "\n"):
                k += 1
            raw = text[i:k]
            if '"' in raw:
                raise ValueError(f"a quote inside an unquoted field on line {line}")
            value = raw if raw else None
            i = k
        row.append(value)
        if i < n and text[i] == sep:
            i += 1
            if i == n:
                row.append(None)
            continue
        # End of the record.
        if text.startswith("\r\n", i):
            i += 2
        elif i < n:
            i += 1
        line += 1
        rows.append(row)
        row = []
        while i < n and text[i] in "\r\n":
            # A blank line is a row without fields.
            i += 2 if text.startswith("\r\n", i) else 1
            line += 1
            rows.append([])
    if row:
        rows.append(row)
    return rows


def read_csv(text: str, delimiter: str, shown: str) -> list[dict[Any, Any]]:
    """Rows as hashes keyed by the header row, as ``CSV::Row#to_hash`` gives.

    Values are strings or nil; a field past the headers has the key nil; a
    header named twice keeps its first value.
    """
    try:
        rows = _csv_rows(text, delimiter)
    except ValueError as err:
        raise DataFileError(f"invalid CSV: {err}", path=shown) from None
    if not rows:
        return []
    header, body = rows[0], rows[1:]
    result: list[dict[Any, Any]] = []
    for fields in body:
        item: dict[Any, Any] = {}
        for i in range(max(len(header), len(fields))):
            key = header[i] if i < len(header) else None
            if key not in item:
                item[key] = fields[i] if i < len(fields) else None
        result.append(item)
    return result


__all__ = ["Reader", "SiteContent", "EntryFilter", "LiquidsiteError"]

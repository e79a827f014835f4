"""What each output read, and whether it must be rendered again.

Every rendered document reports what it reads (``Site.record_dependency``):
layout and include files by path, ``site.data`` entries by key path
(through :class:`TrackedDict`), and the site-wide lists (``site.pages``,
``site.posts``...), compared by their members' front matter, URLs and
order.  A document that read another document's or page's body (its
``content``, ``output`` or ``excerpt``) saw it converted or not depending
on render order, so it is *volatile*: it is rendered again on every build,
in order.  Any other document is reused when its own source, every file it
read, every data entry and every list it read are unchanged, and nothing
site-wide (configuration, the set of layouts and includes, plugins,
environment) changed.

Records are kept in memory between the rebuilds of ``serve`` and in
``.liquidsite-cache/`` in the source between runs of ``build
--incremental``.  Reusing a document means restoring exactly the state its
render left (its converted content, output and excerpt), so documents
rendered after it see what a full build would show them.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

CACHE_DIR = ".liquidsite-cache"
CACHE_FILE = "build.pickle"
# Bump when the record layout or what a render leaves behind changes.
RECORD_VERSION = 6

# Reading another page's or document's body (content, output, excerpt):
# converted or not depending on render order, so the reader is rendered
# again, in order, on every build.
RENDER_STATE = "volatile:render-state"
# Site-wide lists whose items carry modification times: always rendered again.
VOLATILE_SITE_KEYS = frozenset({"site.static_files"})
# Lists of pages; every other ``site.<list>`` is made of documents.
PAGE_LIST_KEYS = frozenset({"site.pages", "site.html_pages"})


# -- stable fingerprints -----------------------------------------------------------


def _stable(value: Any, out: list[str], depth: int = 0) -> None:
    """Append a canonical text for *value* (no memory addresses, fixed order)."""
    if depth > 40:
        out.append("<deep>")
        return
    if type(value) is str:
        # Length-prefixed rather than repr(): bodies are long, repr is slow.
        out.append(f"str:{len(value)}:")
        out.append(value)
    elif value is None or isinstance(value, (bool, int, float, str)):
        out.append(f"{type(value).__name__}:{value!r}")
    elif isinstance(value, (_dt.datetime, _dt.date, _dt.time)):
        out.append(f"{type(value).__name__}:{value.isoformat()}:{getattr(value, 'tzinfo', None)}")
    elif isinstance(value, Mapping):
        out.append("{")
        for key in value.keys():
            _stable(key, out, depth + 1)
            out.append(":")
            _stable(dict.__getitem__(value, key) if isinstance(value, dict) else value[key], out, depth + 1)
            out.append(",")
        out.append("}")
    elif isinstance(value, (list, tuple)):
        out.append("[")
        for item in value:
            _stable(item, out, depth + 1)
            out.append(",")
        out.append("]")
    elif isinstance(value, (set, frozenset)):
        out.append("set" + repr(sorted(map(repr, value))))
    else:
        # Objects in data (an Excerpt, a drop): derived from what is
        # fingerprinted elsewhere, so their kind is enough.
        out.append(f"<{type(value).__name__}>")


_PLAIN_TYPES = (_dt.timedelta, type)


class _FingerprintPickler(pickle.Pickler):
    """Pickles plain values as they are and any other object as its kind.

    Front matter and data are dicts, lists, strings, numbers and times,
    which the C pickler writes fast; an object among them (an excerpt, a
    drop) derives from what is fingerprinted elsewhere, so its kind is
    enough, as in :func:`_stable`.  Without the memo (``fast``) equal
    values give equal bytes whatever objects they share.
    """

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, _PLAIN_TYPES):
            return NotImplemented
        if isinstance(obj, (_dt.datetime, _dt.time)):
            # The zone's name too: two zones may share an offset.
            return (str, (f"<{type(obj).__name__}:{obj.isoformat()}:{obj.tzname()}>",))
        if isinstance(obj, _dt.date):
            return (str, (f"<date:{obj.isoformat()}>",))
        if isinstance(obj, _dt.tzinfo):
            return (str, (f"<tz:{obj.tzname(None)}:{obj.utcoffset(None)}>",))
        if isinstance(obj, dict):
            return (dict, (list(dict.items(obj)),))
        if isinstance(obj, (list, tuple)):
            return (list, (list(obj),))
        return (str, (f"<{type(obj).__name__}>",))


def fingerprint(*values: Any) -> str:
    """A short hash of *values*: equal for equal plain values, across processes.

    (A set's order follows string hashing, which differs between
    processes; sets are rare in front matter and data, and a differing
    fingerprint only costs a needless render.)
    """
    buffer = io.BytesIO()
    pickler = _FingerprintPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    try:
        pickler.dump(values)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
        out: list[str] = []
        for value in values:
            _stable(value, out)
            out.append("|")
        return hashlib.blake2b("".join(out).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    return hashlib.blake2b(buffer.getbuffer(), digest_size=16).hexdigest()


def file_hash(path: str | os.PathLike[str]) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return "missing"
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# -- data access tracking ---------------------------------------------------------


class ReportingDict(dict):  # type: ignore[type-arg]
    """A ``dict`` that reports how it is read, for dependency records.

    ``_on_key(key, value)`` hears of one entry read (``value`` is None for a
    missing key); ``_on_all()`` of the whole mapping read at once (iterated,
    listed, compared).  It stays a ``dict``, so filters treat it exactly as
    the plain mapping, and pickles as one.
    """

    __slots__ = ()

    def _on_key(self, key: Any, value: Any) -> None:
        pass

    def _on_all(self) -> None:
        pass

    def __getitem__(self, key: Any) -> Any:
        try:
            value = dict.__getitem__(self, key)
        except KeyError:
            self._on_key(key, None)
            raise
        self._on_key(key, value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = dict.get(self, key, default)
        self._on_key(key, value)
        return value

    def __iter__(self) -> Iterator[Any]:
        self._on_all()
        return dict.__iter__(self)

    def keys(self):  # type: ignore[no-untyped-def]
        self._on_all()
        return dict.keys(self)

    def values(self):  # type: ignore[no-untyped-def]
        self._on_all()
        return dict.values(self)

    def items(self):  # type: ignore[no-untyped-def]
        self._on_all()
        return dict.items(self)

    def __eq__(self, other: object) -> bool:
        self._on_all()
        return dict.__eq__(self, other)

    __hash__ = None

    def __reduce__(self) -> Any:
        return (dict, (dict(dict.items(self)),))


class TrackedDict(ReportingDict):
    """A folder of ``site.data`` that reports which entries are read.

    Reading one key reports ``data:<path>/<key>``; listing the folder
    (iterating, its size, its keys) reports ``data:<path>/*``, which
    depends on everything below.
    """

    __slots__ = ("_path", "_record")

    def __init__(self, items: dict[str, Any], path: str, record: Callable[[str], None]) -> None:
        super().__init__(items)
        self._path = path
        self._record = record

    def _on_key(self, key: Any, value: Any) -> None:
        # A nested mapping reports its own entries as they are read; here
        # only that it is (still) a mapping.
        if isinstance(key, str) and "/" not in key and key != "*":
            dep = f"data:{self._path}{key}"
            self._record(dep + "?" if isinstance(value, TrackedDict) else dep)
        else:
            self._record(f"data:{self._path}*")

    def _on_all(self) -> None:
        self._record(f"data:{self._path}*")

    def __contains__(self, key: object) -> bool:
        found = dict.__contains__(self, key)
        self._on_key(key, dict.__getitem__(self, key) if found else None)
        return found

    def __len__(self) -> int:
        self._on_all()
        return dict.__len__(self)


def track_data(data: dict[str, Any], record: Callable[[str], None], path: str = "") -> TrackedDict:
    """Wrap ``site.data`` and every mapping reached through mappings.

    Reading ``site.data.people["group-00"]`` then depends on that entry
    only; a list is one unit (reading any element depends on the whole
    list), which is always within one data file.
    """
    wrapped: dict[str, Any] = {}
    for key, value in dict.items(data):
        if isinstance(value, dict) and isinstance(key, str) and "/" not in key:
            wrapped[key] = track_data(value, record, f"{path}{key}/")
        else:
            wrapped[key] = value
    return TrackedDict(wrapped, path, record)


def data_value(data: Mapping[str, Any], key: str) -> Any:
    """The value a ``data:`` dependency names, in freshly read data.

    ``data:a/b?`` asks only whether ``a/b`` is a mapping (and if not, its value).
    """
    if key.endswith("?"):
        value = data_value(data, key[:-1])
        return ("mapping",) if isinstance(value, Mapping) else value
    path = key[len("data:"):]
    parts = path.split("/")
    node: Any = data
    for part in parts[:-1]:
        if not isinstance(node, Mapping) or part not in node:
            return ("missing",)
        node = dict.__getitem__(node, part) if isinstance(node, dict) else node[part]
    last = parts[-1]
    if last == "*":
        return node
    if not isinstance(node, Mapping):
        return ("missing",)
    if last not in node:
        return ("missing",)
    return dict.__getitem__(node, last) if isinstance(node, dict) else node[last]


# -- what a render leaves behind ---------------------------------------------------


def capture_state(item: Any) -> dict[str, Any]:
    """The attributes a render sets on a page or document, to restore later."""
    state: dict[str, Any] = {"content": item.content, "output": item.output}
    excerpt = _excerpt_of(item)
    if excerpt is not None:
        state["excerpt"] = (excerpt.content, excerpt.output)
    return state


def apply_state(item: Any, state: Mapping[str, Any]) -> None:
    """Leave *item* as if it had just been rendered (see :func:`capture_state`)."""
    item.set_content(state["content"])
    item.output = state["output"]
    if "excerpt" in state:
        excerpt = _excerpt_of(item)
        if excerpt is not None:
            excerpt.content, excerpt.output = state["excerpt"]


def _excerpt_of(item: Any) -> Any:
    data = getattr(item, "data", None)
    if not isinstance(data, dict):
        return None
    excerpt = data.get("excerpt")
    if excerpt is not None and hasattr(excerpt, "output") and hasattr(excerpt, "content"):
        return excerpt
    return None


# -- records -----------------------------------------------------------------------


def item_key(item: Any) -> str:
    """Who an output is, across builds."""
    return f"{type(item).__name__}:{item.relative_path}:{item.url}"


def item_fingerprint(item: Any) -> str:
    """The item's own source as read: body, front matter, URL and extension."""
    source = getattr(item, "source_path", None) or getattr(item, "path", None)
    return fingerprint(
        item.content, getattr(item, "data", None), getattr(item, "defaults", None),
        item.url, getattr(item, "output_ext", None), str(source),
    )


@dataclass
class ItemRecord:
    """One output's last render: what it read and what it left."""

    fingerprint: str
    deps: dict[str, str]
    volatile: bool
    state: dict[str, Any]
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildRecord:
    """Everything needed to decide, next time, what to render again."""

    global_key: str
    items: dict[str, ItemRecord] = field(default_factory=dict)
    version: int = RECORD_VERSION
    # Parsed front matter by YAML text (see frontmatter.cached).
    front_matter: dict[str, bytes] = field(default_factory=dict)


def is_volatile(deps: set[str] | frozenset[str]) -> bool:
    """Whether an output must be rendered again in order on every build.

    Reading a site-wide list (``site.posts``) is not enough: the items'
    front matter, URLs and order are fixed once the site is read, and are
    compared as the list's membership (:func:`pages_membership`,
    :func:`documents_membership`).  Only reading another item's body, which
    changes when that item renders, makes the output order-dependent.
    """
    for dep in deps:
        if dep.startswith("volatile:") or dep in VOLATILE_SITE_KEYS:
            return True
    return False


def item_face(item: Any) -> str:
    """A fingerprint of what a list shows of an item: everything but its body."""
    return fingerprint(item_key(item), getattr(item, "data", None), getattr(item, "defaults", None),
                       getattr(item, "output_ext", None))


def _face_of(site: Any) -> Callable[[Any], str]:
    cache = getattr(site, "read_cache", None)
    if cache is not None and pristine_reads(site):
        return lambda item: cache.remembered(item, "face", item_face)
    return item_face


def pristine_reads(site: Any) -> bool:
    """Whether what was read reaches the render untouched (no generator or hook ran)."""
    plugins = getattr(site, "plugins", None)
    if plugins is None:
        return False
    return not plugins.generators and not any(plugins.hooks.values())


def pages_membership(site: Any) -> str:
    """``site.pages`` and ``site.html_pages`` as lists show them, bodies aside."""
    face = _face_of(site)
    return fingerprint([face(page) for page in site.content.pages])


def documents_membership(site: Any) -> str:
    """Every collection's documents and files as lists show them, bodies aside.

    ``site.posts``, ``site.tags``, ``site.categories``, ``site.related_posts``,
    ``site.documents``, ``site.collections``, ``site.<label>``, and a
    document's neighbours all derive from this.
    """
    faces: list[Any] = []
    face = _face_of(site)
    for label, collection in site.content.collections.items():
        faces.append(label)
        faces += [face(doc) for doc in collection.docs]
        for static in getattr(collection, "files", []):
            source = getattr(static, "source_path", None)
            try:
                mtime = os.stat(source).st_mtime_ns if source is not None else None
            except OSError:
                mtime = None
            faces.append((getattr(static, "relative_path", None), mtime))
    return fingerprint(faces)


class DependencyValues:
    """The current value of each kind of dependency, computed once per build."""

    def __init__(self, site: Any, data: Mapping[str, Any]) -> None:
        self.site = site
        self.data = data
        # Every dependency's value, computed on first use: a site of
        # thousands of outputs asks for the same few layouts and lists.
        self._values: dict[str, str] = {}
        self._lists: dict[str, str] = {}
        # Snapshots by content, so that outputs which read the same things
        # (most pages of a site: a layout, a few includes, one list) share
        # one mapping, and the verdicts of unchanged() by that mapping's id
        # (with the mapping itself, which keeps the id from being reused).
        self._snapshots: dict[tuple[tuple[str, str], ...], dict[str, str]] = {}
        self._verdicts: dict[int, tuple[Mapping[str, str], bool]] = {}

    def value(self, dep: str) -> str:
        cached = self._values.get(dep)
        if cached is None:
            cached = self._values[dep] = self._compute(dep)
        return cached

    def _compute(self, dep: str) -> str:
        if dep.startswith("data:"):
            return fingerprint(data_value(self.data, dep))
        if dep == "site.time":
            return str(self.site.time)
        if dep == "site.data":
            return "tracked"  # the entries read are recorded one by one
        if dep.startswith("site."):
            key = "pages" if dep in PAGE_LIST_KEYS else "documents"
            cached = self._lists.get(key)
            if cached is None:
                membership = pages_membership if key == "pages" else documents_membership
                cached = self._lists[key] = membership(self.site)
            return cached
        return file_hash(dep)

    def snapshot(self, deps: set[str]) -> dict[str, str]:
        """The current value of each of *deps*; equal snapshots are one shared
        mapping (never change one in place)."""
        snapshot = {dep: self.value(dep) for dep in sorted(deps)}
        key = tuple(snapshot.items())
        shared = self._snapshots.get(key)
        if shared is None:
            shared = self._snapshots[key] = snapshot
        return shared

    def unchanged(self, recorded: Mapping[str, str]) -> bool:
        """Whether every dependency in *recorded* still has its recorded value.

        Answered once per mapping: records made by :meth:`snapshot` share
        one mapping among the outputs that read the same things.
        """
        known = self._verdicts.get(id(recorded))
        if known is not None and known[0] is recorded:
            return known[1]
        verdict = self._unchanged(recorded)
        self._verdicts[id(recorded)] = (recorded, verdict)
        return verdict

    def _unchanged(self, recorded: Mapping[str, str]) -> bool:
        values = self._values
        for dep, value in recorded.items():
            current = values.get(dep)
            if current is None:
                current = self.value(dep)
            if current != value:
                return False
        return True


def global_key(site: Any) -> str:
    """What every output depends on: configuration, templates found, plugins, version."""
    from . import __version__

    layouts = sorted(
        (name, str(layout.source_path), fingerprint(layout.data))
        for name, layout in site.content.layouts.items()
    )
    include_files: list[str] = []
    for base in site.env.includes_loader.dirs:
        base = Path(base)
        if base.is_dir():
            include_files += sorted(
                str(p) for p in base.rglob("*") if p.is_file()
            )
    return fingerprint(
        __version__, RECORD_VERSION, dict(site.config), layouts, include_files,
        os.environ.get("JEKYLL_ENV") or "development",
        sorted(site.plugins.hooks) if hasattr(site.plugins, "hooks") else None,
        str(getattr(site.theme, "root", None)),
    )


def cache_path(source: Path) -> Path:
    return Path(source) / CACHE_DIR / CACHE_FILE


def load_record(source: Path) -> BuildRecord | None:
    """The record of the last ``build --incremental``, if it can be used."""
    path = cache_path(source)
    try:
        with path.open("rb") as handle:
            record = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    if not isinstance(record, BuildRecord) or record.version != RECORD_VERSION:
        return None
    return record


def save_record(source: Path, record: BuildRecord) -> None:
    path = cache_path(source)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)

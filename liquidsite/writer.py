"""Plan and write a site's outputs (site.rb ``write``, cleaner.rb).

Nothing is written until every document has rendered, so a failed build
leaves the previous site as it was.  Each file is written to a temporary
name beside its target and renamed over it, so no reader ever sees half a
file.  Stale files are removed only inside the destination and never
under ``keep_files``; paths are checked so nothing escapes the destination.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import OutputConflictError, UnsafePathError


@dataclass
class Output:
    """One file to write: rendered text or a static file to copy."""

    output_path: str
    origin: str
    text: str | None = None
    copy_from: Path | None = None


# A file as a write left it: modification time, size, inode.
Stamp = tuple[int, int, int]
# A folder's listing: each entry's name and kind (see _Listing).
Entries = list[tuple[str, str]]

# A folder changed less than this long before it was listed may change
# again within the same tick of its file system's clock without its
# modification time moving (and FAT counts in two seconds): such a
# listing is never reused.
SETTLED_NS = 3_000_000_000


class KnownOutputs(dict[str, tuple[str, Stamp]]):
    """What a write into a destination left there, for the next write into it.

    Maps each rendered output to its text and the stamp of the file that
    holds it.  ``folders`` holds the listing of every settled folder (see
    :data:`SETTLED_NS`) under its own stamp: a folder whose entries are
    added, removed, renamed or replaced gets a new modification time, so
    while its stamp stands the listing does.  The files themselves are
    still looked at one by one.
    """

    def __init__(self) -> None:
        super().__init__()
        self.folders: dict[str, tuple[Stamp, Entries]] = {}


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # With write(..., known=...): each rendered output's text and the stamp
    # of the file that now holds it, for the next write.
    stamps: KnownOutputs = field(default_factory=KnownOutputs)


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def check_destination(source: Path, dest: Path) -> None:
    """Refuse destinations that would overwrite the source or the system.

    Raises:
        UnsafePathError: *dest* is the source, contains it, or is the home or
            root folder.
    """
    src, dst = source.resolve(), dest.resolve()
    if dst == src or src.is_relative_to(dst):
        raise UnsafePathError(
            f"the destination {dst} is the source folder or contains it; "
            "building there would delete your source files",
            path=str(dst),
            hint="choose a destination inside or beside the source, such as _site",
        )
    if dst in (Path("/").resolve(), Path.home().resolve()):
        raise UnsafePathError(f"refusing to use {dst} as the destination", path=str(dst))


def plan(
    outputs: Iterable[Output],
    warn: Callable[[str], None] | None = None,
    strict: bool = False,
) -> dict[str, Output]:
    """Index outputs by path; the last of several with one path wins.

    Jekyll writes every file in turn, so of two files with one destination
    the later one is what stays; it warns about it (``jekyll doctor``'s
    ``conflicting_urls``), and so does this, through *warn*.

    Raises:
        OutputConflictError: under *strict*, naming every file of the first
            shared destination.
    """
    planned: dict[str, Output] = {}
    shared: dict[str, list[str]] = {}
    for out in outputs:
        if out.output_path in planned:
            shared.setdefault(out.output_path, [planned[out.output_path].origin]).append(out.origin)
        planned[out.output_path] = out
    for path, origins in shared.items():
        if strict:
            raise OutputConflictError(
                f"{', '.join(origins)} are all written to {path}",
                path=origins[-1],
                hint="give all but one of them a different permalink",
            )
        if warn is not None:
            listing = "\n".join(f" - {origin}" for origin in origins)
            warn(
                "Conflict: The following destination is shared by multiple files.\n"
                "The written file may end up with unexpected contents.\n"
                f"{path}\n{listing}"
            )
    return planned


def _safe_rel(rel: str) -> str:
    """*rel* as a plain relative path (no ``.``, ``..`` or empty names).

    The writer then works on that spelling only, so what it checks is what
    it writes: a path is never handed to the system with a ``..`` in it.

    Raises:
        UnsafePathError: *rel* leaves the destination or names it.
    """
    probe = f"/{rel}/"
    if "//" not in probe and "/./" not in probe and "/../" not in probe:
        return rel  # no empty, "." or ".." name
    norm = posixpath.normpath(rel)
    # A permalink such as "/." names the destination itself: Jekyll fails
    # writing a file over a folder; refuse before anything is removed.
    if norm == ".":
        raise UnsafePathError(f"output path {rel!r} is the destination folder itself", path=rel)
    if norm.startswith("/") or norm == ".." or norm.startswith("../"):
        raise UnsafePathError(f"output path {rel!r} leaves the destination", path=rel)
    return norm


def _target(dest: Path | str, rel: str) -> Path:
    """Where *rel* ends up in *dest*, symlinks followed, refusing paths that leave it.

    Raises:
        UnsafePathError: *rel* (or a symlink on its way) leads out of *dest*
            or to *dest* itself.
    """
    root = os.path.realpath(dest)
    target = os.path.realpath(os.path.join(root, _safe_rel(rel)))
    if target == root:
        raise UnsafePathError(f"output path {rel!r} is the destination folder itself", path=rel)
    if not target.startswith(root.rstrip("/") + "/"):
        raise UnsafePathError(f"output path {rel!r} leaves the destination", path=rel)
    return Path(target)


# Kinds of what already stands in the destination (see _Listing).
_DIR, _LINK, _FILE, _OTHER = "d", "l", "f", "o"


def _kept(rel: str, keep_files: tuple[str, ...]) -> bool:
    # cleaner.rb matches `dest/<keep>` as a prefix of the path.
    return rel.startswith(keep_files)


@dataclass
class _Listing:
    """What the destination held before writing, read with one scandir per folder.

    Only folders that outputs go into are listed: every other folder is
    either removed whole or protected by ``keep_files``.  ``kinds`` maps a
    relative path to ``d`` (a real folder), ``l`` (a symlink), ``f`` (a
    regular file) or ``o`` (anything else); ``stale`` is what cleaner.rb
    would remove, as ``(relative path, is a folder)`` pairs.
    """

    kinds: dict[str, str] = field(default_factory=dict)
    stale: list[tuple[str, bool]] = field(default_factory=list)


def _entries(path: str) -> Entries:
    """The name and kind of every entry of the folder *path*."""
    found: Entries = []
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_symlink():
                kind = _LINK
            elif entry.is_dir(follow_symlinks=False):
                kind = _DIR
            elif entry.is_file(follow_symlinks=False):
                kind = _FILE
            else:
                kind = _OTHER
            found.append((entry.name, kind))
    return found


def _folder_stamp(path: str) -> Stamp | None:
    """The folder's modification and change times and inode (None: not a folder)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _listed(
    path: str, prefix: str, last: dict[str, tuple[Stamp, Entries]] | None,
    kept: dict[str, tuple[Stamp, Entries]] | None, settled_before: int,
) -> Entries:
    """The entries of folder *path* (*prefix* in the destination).

    With *last* (the listings a write before kept), a folder whose stamp
    has not moved is not listed again; with *kept*, a settled folder's
    listing is kept for the next write.  The stamp is taken before the
    listing, so a change while listing moves it for next time.
    """
    if last is None and kept is None:
        return _entries(path)
    stamp = _folder_stamp(path)
    if stamp is not None and last is not None:
        known = last.get(prefix)
        if known is not None and known[0] == stamp:
            if kept is not None:
                kept[prefix] = known
            return known[1]
    found = _entries(path)
    if stamp is not None and kept is not None and max(stamp[0], stamp[1]) < settled_before:
        kept[prefix] = (stamp, found)
    return found


def _list(
    root: str, produced: set[str], needed: set[str], keep: tuple[str, ...], keep_dirs: set[str],
    last: dict[str, tuple[Stamp, Entries]] | None = None,
    kept: dict[str, tuple[Stamp, Entries]] | None = None,
    fresh: frozenset[str] = frozenset(),
) -> _Listing:
    listing = _Listing()
    kinds, stale = listing.kinds, listing.stale
    settled_before = time.time_ns() - SETTLED_NS
    # (folder relative path with a trailing "/", whether cleaner.rb walks it)
    todo: list[tuple[str, bool]] = [("", True)]
    while todo:
        prefix, cleaning = todo.pop()
        if prefix in fresh:
            continue  # made empty by this build: nothing to list
        folder = root + "/" + prefix if prefix else root
        for name, kind in _listed(folder, prefix, last, kept, settled_before):
            rel = prefix + name
            kinds[rel] = kind
            needed_here = rel in needed
            if needed_here and kind == _DIR:
                # Walked for what it holds; cleaned unless keep_files protects it.
                todo.append((rel + "/", cleaning and not (_kept(rel, keep) or rel in keep_dirs)))
                continue
            if not cleaning or needed_here or rel in produced:
                # What stands where an output or a folder of outputs
                # goes is replaced while writing.
                continue
            # os.walk (as cleaner.rb's glob) counts a symlink to a folder as a
            # folder (where it leads is looked at every time).
            if kind == _DIR or (kind == _LINK and os.path.isdir(root + "/" + rel)):
                if not (_kept(rel, keep) or rel in keep_dirs):
                    stale.append((rel, kind == _DIR))
            elif not _kept(rel, keep):
                stale.append((rel, False))
    return listing


def _kind(path: str) -> str | None:
    """What stands at *path* (not following a symlink), None for nothing."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(mode):
        return _LINK
    if stat.S_ISDIR(mode):
        return _DIR
    return _FILE if stat.S_ISREG(mode) else _OTHER


def _read_upto(fd: int, size: int) -> bytes:
    """Up to *size* bytes from *fd*, fewer only at its end."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _same_bytes(path: str, data: bytes) -> bool:
    """Whether the regular file at *path* holds exactly *data*."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        return _read_upto(fd, len(data) + 1) == data
    finally:
        os.close(fd)


def _tmp_name(target: str) -> str:
    head, _, name = target.rpartition("/")
    return f"{head}/.{name}.liquidsite-tmp"


def _write_and_close(fd: int, data: bytes) -> None:
    """Write all of *data* to *fd* (a write may take only part), then close it."""
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _write_atomic(target: str, data: bytes) -> None:
    """Write *data* beside *target* and rename it over, so no reader sees half a file."""
    tmp = _tmp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        _write_and_close(fd, data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write_new(target: str, data: bytes) -> None:
    """Write *data* to *target*, where nothing stood when the destination was listed.

    There is no old file to keep whole, so the file is written in place,
    as Jekyll writes every file, saving a rename; if the write fails the
    part written is removed.  Should something have appeared there since,
    it is replaced as :func:`_write_atomic` replaces a file.
    """
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    except FileExistsError:
        _write_atomic(target, data)
        return
    try:
        _write_and_close(fd, data)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _copy_atomic(source: Path, target: str) -> None:
    tmp = _tmp_name(target)
    try:
        shutil.copy2(source, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _folders(rels: Iterable[str]) -> list[str]:
    """Every folder the paths *rels* go into, each once, parents first."""
    seen: dict[str, None] = {}
    for rel in rels:
        folder = rel.rpartition("/")[0]
        if not folder or folder in seen:
            continue
        # Up to the first folder already seen, then added parents first.
        chain = []
        while folder and folder not in seen:
            chain.append(folder)
            folder = folder.rpartition("/")[0]
        for folder in reversed(chain):
            seen[folder] = None
    return list(seen)


def make_folders(dest: Path, rels: Iterable[str]) -> list[str]:
    """Create the missing folders that outputs *rels* go into; the ones made, parents first.

    The render in worker processes leaves the main process waiting, and
    creating folders is most of what writing a new site costs on some
    disks, so :meth:`Site.build` makes them then.  Only what is missing is
    made, inside the real destination: anything standing at a folder's
    place (a file, a symlink) is left for :func:`write` to deal with, as
    is every path it would refuse.  If the build then fails,
    :func:`remove_folders` takes back whatever is still empty.
    """
    made: list[str] = []
    safe = []
    for rel in rels:
        try:
            safe.append(_safe_rel(rel))
        except UnsafePathError:
            continue
    root = os.path.realpath(dest)
    if _kind(root) is None:
        try:
            os.makedirs(root)
        except OSError:
            return made
        made.append(root)
    elif not os.path.isdir(root):
        return made
    blocked: set[str] = set()
    for folder in _folders(safe):
        parent = folder.rpartition("/")[0]
        if parent in blocked:
            blocked.add(folder)
            continue
        path = root + "/" + folder
        try:
            os.mkdir(path)
        except FileExistsError:
            if _kind(path) != _DIR:
                blocked.add(folder)  # a file or a symlink: write() decides
            continue
        except OSError:
            blocked.add(folder)
            continue
        made.append(path)
    return made


def remove_folders(made: list[str]) -> None:
    """Remove the folders :func:`make_folders` made that are still empty."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            os.rmdir(path)


def write(
    dest: Path,
    planned: dict[str, Output],
    keep_files: list[str],
    known: dict[str, tuple[str, Stamp]] | None = None,
    made: Iterable[str] = (),
) -> WriteResult:
    """Write *planned* into *dest* and remove what is no longer produced.

    Every path is checked before anything is touched; what the destination
    already holds is listed once (one scandir per folder outputs go into),
    so a file is compared with what it replaces only when one is there and
    a folder is created only when it is missing.

    *known* is the ``stamps`` of the last write into *dest* (serve passes
    it from build to build): an output whose text is the very string that
    write had, in a file whose stamp has not moved since, is unchanged
    without being read again, and a folder whose stamp has not moved is
    not listed again (see :class:`KnownOutputs`).  With *known*, the
    result's ``stamps`` are filled for the next write.

    *made* are the folders :func:`make_folders` made for this build: they
    are empty, so they are not listed.
    """
    result = WriteResult()
    root = os.path.realpath(dest)
    fresh = frozenset(
        "" if path == root else path[len(root) + 1:] + "/"
        for path in made if path == root or path.startswith(root + "/")
    )
    keep = tuple(keep_files)
    outputs = [(rel, _safe_rel(rel), out) for rel, out in planned.items()]
    produced = {path for _, path, _ in outputs}
    folders = _folders(produced)
    needed = set(folders)
    keep_dirs = {"/".join(k.split("/")[:i]) for k in keep_files for i in range(1, k.count("/") + 1)}
    listed = known.folders if isinstance(known, KnownOutputs) else None
    kept = result.stamps.folders if known is not None else None
    listing = (
        _list(root, produced, needed, keep, keep_dirs, listed, kept, fresh)
        if os.path.isdir(root) else _Listing()
    )
    kinds = listing.kinds
    for prefix in fresh:
        if prefix:
            kinds.setdefault(prefix[:-1], _DIR)

    # Which folders exist (True), must be made (False), and what must go
    # first: a file or symlink standing where a folder goes (cleaner.rb).
    exists: dict[str, bool] = {"": True}
    in_the_way: list[str] = []
    for folder in folders:
        parent = folder.rpartition("/")[0]
        kind = kinds.get(folder) if exists[parent] else None
        if kind in (_LINK, _FILE):
            in_the_way.append(folder)
            kind = None
        exists[folder] = kind is not None

    # Where each output goes; a symlink standing at an output's place is
    # followed (as Ruby's File.write does) but must stay in the destination.
    targets: list[tuple[str, str, str, Output, str | None]] = []
    followed: set[str] = set()  # what symlinks at outputs lead to: written, not stale
    prefix = root + "/"
    for rel, path, out in outputs:
        folder = path.rpartition("/")[0]
        kind = kinds.get(path) if exists[folder] else None
        target = prefix + path
        if kind == _LINK:
            target = str(_target(root, path))
            followed.add(target[len(root) + 1:])
            folder = target[len(root) + 1:].rpartition("/")[0]
            kind = _kind(target)
        targets.append((rel, target, folder, out, kind))

    if targets:
        # Like Jekyll, a build with nothing to write makes no destination.
        os.makedirs(root, exist_ok=True)
    for folder in in_the_way:
        os.unlink(root + "/" + folder)

    def make_folder(folder: str) -> None:
        parent = folder.rpartition("/")[0]
        if not exists[parent]:
            make_folder(parent)
        try:
            os.mkdir(root + "/" + folder)
        except FileExistsError:
            if not os.path.isdir(root + "/" + folder):
                raise
        exists[folder] = True

    unchanged, stamps = result.unchanged, result.stamps
    for rel, target, folder, out, kind in targets:
        if not exists.get(folder, True):
            make_folder(folder)
        if kind == _DIR:
            shutil.rmtree(target)
            kind = None
        text = out.text
        if text is not None:
            if known is not None and kind == _FILE:
                last = known.get(rel)
                if last is not None and last[0] is text:
                    try:
                        st = os.stat(target)
                    except OSError:
                        pass
                    else:
                        if (st.st_mtime_ns, st.st_size, st.st_ino) == last[1]:
                            unchanged.append(rel)
                            stamps[rel] = last
                            continue
            data = text.encode("utf-8")
            if kind is None:
                _write_new(target, data)
                result.written.append(rel)
            elif _same_bytes(target, data):
                result.unchanged.append(rel)
            else:
                _write_atomic(target, data)
                result.written.append(rel)
            if known is not None:
                now = _stamp(target)
                if now is not None:
                    stamps[rel] = (text, now)
        else:
            assert out.copy_from is not None
            if kind is not None:
                src_stat = out.copy_from.stat()
                try:
                    st = os.stat(target)
                except OSError:
                    st = None
                if (
                    st is not None
                    and stat.S_ISREG(st.st_mode)
                    and st.st_mtime == src_stat.st_mtime
                    and st.st_size == src_stat.st_size
                ):
                    result.unchanged.append(rel)
                    continue
            _copy_atomic(out.copy_from, target)
            result.copied.append(rel)

    # Last, so that an error while writing leaves the old files in place.
    for rel, is_dir in listing.stale:
        if rel in followed:
            continue
        if is_dir:
            shutil.rmtree(root + "/" + rel)
        else:
            os.unlink(root + "/" + rel)
        result.removed.append(rel)
    return result


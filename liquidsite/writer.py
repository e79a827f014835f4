"""Plan and write a site's outputs (site.rb ``write``, cleaner.rb).

Nothing is written until every document has rendered, so a failed build
leaves the previous site as it was.  Each file is written to a temporary
name beside its target and renamed over it, so no reader ever sees half a
file.  Stale files are removed only inside the destination and never
under ``keep_files``; paths are checked so nothing escapes the destination.
"""

from __future__ import annotations

import os
import shutil
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


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


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


def _target(dest: Path, rel: str, folders: dict[str, Path] | None = None) -> Path:
    """Where *rel* goes in *dest* (resolved), refusing paths that leave it.

    *folders* remembers resolved folders by relative path: resolving every
    path of a large site from the root costs more than writing it.  Only a
    name that is a symlink (or ``.``, ``..``, empty) needs a full resolve.
    """
    if folders is None:
        folders = {}
    root = folders.get("")
    if root is None:
        root = folders[""] = dest.resolve()
    parts = rel.split("/")
    if any(part in ("", ".", "..") for part in parts):
        target = (dest / rel).resolve()
    else:
        target = _resolved_child(folders, parts)
    # A permalink such as "/." names the destination itself: Jekyll fails
    # writing a file over a folder; refuse before anything is removed.
    if target == root:
        raise UnsafePathError(f"output path {rel!r} is the destination folder itself", path=rel)
    if not target.is_relative_to(root):
        raise UnsafePathError(f"output path {rel!r} leaves the destination", path=rel)
    return target


def _resolved_child(folders: dict[str, Path], parts: list[str]) -> Path:
    """``(root / *parts).resolve()``, one folder at a time, remembering folders."""
    parent_rel = "/".join(parts[:-1])
    parent = folders.get(parent_rel)
    if parent is None:
        parent = _resolved_child(folders, parts[:-1])
        folders[parent_rel] = parent
    child = parent / parts[-1]
    return child.resolve() if os.path.islink(child) else child


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    tmp = target.with_name(f".{target.name}.liquidsite-tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _kept(rel: str, keep_files: list[str]) -> bool:
    # cleaner.rb matches `dest/<keep>` as a prefix of the path.
    return any(rel.startswith(k) for k in keep_files)


def write(dest: Path, planned: dict[str, Output], keep_files: list[str]) -> WriteResult:
    """Write *planned* into *dest* and remove what is no longer produced."""
    result = WriteResult()
    dest.mkdir(parents=True, exist_ok=True)
    # A file standing where a folder must go is replaced (cleaner.rb).
    checked: set[str] = set()  # folders already looked at (many files share one)
    for rel in planned:
        parts = rel.split("/")
        for i in range(1, len(parts)):
            prefix = "/".join(parts[:i])
            if prefix in checked:
                continue
            checked.add(prefix)
            parent = dest.joinpath(*parts[:i])
            if parent.is_file() or parent.is_symlink():
                parent.unlink()
    folders: dict[str, Path] = {}
    for rel, out in planned.items():
        target = _target(dest, rel, folders)
        if out.text is not None:
            data = out.text.encode("utf-8")
            if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
                result.unchanged.append(rel)
                continue
            _write_atomic(target, data)
            result.written.append(rel)
        else:
            assert out.copy_from is not None
            src_stat = out.copy_from.stat()
            if target.is_file():
                st = target.stat()
                if st.st_mtime == src_stat.st_mtime and st.st_size == src_stat.st_size:
                    result.unchanged.append(rel)
                    continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.liquidsite-tmp")
            shutil.copy2(out.copy_from, tmp)
            os.replace(tmp, target)
            result.copied.append(rel)
    result.removed = clean(dest, set(planned), keep_files)
    return result


def clean(dest: Path, produced: set[str], keep_files: list[str]) -> list[str]:
    """Remove files and folders in *dest* that this build did not produce."""
    needed_dirs = {"/".join(p.split("/")[:i]) for p in produced for i in range(1, p.count("/") + 1)}
    keep_dirs = {"/".join(k.split("/")[:i]) for k in keep_files for i in range(1, k.count("/") + 1)}
    removed: list[str] = []
    for root, dirs, files in os.walk(dest, topdown=True):
        rel_root = Path(root).relative_to(dest).as_posix()
        rel_root = "" if rel_root == "." else rel_root + "/"
        for name in list(dirs):
            rel = rel_root + name
            path = Path(root, name)
            if _kept(rel, keep_files) or rel in keep_dirs:
                dirs.remove(name)
                continue
            if rel not in needed_dirs:
                if path.is_symlink():
                    path.unlink()
                else:
                    shutil.rmtree(path)
                removed.append(rel)
                dirs.remove(name)
        for name in files:
            rel = rel_root + name
            if rel in produced or _kept(rel, keep_files):
                continue
            Path(root, name).unlink()
            removed.append(rel)
    return removed

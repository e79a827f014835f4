"""Writing outputs safely: the destination, keep_files, conflicts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.errors import LiquidsiteError, UnsafePathError

from .helpers import write_site


def test_destination_equal_to_or_containing_source_is_refused(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.html": "---\n---\nx"})
    with pytest.raises(UnsafePathError):
        Site.from_path(tmp_path).build(tmp_path)
    with pytest.raises(UnsafePathError):
        Site.from_path(tmp_path).build(tmp_path.parent)


def test_keep_files_survive_and_stale_files_go(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {
        "_config.yml": "keep_files: [.git, downloads]\n",
        "index.html": "---\n---\nnew",
    })
    dest = tmp_path / "out"
    write_site(dest, {
        ".git/config": "x",
        "downloads/big.zip": "zip",
        "old.html": "old",
        "stale/dir/file.txt": "x",
    })
    Site.from_path(src).build(dest)
    assert (dest / ".git/config").exists()
    assert (dest / "downloads/big.zip").exists()
    assert not (dest / "old.html").exists()
    assert not (dest / "stale").exists()
    assert (dest / "index.html").read_text() == "new"


def test_failed_render_leaves_previous_site_untouched(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {"index.html": "---\n---\n{% include missing.html %}"})
    dest = write_site(tmp_path / "out", {"index.html": "previous"})
    with pytest.raises(LiquidsiteError):
        Site.from_path(src).build(dest)
    assert (dest / "index.html").read_text() == "previous"
    assert sorted(os.listdir(dest)) == ["index.html"]


def test_static_files_keep_their_modification_time(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {"a.txt": "x"})
    os.utime(src / "a.txt", (1_000_000_000, 1_000_000_000))
    dest = tmp_path / "out"
    Site.from_path(src).build(dest)
    assert int((dest / "a.txt").stat().st_mtime) == 1_000_000_000

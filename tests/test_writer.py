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


def test_a_site_with_nothing_to_write_makes_no_destination(tmp_path: Path) -> None:
    # jekyll build -s empty -d out: "done", and no out folder.
    src = write_site(tmp_path / "src", {"_config.yml": "title: x\n"})
    report = Site.from_path(src).build(tmp_path / "out")
    assert report.pages_written == 0
    assert not (tmp_path / "out").exists()
    # Nor does a source folder that does not exist.
    Site.from_path(tmp_path / "missing").build(tmp_path / "out2")
    assert not (tmp_path / "out2").exists()


def test_static_files_keep_their_modification_time(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {"a.txt": "x"})
    os.utime(src / "a.txt", (1_000_000_000, 1_000_000_000))
    dest = tmp_path / "out"
    Site.from_path(src).build(dest)
    assert int((dest / "a.txt").stat().st_mtime) == 1_000_000_000


def test_known_outputs_are_not_read_again_until_their_file_moves(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liquidsite import writer

    dest = tmp_path / "out"
    texts = {"a.html": "<p>a</p>\n", "b/c.html": "<p>c</p>\n"}
    planned = {rel: writer.Output(rel, rel, text=text) for rel, text in texts.items()}
    first = writer.write(dest, planned, [], known={})
    assert sorted(first.written) == ["a.html", "b/c.html"] and set(first.stamps) == set(texts)

    def no_reading(path: str, data: bytes) -> bool:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(writer, "_same_bytes", no_reading)
    second = writer.write(dest, planned, [], known=first.stamps)
    assert sorted(second.unchanged) == ["a.html", "b/c.html"]
    monkeypatch.undo()
    # Someone changed a file in the destination: it is compared and rewritten.
    (dest / "a.html").write_text("<p>edited by hand</p>\n")
    third = writer.write(dest, planned, [], known=second.stamps)
    assert third.written == ["a.html"] and (dest / "a.html").read_text() == texts["a.html"]
    # An equal text in another string object is compared, not trusted.
    again = {rel: writer.Output(rel, rel, text="".join(list(t))) for rel, t in texts.items()}
    fourth = writer.write(dest, again, [], known=third.stamps)
    assert sorted(fourth.unchanged) == ["a.html", "b/c.html"]


def test_settled_folders_are_not_listed_again_until_they_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liquidsite import writer

    dest = tmp_path / "out"
    texts = {"a.html": "<p>a</p>\n", "b/c.html": "<p>c</p>\n", "b/d/e.html": "<p>e</p>\n"}
    planned = {rel: writer.Output(rel, rel, text=text) for rel, text in texts.items()}
    first = writer.write(dest, planned, [], known={})
    # Folders just written to may change again within their clock's tick:
    # their listings are not kept.
    again = writer.write(dest, planned, [], known=first.stamps)
    assert sorted(again.unchanged) == sorted(texts) and again.stamps.folders == {}
    monkeypatch.setattr(writer, "SETTLED_NS", -10**18)  # every folder counts as settled
    second = writer.write(dest, planned, [], known=again.stamps)
    assert set(second.stamps.folders) == {"", "b/", "b/d/"}

    def no_listing(path: str) -> list[tuple[str, str]]:
        raise AssertionError(f"{path} was listed")

    with monkeypatch.context() as patched:
        patched.setattr(writer, "_entries", no_listing)
        third = writer.write(dest, planned, [], known=second.stamps)
    assert sorted(third.unchanged) == sorted(texts)
    # Someone adds a file and a folder: the folder's stamp moves (set here
    # to a time of its own, as a later tick would), so it is listed again.
    (dest / "b" / "stale.html").write_text("stale")
    (dest / "b" / "old").mkdir()
    os.utime(dest / "b", ns=(1, 1))
    fourth = writer.write(dest, planned, [], known=third.stamps)
    assert sorted(fourth.removed) == ["b/old", "b/stale.html"]
    assert sorted(p.name for p in (dest / "b").iterdir()) == ["c.html", "d"]
    # A file changed in place does not move its folder: it is still found.
    (dest / "b" / "d" / "e.html").write_text("<p>edited by hand</p>\n")
    fifth = writer.write(dest, planned, [], known=fourth.stamps)
    assert fifth.written == ["b/d/e.html"] and (dest / "b/d/e.html").read_text() == texts["b/d/e.html"]


def test_where_a_symlink_in_a_kept_listing_leads_is_looked_at_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liquidsite import writer

    monkeypatch.setattr(writer, "SETTLED_NS", -10**18)  # every folder counts as settled
    dest = tmp_path / "out"
    planned = {"a.html": writer.Output("a.html", "a.html", text="a")}
    target = tmp_path / "elsewhere"
    target.mkdir()
    dest.mkdir()
    (dest / "link").symlink_to(target)
    # keep_files protects the folders on the way to what it names: the
    # link counts as one while it leads to a folder...
    first = writer.write(dest, planned, ["link/x"], known={})
    assert first.removed == [] and "" in first.stamps.folders
    # ...and no longer once a file takes that folder's place, although the
    # destination's listing, unchanged, is reused.
    target.rmdir()
    target.write_text("a file")
    second = writer.write(dest, planned, ["link/x"], known=first.stamps)
    assert second.removed == ["link"] and target.is_file()


def _many_pages(broken: bool) -> dict[str, str]:
    """Enough pages for the build to render in worker processes."""
    files = {f"section-{i % 7}/p{i}/index.html": f"---\n---\npage {i}\n" for i in range(80)}
    if broken:
        files["section-3/p3/index.html"] = "---\n---\n{{ 1 | divided_by: 0 }}\n"
    return files


def test_folders_made_while_workers_render_go_when_the_build_fails(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", _many_pages(broken=True))
    site = Site.from_path(src, tmp_path / "new")
    site.jobs = 2
    with pytest.raises(LiquidsiteError):
        site.build()
    assert not (tmp_path / "new").exists()
    # Into an existing site: its files and folders stay, no new folder is left.
    old = tmp_path / "old"
    (old / "section-1").mkdir(parents=True)
    (old / "section-1" / "keep.html").write_text("old")
    site = Site.from_path(src, old)
    site.jobs = 2
    with pytest.raises(LiquidsiteError):
        site.build()
    assert sorted(p.relative_to(old).as_posix() for p in old.rglob("*")) == [
        "section-1", "section-1/keep.html"]


def test_folders_made_while_workers_render_stay_inside_the_destination(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", _many_pages(broken=False))
    outside = tmp_path / "outside"
    outside.mkdir()
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "section-2").symlink_to(outside, target_is_directory=True)
    site = Site.from_path(src, dest)
    site.jobs = 2
    site.build()
    assert site.engine is not None and site.engine.stats.jobs == 2
    assert list(outside.iterdir()) == []
    assert (dest / "section-2" / "p2" / "index.html").read_text() == "page 2\n"
    assert (dest / "section-5" / "p5" / "index.html").read_text() == "page 5\n"


def test_folders_made_for_the_build_are_written_into_without_listing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liquidsite import writer

    dest = tmp_path / "site"
    (dest / "old").mkdir(parents=True)
    (dest / "old" / "stale.html").write_text("stale")
    planned = {
        rel: writer.Output(rel, rel, text=f"text of {rel}")
        for rel in ("index.html", "a/b/c/index.html", "a/d.html", "old/new.html")
    }
    made = writer.make_folders(dest, planned)
    assert sorted(Path(p).relative_to(dest).as_posix() for p in made) == ["a", "a/b", "a/b/c"]
    listed: list[str] = []
    real_entries = writer._entries

    def entries(path: str) -> writer.Entries:
        listed.append(Path(path).relative_to(dest).as_posix())
        return real_entries(path)

    monkeypatch.setattr(writer, "_entries", entries)
    result = writer.write(dest, planned, [], made=made)
    # Only what existed before the build is listed; what it made is known empty.
    assert sorted(listed) == [".", "old"]
    assert sorted(result.written) == sorted(planned)
    assert result.removed == ["old/stale.html"]
    for rel in planned:
        assert (dest / rel).read_text() == f"text of {rel}"
    assert not [p for p in dest.rglob("*liquidsite-tmp*")]


def test_a_file_that_appears_where_a_new_output_goes_is_replaced_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from liquidsite import writer

    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "late.html").write_text("written by something else after the listing")
    # The listing saw an empty destination: the output is new to it.
    monkeypatch.setattr(writer, "_entries", lambda path: [])
    planned = {"late.html": writer.Output("late.html", "late.html", text="ours")}
    writer.write(dest, planned, [])
    assert (dest / "late.html").read_text() == "ours"
    assert sorted(p.name for p in dest.iterdir()) == ["late.html"]

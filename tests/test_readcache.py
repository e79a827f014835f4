"""The read cache: later reads in one process copy what earlier reads made.

``serve`` rebuilds after every edit; files whose modification time, size
and inode did not change are copied from the cache instead of read again.
A copy must be indistinguishable from a fresh read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.readcache import ReadCache, copy_plain

from .helpers import write_site

FILES = {
    "_config.yml": (
        "title: Cache\ncollections:\n  notes:\n    output: true\n"
        "    permalink: /:collection/:year/:title/\n"
    ),
    "_layouts/default.html": "<title>{{ page.title }}</title>{{ content }}",
    "index.md": "---\nlayout: default\ntitle: Home\ntags: [a, b]\n---\n# Home\n",
    "about.md": "---\nlayout: default\n---\nAbout {{ page.url }}\n",
    "draft-like.md": "---\npublished: false\n---\nhidden\n",
    "_posts/2024-01-02-first.md": "---\nlayout: default\n---\nFirst.\n\nMore.\n",
    "_notes/undated.md": "---\nlayout: default\n---\n{{ page.date | date: '%Y' }}\n",
}


def build(src: Path, dest: Path, cache: ReadCache) -> Site:
    site = Site.from_path(src, dest)
    site.read_cache = cache
    site.build()
    return site


def outputs(dest: Path) -> dict[str, bytes]:
    return {p.relative_to(dest).as_posix(): p.read_bytes() for p in sorted(dest.rglob("*")) if p.is_file()}


def test_unchanged_files_are_copied_and_edited_ones_read(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    first = outputs(tmp_path / "out")
    assert cache.hits == 0
    build(src, tmp_path / "out", cache)
    # index, about, the unpublished page, the post; the undated note read
    # the build's time for its URL, so it is read again every time.
    assert (cache.hits, cache.misses) == (4, 1)
    assert outputs(tmp_path / "out") == first
    page = src / "about.md"
    page.write_text(page.read_text() + "More.\n")
    build(src, tmp_path / "out", cache)
    assert (cache.hits, cache.misses) == (3, 2)
    assert b"More." in (tmp_path / "out" / "about.html").read_bytes()


def test_a_copy_does_not_share_what_a_build_changed(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    site = build(src, tmp_path / "out", cache)
    index = next(p for p in site.content.pages if p.name == "index.md")
    index.data["tags"].append("changed in place")
    index.data["title"] = "Changed"
    site = build(src, tmp_path / "out", cache)
    index = next(p for p in site.content.pages if p.name == "index.md")
    assert index.data["tags"] == ["a", "b"] and index.data["title"] == "Home"


def test_a_document_dated_by_the_build_follows_the_build_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1704067200")  # 2024
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "notes" / "2024" / "undated" / "index.html").is_file()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026
    build(src, tmp_path / "out", cache)
    note = tmp_path / "out" / "notes" / "2026" / "undated" / "index.html"
    assert note.read_text().endswith("<p>2026</p>\n")
    clean = Site.from_path(src, tmp_path / "clean")
    clean.build()
    assert outputs(tmp_path / "out") == outputs(tmp_path / "clean")


def test_a_configuration_change_empties_the_cache(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    config = src / "_config.yml"
    config.write_text(config.read_text() + "permalink: /:title/\n")
    build(src, tmp_path / "out", cache)
    assert cache.hits == 0
    assert (tmp_path / "out" / "first" / "index.html").is_file()


def test_a_rewritten_file_with_the_same_size_and_time_is_read_again(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    page = src / "about.md"
    before = os.stat(page)
    replacement = src / "about.tmp"
    replacement.write_text(page.read_text().replace("About", "Abuot"))
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, page)  # a new inode, as editors save
    build(src, tmp_path / "out", cache)
    assert b"Abuot" in (tmp_path / "out" / "about.html").read_bytes()


def test_copy_plain_copies_containers_only() -> None:
    value = {"a": [1, {"b": [2]}], "c": "text"}
    copied = copy_plain(value)
    assert copied == value
    assert copied["a"] is not value["a"] and copied["a"][1]["b"] is not value["a"][1]["b"]
    assert copied["c"] is value["c"]


def test_a_generator_that_changes_pages_is_seen_by_the_next_rebuild(tmp_path: Path) -> None:
    # A generator's change to a page is part of what the page renders from,
    # so copies of unchanged files cannot stand for their last fingerprint.
    src = write_site(tmp_path / "src", {**FILES, "motto.txt": "first"})
    cache = ReadCache()
    last: Site | None = None

    def rebuild() -> str:
        nonlocal last
        site = Site.from_path(src, tmp_path / "out")
        site.plugins.generators.append(
            lambda s: next(p for p in s.content.pages if p.name == "index.md").data.__setitem__(
                "title", (src / "motto.txt").read_text()))
        site.read_cache = cache
        site.keep_record = True
        site.known_outputs = last.known_outputs if last is not None else {}
        site.previous_record = last.engine.record if last is not None and last.engine else None
        site.build()
        last = site
        return (tmp_path / "out" / "index.html").read_text()

    assert rebuild().startswith("<title>first</title>")
    (src / "motto.txt").write_text("second")
    assert rebuild().startswith("<title>second</title>")


def test_data_files_are_copied_until_they_change(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: D\n",
        "_data/people.yml": "- name: Ada\n  tags: [a]\n",
        "_data/self.yml": "loop: &x [1, *x]\n",
        "index.html": "---\n---\n{% for p in site.data.people %}{{ p.name }}{{ p.tags }}{% endfor %}\n",
    }
    src = write_site(tmp_path / "src", files)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    site = build(src, tmp_path / "out", cache)
    # index.html and people.yml copied; self.yml refers to itself and is read again.
    assert (cache.hits, cache.misses) == (2, 1)
    # No plugin code runs: the cached data is handed out as it is.
    people = site.content.data["people"]
    assert build(src, tmp_path / "out", cache).content.data["people"] is people

    def with_a_filter() -> Site:
        # Plugin code could change data in place: each build gets a copy.
        site = Site.from_path(src, tmp_path / "out")
        site.plugins.filters["shout"] = str.upper
        site.read_cache = cache
        site.build()
        return site

    site = with_a_filter()
    site.content.data["people"][0]["tags"].append("changed in place")
    site = with_a_filter()
    assert site.content.data["people"] == [{"name": "Ada", "tags": ["a"]}]
    (src / "_data" / "people.yml").write_text("- name: Bo\n  tags: [b]\n")
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "index.html").read_text() == "Bob\n"


def clean_outputs(src: Path, dest: Path) -> dict[str, bytes]:
    Site.from_path(src, dest).build()
    return outputs(dest)


def test_entry_filter_answers_are_kept_until_include_or_exclude_change(tmp_path: Path) -> None:
    files = {**FILES, "_config.yml": FILES["_config.yml"] + "exclude: [secret.md]\n",
             "secret.md": "---\n---\nsecret\n", "_extra.txt": "extra"}
    src = write_site(tmp_path / "src", files)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    assert cache.entry_filter[("site", "")]["secret.md"] is False
    assert not (tmp_path / "out" / "secret.html").exists()
    config = src / "_config.yml"
    config.write_text(FILES["_config.yml"] + "include: [_extra.txt]\n")
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "secret.html").is_file()
    assert (tmp_path / "out" / "_extra.txt").is_file()
    assert outputs(tmp_path / "out") == clean_outputs(src, tmp_path / "clean")


def test_new_files_in_unchanged_folders_are_read(tmp_path: Path) -> None:
    files = {**FILES, "docs/one.md": "---\n---\none\n"}
    src = write_site(tmp_path / "src", files)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    build(src, tmp_path / "out", cache)
    (src / "docs" / "two.md").write_text("---\n---\ntwo\n")
    (src / "_posts" / "2024-01-03-second.md").write_text("---\n---\nSecond.\n")
    (src / "_notes" / "more.md").write_text("---\n---\nmore\n")
    (src / "docs" / "~backup.md").write_text("---\n---\nskipped\n")
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "docs" / "two.html").is_file()
    assert (tmp_path / "out" / "2024" / "01" / "03" / "second.html").is_file()
    assert not (tmp_path / "out" / "docs" / "~backup.html").exists()
    assert outputs(tmp_path / "out") == clean_outputs(src, tmp_path / "clean")


def test_a_folder_pattern_is_asked_again_when_a_folder_appears(tmp_path: Path) -> None:
    # `include: [_x/]` keeps an entry named `_x` only while the source holds
    # a folder `_x` (entry_filter.rb joins the name to the source): that
    # answer looked at the disk, so it is never remembered.
    files = {**FILES, "_config.yml": FILES["_config.yml"] + "include: [_x/]\n", "sub/_x/a.txt": "a"}
    src = write_site(tmp_path / "src", files)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    assert not (tmp_path / "out" / "sub" / "_x").exists()
    (src / "_x").mkdir()
    (src / "_x" / "b.txt").write_text("b")
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "sub" / "_x" / "a.txt").read_text() == "a"
    assert outputs(tmp_path / "out") == clean_outputs(src, tmp_path / "clean")


def test_a_symlink_is_filtered_afresh_on_every_read(tmp_path: Path) -> None:
    outside = write_site(tmp_path / "outside", {"leak.md": "---\n---\nleak\n"})
    src = write_site(tmp_path / "src", {**FILES, "link.md": "---\n---\ninside\n"})
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    assert (tmp_path / "out" / "link.html").is_file()
    (src / "link.md").unlink()
    (src / "link.md").symlink_to(outside / "leak.md")
    build(src, tmp_path / "out", cache)
    assert not (tmp_path / "out" / "link.html").exists()


def test_output_paths_are_remembered_only_for_plain_pages(tmp_path: Path) -> None:
    from liquidsite.model import Page

    class Elsewhere(Page):
        @property
        def output_path(self) -> str:
            return "elsewhere/feed.xml"

    src = write_site(tmp_path / "src", FILES)
    cache = ReadCache()
    build(src, tmp_path / "out", cache)
    site = Site.from_path(src, tmp_path / "out")
    site.read_cache = cache
    site.read()
    index = next(p for p in site.content.pages if p.name == "index.md")
    odd = Elsewhere(**{name: getattr(index, name) for name in ("name", "dir", "source_path", "data",
                                                                "defaults", "content", "body_line")})
    odd.url = index.url
    site.content.pages.append(odd)
    planned = {out.output_path for out in site.planned_outputs()}
    assert {"index.html", "elsewhere/feed.xml", "about.html"} <= planned

"""Reading a source tree with Jekyll's rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.errors import DataFileError, EncodingError
from liquidsite.reader import sanitize_filename

from .helpers import write_site


def _read(root: Path, files: dict) -> Site:
    write_site(root, files)
    site = Site.from_path(root)
    site.read()
    return site


def test_pages_statics_and_skipped_entries(tmp_path: Path) -> None:
    site = _read(tmp_path, {
        "_config.yml": "exclude: [secret]\ninclude: [_keep.html, .htaccess]\n",
        "index.md": "---\n---\nhi",
        "plain.md": "no front matter",
        "_hidden.html": "---\n---\n",
        "_keep.html": "---\n---\nkept",
        ".dot": "x",
        ".htaccess": "deny",
        "backup.md~": "x",
        "#tmp": "x",
        "secret/a.html": "---\n---\n",
        "secretive.txt": "excluded too: exclude matches by prefix",
        "sub/page.html": "---\ntitle: T\n---\n",
        "sub/data.json": "{}",
    })
    pages = sorted(p.relative_path for p in site.content.pages)
    statics = sorted(f.relative_path for f in site.content.static_files)
    assert pages == ["_keep.html", "index.md", "sub/page.html"]
    assert statics == ["/.htaccess", "/plain.md", "/sub/data.json"]


def test_data_files_become_nested_keys(tmp_path: Path) -> None:
    site = _read(tmp_path, {
        "_data/groups.yml": "- name: a\n",
        "_data/people/steering-group.yml": "- name: X\n",
        "_data/facts.csv": "label,value\nFounded,2019\nEmpty,\n",
        "_data/table.tsv": "a\tb\n1\t2\n",
        "_data/nav.json": '[{"id": "home"}]',
        "_data/my file.yaml": "k: v\n",
    })
    data = site.content.data
    assert data["groups"] == [{"name": "a"}]
    assert data["people"]["steering-group"] == [{"name": "X"}]
    assert data["facts"] == [{"label": "Founded", "value": "2019"}, {"label": "Empty", "value": None}]
    assert data["table"] == [{"a": "1", "b": "2"}]
    assert data["nav"] == [{"id": "home"}]
    assert data["my_file"] == {"k": "v"}


@pytest.mark.parametrize(
    ("name", "key"),
    [("steering-group", "steering-group"), ("my file", "my_file"), ("a.b", "ab"), ("über", "ber"),
     ("people_2024", "people_2024"), ("-x-", "-x-"), ("", "")],
)
def test_sanitize_filename(name: str, key: str) -> None:
    assert sanitize_filename(name) == key


def test_bad_data_file_names_file_and_line(tmp_path: Path) -> None:
    write_site(tmp_path, {"_data/x.yml": "a: 1\nb: [\n"})
    site = Site.from_path(tmp_path)
    with pytest.raises(DataFileError) as info:
        site.read()
    assert info.value.path == "_data/x.yml"
    assert info.value.line is not None


def test_undecodable_file_names_the_byte_offset(tmp_path: Path) -> None:
    write_site(tmp_path, {"bad.md": b"---\n---\nabc\xff"})
    site = Site.from_path(tmp_path)
    with pytest.raises(EncodingError, match="offset 11"):
        site.read()


def test_undecodable_byte_after_a_byte_order_mark_is_named_at_its_offset() -> None:
    from liquidsite.reader import decode_source

    with pytest.raises(EncodingError, match="undecodable byte 0xff at offset 5"):
        decode_source(b"\xef\xbb\xbfab\xff", "_layouts/x.html")
    with pytest.raises(EncodingError, match="undecodable byte 0xff at offset 2"):
        decode_source(b"ab\xff", "_layouts/x.html")


def test_symlink_out_of_the_source_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    src = tmp_path / "site"
    write_site(src, {"index.html": "---\n---\n"})
    (src / "link.txt").symlink_to(outside)
    site = Site.from_path(src)
    site.read()
    assert [f.name for f in site.content.static_files] == []


def test_csv_reads_as_ruby_csv_does() -> None:
    from liquidsite.reader import read_csv

    # What Ruby's CSV.read(headers: true).map(&:to_hash) gives for the same text.
    text = 'a,b,a\n1,"",3\n\n4,,\n5\n6,7,8,9\n"x ""q""",y\n"multi\nline",2\n'
    assert read_csv(text, ",", "t.csv") == [
        {"a": "1", "b": ""},
        {"a": None, "b": None},
        {"a": "4", "b": None},
        {"a": "5", "b": None},
        {"a": "6", "b": "7", None: "9"},
        {"a": 'x "q"', "b": "y"},
        {"a": "multi\nline", "b": "2"},
    ]
    assert read_csv("a\tb\r\n1\t\r\n", "\t", "t.tsv") == [{"a": "1", "b": None}]


def test_malformed_csv_names_the_line(tmp_path: Path) -> None:
    write_site(tmp_path, {"_data/x.csv": 'a,b\n1,2\n"open,3\n'})
    site = Site.from_path(tmp_path)
    with pytest.raises(DataFileError, match="unclosed quoted field on line 3"):
        site.read()


def test_exclude_globs_and_plain_names_together(tmp_path: Path) -> None:
    # Plain names match as prefixes; globs are matched as globs; a folder
    # pattern matches only a folder.
    site = _read(tmp_path, {
        "_config.yml": "exclude: [notes, '*.log', 'sub/*.tmp', 'drafts/', 'a?c.md']\n",
        "index.md": "---\n---\n",
        "notes.md": "---\n---\n",
        "build.log": "x",
        "sub/x.tmp": "x",
        "sub/keep.txt": "x",
        "drafts/d.md": "---\n---\n",
        "drafts.md": "---\n---\n",
        "abc.md": "---\n---\n",
        "abbc.md": "---\n---\n",
    })
    pages = sorted(p.relative_path for p in site.content.pages)
    statics = sorted(f.relative_path for f in site.content.static_files)
    assert pages == ["abbc.md", "drafts.md", "index.md"]
    assert statics == ["/sub/keep.txt"]


def test_byte_order_mark_is_dropped_from_text(tmp_path: Path) -> None:
    write_site(tmp_path, {"_data/x.yml": "k: v\n"})
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf---\n---\n")
    (tmp_path / "_data" / "y.yml").write_bytes(b"\xef\xbb\xbfk: w\n")
    site = Site.from_path(tmp_path)
    site.read()
    assert site.content.data == {"x": {"k": "v"}, "y": {"k": "w"}}
    # Jekyll reads the raw first line: with a byte order mark it is no page.
    assert [f.relative_path for f in site.content.static_files] == ["/bom.txt"]


def test_pages_of_one_name_keep_the_order_their_folders_are_listed_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Jekyll reads folders in Dir.entries order (the file system's, unsorted)
    # and sorts site.pages by name with a stable sort: pages of one name keep
    # the listing order. Here the listing is reverse alphabetical.
    import os

    from liquidsite import reader

    files = {f"{d}/index.md": f"---\n---\n{d}\n" for d in ("a", "b", "c")}
    files.update({f"{d}/sub/index.md": "---\n---\n" for d in ("a", "c")})
    files["list.html"] = "---\n---\n{% for p in site.pages %}{{ p.path }} {% endfor %}"
    src = write_site(tmp_path / "src", files)
    real_scandir = os.scandir

    class Listing:
        def __init__(self, path: object) -> None:
            with real_scandir(path) as entries:  # type: ignore[call-overload]
                self.entries = sorted(entries, key=lambda e: e.name, reverse=True)

        def __enter__(self) -> object:
            return iter(self.entries)

        def __exit__(self, *exc: object) -> None:
            return None

    monkeypatch.setattr(reader.os, "scandir", Listing)
    site = Site.from_path(src, tmp_path / "out")
    assert [p.path for p in site.read().pages] == [
        "c/sub/index.md", "c/index.md", "b/index.md", "a/sub/index.md", "a/index.md", "list.html"]
    # Each folder's subfolders are read before its own pages, as reader.rb does.
    assert site.render_page("list.html").split() == [
        "c/sub/index.md", "c/index.md", "b/index.md", "a/sub/index.md", "a/index.md", "list.html"]

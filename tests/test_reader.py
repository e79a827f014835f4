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
    [("steering-group", "steering-group"), ("my file", "my_file"), ("a.b", "ab"), ("über", "ber")],
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

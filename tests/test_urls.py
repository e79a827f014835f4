"""URL and output path logic (url.rb, page.rb, url_filters.rb)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liquidsite import urls


@pytest.mark.parametrize(
    ("dir_", "basename", "ext", "style", "permalink", "url"),
    [
        ("", "institute", ".html", "date", None, "/institute.html"),
        ("", "index", ".html", "date", None, "/"),
        ("/groups", "x", ".html", "date", None, "/groups/x.html"),
        ("/groups", "index", ".html", "pretty", None, "/groups/"),
        ("", "about", ".html", "pretty", None, "/about/"),
        ("", "about", ".html", "/:year/:title/", None, "/about/"),
        ("", "about", ".html", "/:year/:title", None, "/about"),
        ("", "feed", ".xml", "pretty", None, "/feed.xml"),
        ("", "about", ".html", "date", "/about/", "/about/"),
        ("", "g", ".html", "date", "/groups/g", "/groups/g"),
        ("/a b", "c", ".html", "date", None, "/a%20b/c.html"),
        ("", "über", ".html", "date", None, "/%C3%BCber.html"),
        ("", "x", ".html", "date", "/../../etc/x", "/etc/x"),
    ],
)
def test_page_url(dir_, basename, ext, style, permalink, url) -> None:
    assert urls.page_url(dir_, basename, ext, style, permalink) == url


@pytest.mark.parametrize(
    ("url", "ext", "path"),
    [
        ("/", ".html", "index.html"),
        ("/about/", ".html", "about/index.html"),
        ("/groups/g", ".html", "groups/g.html"),
        ("/feed.xml", ".xml", "feed.xml"),
        ("/a%20b/c.html", ".html", "a b/c.html"),
    ],
)
def test_output_path(url: str, ext: str, path: str) -> None:
    assert urls.output_path(url, ext) == path


@pytest.mark.parametrize(
    ("value", "baseurl", "expected"),
    [
        ("/groups/x", "/ikim", "/ikim/groups/x"),
        ("groups/x", "/ikim/", "/ikim/groups/x"),
        ("/", None, "/"),
        ("", "/ikim", "/ikim"),
        ("https://x.org/a", "/ikim", "https://x.org/a"),
        ("/a b", "", "/a%20b"),
        ("/a/./b/../c", "", "/a/c"),
    ],
)
def test_relative_url(value: str, baseurl, expected: str) -> None:
    assert urls.relative_url(value, baseurl) == expected


def test_absolute_url() -> None:
    assert urls.absolute_url("/x", "https://Example.org", "/b") == "https://example.org/b/x"
    assert urls.absolute_url("/x", None, "/b") == "/b/x"


_segment = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@given(parts=st.lists(_segment, max_size=5), ext=st.sampled_from([".html", ".xml", ""]))
def test_output_paths_never_leave_the_destination(parts: list[str], ext: str) -> None:
    url = urls.sanitize_url("/".join(parts))
    path = urls.output_path(url, ext)
    assert not path.startswith("/")
    assert ".." not in path.split("/")


@given(value=st.lists(st.text(alphabet="abc._ -", min_size=1, max_size=6), max_size=4).map("/".join),
       base=st.sampled_from(["", "/b", "/b/", None, "/a/b"]))
def test_relative_url_of_a_path_never_doubles_slashes(value: str, base) -> None:
    assert "//" not in urls.relative_url(value, base)


_slashy = st.text(alphabet="/.a~", max_size=12)


@given(url=_slashy)
def test_sanitize_url_collapses_slashes_as_one_substitution_does(url: str) -> None:
    import re

    result = ("/" + url).replace("..", "/").replace("./", "")
    assert urls.sanitize_url(url) == re.sub("/+", "/", result)


@given(path=_slashy)
def test_safe_relpath_is_normpath_from_a_root(path: str) -> None:
    import posixpath
    import re

    rooted = "/" + path if path.startswith("~") else path
    expected = re.sub("/+", "/", posixpath.normpath("/" + rooted)).lstrip("/")
    assert urls.safe_relpath(path) == expected

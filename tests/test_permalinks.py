"""Permalink expansion for documents: examples from Jekyll and properties.

Whatever a permalink pattern and a document's names hold, the file it is
written to stays inside the destination, has no ``..`` segment, and two
documents with one destination are reported (and fail under ``--strict``).
"""

from __future__ import annotations

import datetime as _dt
import posixpath
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liquidsite import Site
from liquidsite.errors import LiquidsiteError, OutputConflictError, UnsafePathError
from liquidsite.urls import (
    DocumentPlaceholders,
    collection_static_url,
    document_output_path,
    document_url,
    ruby_dirname,
)
from liquidsite.writer import Output, _target, plan

WHEN = _dt.datetime(2024, 12, 30, 7, 8, 9, tzinfo=_dt.timezone.utc)


def placeholders(**kw: object) -> DocumentPlaceholders:
    args: dict[str, object] = {
        "collection": "posts",
        "path": "/2024-12-30-hello-world",
        "basename": "2024-12-30-hello-world",
        "slug": "hello-world",
        "categories": [],
        "output_ext": ".html",
        "date": lambda: WHEN,
    }
    args.update(kw)
    return DocumentPlaceholders(**args)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("template", "url"),
    [
        ("/:year/:month/:day/:title:output_ext", "/2024/12/30/hello-world.html"),
        ("/:year/:y_day/:title/", "/2024/365/hello-world/"),
        ("/:w_year/W:week/:short_day/:title", "/2025/W01/Mon/hello-world"),
        ("/:i_month/:i_day/:short_year/:hour:minute:second", "/12/30/24/070809"),
        ("/:long_day/:short_month/:long_month/:w_day", "/Monday/Dec/December/1"),
        ("/:month_:day_:title/", "/12_30_hello-world/"),
        ("/:collection/:path/", "/posts/2024-12-30-hello-world/"),
        ("/:name/:slug/", "/2024-12-30-hello-world/hello-world/"),
        ("/../../:title/", "/hello-world/"),
    ],
)
def test_document_url(template: str, url: str) -> None:
    assert document_url(template, placeholders(), None) == url


def test_categories_are_downcased_unique_and_escaped() -> None:
    ph = placeholders(categories=["Café Crème", "Tea", "café crème"])
    assert document_url("/:categories/:title/", ph, None) == "/caf%C3%A9%20cr%C3%A8me/tea/hello-world/"
    assert document_url("/:slugified_categories/", ph, None) == "/caf%C3%A9-cr%C3%A8me/tea/"


def test_front_matter_permalink_wins_and_unknown_placeholders_fail() -> None:
    assert document_url("/:title/", placeholders(), "/fixed/:slug.html") == "/fixed/hello-world.html"
    with pytest.raises(KeyError, match="doesn't have basename keys"):
        document_url("/:basename/", placeholders(), None)


def test_document_destinations() -> None:
    assert document_output_path("/a/", ".xml") == "a/index.html"
    assert document_output_path("/a/b", ".html") == "a/b.html"
    assert document_output_path("/a/b.html", ".html") == "a/b.html"
    assert document_output_path("/caf%C3%A9%20x/", ".html") == "café x/index.html"


def test_static_files_in_collections_leave_other_placeholders_alone() -> None:
    assert collection_static_url("/:collection/:path:output_ext", "docs", "/img/a", "a", ".png") == "/docs/img/a.png"
    assert collection_static_url("/g/:title/:name/:slug/", "g", "/image", "image", ".svg") == "/g/image/:slug.svg"


def test_ruby_dirname() -> None:
    assert ruby_dirname("/blog/foo/") == "/blog"
    assert ruby_dirname("/foo.html") == "/"
    assert ruby_dirname("/") == "/"


# --- properties ---------------------------------------------------------------

PIECES = st.sampled_from(
    [":year", ":month", ":day", ":title", ":slug", ":name", ":path", ":categories",
     ":collection", ":output_ext", ":i_day", ":week", "/", "/", "..", ".", "~", "%2E%2E",
     "%2F", "#", "?", " ", "ü", "index.html", "-", "_"]
)  # fmt: skip
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


def assert_inside(path: str) -> None:
    if not path:
        # "/." and the like name the destination itself: the writer refuses.
        with pytest.raises(UnsafePathError):
            _target(Path("/dest"), path)
        return
    assert not path.startswith("/")
    segments = path.split("/")
    assert ".." not in segments and "." not in segments and "" not in segments[:-1]
    root = Path("/dest")
    assert (root / path).resolve().is_relative_to(root)
    assert posixpath.normpath(path) == path.rstrip("/")


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(PIECES | TEXT, max_size=10),
    slug=TEXT,
    basename=TEXT,
    categories=st.lists(TEXT, max_size=3),
    ext=st.sampled_from([".html", ".xml", ".json", ""]),
)
def test_destinations_stay_inside(
    pieces: list[str], slug: str, basename: str, categories: list[str], ext: str
) -> None:
    template = "/" + "".join(pieces)
    ph = placeholders(slug=slug, basename=basename, categories=categories, path="/" + basename)
    try:
        url = document_url(template, ph, None)
    except KeyError:
        return  # an unknown placeholder: Jekyll stops the build too
    assert url.startswith("/") and "//" not in url and ".." not in url
    assert_inside(document_output_path(url, ext))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a.html", "b/index.html", "c/d.html", "a.html"]), max_size=8))
def test_shared_destinations_are_reported_and_strict_fails(paths: list[str]) -> None:
    outputs = [Output(p, f"src{i}", text=str(i)) for i, p in enumerate(paths)]
    warnings: list[str] = []
    planned = plan(outputs, warn=warnings.append)
    assert set(planned) == set(paths)
    shared = {p for p in paths if paths.count(p) > 1}
    assert len(warnings) == len(shared)
    for p in shared:
        # The last file written to a destination is the one that stays.
        last = max(i for i, q in enumerate(paths) if q == p)
        assert planned[p].origin == f"src{last}"
    if shared:
        with pytest.raises(OutputConflictError):
            plan(outputs, strict=True)
    else:
        assert plan(outputs, strict=True) == planned


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    permalinks=st.lists(
        st.lists(PIECES | st.sampled_from(["x", "y", "é", "../../etc"]), min_size=1, max_size=6).map(
            lambda p: "/" + "".join(p)
        ),
        min_size=1,
        max_size=4,
    )
)
def test_built_posts_stay_inside_and_conflicts_are_warned(tmp_path_factory: pytest.TempPathFactory, permalinks: list[str]) -> None:
    root = tmp_path_factory.mktemp("site")
    files = {"_config.yml": "title: t\n"}
    for i, link in enumerate(permalinks):
        quoted = link.replace("'", "''")
        files[f"_posts/2024-01-0{i + 1}-post-{i}.md"] = f"---\npermalink: '{quoted}'\n---\nPost {i}\n"
    site = Site.from_files(files, root)
    try:
        site.read()
    except LiquidsiteError:
        return  # an unknown placeholder, reported as Jekyll reports it
    outputs = site.planned_outputs()
    for out in outputs:
        assert_inside(out.output_path)
    paths = [o.output_path for o in outputs]
    warnings: list[str] = []
    plan(outputs, warn=warnings.append)
    assert len(warnings) == len({p for p in paths if paths.count(p) > 1})

"""Sass and SCSS pages, their options, source maps, errors and filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.converters._libsass import native_available
from liquidsite.errors import ConversionError

FRONT = "---\n---\n"


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    source = write(tmp_path / "site", files)
    Site.from_path(source, tmp_path / "out").build()
    return tmp_path / "out"


needs_native = pytest.mark.skipif(
    not native_available(), reason="this libsass build does not export LibSass's C API"
)


def test_default_style_is_compact_with_a_source_map(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "",
            "_sass/_vars.scss": "$c: #123;\n",
            "css/site.scss": FRONT + '@import "vars";\na { b { color: $c; } }\n',
        },
    )
    css = (out / "css/site.css").read_text()
    if native_available():
        assert css == "a b { color: #123; }\n\n/*# sourceMappingURL=site.css.map */"
        sourcemap = json.loads((out / "css/site.css.map").read_text())
        # As Jekyll names them: from the site's root, not the page's folder.
        assert sourcemap["sources"] == ["site.scss", "_sass/_vars.scss"]
        assert sourcemap["file"] == "site.css"
    else:
        assert css == "a b { color: #123; }\n"


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("compressed", "a b{color:red}\n"),
        (":expanded", "a b {\n  color: red;\n}\n"),
        ("nested", "a b {\n  color: red; }\n"),
        ("bogus", "a b { color: red; }\n"),
    ],
)
def test_style_option(tmp_path: Path, style: str, expected: str) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": f"sass:\n  style: {style}\n  sourcemap: never\n",
            "s.scss": FRONT + "a { b { color: red; } }\n",
        },
    )
    assert (out / "s.css").read_text() == expected
    assert not (out / "s.css.map").exists()


def test_indented_sass_and_load_paths(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "sass:\n  sourcemap: never\n  load_paths: [vendor/*/sass]\n",
            "vendor/lib/sass/_lib.sass": "$w: 2px\n",
            "s.sass": FRONT + '@import "lib"\np\n  border: $w solid\n',
        },
    )
    assert (out / "s.css").read_text() == "p { border: 2px solid; }\n"


def test_sourcemap_development_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JEKYLL_ENV", "production")
    out = build(
        tmp_path,
        {"_config.yml": "sass:\n  sourcemap: development\n", "s.scss": FRONT + "a { b: c; }\n"},
    )
    assert (out / "s.css").read_text() == "a { b: c; }\n"
    assert not (out / "s.css.map").exists()


def test_sass_pages_are_never_placed_in_layouts(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "defaults:\n  - scope: {path: ''}\n    values: {layout: wrap}\n"
            "sass:\n  sourcemap: never\n",
            "_layouts/wrap.html": "<wrap>{{ content }}</wrap>",
            "s.scss": FRONT + "a { b: {{ 1 | plus: 1 }}px; }\n",
        },
    )
    assert (out / "s.css").read_text() == "a { b: 2px; }\n"


def test_empty_sass_page_is_empty(tmp_path: Path) -> None:
    out = build(tmp_path, {"_config.yml": "", "s.scss": FRONT})
    assert (out / "s.css").read_text() == ""
    assert not (out / "s.css.map").exists()


def test_sass_error_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as caught:
        build(
            tmp_path,
            {
                "_config.yml": "",
                "_sass/_broken.scss": "a {\n  color: $nope;\n}\n",
                "css/s.scss": FRONT + "p { x: y; }\n@import 'broken';\n",
            },
        )
    err = caught.value
    assert "Undefined variable" in err.message
    if native_available():
        assert err.path is not None and err.path.endswith("_sass/_broken.scss")
        assert err.line == 2


def test_sass_error_in_the_page_itself(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as caught:
        build(tmp_path, {"_config.yml": "", "css/s.scss": FRONT + "p {\n  x: $y;\n}\n"})
    assert caught.value.path == "css/s.scss"
    if native_available():
        assert caught.value.line == 2


def test_sassify_and_scssify_filters(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "",
            "index.html": "---\n---\n{% assign s = 'a { b: c }' %}"
            "{{ 'a\n  b: c' | sassify }}|{{ s | scssify }}",
        },
    )
    assert (out / "index.html").read_text() == "a { b: c; }\n|a { b: c; }\n"


@needs_native
def test_charset_option_replaces_the_byte_order_mark(tmp_path: Path) -> None:
    files = {"s.scss": FRONT + 'a:after { content: "é"; }\n'}
    out = build(tmp_path / "a", {**files, "_config.yml": "sass: {style: compressed, sourcemap: never}\n"})
    plain = (out / "s.css").read_text(encoding="utf-8")
    out = build(
        tmp_path / "b",
        {**files, "_config.yml": "sass: {style: compressed, sourcemap: never, add_charset: true}\n"},
    )
    charset = (out / "s.css").read_text(encoding="utf-8")
    assert not plain.startswith("\ufeff")
    assert charset == '@charset "UTF-8";' + plain

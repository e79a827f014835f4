"""GitHub Pages' everyday plugins, as their documentation describes them.

No Debian package ships these gems, so these cases follow each plugin's
documented behaviour (see docs/compatibility.md) rather than a golden tree.
"""

from __future__ import annotations

from pathlib import Path

from liquidsite import Site


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    source = tmp_path / "site"
    for rel, text in files.items():
        path = source / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    Site.from_path(source, tmp_path / "out").build()
    return tmp_path / "out"


def test_optional_front_matter_and_default_layout(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jekyll-optional-front-matter, jekyll-default-layout]\n",
            "_layouts/default.html": "<d>{{ content }}</d>",
            "_layouts/home.html": "<h>{{ content }}</h>",
            "index.md": "Home *page*\n",
            "docs/guide.md": "A guide\n",
            "README.md": "Not a page\n",
            "LICENSE.md": "Not a page either\n",
            "plain.md": "---\nlayout: null\n---\nno layout\n",
        },
    )
    assert (out / "index.html").read_text() == "<h><p>Home <em>page</em></p>\n</h>"
    assert (out / "docs/guide.html").read_text() == "<d><p>A guide</p>\n</d>"
    assert (out / "docs/guide.md").read_text() == "A guide\n"
    assert (out / "README.md").exists() and not (out / "README.html").exists()
    assert (out / "plain.html").read_text() == "<p>no layout</p>\n"


def test_optional_front_matter_can_remove_originals_or_be_off(tmp_path: Path) -> None:
    out = build(
        tmp_path / "a",
        {
            "_config.yml": "plugins: [jekyll-optional-front-matter]\n"
            "optional_front_matter: {remove_originals: true}\ninclude: [README.md]\n",
            "README.md": "Read me\n",
        },
    )
    assert (out / "README.html").read_text() == "<p>Read me</p>\n"
    assert not (out / "README.md").exists()
    out = build(
        tmp_path / "b",
        {"_config.yml": "plugins: [jekyll-optional-front-matter]\nrequire_front_matter: true\n",
         "a.md": "x\n"},
    )
    assert (out / "a.md").exists() and not (out / "a.html").exists()


def test_include_cached_is_include(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jekyll-include-cache]\n",
            "_includes/hi.html": "hi {{ include.who }}",
            "index.html": "---\n---\n{% include_cached hi.html who='you' %}|{% include_cached hi.html who='me' %}",
        },
    )
    assert (out / "index.html").read_text() == "hi you|hi me"

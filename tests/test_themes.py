"""Themes: where they are found, what is read from them, what the site overrides."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from liquidsite import Site
from liquidsite import themes
from liquidsite.themes import ThemeError, gemspec_dependencies, version_key


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture()
def no_system_gems(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search only what a test sets up, whatever gems this machine has."""
    monkeypatch.setattr(themes, "SYSTEM_GEM_DIRS", ())
    monkeypatch.delenv("GEM_HOME", raising=False)
    monkeypatch.delenv("GEM_PATH", raising=False)


THEME = {
    "_themes/quiet/_layouts/default.html": "<theme>{{ content }}</theme>{% include foot.html %}\n",
    "_themes/quiet/_layouts/page.html": "---\nlayout: default\n---\n<page>{{ content }}</page>",
    "_themes/quiet/_includes/foot.html": "<foot>{{ site.data.words.bye }}</foot>",
    "_themes/quiet/_data/words.yml": "bye: theme bye\nhi: theme hi\n",
    "_themes/quiet/_config.yml": "greeting: from theme\ntitle: Theme title\nmarkdown: nonsense\n",
    "_themes/quiet/assets/logo.svg": "<svg>theme</svg>\n",
    "_themes/quiet/assets/kept.txt": "theme file\n",
    "_themes/quiet/assets/_under.txt": "read although it starts with an underscore\n",
    "_themes/quiet/assets/about.md": "---\ntitle: Theme page\n---\nFrom the theme.\n",
}


def build(tmp_path: Path, files: dict[str, str]) -> tuple[Site, Path]:
    source = write(tmp_path / "site", files)
    site = Site.from_path(source, tmp_path / "out")
    site.build()
    return site, tmp_path / "out"


def test_site_overrides_theme_file_by_file(tmp_path: Path, no_system_gems: None) -> None:
    site, out = build(
        tmp_path,
        {
            **THEME,
            "_config.yml": "theme: quiet\ntheme_dirs: [_themes]\ntitle: Site title\n",
            "_includes/foot.html": "<site-foot>{{ site.data.words.bye }} {{ site.data.words.hi }}</site-foot>",
            "_data/words.yml": "bye: site bye\n",
            "assets/logo.svg": "<svg>site</svg>\n",
            "index.md": "---\nlayout: page\n---\n{{ site.greeting }} / {{ site.title }} / {{ site.markdown }}\n",
        },
    )
    html = (out / "index.html").read_text()
    assert html == (
        "<theme><page><p>from theme / Site title / kramdown</p>\n</page></theme>"
        "<site-foot>site bye theme hi</site-foot>\n"
    )
    assert (out / "assets/logo.svg").read_text() == "<svg>site</svg>\n"
    assert (out / "assets/kept.txt").read_text() == "theme file\n"
    assert (out / "assets/_under.txt").exists()
    assert (out / "assets/about.html").read_text() == "<p>From the theme.</p>\n"
    assert site.theme is not None and site.theme.name == "quiet"


def test_highest_version_folder_wins(tmp_path: Path, no_system_gems: None) -> None:
    for version in ("1.9.0", "1.10.0", "1.10.0.pre"):
        write(tmp_path / "themes", {f"quiet-{version}/_layouts/default.html": version})
    found = themes.find_theme("Quiet", {"source": str(tmp_path), "theme_dirs": ["themes"]})
    assert found is not None and found.root.name == "quiet-1.10.0"


def test_gem_folders_are_searched_with_their_gemspec(
    tmp_path: Path, no_system_gems: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "gemhome"
    write(home, {"gems/quiet-2.0.0/_layouts/default.html": "x"})
    write(
        home,
        {
            "specifications/quiet-2.0.0.gemspec": (
                "s.add_runtime_dependency(%q<jekyll>.freeze, [\">= 3\"])\n"
                "s.add_runtime_dependency(%q<jekyll-seo-tag>.freeze, [\"~> 2.1\"])\n"
                "s.add_dependency(%q<bundler>.freeze, [\">= 1\"])\n"
            )
        },
    )
    monkeypatch.setenv("GEM_HOME", str(home))
    found = themes.find_theme("quiet", {"source": str(tmp_path)})
    assert found is not None
    assert found.root == (home / "gems/quiet-2.0.0").resolve()
    assert found.runtime_dependencies == ("jekyll-seo-tag",)


def test_theme_dependencies_enable_their_plugins(tmp_path: Path, no_system_gems: None) -> None:
    _, out = build(
        tmp_path,
        {
            "_themes/quiet/quiet.gemspec": 'spec.add_runtime_dependency "jekyll-seo-tag", "~> 2.8"\n',
            "_themes/quiet/_layouts/default.html": "{% seo title=false %}",
            "_config.yml": "theme: quiet\ntheme_dirs: [_themes]\n",
            "index.html": "---\nlayout: default\n---\n",
        },
    )
    assert (out / "index.html").read_text().startswith("<!-- Begin Jekyll SEO tag v2.8.0 -->\n")


def test_missing_theme_says_where_it_looked_and_what_to_do(tmp_path: Path, no_system_gems: None) -> None:
    write(tmp_path, {"_config.yml": "theme: nowhere\ntheme_dirs: [vendor_themes]\n"})
    with pytest.raises(ThemeError) as caught:
        Site.from_path(tmp_path)
    text = str(caught.value)
    assert "The nowhere theme could not be found" in text
    assert str(tmp_path / "vendor_themes") in text
    assert "theme_dirs" in text and "--theme-dir" in text


def test_remote_theme_explains_how_to_vendor(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "remote_theme: owner/fancy@v1\n"})
    with pytest.raises(ThemeError) as caught:
        Site.from_path(tmp_path)
    assert "owner/fancy@v1" in str(caught.value)
    assert "theme_dirs" in str(caught.value.hint)


def test_a_theme_that_is_not_a_string_is_ignored_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "theme: [a, b]\n"})
    site = Site.from_path(tmp_path)
    assert site.theme is None
    assert any("should be String" in w for w in site.warnings)


def test_theme_from_a_python_package_entry_point(
    tmp_path: Path, no_system_gems: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path / "pkg_theme", {"_layouts/default.html": "pkg"})
    entry = SimpleNamespace(name="packaged", load=lambda: (lambda: str(root)))
    monkeypatch.setattr(themes, "entry_points", lambda group: [entry] if group == themes.ENTRY_POINT_GROUP else [])
    found = themes.find_theme("packaged", {"source": str(tmp_path)})
    assert found is not None and found.root == root.resolve()


def test_theme_subfolders_may_not_leave_the_theme(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside", {"x.html": "x"})
    root = tmp_path / "theme"
    root.mkdir()
    (root / "_includes").symlink_to(outside, target_is_directory=True)
    theme = themes.Theme("t", root.resolve())
    assert theme.includes_path is None


def test_gemspec_dependencies_and_versions() -> None:
    assert gemspec_dependencies('spec.add_dependency "jekyll-feed"\nspec.add_dependency "jekyll"') == (
        "jekyll-feed",
    )
    assert version_key("2.10.0") > version_key("2.9.1")
    assert version_key("1.0.0.pre") < version_key("1.0.0")
    assert version_key("1.0") == version_key("1.0.0")

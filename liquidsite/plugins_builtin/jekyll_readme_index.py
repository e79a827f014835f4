"""jekyll-readme-index: a folder's README is its index page when it has none.

Mirrors lib/jekyll-readme-index/generator.rb of version 0.5.0.  A README
with a Markdown extension (any case) that Jekyll copies as a static file
(it has no front matter) is read as a page at its folder's URL, unless a
page or file already serves that folder (``index.html``, ``.htm``,
``.xhtml``, ``.xml`` or a permalink ending in ``/``).  As on GitHub, a
README in ``.github/`` or ``docs/`` at the top serves the site's root, and
``.github`` beats the root, which beats ``docs``.

Options under ``readme_index:``: ``enabled: false``; ``remove_originals:
true`` (drop the static copy); ``with_frontmatter: true`` (READMEs that are
already pages move to their folder's URL too); ``append_html: true``
(permalinks end in ``index.html``); ``readme_pattern`` (a regular
expression replacing the README file name rule).
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any, Mapping

from .. import urls
from ..reader import Reader
from .jekyll_optional_front_matter import markdown_extensions, page_from_static

if TYPE_CHECKING:
    from ..model import Page
    from ..plugins import Registry
    from ..site import Site

INDEX_URL_REGEX = re.compile(r"\A(.*/)(?:index\.(?:html?|xhtml|xml))?\Z", re.I | re.S)
SPECIAL_DIRS = ("/.github", "/docs")
GITHUB_README = re.compile(r"^/\.github/readme", re.I | re.M)
DOCS_README = re.compile(r"^/docs/readme", re.I | re.M)
ROOT_README = re.compile(r"^/readme", re.I | re.M)


def _option(config: Mapping[str, Any], key: str) -> Any:
    options = config.get("readme_index")
    return options.get(key) if isinstance(options, Mapping) else None


def readme_regex(config: Mapping[str, Any]) -> re.Pattern[str]:
    custom = _option(config, "readme_pattern")
    if custom:
        return re.compile(str(custom), re.I)
    extensions = "|".join(re.escape(e) for e in sorted(markdown_extensions(config)))
    return re.compile(r"/(?:\.github/|docs/)?readme(" + extensions + r")$", re.I | re.M)


def readme_path(item: Any) -> str:
    """The file's path from the source, with a leading slash."""
    path = str(item.relative_path)
    return path if path.startswith("/") else "/" + path


def _priority(item: Any) -> int:
    path = readme_path(item)
    for rank, pattern in enumerate((GITHUB_README, ROOT_README, DOCS_README)):
        if pattern.search(path):
            return rank
    return 3


def prioritize(candidates: list[Any]) -> list[Any]:
    """One README per target folder, in GitHub's order: .github, root, docs."""
    groups: dict[str, list[Any]] = {}
    for item in candidates:
        folder = urls.ruby_dirname(item.url)
        groups.setdefault("/" if folder in SPECIAL_DIRS else folder, []).append(item)
    return [min(items, key=_priority) for items in groups.values()]


def target_dir(item: Any) -> str:
    path = readme_path(item)
    if GITHUB_README.search(path) or DOCS_README.search(path):
        return "/"
    return posixpath.join(urls.ruby_dirname(item.url), "")


class IndexDirs:
    """The (lower-cased) folders that already have an index page or file."""

    def __init__(self, site: Site) -> None:
        self.dirs: set[str] = set()
        items: list[Any] = [*site.content.pages, *site.content.static_files]
        for item in items:
            self.add(item.url)

    def add(self, url: str) -> None:
        match = INDEX_URL_REGEX.match(url)
        if match:
            self.dirs.add(match.group(1).lower())

    def has(self, folder: str) -> bool:
        return (folder if folder.endswith("/") else folder + "/").lower() in self.dirs


def _set_permalink(site: Site, page: Page, permalink: str) -> None:
    page.data["permalink"] = permalink
    page.url = urls.page_url(
        page.dir, page.basename, page.output_ext, site.config.get("permalink"), permalink
    )
    page.liquid_snapshot = None


def generate(site: Site) -> None:
    config = site.config
    if _option(config, "enabled") is False:
        return
    append_html = _option(config, "append_html") is True
    pattern = readme_regex(config)
    index_dirs = IndexDirs(site)
    reader = Reader(config, theme=getattr(site, "theme", None))
    statics = [f for f in site.content.static_files if pattern.search(f.relative_path)]
    removed = []
    for readme in prioritize(statics):
        folder = target_dir(readme)
        if index_dirs.has(folder):
            continue
        page = page_from_static(site, reader, readme)
        if page is None:
            continue
        _set_permalink(site, page, posixpath.join(folder, "index.html") if append_html else folder)
        site.content.pages.append(page)
        index_dirs.add(page.url)
        removed.append(readme)
    if _option(config, "remove_originals") is True:
        site.content.static_files = [f for f in site.content.static_files if f not in removed]
    if _option(config, "with_frontmatter") is True:
        pages = [p for p in site.content.pages if pattern.search("/" + p.path)]
        for page in prioritize(pages):
            folder = target_dir(page)
            if index_dirs.has(folder):
                continue
            if append_html:
                permalink = posixpath.join(folder, "index.html")
            else:
                permalink = page.url if page.url.endswith("/") else folder
            _set_permalink(site, page, permalink)
            index_dirs.add(page.url)
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="low")

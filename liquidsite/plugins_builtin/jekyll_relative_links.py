"""jekyll-relative-links: ``[text](other.md)`` links point at the rendered page.

Mirrors lib/jekyll-relative-links/generator.rb (0.7 series, with the 0.8
fix for images inside link text).  Before rendering, the Markdown source of
each Markdown page (and, with ``relative_links: {collections: true}``, each
written document) has its inline links ``[text](path#frag "title")`` and
reference definitions ``[ref]: path`` rewritten when *path*, taken relative
to the file (or to the site root when it starts with ``/``) and
URL-decoded, is the source path of a page, static file or written
document: the link then holds that file's URL under ``baseurl``.
Fragment-only links and absolute URLs are left alone, as is anything that
names no file of the site.

Options under ``relative_links:``: ``enabled: false``; ``collections:
true``; ``exclude:`` globs of files to leave as they are.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any, Mapping
from urllib.parse import unquote_plus, urlsplit

from .. import urls
from ..reader import EntryFilter
from .jekyll_optional_front_matter import markdown_extensions

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# generator.rb's expressions, with Ruby's line anchors made explicit (re.M).
LINK_TEXT = r"((?:!\[[^\]]*\](?:\([^\)]*\))?|(?!\]\().)*?)"
FRAGMENT = r"(#.+?|)?"
TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"""
INLINE_LINK = r"\[" + LINK_TEXT + r"\]\(([^)]+?)" + FRAGMENT + TITLE + r"\)"
REFERENCE_LINK = r"^\s*?\[" + LINK_TEXT + r"\]: (.+?)" + FRAGMENT + TITLE + r"\s*?$"
LINK_REGEX = re.compile("(" + INLINE_LINK + "|" + REFERENCE_LINK + ")", re.M | re.ASCII)

# Any absolute path stands for the working folder File.expand_path works in.
_ROOT = "/__site_root__"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _option(config: Mapping[str, Any], key: str) -> Any:
    options = config.get("relative_links")
    return options.get(key) if isinstance(options, Mapping) else None


def absolute_url(string: str) -> bool:
    """``Addressable::URI.parse(string).absolute?``: it has a scheme."""
    try:
        return bool(urlsplit(string).scheme) and bool(_SCHEME.match(string))
    except ValueError:
        return False


def path_from_root(path: str, url_base: str) -> str | None:
    """Where a link's path points, relative to the site root (None: outside it)."""
    is_absolute = path.startswith("/")
    path = path[1:] if is_absolute else path
    base = _ROOT if is_absolute else posixpath.join(_ROOT, url_base)
    resolved = posixpath.normpath(posixpath.join(base, path))
    if not resolved.startswith(_ROOT + "/"):
        return None
    return resolved[len(_ROOT) + 1 :]


class Rewriter:
    """The link rewriting of one generator run: the site's targets, once."""

    def __init__(self, site: Site) -> None:
        self.baseurl = site.config.get("baseurl")
        self.targets: dict[str, str] = {}
        written = [d for d in getattr(site, "documents", ()) if d.write_allowed()]
        # potential_targets: pages, then static files, then documents; the first wins.
        for item in [*site.content.pages, *site.content.static_files, *written]:
            key = item.relative_path.lstrip("/")
            if key not in self.targets and item.url:
                self.targets[key] = item.url

    def url_for_path(self, path: str) -> str | None:
        url = self.targets.get(unquote_plus(path))
        return None if url is None else urls.relative_url(url, self.baseurl)

    def replace(self, match: re.Match[str], url_base: str) -> str:
        inline = match.group(2) is not None
        first = 2 if inline else 6
        text, path, fragment, title = match.group(first, first + 1, first + 2, first + 3)
        if path.startswith("#") or absolute_url(path):
            return match.group(0)
        target = path_from_root(path, url_base)
        url = self.url_for_path(target) if target is not None else None
        if url is None:
            return match.group(0)
        url += fragment or ""
        if inline:
            return f"[{text}]({url}{title or ''})"
        return f"\n[{text}]: {url}{title or ''}"

    def rewrite(self, content: str, relative_path: str) -> str:
        url_base = posixpath.dirname(relative_path) or "."
        return LINK_REGEX.sub(lambda m: self.replace(m, url_base), content)


def generate(site: Site) -> None:
    config = site.config
    if _option(config, "enabled") is False:
        return
    extensions = markdown_extensions(config)
    items: list[Any] = list(site.content.pages)
    if _option(config, "collections") is True:
        items += [d for d in getattr(site, "documents", ()) if d.write_allowed()]
    excludes = _option(config, "exclude")
    patterns = [str(p) for p in (excludes if isinstance(excludes, list) else [excludes])]
    entry_filter = EntryFilter(config) if excludes else None
    rewriter = Rewriter(site)
    for item in items:
        if item.ext.lower() not in extensions or item.content is None:
            continue
        relative_path = item.relative_path
        if entry_filter is not None and entry_filter._glob_include(patterns, relative_path):
            continue
        content = rewriter.rewrite(item.content, relative_path)
        if content != item.content:
            item.set_content(content)
            regenerate = getattr(item, "generate_excerpt", None)
            if regenerate is not None:
                regenerate()
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="lowest")

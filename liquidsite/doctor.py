"""``liquidsite doctor``: find what would stop or change a build, before building.

It reads the site and renders it in memory (nothing is written) and
reports, each as a :class:`Finding`: plugins, tags and filters the site
uses that liquidsite does not provide, configuration keys it ignores,
output paths two files share, URLs with characters that need escaping,
files Jekyll would silently skip or copy unrendered, and every error the
build itself raises.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import LiquidsiteError
from .hints import PLUGIN_FILTERS, PLUGIN_TAGS, close_names
from .site import Site

# Keys of _config.yml that change Jekyll's output and that liquidsite honours.
HONOURED_KEYS = frozenset("""
source destination collections_dir cache_dir plugins_dir layouts_dir data_dir includes_dir
collections safe include exclude keep_files encoding markdown_ext strict_front_matter
show_drafts limit_posts future unpublished whitelist plugins gems markdown highlighter
excerpt_separator incremental detach port host baseurl url show_dir_listing permalink
paginate paginate_path timezone quiet verbose defaults liquid kramdown title description
author lang theme theme_dirs sass strict unsafe_includes
""".split())
# Keys Jekyll reads that liquidsite does not act on.
IGNORED_KEYS = {
    "lsi": "related posts are computed without LSI, as Jekyll does without the classifier gem",
    "profile": "use `liquidsite build --profile` where available",
    "remote_theme": "vendor the theme into the site or theme_dirs; remote themes are not fetched",
}

_TAG_RE = re.compile(r"\{%-?\s*(\w+)")
_FILTER_RE = re.compile(r"\|\s*(\w+)")
_UNSAFE_URL_RE = re.compile(r"[^A-Za-z0-9/._~!$&'()*+,;=:@%-]")


@dataclass
class Finding:
    """One thing the doctor noticed; ``fatal`` ones make the build fail."""

    kind: str
    message: str
    path: str | None = None
    fatal: bool = False

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        level = "error" if self.fatal else "warning"
        return f"{level}: {where}{self.message} [{self.kind}]"


def _template_files(site: Site) -> Iterator[tuple[str, str]]:
    for page in site.content.pages:
        yield page.relative_path, page.content
    for layout in site.content.layouts.values():
        yield layout.relative_path, layout.content
    for base in site.env.includes_loader.dirs:
        if base.is_dir():
            for path in sorted(base.rglob("*")):
                if path.is_file():
                    try:
                        text = path.read_text(encoding="utf-8-sig")
                    except (UnicodeDecodeError, OSError):
                        continue
                    yield os.path.relpath(path, site.source), text


def _skipped_files(site: Site) -> Iterator[Finding]:
    for root, dirs, files in os.walk(site.source):
        rel_root = Path(root).relative_to(site.source).as_posix()
        if rel_root.startswith(("_site", ".git", "node_modules", "vendor")):
            dirs[:] = []
            continue
        for name in files:
            rel = name if rel_root == "." else f"{rel_root}/{name}"
            path = Path(root, name)
            if name.endswith("~"):
                yield Finding("skipped", "backup file (ends with ~) is skipped by Jekyll", rel)
            try:
                head = path.open("rb").read(8)
            except OSError:
                continue
            if head.startswith(b"\xef\xbb\xbf---"):
                yield Finding(
                    "skipped",
                    "front matter after a byte order mark is not seen by Jekyll: the file "
                    "is copied unrendered (save it as UTF-8 without BOM)",
                    rel,
                )


_DATA_PATH_RE = re.compile(r"site\.data((?:\.[\w-]+|\[['\"][^'\"]+['\"]\])+)")


def _data_typos(site: Site, files: Iterator[tuple[str, str]]) -> Iterator[Finding]:
    """``site.data.<name>`` paths naming no data file: nil in Jekyll, usually a typo."""
    reported: set[tuple[str, str]] = set()
    for rel, text in files:
        for match in _DATA_PATH_RE.finditer(text):
            keys = re.findall(r"\.([\w-]+)|\[['\"]([^'\"]+)['\"]\]", match.group(1))
            node: object = site.content.data
            shown = "site.data"
            for dotted, quoted in keys:
                key = dotted or quoted
                if not isinstance(node, dict):
                    break
                if key not in node:
                    if (rel, shown + "." + key) not in reported:
                        reported.add((rel, shown + "." + key))
                        suggestion = close_names(key, [str(k) for k in node])
                        note = f" ({suggestion})" if suggestion else ""
                        yield Finding(
                            "data", f"{shown}.{key} names no data file or key, so it is nil{note}", rel
                        )
                    break
                node = node[key]
                shown += "." + key


def examine(site: Site) -> list[Finding]:
    """Read and render *site* in memory and list what the doctor finds."""
    findings: list[Finding] = []
    for name in site.plugins.unknown:
        findings.append(Finding("plugin", f"plugin '{name}' is not supported and will be skipped"))
    for key in site.config:
        if key in IGNORED_KEYS and site.config[key]:
            findings.append(Finding("config", f"'{key}': {IGNORED_KEYS[key]}", "_config.yml"))
    try:
        site.read()
    except LiquidsiteError as err:
        return findings + [Finding("error", str(err), err.path, fatal=True)]
    tags, filters = set(site.env.tags), set(site.env.filters)
    for rel, text in _template_files(site):
        for tag in sorted(set(_TAG_RE.findall(text))):
            if tag not in tags and not tag.startswith("end") and tag not in ("else", "elsif", "when", "break", "continue"):
                origin = PLUGIN_TAGS.get(tag)
                note = f" (from {origin})" if origin else ""
                findings.append(Finding("tag", f"unknown tag '{tag}'{note}", rel, fatal=True))
        for name in sorted(set(_FILTER_RE.findall(text))):
            if name not in filters and name not in ("", "or", "and"):
                origin = PLUGIN_FILTERS.get(name)
                note = f" (from {origin})" if origin else ""
                findings.append(Finding(
                    "filter", f"unknown filter '{name}'{note}: Jekyll leaves the value unchanged", rel
                ))
    findings.extend(_data_typos(site, _template_files(site)))
    seen: dict[str, str] = {}
    for page in site.content.pages:
        other = seen.setdefault(page.output_path, page.relative_path)
        if other != page.relative_path:
            findings.append(Finding(
                "conflict", f"{other} and {page.relative_path} both write {page.output_path}",
                page.relative_path,
            ))
        if _UNSAFE_URL_RE.search(page.url):
            findings.append(Finding("url", f"URL {page.url!r} has characters that need escaping", page.relative_path))
    findings.extend(_skipped_files(site))
    try:
        site.render()
    except LiquidsiteError as err:
        findings.append(Finding("error", str(err), err.path, fatal=True))
    for warning in site.warnings:
        findings.append(Finding("warning", warning))
    return findings

"""jekyll-optional-front-matter: Markdown files without front matter become pages.

Follows the plugin's documented behaviour (generator.rb of the gem GitHub
Pages uses): every static file with a Markdown extension is read as a page,
except README, LICENSE, LICENCE, COPYING, CODE_OF_CONDUCT, CONTRIBUTING,
ISSUE_TEMPLATE and PULL_REQUEST_TEMPLATE (any case) unless ``include:``
names them.  ``optional_front_matter: {enabled: false}`` or
``require_front_matter: true`` turns it off; ``remove_originals: true`` (or
``require_front_matter``) also drops the static copies.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .. import urls
from ..reader import EntryFilter, Reader

if TYPE_CHECKING:
    from ..model import Page, StaticFile
    from ..plugins import Registry
    from ..site import Site

FILENAME_BLACKLIST = (
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CODE_OF_CONDUCT",
    "CONTRIBUTING",
    "ISSUE_TEMPLATE",
    "PULL_REQUEST_TEMPLATE",
)


def _option(config: Mapping[str, Any], key: str) -> Any:
    options = config.get("optional_front_matter")
    return options.get(key) if isinstance(options, Mapping) else None


def markdown_extensions(config: Mapping[str, Any]) -> set[str]:
    """The extensions Jekyll's Markdown converter matches (``markdown_ext``)."""
    names = str(config.get("markdown_ext") or "").split(",")
    return {"." + n.strip().lower() for n in names if n.strip()}


def page_from_static(site: Site, reader: Reader, static: StaticFile) -> Page | None:
    """Read a static file again as a page, with its URL worked out."""
    base = Path(str(static.source_path))
    for _ in Path(static.relative_path.lstrip("/")).parts:
        base = base.parent
    page = reader.read_page(static.dir, static.name, base=base)
    if page is None:
        return None
    page.output_ext = site.output_ext_for(page)
    page.url = urls.page_url(
        page.dir, page.basename, page.output_ext, site.config.get("permalink"), page.permalink
    )
    return page


def generate(site: Site) -> None:
    config = site.config
    if _option(config, "enabled") is False or config.get("require_front_matter"):
        return
    cleanup = _option(config, "remove_originals") is True or bool(config.get("require_front_matter"))
    extensions = markdown_extensions(config)
    entry_filter = EntryFilter(config) if isinstance(config.get("include"), list) else None
    reader = Reader(config, theme=getattr(site, "theme", None))
    added: list[Page] = []
    removed: list[StaticFile] = []
    for static in [f for f in site.content.static_files if f.extname.lower() in extensions]:
        listed = entry_filter is not None and entry_filter.included(static.relative_path.lstrip("/"))
        if not listed and static.basename.upper() in FILENAME_BLACKLIST:
            continue
        page = page_from_static(site, reader, static)
        if page is not None:
            added.append(page)
            removed.append(static)
    site.content.pages.extend(added)
    if cleanup:
        site.content.static_files = [f for f in site.content.static_files if f not in removed]
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="normal")

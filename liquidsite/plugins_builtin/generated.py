"""Pages a plugin makes from nothing (``PageWithoutAFile``), such as feed.xml.

Jekyll's plugins add such pages to ``site.pages`` in a generator, with a
Liquid template as their content; they are then rendered like any page,
so they see ``site`` and ``page`` and are written in the same pass.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Page

if TYPE_CHECKING:
    from ..site import Site


def source_exists(site: Site, path: str) -> bool:
    """``File.exist?(site.in_source_dir(path))``: a file of the site's own."""
    return (site.source / path.lstrip("/")).exists()


def url_taken(site: Site, path: str) -> bool:
    """Whether a page or static file already has the URL ``/path``."""
    wanted = "/" + path.lstrip("/")
    return any(p.url == wanted for p in site.content.pages) or any(
        f.url == wanted for f in site.content.static_files
    )


def make_page(site: Site, name: str, template: str, data: dict[str, Any], origin: Path) -> Page:
    """A page named *name* (``/feed.xml`` or ``sitemap.xml``) at the site's root.

    Jekyll keeps the name as given, leading slash included, so the URL is
    the name itself; *origin* is the file that stands for its source.
    """
    page = Page(
        name=name,
        dir="",
        source_path=origin,
        data={"layout": None, **data},
        defaults={},
        content=template,
        body_line=1,
    )
    page.output_ext = site.output_ext_for(page)
    page.url = "/" + posixpath.splitext(name)[0].lstrip("/") + page.output_ext
    return page


def add_pages(site: Site, pages: list[Page]) -> None:
    """Append generated pages to the site, as ``site.pages <<`` does."""
    site.content.pages.extend(pages)
    site.drop.invalidate()

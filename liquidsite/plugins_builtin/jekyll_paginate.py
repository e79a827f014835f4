"""jekyll-paginate: split ``site.posts`` over copies of an ``index.html``.

Mirrors jekyll-paginate 1.1.0 (pagination.rb, pager.rb).  With
``paginate: N`` the ``index.html`` nearest to ``paginate_path`` gets
``paginator`` with the first N posts (``hidden: true`` posts left out);
page K (K > 1) is a copy of it at ``paginate_path`` with ``:num`` = K.
Only a page named exactly ``index.html`` can be the template.
"""

from __future__ import annotations

import copy
import logging
import math
import posixpath
from typing import TYPE_CHECKING, Any

from .. import urls, values

if TYPE_CHECKING:
    from ..documents import Document
    from ..model import Page
    from ..plugins import Registry
    from ..site import Site

log = logging.getLogger("liquidsite")


def _ensure_leading_slash(path: str) -> str:
    return path if path.startswith("/") else "/" + path


def _remove_leading_slash(path: str) -> str:
    return _ensure_leading_slash(path)[1:]


def _expand(path: str, base: str) -> str:
    """Ruby's ``File.expand_path(path, base)`` for relative paths."""
    return posixpath.normpath(posixpath.join(base, path))


def in_hierarchy(page_dir: str, paginate_dir: str) -> bool:
    """``Pager.in_hierarchy``: *page_dir* is *paginate_dir* or one of its parents."""
    while paginate_dir != posixpath.dirname(paginate_dir):
        if page_dir == paginate_dir:
            return True
        paginate_dir = posixpath.dirname(paginate_dir)
    return False


def is_candidate(config: dict[str, Any], page: Page) -> bool:
    """``Pager.pagination_candidate?``: an ``index.html`` above ``paginate_path``."""
    source = str(config["source"])
    page_dir = posixpath.dirname(_expand(_remove_leading_slash(page.path), source))
    paginate_path = _expand(_remove_leading_slash(str(config.get("paginate_path") or "")), source)
    return page.name == "index.html" and in_hierarchy(page_dir, posixpath.dirname(paginate_path))


def template_page(site: Site) -> Page | None:
    """The candidate with the longest path (``Pagination#template_page``)."""
    candidates = [p for p in site.content.pages if is_candidate(site.config, p)]
    candidates.sort(key=lambda p: len(p.path), reverse=True)
    return candidates[0] if candidates else None


def paginate_path(site: Site, num_page: int | None) -> str | None:
    """``Pager.paginate_path``: page 1 is the template's URL, others the pattern."""
    if num_page is None:
        return None
    if num_page <= 1:
        first = template_page(site)
        return first.url if first is not None else None
    pattern = str(site.config.get("paginate_path") or "")
    return _ensure_leading_slash(pattern.replace(":num", str(num_page), 1))


def per_page(site: Site) -> int:
    value = site.config.get("paginate")
    try:
        return int(str(value).strip().split()[0]) if not isinstance(value, int) else value
    except (ValueError, IndexError):
        return 0


def pager(site: Site, page: int, posts: list[Document], total_pages: int) -> dict[str, Any]:
    """``Pager#to_liquid`` for page number *page*."""
    per = per_page(site)
    start = (page - 1) * per
    end = min(start + per - 1, len(posts))
    previous_page = page - 1 if page != 1 else None
    next_page = page + 1 if page != total_pages else None
    return {
        "page": page,
        "per_page": per,
        "posts": [doc.liquid() for doc in posts[start : end + 1]],
        "total_posts": len(posts),
        "total_pages": total_pages,
        "previous_page": previous_page,
        "previous_page_path": paginate_path(site, previous_page),
        "next_page": next_page,
        "next_page_path": paginate_path(site, next_page),
    }


def generate(site: Site) -> None:
    """``Pagination#generate``."""
    if site.config.get("paginate") is None or not site.content.pages:
        return
    template = template_page(site)
    if template is None:
        site.warn(
            "Pagination: Pagination is enabled, but I couldn't find an index.html page "
            "to use as the pagination template. Skipping pagination."
        )
        return
    from ..documents import sort_documents

    # site.posts (newest first) without the hidden ones.
    posts = [d for d in reversed(sort_documents(site.posts)) if not values.truthy(d.data.get("hidden"))]
    per = per_page(site)
    total = math.ceil(len(posts) / per) if per else 0
    for num in range(1, total + 1):
        paged = pager(site, num, posts, total)
        if num == 1:
            template.pager = paged
            continue
        new = copy.copy(template)
        new.data = copy.deepcopy(template.data)
        new.liquid_snapshot = None
        new.pager = paged
        new.url = urls.page_url(
            paginate_path(site, num) or "", new.basename, new.output_ext,
            site.config.get("permalink"), new.permalink,
        )
        site.content.pages.append(new)


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="lowest")


__all__ = ["generate", "register"]

"""jekyll-redirect-from: ``redirect_from:`` and ``redirect_to:`` in front matter.

Mirrors lib/jekyll-redirect-from/ of jekyll-redirect-from 0.16.0
(generator.rb, redirect_page.rb, redirectable.rb, layout.rb and
redirect.html).  For every written document and page:

- each ``redirect_from`` path gets a page of its own (``redirect.html`` at
  that path as permalink, ``sitemap: false``) that sends the browser to the
  document's URL;
- a ``redirect_to`` turns the document itself into such a page, pointing
  at the target (an ``http(s)://`` URL as is, anything else through
  ``absolute_url``).

Redirect pages use the ``redirect`` layout: the site's own if it has one,
else the plugin's template below.  ``/redirects.json`` maps every "from"
to its "to", unless the site has that file or ``redirect_from: {json:
false}``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .. import urls, values
from ..defaults import FrontMatterDefaults
from ..model import Layout, Page
from .generated import add_pages, make_page, source_exists

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# lib/jekyll-redirect-from/redirect.html
REDIRECT_TEMPLATE = """<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ page.redirect.to }}">
  <script>location="{{ page.redirect.to }}"</script>
  <meta http-equiv="refresh" content="0; url={{ page.redirect.to }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ page.redirect.to }}">Click here if you are not redirected.</a>
</html>
"""

_HTTP = re.compile(r"^https?://", re.M)


def redirect_from(item: Any) -> list[str]:
    """redirectable.rb ``redirect_from``: the paths, nils dropped, as strings."""
    meta = item.get("redirect_from")
    paths = meta if isinstance(meta, list) else [meta]
    return [values.to_s(p) for p in paths if p is not None]


def redirect_to(item: Any) -> str | None:
    """redirectable.rb ``redirect_to``: the first non-nil target, as a string."""
    meta = item.get("redirect_to")
    if isinstance(meta, list):
        meta = next((m for m in meta if m is not None), None)
    return None if meta is None else values.to_s(meta)


def redirect_data(site: Site, source: str, target: str) -> dict[str, Any]:
    """``RedirectPage#set_paths``: the data of a page at *source* sending to *target*."""
    source = source if source.startswith("/") else "/" + source
    if not _HTTP.search(target):
        config = site.config
        target = urls.absolute_url(target, config.get("url"), config.get("baseurl"))
    return {
        "sitemap": False,
        "layout": "redirect",
        "permalink": source,
        "redirect": {"from": source, "to": target},
    }


def redirect_page(site: Site, source: str, target: str) -> Page:
    """``RedirectPage.from_paths``: a ``redirect.html`` page at *source*."""
    page = Page(
        name="redirect.html",
        dir="",
        source_path=Path(__file__),
        data=redirect_data(site, source, target),
        defaults=FrontMatterDefaults(site.config).all("redirect.html", "pages"),
        content="",
        body_line=1,
    )
    page.output_ext = site.output_ext_for(page)
    page.url = urls.page_url(
        page.dir, page.basename, page.output_ext, site.config.get("permalink"), page.permalink
    )
    return page


def redirect_layout() -> Layout:
    """layout.rb: the plugin's template as ``_layouts/redirect.html``."""
    return Layout(
        name="redirect",
        source_path=Path(__file__),
        relative_path="_layouts/redirect.html",
        data={},
        content=REDIRECT_TEMPLATE,
        body_line=1,
    )


def generate(site: Site) -> None:
    """generator.rb ``generate``: redirect pages, redirecting documents, redirects.json."""
    if "redirect" not in site.content.layouts:
        site.content.layouts["redirect"] = redirect_layout()
    redirects: dict[str, str] = {}
    added: list[Page] = []
    written = [doc for doc in getattr(site, "documents", ()) if doc.write_allowed()]
    for item in [*written, *site.content.pages]:
        for source in redirect_from(item):
            page = redirect_page(site, source, item.url)
            added.append(page)
            redirect = page.data["redirect"]
            redirects[redirect["from"]] = redirect["to"]
        target = redirect_to(item)
        if target is not None:
            data = redirect_data(site, item.url, target)
            item.data.update(data)
            item.set_content("")
            redirects[data["redirect"]["from"]] = data["redirect"]["to"]
    options = site.config.get("redirect_from")
    wants_json = not (isinstance(options, Mapping) and options.get("json") is False)
    if wants_json and not source_exists(site, "redirects.json"):
        text = json.dumps(redirects, ensure_ascii=False, separators=(",", ":"))
        added.append(make_page(site, "redirects.json", text, {}, Path(__file__)))
    add_pages(site, added)


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="normal")

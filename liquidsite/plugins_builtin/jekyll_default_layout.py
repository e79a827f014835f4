"""jekyll-default-layout: Markdown pages without a layout get one.

Follows the plugin's documented behaviour: a Markdown page whose front
matter (and front matter defaults) names no layout gets ``home`` if it is
the site's root page and that layout exists, else ``page``, else
``default``, whichever exists first.  Documents of collections are left to
their own defaults here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .jekyll_optional_front_matter import markdown_extensions

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site


def generate(site: Site) -> None:
    layouts = site.content.layouts
    extensions = markdown_extensions(site.config)
    for page in site.content.pages:
        if page.ext.lower() not in extensions:
            continue
        if "layout" in page.data or "layout" in page.defaults:
            continue
        choices = (["home"] if page.url == "/" else []) + ["page", "default"]
        layout = next((name for name in choices if name in layouts), None)
        page.data["layout"] = layout
        page.liquid_snapshot = None
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="lowest")

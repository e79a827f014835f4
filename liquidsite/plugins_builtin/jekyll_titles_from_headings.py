"""jekyll-titles-from-headings: a Markdown page's first heading is its title.

Mirrors lib/jekyll-titles-from-headings/generator.rb of version 0.5.3.
A Markdown page with no ``title`` (front matter or defaults) whose text
starts with an ATX heading of level 1 to 3 (``# Title``) or a Setext
heading (``Title`` over ``===`` or ``---``) gets that heading, rendered
with ``markdownify | strip_html | normalize_whitespace`` and footnote
markers removed, as its title.

Options under ``titles_from_headings:``: ``enabled: false`` turns it off;
``strip_title: true`` (or ``strip_title`` in a page's front matter) also
removes the heading from the text; ``collections: true`` treats the
documents that are written too, whose title Jekyll inferred from the file
name is then replaced.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Mapping

from ..filters.standard import strip_html
from ..filters.strings import normalize_whitespace
from .jekyll_optional_front_matter import markdown_extensions

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# generator.rb TITLE_REGEX: Ruby's ``$`` is an end of line, its ``\s`` ASCII.
TITLE_REGEX = re.compile(r"\A\s*(?:\#{1,3}\s+(.*)|(.*)\r?\n[-=]+\s*)$", re.M | re.ASCII)
# EXTRA_MARKUP_REGEX: footnote references left after markdownify.
EXTRA_MARKUP_REGEX = re.compile(r"\[\^[^\]]*\]")


def _option(config: Mapping[str, Any], key: str) -> Any:
    options = config.get("titles_from_headings")
    return options.get(key) if isinstance(options, Mapping) else None


def title_for(site: Site, content: str) -> str | None:
    """The first heading, as plain text, or None when the text starts otherwise."""
    match = TITLE_REGEX.search(content)
    if match is None:
        return None
    heading = match.group(1) if match.group(1) is not None else match.group(2)
    html = site.env.markdownify(heading)
    return EXTRA_MARKUP_REGEX.sub("", normalize_whitespace(strip_html(html)))


def generate(site: Site) -> None:
    config = site.config
    if _option(config, "enabled") is False:
        return
    extensions = markdown_extensions(config)
    strip_default = _option(config, "strip_title") is True
    items: list[tuple[Any, bool]] = [(page, True) for page in site.content.pages]
    if _option(config, "collections") is True:
        docs = getattr(site, "documents", ())
        items += [(doc, False) for doc in docs if doc.write_allowed()]
    for item, is_page in items:
        if item.ext.lower() not in extensions:
            continue
        # A document's title is always Jekyll's guess from its file name.
        if is_page and item.get("title") is not None:
            continue
        content = item.content or ""
        title = title_for(site, content)
        if title is None and not is_page:
            continue
        item.data["title"] = title
        strip = item.data["strip_title"] is True if "strip_title" in item.data else strip_default
        if strip:
            item.set_content(TITLE_REGEX.sub("", content))
        elif is_page:
            item.liquid_snapshot = None
    site.drop.invalidate()


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="lowest")

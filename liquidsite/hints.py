"""Hints for the usual mistakes: what to tell a user besides the error.

Kept apart from the code that raises, so every stage can share them.
"""

from __future__ import annotations

import difflib
from typing import Iterable

# Tags and filters that Jekyll sites get from plugins, by plugin name.
PLUGIN_TAGS: dict[str, str] = {
    "seo": "jekyll-seo-tag",
    "feed_meta": "jekyll-feed",
    "bibliography": "jekyll-scholar",
    "bibliography_count": "jekyll-scholar",
    "cite": "jekyll-scholar",
    "citation": "jekyll-scholar",
    "reference": "jekyll-scholar",
    "cite_details": "jekyll-scholar",
    "include_cached": "jekyll-include-cache",
    "avatar": "jekyll-avatar",
    "github_edit_link": "jekyll-github-metadata",
    "gist": "jekyll-gist",
    "mentions": "jekyll-mentions",
    "asset": "jekyll-assets",
    "paginate": "jekyll-paginate-v2",
}

PLUGIN_FILTERS: dict[str, str] = {
    "emojify": "jemoji",
    "mentionify": "jekyll-mentions",
    "avatar": "jekyll-avatar",
    "localize": "jekyll-i18n",
    "t": "jekyll-multiple-languages-plugin",
}


def unknown_tag_hint(name: str) -> str | None:
    """Name the Jekyll plugin a tag comes from, if it is a known one."""
    plugin = PLUGIN_TAGS.get(name)
    if plugin:
        return (
            f"'{name}' comes from the {plugin} plugin: add it to `plugins:` in _config.yml "
            "(run `liquidsite doctor` to see which plugins liquidsite supports)"
        )
    if name.startswith("end"):
        return f"'{name}' closes a block that was never opened (or was closed already)"
    return None


def unknown_filter_hint(name: str) -> str | None:
    plugin = PLUGIN_FILTERS.get(name)
    if plugin:
        return f"'{name}' comes from the {plugin} plugin: add it to `plugins:` in _config.yml"
    return None


def close_names(name: str, candidates: Iterable[str], limit: int = 3) -> str | None:
    """"did you mean ...?" for a missing layout, include or data key."""
    found = difflib.get_close_matches(name, list(candidates), n=limit, cutoff=0.6)
    if not found:
        return None
    return "did you mean " + " or ".join(repr(f) for f in found) + "?"

"""The plugin registry: filters, tags, converters, generators and hooks.

A plugin is a callable ``register(registry)``.  Plugins are named in
``_config.yml`` under ``plugins:`` (or the older ``gems:``) by the same
names Jekyll uses; liquidsite looks each name up among its built-in
plugins and then among the ``liquidsite.plugins`` entry points of
installed packages.  There is no global registry: each site has its own.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from liquid.tag import Tag

    from .converters import Converter
    from .site import Site

def entry_points(group: str) -> Any:
    """``importlib.metadata.entry_points(group=...)``, imported when first asked:
    the module costs about 10 ms to import, and most builds never need it."""
    from importlib.metadata import entry_points as find

    return find(group=group)


ENTRY_POINT_GROUP = "liquidsite.plugins"

# Jekyll plugin names handled by modules of this package: "name" -> "module".
BUILTIN: dict[str, str] = {
    "jekyll-archives": ".plugins_builtin.jekyll_archives",
    "jekyll-avatar": ".plugins_builtin.jekyll_avatar",
    "jekyll-default-layout": ".plugins_builtin.jekyll_default_layout",
    "jekyll-feed": ".plugins_builtin.jekyll_feed",
    "jekyll-github-metadata": ".plugins_builtin.jekyll_github_metadata",
    "jekyll-include-cache": ".plugins_builtin.jekyll_include_cache",
    "jekyll-optional-front-matter": ".plugins_builtin.jekyll_optional_front_matter",
    "jekyll-paginate": ".plugins_builtin.jekyll_paginate",
    "jekyll-readme-index": ".plugins_builtin.jekyll_readme_index",
    "jekyll-redirect-from": ".plugins_builtin.jekyll_redirect_from",
    "jekyll-relative-links": ".plugins_builtin.jekyll_relative_links",
    "jekyll-seo-tag": ".plugins_builtin.jekyll_seo_tag",
    "jekyll-sitemap": ".plugins_builtin.jekyll_sitemap",
    "jekyll-titles-from-headings": ".plugins_builtin.jekyll_titles_from_headings",
    "jekyll-scholar": ".plugins_builtin.scholar",
    "jekyll/scholar": ".plugins_builtin.scholar",
    "jemoji": ".plugins_builtin.jemoji",
}

# plugin.rb PRIORITIES: generators run from highest to lowest.
GENERATOR_PRIORITIES = {"lowest": -100, "low": -10, "normal": 0, "high": 10, "highest": 100}

HOOK_EVENTS = (
    "site:after_init",
    "site:after_reset",
    "site:post_read",
    "site:pre_render",
    "site:post_render",
    "site:post_write",
    "pages:post_init",
    "pages:pre_render",
    "pages:post_convert",
    "pages:post_render",
    "pages:post_write",
)


@dataclass
class Registry:
    """What the enabled plugins add to one site.

    A plugin's ``register(registry)`` calls the ``add_*`` methods and
    :meth:`on`; see docs/plugins.md.

    Example:
        >>> registry = Registry()
        >>> registry.add_filter("shout", lambda value: str(value).upper() + "!")
        >>> registry.on("site:post_write", lambda site: None)
        >>> registry.filters["shout"]("hi"), list(registry.hooks)
        ('HI!', ['site:post_write'])
    """

    filters: dict[str, Callable[..., Any]] = field(default_factory=dict)
    tags: list[type[Tag]] = field(default_factory=list)
    converters: list[Converter] = field(default_factory=list)
    generators: list[Callable[[Site], None]] = field(default_factory=list)
    hooks: dict[str, list[Callable[..., None]]] = field(default_factory=dict)
    enabled: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    _generator_ranks: list[int] = field(default_factory=list, repr=False)

    def add_filter(self, name: str, func: Callable[..., Any]) -> None:
        self.filters[name] = func

    def add_tag(self, tag: type[Tag]) -> None:
        self.tags.append(tag)

    def add_converter(self, converter: Converter) -> None:
        self.converters.append(converter)

    def add_generator(self, generator: Callable[[Site], None], priority: str = "normal") -> None:
        """Add a generator; they run highest priority first (plugin.rb PRIORITIES),
        in the order added within one priority."""
        rank = GENERATOR_PRIORITIES[priority]
        ranks = self._generator_ranks
        at = next((i for i, r in enumerate(ranks) if r < rank), len(ranks))
        self.generators.insert(at, generator)
        ranks.insert(at, rank)

    def on(self, event: str, func: Callable[..., None]) -> None:
        """Register *func* for one of :data:`HOOK_EVENTS`.

        Raises:
            ValueError: an event Jekyll does not have.
        """
        if event not in HOOK_EVENTS:
            raise ValueError(f"unknown hook event {event!r}; known: {', '.join(HOOK_EVENTS)}")
        self.hooks.setdefault(event, []).append(func)

    def trigger(self, event: str, *args: Any) -> None:
        for func in self.hooks.get(event, []):
            func(*args)


def _entry_point_plugins() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def load_plugins(
    names: list[str], safe: bool = False, whitelist: list[str] | None = None
) -> Registry:
    """Build a registry from the ``plugins:`` names of a site.

    In ``safe`` mode only plugins named in ``whitelist`` are enabled, as
    Jekyll's ``PluginManager#plugin_allowed?`` decides (plugin_manager.rb);
    the others are listed in ``registry.refused``.
    """
    registry = Registry()
    found = None
    allowed = set(whitelist or [])
    for name in names:
        if safe and name not in allowed:
            registry.refused.append(name)
            continue
        if name in BUILTIN:
            module = importlib.import_module(BUILTIN[name], __package__)
            module.register(registry)
            registry.enabled.append(name)
            continue
        if found is None:
            found = _entry_point_plugins()
        if name in found:
            found[name].load()(registry)
            registry.enabled.append(name)
        else:
            registry.unknown.append(name)
    return registry


def supported_names() -> list[str]:
    """Every plugin name this installation can enable."""
    return sorted(set(BUILTIN) | set(_entry_point_plugins()))

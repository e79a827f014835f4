"""Jekyll's Liquid filters (lib/jekyll/filters.rb and filters/*.rb)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment


def register(env: JekyllEnvironment) -> None:
    """Add Jekyll's filters to *env*, replacing Liquid's where Jekyll does."""
    from . import urls

    urls.register(env)

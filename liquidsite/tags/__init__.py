"""Jekyll's Liquid tags, each in its own module, registered per environment."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment


def register(env: JekyllEnvironment) -> None:
    """Add Jekyll's tags to *env*, replacing Liquid's own ``include``."""
    from . import highlight, include, link, post_url

    include.register(env)
    highlight.register(env)
    link.register(env)
    post_url.register(env)

"""Drops: the objects templates see as ``site``, ``jekyll`` and friends.

python-liquid needs nothing but ``__getitem__`` from them, so they are
plain read-only mappings computed lazily, never subclasses of a framework
class.
"""

from __future__ import annotations

from .site import JekyllDrop, SiteDrop

__all__ = ["JekyllDrop", "SiteDrop"]

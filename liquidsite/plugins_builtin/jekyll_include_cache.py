"""jekyll-include-cache: ``{% include_cached file.html key=value %}``.

The gem renders an include once per distinct set of parameters and reuses
the output; the output is exactly the include's, which is what this tag
writes (liquidsite already parses each include file once per build).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..tags.include import IncludeTag

if TYPE_CHECKING:
    from ..plugins import Registry


class IncludeCachedTag(IncludeTag):
    """``include_cached``: Jekyll's ``include`` under another name."""

    name = "include_cached"


def register(registry: Registry) -> None:
    registry.add_tag(IncludeCachedTag)

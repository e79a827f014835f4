"""liquidsite: build Jekyll sites exactly as Jekyll 4.3 does, in pure Python.

The public API::

    from liquidsite import Site, render
    site = Site.from_path("my-site")
    html = site.render_page("about.md")   # nothing written
    report = site.build()                 # writes _site
    render("{{ 'a b' | slugify }}")       # one template, Jekyll's filters
"""

from __future__ import annotations

from typing import Any, Mapping

from .errors import LiquidsiteError
from .site import BuildReport, Site

__version__ = "0.1.0"


def render(template: str, data: Mapping[str, Any] | None = None, **variables: Any) -> str:
    """Render one Liquid template with Jekyll's filters and tags.

    Args:
        template: the Liquid source.
        data: variables, as a mapping (merged under *variables*).
        variables: more variables; ``site`` may carry configuration such as
            ``baseurl`` for the URL filters.

    Returns:
        The rendered text.

    Raises:
        LiquidsiteError: the template does not parse or fails to render.

    Example:
        >>> render("{{ 'Hello World' | slugify }}")
        'hello-world'
        >>> render("{{ '/x/' | relative_url }}", site={"baseurl": "/docs"})
        '/docs/x/'
    """
    from .config import DEFAULTS, deep_merge
    from .environment import JekyllEnvironment
    from .errors import TemplateRenderError
    from .renderer import liquid_error
    from liquid.exceptions import LiquidError

    values = {**(data or {}), **variables}
    site = values.get("site")
    config = deep_merge(DEFAULTS, site) if isinstance(site, Mapping) else dict(DEFAULTS)
    env = JekyllEnvironment(config)
    try:
        return env.from_string(template).render(**values)
    except LiquidError as err:
        raise liquid_error(err, "<template>", 0) from None


__all__ = ["Site", "BuildReport", "render", "LiquidsiteError", "__version__"]

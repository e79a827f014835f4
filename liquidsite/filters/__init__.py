"""Jekyll's Liquid filters (lib/jekyll/filters.rb and filters/*.rb) and
Liquid 5.4's standard filters as Ruby runs them (standardfilters.rb).

``register`` replaces python-liquid's filters with these and removes the
ones Liquid 5.4 does not have, so that using them behaves as an unknown
filter does in Jekyll (the input passes through, or an error under
``strict_filters``).  Jekyll's ``sassify``/``scssify`` belong to the Sass
converter and are registered by it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment

# python-liquid filters that Liquid 5.4.0 lacks.
NOT_IN_LIQUID_5_4 = ("escapejs", "find_index", "has", "reject", "safe", "squish", "sum")


def register(env: JekyllEnvironment) -> None:
    """Add Jekyll's filters to *env*, replacing Liquid's where Jekyll does."""
    from . import arrays, dates, expressions, json, math, standard, standard_arrays, strings, urls

    for name in NOT_IN_LIQUID_5_4:
        env.filters.pop(name, None)
    # Liquid's standard filters first, Jekyll's after: Jekyll's `sort` and
    # `where` win over Liquid's, as Jekyll::Filters is registered last.
    standard.register(env)
    standard_arrays.register(env)
    math.register(env)
    dates.register(env)
    strings.register(env)
    arrays.register(env)
    expressions.register(env)
    json.register(env)
    urls.register(env)

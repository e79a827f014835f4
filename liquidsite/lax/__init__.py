"""Ruby Liquid 5.4's behaviour on top of python-liquid, through its extension points.

python-liquid lexes, parses and renders every template.  Jekyll parses with
Ruby Liquid, whose default ``error_mode: warn`` turns markup its strict
grammar rejects into a warning and a lax re-parse (parser_switching.rb);
Ruby also differs from python-liquid in a few rendering rules.  This
package adds exactly that, without a parser of its own:

* :mod:`.tags`: python-liquid's standard tags, subclassed, falling back to
  Ruby's grammar (:mod:`.fallback`, :mod:`.strict`, :mod:`.variable`) for
  the one piece of markup python-liquid rejects;
* :mod:`.semantics`: Ruby's comparison operators over python-liquid's
  condition trees;
* :mod:`.context`: Ruby's variable lookups and counters as a python-liquid
  render context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from liquid import Environment


def register(env: Environment) -> None:
    """Replace python-liquid's standard tags on *env* with the Ruby-behaving ones."""
    from .tags import register as register_tags

    register_tags(env)


__all__ = ["register"]

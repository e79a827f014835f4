"""Jekyll plugins rebuilt in Python, one module per plugin.

Each module has ``register(registry)`` and is enabled by the plugin's gem
name in ``plugins:`` (see :data:`liquidsite.plugins.BUILTIN`).  Output
matches the gem versions Debian ships with Jekyll 4.3.1; the helpers here
are what several of them share.
"""

from __future__ import annotations

from typing import Any, Mapping

from liquid.undefined import Undefined


def lookup(obj: Any, key: str) -> Any:
    """Liquid's ``obj.key``: a hash or drop's value, ``None`` for anything else."""
    if obj is None or isinstance(obj, Undefined):
        return None
    if isinstance(obj, Mapping):
        try:
            value = obj.get(key)
        except (TypeError, KeyError):
            return None
        return None if isinstance(value, Undefined) else value
    return None


def dig(obj: Any, *keys: str) -> Any:
    """``obj.a.b.c`` as Liquid resolves it."""
    for key in keys:
        obj = lookup(obj, key)
    return obj


def truthy(value: Any) -> bool:
    """Liquid truthiness: only ``nil`` and ``false`` are false."""
    return value is not None and value is not False and not isinstance(value, Undefined)


def blank(value: Any) -> bool:
    """What Liquid's ``default`` filter replaces: nil, false and empty values."""
    if not truthy(value):
        return True
    if isinstance(value, (str, list, tuple, Mapping)):
        return len(value) == 0
    return False

"""Liquid 5.4's array filters and ``default`` as Ruby runs them
(standardfilters.rb, ``InputIterator``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from liquid.exceptions import FilterArgumentError

from ..drops.document import _Drop
from ..drops.site import JekyllDrop, SiteDrop
from ..model import StaticFileDrop
from ._ruby import RubyError, get_item, has_index, nil, ruby_sort, to_s
from .arrays import _hash_key

_JEKYLL_DROPS = (_Drop, SiteDrop, JekyllDrop, StaticFileDrop)

if TYPE_CHECKING:
    from liquid import Environment


def _flatten(items: Any) -> list[Any]:
    out: list[Any] = []
    for item in items:
        item = nil(item)
        if isinstance(item, (list, tuple)):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def is_jekyll_drop(value: Any) -> bool:
    """Whether *value* is one of Jekyll's drops (drops/drop.rb) rather than a Hash.

    They are Enumerable without ``size``: Liquid's InputIterator walks their
    keys (``each`` yields key and value, its one-argument block keeps the
    key), and ``size`` of one is 0.
    """
    return isinstance(value, _JEKYLL_DROPS)


def input_items(value: Any) -> list[Any]:
    """``InputIterator.new(input)``: arrays flattened, a hash or scalar wrapped,
    a Jekyll drop's keys (so ``post | map: "url"`` maps its key strings)."""
    value = nil(value)
    if isinstance(value, (list, tuple)):
        return _flatten(value)
    if value is None:
        return []
    if is_jekyll_drop(value):
        return list(value)
    if isinstance(value, Mapping) or isinstance(value, str):
        return [value]
    if isinstance(value, range):
        return list(value)
    return [value]


def _property_error(prop: Any) -> FilterArgumentError:
    return FilterArgumentError(f"cannot select the property '{to_s(prop)}'", token=None)


def _select(item: Any, prop: Any) -> Any:
    # item[property] as the filters call it, TypeError as a property error.
    try:
        return get_item(item, prop)
    except RubyError:
        raise _property_error(prop) from None


def join(value: Any, glue: Any = " ") -> str:
    return to_s(glue).join(to_s(item) for item in input_items(value))


def _casecmp(a: Any, b: Any) -> int:
    # nil_safe_casecmp: String#casecmp folds ASCII letters only; nils last.
    if a is not None and b is not None:
        sa = to_s(a).encode("utf-8").translate(_ASCII_LOWER)
        sb = to_s(b).encode("utf-8").translate(_ASCII_LOWER)
        return (sa > sb) - (sa < sb)
    return 1 if a is None else -1


_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


def sort_natural(value: Any, prop: Any = None) -> Any:
    items = input_items(value)
    prop = nil(prop)
    if not items:
        return []
    if prop is None:
        return ruby_sort(items, _casecmp)
    if not all(has_index(item) for item in items):
        return None
    keyed = [(_select(item, prop), item) for item in items]
    return [item for _, item in ruby_sort(keyed, lambda a, b: _casecmp(a[0], b[0]))]


def uniq(value: Any, prop: Any = None) -> Any:
    items = input_items(value)
    prop = nil(prop)
    if prop is not None and not items:
        return []
    seen: set[Any] = set()
    out = []
    for item in items:
        if prop is None:
            key = item
        elif has_index(item):
            key = _select(item, prop)
        else:
            return None
        hkey = _hash_key(key)
        if hkey not in seen:
            seen.add(hkey)
            out.append(item)
    return out


def reverse(value: Any) -> list[Any]:
    return list(reversed(input_items(value)))


def map_(value: Any, prop: Any) -> list[Any]:
    out = []
    for item in input_items(value):
        if prop == "to_liquid":
            out.append(item)
        elif has_index(item):
            if isinstance(item, int):
                raise _property_error(prop)
            out.append(_select(item, prop))
        else:
            out.append(None)
    return out


def compact(value: Any, prop: Any = None) -> Any:
    items = input_items(value)
    prop = nil(prop)
    if prop is None:
        return [item for item in items if item is not None]
    if not items:
        return []
    out = []
    for item in items:
        if not has_index(item):
            return None
        if _select(item, prop) is not None:
            out.append(item)
    return out


def concat(value: Any, other: Any) -> list[Any]:
    other = nil(other)
    if not isinstance(other, (list, tuple)):
        raise FilterArgumentError("concat filter requires an array argument", token=None)
    return input_items(value) + list(other)


def first(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple, range)):
        return value[0] if len(value) else None
    if isinstance(value, Mapping):
        for key, item in value.items():
            return [key, item]
        return None
    return None


def last(value: Any) -> Any:
    value = nil(value)
    if isinstance(value, (list, tuple, range)):
        return value[-1] if len(value) else None
    return None


def default(value: Any, default_value: Any = "", options: Any = None, **kwargs: Any) -> Any:
    """``default``: *default_value* for nil, false or empty; ``allow_false`` keeps false."""
    value = nil(value)
    opts = options if isinstance(options, Mapping) else {}
    opts = {**opts, **kwargs}
    allow_false = opts.get("allow_false")
    if allow_false is not None and allow_false is not False:
        missing = value is None
    else:
        missing = value is None or value is False
    if missing or (isinstance(value, (str, list, tuple, Mapping)) and len(value) == 0):
        return default_value
    return value


def register(env: Environment) -> None:
    """Replace python-liquid's array filters and ``default`` with Ruby Liquid's."""
    table: dict[str, Callable[..., Any]] = {
        "join": join, "sort_natural": sort_natural, "uniq": uniq, "reverse": reverse,
        "map": map_, "compact": compact, "concat": concat, "first": first, "last": last,
        "default": default,
    }  # fmt: skip
    for name, func in table.items():
        env.add_filter(name, func)

"""Jekyll's array filters (filters.rb, filters/grouping_filters.rb): ``sort``,
``where``, ``find``, ``group_by``, ``pop``, ``push``, ``shift``, ``unshift``,
``sample`` and ``to_integer``.

Jekyll's versions replace Liquid's ``sort`` and ``where``; they read item
properties through ``item_property``, which turns number-like strings into
numbers (``parse_sort_input``) before comparing.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Callable

from liquid.exceptions import FilterArgumentError

from .. import values
from ._ruby import (
    RubyError,
    compare,
    compare_error,
    get_item,
    nil,
    ruby_sort,
    strict_integer,
    to_i,
    to_s,
)

if TYPE_CHECKING:
    from ..environment import JekyllEnvironment

_FLOAT_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)[ \t\n\v\f\r]*\n?\Z")
_INTEGER_LIKE = re.compile(r"\A[ \t\n\v\f\r]*-?[0-9]+[ \t\n\v\f\r]*\n?\Z")


def parse_sort_input(value: Any) -> Any:
    """Numbers for number-like values, so that ``"10"`` sorts after ``"9"``."""
    text = to_s(value)
    if _INTEGER_LIKE.match(text):
        return int(text.strip())
    if _FLOAT_LIKE.match(text):
        return float(text.strip())
    return value


def read_liquid_attribute(data: Any, prop: str) -> Any:
    """``data[prop]``, following dots: ``"author.name"``."""
    if "." not in prop:
        return get_item(data, prop)
    for key in prop.split("."):
        data = nil(data)
        if data is None or data is False or isinstance(data, (bool, int, float)):
            return data if data is False else (False if data is None else None)
        data = get_item(data, key)
    return data


def item_property(item: Any, prop: Any) -> Any:
    """``Filters#item_property``: the (number-parsed) property of one item."""
    item = nil(item)
    name = to_s(prop)
    if isinstance(item, (int, float)) and not isinstance(item, bool):
        raise RubyError("no implicit conversion of String into Integer")
    return parse_sort_input(read_liquid_attribute(item, name))


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, Mapping):
        return list(value.values())
    return list(value)


def _is_enumerable(value: Any) -> bool:
    return isinstance(value, (list, tuple, Mapping, range))


def plain_sort(items: list[Any]) -> list[Any]:
    """``Array#sort``: ``<=>`` on every pair, an error when incomparable."""

    def cmp(a: Any, b: Any) -> int:
        result = compare(a, b)
        if result is None:
            raise compare_error(a, b)
        return result

    return ruby_sort(items, cmp)


def sort(value: Any, prop: Any = None, nils: Any = "first") -> Any:
    """Jekyll's ``sort``: by value, or by property with nils first or last."""
    value = nil(value)
    prop = nil(prop)
    nils = nil(nils)
    if value is None:
        raise FilterArgumentError("Cannot sort a null object.", token=None)
    if prop is None:
        if isinstance(value, Mapping):
            return plain_sort([[k, v] for k, v in value.items()])
        if not isinstance(value, (list, tuple, range)):
            raise RubyError(f"undefined method `sort' for {values.inspect(value)}:String")
        return plain_sort(list(value))
    if nils == "first":
        order = -1
    elif nils == "last":
        order = 1
    else:
        raise FilterArgumentError(
            f"Invalid nils order: '{to_s(nils)}' is not a valid nils order. "
            "It must be 'first' or 'last'.",
            token=None,
        )
    pairs = [(item_property(item, prop), item) for item in _as_list(value)]

    def cmp(a: tuple[Any, Any], b: tuple[Any, Any]) -> int:
        pa, pb = a[0], b[0]
        if pa is not None and pb is None:
            return -order
        if pa is None and pb is not None:
            return order
        result = compare(pa, pb)
        if result is None:
            sa, sb = to_s(pa).encode(), to_s(pb).encode()
            result = (sa > sb) - (sa < sb)
        return result

    return [item for _, item in ruby_sort(pairs, cmp)]


def _matches(prop_value: Any, target: Any) -> bool:
    # Filters#compare_property_vs_target
    if target is None:
        return prop_value is None
    target_s = to_s(target)
    if isinstance(prop_value, str):
        return prop_value == target_s
    return any(to_s(p) == target_s for p in _ruby_array(prop_value))


def _ruby_array(value: Any) -> list[Any]:
    # Kernel#Array
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    return [value]


def where(value: Any, prop: Any, target: Any) -> Any:
    """Items whose *prop* equals *target* compared as strings.

    A property holding an array matches when any element does; a Hash input
    is searched through its values.
    """
    value, prop, target = nil(value), nil(prop), nil(target)
    if prop is None or prop is False or isinstance(target, (list, tuple, Mapping)):
        return value
    if not _is_enumerable(value):
        return value
    return [item for item in _as_list(value) if _matches(item_property(item, prop), target)]


def find(value: Any, prop: Any, target: Any) -> Any:
    """The first item ``where`` would keep, or nil."""
    value, prop, target = nil(value), nil(prop), nil(target)
    if prop is None or prop is False or isinstance(target, (list, tuple, Mapping)):
        return value
    if not _is_enumerable(value):
        return value
    for item in _as_list(value):
        if _matches(item_property(item, prop), target):
            return item
    return None


def grouped_array(groups: dict[Any, list[Any]] | list[tuple[Any, list[Any]]]) -> list[dict[str, Any]]:
    """``GroupingFilters#grouped_array``: ``name``, ``items`` and ``size``."""
    pairs = groups.items() if isinstance(groups, dict) else groups
    return [{"name": name, "items": items, "size": len(items)} for name, items in pairs]


def group_pairs(items: list[Any], key: Callable[[Any], Any]) -> list[tuple[Any, list[Any]]]:
    """``Enumerable#group_by`` with Ruby's hash-key equality, first-seen order."""
    groups: list[tuple[Any, list[Any]]] = []
    index: dict[Any, int] = {}
    for item in items:
        name = key(item)
        hkey = _hash_key(name)
        if hkey in index:
            groups[index[hkey]][1].append(item)
        else:
            index[hkey] = len(groups)
            groups.append((name, [item]))
    return groups


def _hash_key(value: Any) -> Any:
    # Ruby's eql?: 1 and 1.0 and true are distinct keys.
    if isinstance(value, (list, tuple)):
        return ("list", tuple(_hash_key(v) for v in value))
    if isinstance(value, Mapping):
        return ("map", tuple((_hash_key(k), _hash_key(v)) for k, v in value.items()))
    if value is None or isinstance(value, (str, int, float)):
        return (type(value).__name__, value)
    return ("obj", id(value))


def _group_items(value: Any) -> list[Any]:
    if isinstance(value, Mapping):
        return [[k, v] for k, v in value.items()]
    return list(value)


def group_by(value: Any, prop: Any) -> Any:
    """Groups of items by the string form of *prop*."""
    value = nil(value)
    if not _is_enumerable(value):
        return value
    return grouped_array(
        group_pairs(_group_items(value), lambda item: to_s(item_property(item, prop)))
    )


def pop(value: Any, num: Any = 1) -> Any:
    """A copy of the array without its last *num* items."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    count = strict_integer(num)
    if count < 0:
        raise FilterArgumentError("negative array size", token=None)
    items = list(value)
    return items[: max(len(items) - count, 0)]


def push(value: Any, item: Any) -> Any:
    """A copy of the array with *item* appended."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    return [*value, nil(item)]


def shift(value: Any, num: Any = 1) -> Any:
    """A copy of the array without its first *num* items."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    count = strict_integer(num)
    if count < 0:
        raise FilterArgumentError("negative array size", token=None)
    return list(value)[count:]


def unshift(value: Any, item: Any) -> Any:
    """A copy of the array with *item* prepended."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    return [nil(item), *value]


def sample(value: Any, num: Any = 1) -> Any:
    """One random item, or a list of *num* distinct random items."""
    value = nil(value)
    if not isinstance(value, (list, tuple)):
        return value
    try:
        count = strict_integer(num)
    except FilterArgumentError:
        count = 1
    items = list(value)
    if count == 1:
        return random.choice(items) if items else None
    if count < 0:
        raise FilterArgumentError("negative sample number", token=None)
    return random.sample(items, min(count, len(items)))


def to_integer(value: Any) -> int:
    """``true`` is 1, ``false`` 0, anything else its Ruby ``to_i``."""
    value = nil(value)
    if value is True:
        return 1
    if value is False:
        return 0
    return to_i(value)


def register(env: JekyllEnvironment) -> None:
    """Add the array filters to *env*, replacing Liquid's ``sort`` and ``where``."""
    env.add_filter("sort", sort)
    env.add_filter("where", where)
    env.add_filter("find", find)
    env.add_filter("group_by", group_by)
    env.add_filter("pop", pop)
    env.add_filter("push", push)
    env.add_filter("shift", shift)
    env.add_filter("unshift", unshift)
    env.add_filter("sample", sample)
    env.add_filter("to_integer", to_integer)

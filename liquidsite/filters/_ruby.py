"""Ruby semantics the filters share: nil, ``to_s``, ``to_i``, ``Integer()``,
``<=>``, ``item[property]``, and errors worded as Ruby words them.

python-liquid hands filters an ``Undefined`` for a missing variable where
Ruby Liquid hands ``nil``; :func:`nil` folds the two together.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Callable

from liquid.exceptions import FilterArgumentError
from liquid.undefined import Undefined

from .. import values


class RubyError(FilterArgumentError):
    """A filter failed where Ruby raises (``NoMethodError``, ``TypeError``...).

    Jekyll stops the build on these; so does a strict environment here.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, token=None)


# Types that are never Undefined: checked first, because Undefined is a
# Mapping and isinstance() against it goes through the ABC machinery.
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None), list, dict, tuple})


def nil(value: Any) -> Any:
    """*value*, with python-liquid's ``Undefined`` read as Ruby's ``nil``."""
    if type(value) in _PLAIN_TYPES:
        return value
    if isinstance(value, Undefined):
        return None
    return value


def to_s(value: Any) -> str:
    """Ruby's ``value.to_s`` (arrays and hashes as their ``inspect``)."""
    if value.__class__ is str:
        return value
    return values.ruby_to_s(nil(value))


def class_name(value: Any) -> str:
    """The Ruby class name of a Python value, for error messages."""
    value = nil(value)
    if value is None:
        return "NilClass"
    if value is True:
        return "TrueClass"
    if value is False:
        return "FalseClass"
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, float):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, (list, tuple)):
        return "Array"
    if isinstance(value, Mapping):
        return "Hash"
    if isinstance(value, _dt.datetime):
        return "Time"
    if isinstance(value, _dt.date):
        return "Date"
    return type(value).__name__


def require_string(value: Any, method: str) -> str:
    """*value* if it is a String, else the ``NoMethodError`` Ruby raises."""
    value = nil(value)
    if isinstance(value, str):
        return value
    raise RubyError(f"undefined method `{method}' for {values.inspect(value)}:{class_name(value)}")


_INT_RE = re.compile(r"^\s*[-+]?[0-9]+(?:_[0-9]+)*\s*$")
_PREFIXED_RE = re.compile(r"^\s*([-+]?)0([xXbBoO])([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)\s*$")
_TO_I_RE = re.compile(r"^\s*([-+]?[0-9]+(?:_[0-9]+)*)")


def strict_integer(value: Any) -> int:
    """``Liquid::Utils.to_integer``: ``Integer(value.to_s)`` or an error."""
    value = nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = to_s(value)
    if _INT_RE.match(text):
        return int(text.replace("_", ""))
    prefixed = _PREFIXED_RE.match(text)
    if prefixed:
        base = {"x": 16, "b": 2, "o": 8}[prefixed.group(2).lower()]
        try:
            return int(prefixed.group(1) + prefixed.group(3).replace("_", ""), base)
        except ValueError:
            pass
    if re.match(r"^\s*[-+]?0[0-7]+\s*$", text):
        return int(text.strip(), 8)
    raise FilterArgumentError("invalid integer", token=None)


def to_i(value: Any, method_name: str = "to_i") -> int:
    """Ruby's ``to_i``: the leading integer of a string, floats truncated."""
    value = nil(value)
    if value is None:
        return 0
    if isinstance(value, bool):
        raise RubyError(f"undefined method `{method_name}' for {values.inspect(value)}:{class_name(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            raise RubyError(values.float_to_s(value))
        return int(value)
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, str):
        match = _TO_I_RE.match(value)
        return int(match.group(1).replace("_", "")) if match else 0
    raise RubyError(f"undefined method `{method_name}' for {values.inspect(value)}:{class_name(value)}")


def compare(a: Any, b: Any) -> int | None:
    """Ruby's ``a <=> b`` for the values Liquid meets, None when incomparable."""
    if isinstance(a, bool) or isinstance(b, bool):
        return 0 if a is b else None
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        ab, bb = a.encode("utf-8"), b.encode("utf-8")
        return (ab > bb) - (ab < bb)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b):
            result = compare(x, y)
            if result != 0:
                return result
        return (len(a) > len(b)) - (len(a) < len(b))
    if isinstance(a, _dt.datetime) and isinstance(b, _dt.datetime):
        a, b = values.as_aware(a), values.as_aware(b)
        return int((a > b) - (a < b))
    if isinstance(a, _dt.date) and isinstance(b, _dt.date) and not (
        isinstance(a, _dt.datetime) or isinstance(b, _dt.datetime)
    ):
        return (a > b) - (a < b)
    if a is None and b is None:
        return 0
    if type(a) is type(b) and a == b:
        return 0
    return None


def compare_error(a: Any, b: Any) -> FilterArgumentError:
    """The ``ArgumentError`` of ``Array#sort`` meeting incomparable items."""
    right = values.inspect(b) if b is None or isinstance(b, (int, float, bool)) else class_name(b)
    return FilterArgumentError(f"comparison of {class_name(a)} with {right} failed", token=None)


def get_item(item: Any, key: Any) -> Any:
    """Ruby's ``item[key]`` as Liquid filters call it on hashes and drops.

    Returns None where Ruby would return nil; raises ``TypeError``-like
    errors for arrays indexed by a string, as Ruby does.
    """
    item = nil(item)
    if isinstance(item, Mapping):
        try:
            return item.get(key)
        except TypeError:
            return None
    if isinstance(item, str):
        key_s = to_s(key) if not isinstance(key, int) else key
        if isinstance(key_s, int):
            return item[key_s] if -len(item) <= key_s < len(item) else None
        return key_s if key_s in item else None
    if isinstance(item, (list, tuple)):
        if isinstance(key, int) and not isinstance(key, bool):
            return item[key] if -len(item) <= key < len(item) else None
        raise RubyError(f"no implicit conversion of {class_name(key)} into Integer")
    if isinstance(item, int) and not isinstance(key, int):
        # Integer#[] takes a bit index.
        raise RubyError(f"no implicit conversion of {class_name(key)} into Integer")
    getter = getattr(item, "__getitem__", None)
    if getter is not None:
        try:
            return nil(getter(key))
        except (KeyError, IndexError, TypeError, AttributeError):
            return None
    return None


def has_index(item: Any) -> bool:
    """Whether Ruby's ``item.respond_to?(:[])`` holds."""
    item = nil(item)
    if item is None or isinstance(item, (bool, int, float)):
        return isinstance(item, int) and not isinstance(item, bool)
    return hasattr(item, "__getitem__")


def ruby_equal(a: Any, b: Any) -> bool:
    """Ruby's ``a == b``: ``1 == 1.0`` holds, ``1 == true`` and ``"1" == 1`` do not."""
    cls = a.__class__
    if cls is b.__class__ and (cls is str or cls is int):
        return a == b  # type: ignore[no-any-return]
    a, b = nil(a), nil(b)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if a is None or b is None:
        return a is b
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return a == b
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(ruby_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return len(a) == len(b) and all(k in b and ruby_equal(v, b[k]) for k, v in a.items())
    if isinstance(a, _dt.datetime) != isinstance(b, _dt.datetime):
        return False
    if isinstance(a, _dt.datetime):
        return values.as_aware(a) == values.as_aware(b)
    return bool(a == b)


def ruby_sort(items: list[Any], cmp: Callable[[Any, Any], int]) -> list[Any]:
    """Sort as Ruby's ``Array#sort`` does on Linux: glibc's ``qsort_r`` merge sort.

    Ruby hands its comparisons to the C library's ``qsort_r``; glibc sorts
    with a top-down merge that takes the left item unless it compares
    greater.  Liquid's comparators are not always consistent (two nils
    compare as 1 in ``sort_natural``), so the exact algorithm decides the
    order that Jekyll prints.
    """
    if len(items) <= 1:
        return list(items)
    half = len(items) // 2
    left = ruby_sort(items[:half], cmp)
    right = ruby_sort(items[half:], cmp)
    out: list[Any] = []
    i = j = 0
    while i < len(left) and j < len(right):
        if cmp(left[i], right[j]) <= 0:
            out.append(left[i])
            i += 1
        else:
            out.append(right[j])
            j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

"""Ruby Liquid's expressions: literals, lookups, ranges and filtered values.

Ruby parses every operand from a markup string with ``Expression.parse``
(expression.rb): quoted text is a string, digits an integer, ``(a..b)`` a
range, ``nil``/``true``/``blank``... literals, and anything else a variable
lookup scanned with ``VariableParser`` (variable_lookup.rb), which simply
ignores characters it does not understand.  The strict and lax parsers
only differ in how they cut markup into such strings, so both feed
:func:`parse_expression`.  Lookups follow variable_lookup.rb: a key that
exists wins, then ``size``/``first``/``last`` act as methods, else nil (or
an error under ``strict_variables``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Callable

from liquid.exceptions import LiquidError, LiquidTypeError
from liquid.expression import Expression
from liquid.token import Token

from . import regexes as rx

if TYPE_CHECKING:
    from liquid.context import RenderContext

_NO_TOKEN = Token("", "", -1, "")


class UndefinedVariableError(LiquidError):
    """``strict_variables``: Ruby's Liquid::UndefinedVariable."""


class RubyArgumentError(LiquidTypeError):
    """A Liquid::ArgumentError raised while rendering (comparisons, integers)."""


class Literal(Expression):
    """A constant: string, number, boolean or nil."""

    __slots__ = ("value",)

    def __init__(self, value: object, token: Token = _NO_TOKEN) -> None:
        super().__init__(token)
        self.value = value

    def evaluate(self, context: RenderContext) -> object:
        return self.value

    def children(self) -> list[Expression]:
        return []

    def __str__(self) -> str:
        return repr(self.value)


class MethodLiteral(Literal):
    """``empty`` and ``blank`` inside conditions (condition.rb MethodLiteral).

    As a value it is a truthy object printing as the empty string; compared
    with ``==`` it asks the other side ``empty?``/``blank?``.  Plain Ruby
    (no ActiveSupport) has no ``blank?``, so ``x == blank`` is always false.
    """

    __slots__ = ("method",)

    def __init__(self, method: str, token: Token = _NO_TOKEN) -> None:
        super().__init__(self, token)
        self.method = method

    def evaluate(self, context: RenderContext) -> object:
        return self

    def __liquid_str__(self) -> str:
        return ""

    def applies(self, other: object) -> bool | None:
        """Ruby's ``other.send(method)``; None when ``other`` lacks the method."""
        if self.method == "empty":
            if isinstance(other, (str, list, tuple, Mapping)):
                return len(other) == 0
            if isinstance(other, range):
                return len(other) == 0
            return None
        return None

    def __str__(self) -> str:
        return self.method


class RangeExpr(Expression):
    """``(a..b)`` with a variable end (range_lookup.rb)."""

    __slots__ = ("start", "stop")

    def __init__(self, start: Expression, stop: Expression, token: Token = _NO_TOKEN) -> None:
        super().__init__(token)
        self.start = start
        self.stop = stop

    def evaluate(self, context: RenderContext) -> range:
        return ruby_range(range_int(self.start.evaluate(context)),
                          range_int(self.stop.evaluate(context)))

    def children(self) -> list[Expression]:
        return [self.start, self.stop]


def ruby_range(start: int, stop: int) -> range:
    """Ruby's ``start..stop`` (inclusive) as a Python range."""
    return range(start, stop + 1)


def string_to_i(text: str) -> int:
    """Ruby's ``String#to_i``: the leading integer, else 0."""
    m = re.match(r"\s*([-+]?\d[\d_]*)", text, re.ASCII)
    if not m:
        return 0
    return int(m.group(1).replace("_", ""))


def string_to_f(text: str) -> float:
    """Ruby's ``String#to_f``: the leading decimal number, else 0.0."""
    m = re.match(r"\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)", text, re.ASCII)
    return float(m.group(1)) if m else 0.0


def to_integer(value: object) -> int:
    """Liquid's ``Utils.to_integer``: Integer() of the text, else an error."""
    if isinstance(value, bool):
        raise RubyArgumentError("invalid integer", token=None)
    if isinstance(value, int):
        return value
    from .. import values

    text = values.to_s(value)
    try:
        cleaned = text.replace("_", "") if re.fullmatch(r"\s*[-+]?\d+(_\d+)*\s*", text) else text
        return int(cleaned.strip(), 10)
    except ValueError:
        raise RubyArgumentError("invalid integer", token=None) from None


def range_int(value: object) -> int:
    """range_lookup.rb ``to_integer``: nil and strings use ``to_i``."""
    if value is None:
        return 0
    if isinstance(value, str):
        return string_to_i(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return to_integer(value)


class Lookup(Expression):
    """A variable with its lookups: ``a.b[0]["c"]`` (variable_lookup.rb)."""

    __slots__ = ("name", "lookups", "commands", "markup")

    COMMANDS = ("size", "first", "last")

    def __init__(self, markup: str, token: Token = _NO_TOKEN) -> None:
        super().__init__(token)
        self.markup = markup
        parts = rx.VARIABLE_PARSER.findall(markup)
        name: object = parts.pop(0) if parts else None
        if isinstance(name, str) and name.startswith("[") and name.endswith("]"):
            name = parse_expression(name[1:-1], token)
        self.name = name
        self.lookups: list[object] = []
        self.commands: set[int] = set()
        for i, part in enumerate(parts):
            if part.startswith("[") and part.endswith("]"):
                self.lookups.append(parse_expression(part[1:-1], token))
            else:
                if part in self.COMMANDS:
                    self.commands.add(i)
                self.lookups.append(part)

    def __str__(self) -> str:
        return self.markup

    def children(self) -> list[Expression]:
        out = [self.name] if isinstance(self.name, Expression) else []
        return out + [x for x in self.lookups if isinstance(x, Expression)]

    def evaluate(self, context: RenderContext) -> object:
        name = self.name.evaluate(context) if isinstance(self.name, Expression) else self.name
        obj = find_variable(context, name, self.token)
        strict = strict_variables(context)
        for i, lookup in enumerate(self.lookups):
            key = lookup.evaluate(context) if isinstance(lookup, Expression) else lookup
            key = to_liquid_value(key)
            found, value = index(obj, key)
            if found:
                obj = value
            elif i in self.commands and (value := command(obj, str(key))) is not _MISSING:
                obj = value
            else:
                if strict:
                    raise UndefinedVariableError(
                        f"undefined variable {key_to_s(key)}", token=self.token
                    )
                return None
        return obj


_MISSING = object()


def key_to_s(key: object) -> str:
    from .. import values

    return values.to_s(key)


def to_liquid_value(value: object) -> object:
    """Utils.to_liquid_value: drops may stand for a primitive."""
    convert = getattr(value, "to_liquid_value", None)
    return convert() if callable(convert) else value


def index(obj: object, key: object) -> tuple[bool, object]:
    """``obj[key]`` when Ruby's lookup would find it: a present key of a
    hash-like object, or an integer index of an array (negatives count from
    the end; out of range is nil)."""
    if type(obj) is dict and type(key) is str:
        return (True, obj[key]) if key in obj else (False, None)
    if obj.__class__ is list and key.__class__ is int:
        try:
            return True, obj[key]
        except IndexError:
            return True, None
    kind = lookup_kind(obj.__class__)
    if kind is LOOKUP_BY_METHOD and key.__class__ is str:
        value = obj.__liquid_lookup__(key, _MISSING)  # type: ignore[attr-defined]
        return (False, None) if value is _MISSING else (True, value)
    if kind is LOOKUP_BY_GETITEM:
        # Mapping's own __contains__ is a lookup: one lookup, not two
        # (drops compute some values on each lookup).
        try:
            return True, obj[key]  # type: ignore[index]
        except (KeyError, TypeError):
            return False, None
    if kind is LOOKUP_BY_CONTAINS or kind is LOOKUP_BY_METHOD:
        try:
            if key in obj:  # type: ignore[operator]
                return True, obj[key]  # type: ignore[index]
        except TypeError:
            return False, None
        return False, None
    if kind is LOOKUP_BY_INDEX and isinstance(key, int) and not isinstance(key, bool):
        try:
            return True, obj[key]  # type: ignore[index]
        except IndexError:
            return True, None
    keyed = getattr(obj, "__liquid_key__", None)
    if keyed is not None:
        found: tuple[bool, object] = keyed(key)
        return found
    return False, None


# How :func:`index` reads an object, by its class.
LOOKUP_BY_GETITEM = "getitem"  # a Mapping whose `in` is a lookup: obj[key] alone
LOOKUP_BY_CONTAINS = "contains"  # any other mapping (a dict subclass): `in`, then obj[key]
LOOKUP_BY_INDEX = "index"  # a list, tuple or range: integer keys
# A mapping with __liquid_lookup__(key, missing): `key in obj and obj[key]` in one call.
LOOKUP_BY_METHOD = "method"
LOOKUP_OTHER = "other"


def _lookup_kind(cls: type) -> str:
    """Which way :func:`index` reads instances of *cls*, decided once per
    class (isinstance() against the Mapping ABC is slow)."""
    if issubclass(cls, dict):
        return LOOKUP_BY_CONTAINS
    if issubclass(cls, Mapping):
        if getattr(cls, "__liquid_lookup__", None) is not None:
            return LOOKUP_BY_METHOD
        if getattr(cls, "__contains__", None) is Mapping.__contains__:
            return LOOKUP_BY_GETITEM
        return LOOKUP_BY_CONTAINS
    if issubclass(cls, (list, tuple, range)):
        return LOOKUP_BY_INDEX
    return LOOKUP_OTHER


# Cached per class (a class is never changed into a mapping later).
lookup_kind: Callable[[type], str] = functools.cache(_lookup_kind)


def is_ruby_drop(obj: object) -> bool:
    """Whether *obj* stands for a Ruby ``Liquid::Drop`` rather than a Hash.

    Jekyll's drops (``site``, ``jekyll``, a document, a static file, a
    collection) have no ``size`` or ``last`` and loop over their keys;
    classes mark themselves with ``__ruby_drop__ = True``.
    """
    return bool(getattr(type(obj), "__ruby_drop__", False))


def command(obj: object, name: str) -> object:
    """``size``/``first``/``last`` called as Ruby methods, or _MISSING."""
    if is_ruby_drop(obj):
        # Jekyll's Drop includes Enumerable: `first` is its first
        # (key, value) pair; there is no `size` or `last` (drops/drop.rb).
        if name == "first":
            for k in obj:  # type: ignore[attr-defined]
                return [k, obj[k]]  # type: ignore[index]
            return None
        return _MISSING
    if name == "size":
        if isinstance(obj, bool) or obj is None:
            return _MISSING
        if isinstance(obj, int):
            return 8  # Integer#size: bytes of a machine word
        if isinstance(obj, (str, list, tuple, range, Mapping)):
            return len(obj)
        return _MISSING
    if name == "first":
        if isinstance(obj, (list, tuple, range)):
            return obj[0] if len(obj) else None
        if isinstance(obj, Mapping):
            for k in obj:
                return [k, obj[k]]
            return None
        return _MISSING
    if name == "last":
        if isinstance(obj, (list, tuple, range)):
            return obj[-1] if len(obj) else None
        return _MISSING
    return _MISSING


def strict_variables(context: RenderContext) -> bool:
    return bool(getattr(context.env, "strict_variables", False))


def find_variable(context: RenderContext, name: object, token: Token | None) -> object:
    """Context#find_variable, through the render context (see context.py)."""
    if isinstance(name, int) and not isinstance(name, bool):
        from .. import values

        name = values.to_s(name)
    if not isinstance(name, str):
        if strict_variables(context):
            raise UndefinedVariableError(f"undefined variable {key_to_s(name)}", token=token)
        return None
    return context.get([name], token=token)


def parse_expression(markup: str | None, token: Token = _NO_TOKEN) -> Expression:
    """Ruby's ``Expression.parse``."""
    if markup is None:
        return Literal(None, token)
    markup = markup.strip(rx.RUBY_WS)
    if len(markup) >= 1 and (
        (markup.startswith('"') and markup.endswith('"'))
        or (markup.startswith("'") and markup.endswith("'"))
    ):
        return Literal(markup[1:-1], token)
    if m := rx.INTEGERS.match(markup):
        return Literal(int(m.group(1)), token)
    if m := rx.RANGES.match(markup):
        start = parse_expression(m.group(1), token)
        stop = parse_expression(m.group(2), token)
        if isinstance(start, Literal) and isinstance(stop, Literal):
            return Literal(ruby_range(literal_to_i(start.value), literal_to_i(stop.value)), token)
        return RangeExpr(start, stop, token)
    if m := rx.FLOATS.match(markup):
        return Literal(string_to_f(m.group(1)), token)
    if markup in LITERALS:
        return Literal(LITERALS[markup], token)
    return Lookup(markup, token)


def literal_to_i(value: object) -> int:
    """Ruby's ``to_i`` on a parsed literal (range_lookup.rb's constant case)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise LiquidTypeError(f"undefined method `to_i' for {str(value).lower()}:"
                              f"{'TrueClass' if value else 'FalseClass'}", token=None)
    if isinstance(value, (int, float)):
        return int(value)
    return string_to_i(str(value))


LITERALS: dict[str, object] = {
    "": None, "nil": None, "null": None, "true": True, "false": False,
    "blank": "", "empty": "",
}


def parse_condition_operand(markup: str | None, token: Token = _NO_TOKEN) -> Expression | None:
    """Condition.parse_expression: ``empty``/``blank`` become method literals."""
    if markup is None:
        return None
    if markup in ("empty", "blank"):
        return MethodLiteral(markup, token)
    return parse_expression(markup, token)

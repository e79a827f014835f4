"""Liquid 5.4's math filters as Ruby runs them (standardfilters.rb,
``Liquid::Utils.to_number``).

Floats are turned into ``BigDecimal`` through their ``to_s`` before any
arithmetic and back with ``to_f`` after, so ``0.1 | plus: 0.2`` is ``0.3``
and ``2.675 | round: 2`` is ``2.68``; Python's ``Decimal`` plays BigDecimal.
Integer division floors, as Ruby's does.
"""

from __future__ import annotations

import decimal
import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Callable

from liquid.exceptions import FilterArgumentError

from .. import values
from ._ruby import nil

if TYPE_CHECKING:
    from liquid import Environment

Number = int | Decimal
_DECIMAL_RE = re.compile(r"\A-?[0-9]+\.[0-9]+\Z")
_CONTEXT = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_UP)


def _leading_int(text: str) -> int:
    match = re.match(r"\s*([-+]?[0-9]+(?:_[0-9]+)*)", text)
    return int(match.group(1).replace("_", "")) if match else 0


def to_number(value: Any) -> Number:
    """``Liquid::Utils.to_number``: Integer, BigDecimal, or 0."""
    value = nil(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(values.float_to_s(value).replace("Infinity", "Inf"))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, str):
        if _DECIMAL_RE.match(value.strip()):
            return Decimal(value.strip())
        return _leading_int(value)
    to_num = getattr(value, "to_number", None)
    if callable(to_num):
        number: int | decimal.Decimal = to_num()
        return number
    return 0


def _result(value: Number | float) -> int | float:
    if isinstance(value, Decimal):
        return float(value)
    return value


def _apply(left: Any, right: Any, op: Callable[[Any, Any], Any]) -> int | float:
    with decimal.localcontext(_CONTEXT):
        return _result(op(to_number(left), to_number(right)))


def plus(value: Any, operand: Any) -> int | float:
    return _apply(value, operand, lambda a, b: a + b)


def minus(value: Any, operand: Any) -> int | float:
    return _apply(value, operand, lambda a, b: a - b)


def times(value: Any, operand: Any) -> int | float:
    return _apply(value, operand, lambda a, b: a * b)


def _zero_division() -> FilterArgumentError:
    return FilterArgumentError("divided by 0", token=None)


def _divide(a: Number, b: Number) -> Number:
    if isinstance(a, int) and isinstance(b, int):
        if b == 0:
            raise _zero_division()
        return a // b
    a, b = Decimal(a), Decimal(b)
    if b == 0:
        # BigDecimal division by zero: signed Infinity, NaN for 0/0.
        if a == 0 or a.is_nan():
            return Decimal("NaN")
        return Decimal("Infinity") if (a > 0) == (not b.is_signed()) else Decimal("-Infinity")
    return a / b


def divided_by(value: Any, operand: Any) -> int | float:
    with decimal.localcontext(_CONTEXT):
        return _result(_divide(to_number(value), to_number(operand)))


def _modulo(a: Number, b: Number) -> Number:
    if b == 0:
        raise _zero_division()
    if isinstance(a, int) and isinstance(b, int):
        return a % b
    a, b = Decimal(a), Decimal(b)
    remainder = a % b
    if remainder == 0:
        return Decimal(0)
    if (remainder < 0) != (b < 0):
        remainder += b
    return remainder


def modulo(value: Any, operand: Any) -> int | float:
    with decimal.localcontext(_CONTEXT):
        return _result(_modulo(to_number(value), to_number(operand)))


def _finite(number: Number) -> Number:
    if isinstance(number, Decimal) and not number.is_finite():
        raise FilterArgumentError(values.float_to_s(float(number)), token=None)
    return number


def round_(value: Any, places: Any = 0) -> Number | float:
    """``round``: half away from zero; places of 0 or fewer give an Integer."""
    number = to_number(value)
    digits = to_number(places)
    n = int(digits)
    with decimal.localcontext(_CONTEXT):
        if isinstance(number, int):
            if n >= 0:
                result: Number = number
            else:
                step = 10 ** (-n)
                result = int((Decimal(number) / step).to_integral_value(decimal.ROUND_HALF_UP)) * step
            return result
        _finite(number) if n <= 0 else None
        if not number.is_finite():
            return float(number)
        rounded = number.quantize(Decimal(1).scaleb(-n), rounding=decimal.ROUND_HALF_UP)
        if n <= 0 or nil(places) == 0:
            return int(rounded)
        return float(rounded)


def ceil(value: Any) -> int:
    number = _finite(to_number(value))
    return math.ceil(number)


def floor(value: Any) -> int:
    number = _finite(to_number(value))
    return math.floor(number)


def abs_(value: Any) -> int | float:
    number = to_number(value)
    return _result(number.copy_abs() if isinstance(number, Decimal) else abs(number))


def at_least(value: Any, minimum: Any) -> int | float:
    low = to_number(minimum)
    number = to_number(value)
    return _result(low if low > number else number)


def at_most(value: Any, maximum: Any) -> int | float:
    high = to_number(maximum)
    number = to_number(value)
    return _result(high if high < number else number)


def register(env: Environment) -> None:
    """Replace python-liquid's math filters with Ruby Liquid's."""
    table: dict[str, Callable[..., Any]] = {
        "plus": plus, "minus": minus, "times": times, "divided_by": divided_by,
        "modulo": modulo, "round": round_, "ceil": ceil, "floor": floor, "abs": abs_,
        "at_least": at_least, "at_most": at_most,
    }  # fmt: skip
    for name, func in table.items():
        env.add_filter(name, func)

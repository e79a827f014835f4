"""Ruby's view of Python values: how Jekyll's Liquid prints and inspects them.

Jekyll runs on Ruby, so ``{{ x }}`` prints ``x.to_s`` after Liquid's own
rules (nil is empty, arrays are joined).  Site data arrives here as plain
Python values from YAML, JSON and CSV; this module renders them the way
Ruby 3.1 does so output matches byte for byte.
"""

from __future__ import annotations

import datetime as _dt
import math
from decimal import Decimal
from typing import Any, Mapping


def float_to_s(value: float) -> str:
    """Ruby's ``Float#to_s``: ``1.0``, ``1.0e+20``, ``1.0e-05``, ``Infinity``."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        if "." not in mantissa:
            mantissa += ".0"
        sign = exponent[0] if exponent[0] in "+-" else "+"
        digits = exponent.lstrip("+-").rjust(2, "0")
        return f"{mantissa}e{sign}{digits}"
    if "." not in text:
        text += ".0"
    return text


def time_to_s(value: _dt.datetime) -> str:
    """Ruby's ``Time#to_s``: ``2026-01-01 00:00:00 +0000``."""
    if value.tzinfo is None:
        value = value.astimezone()
    return value.strftime("%Y-%m-%d %H:%M:%S %z")


def to_s(value: Any) -> str:
    """Return what ``{{ value }}`` prints in Jekyll."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, _dt.datetime):
        return time_to_s(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "".join(to_s(item) for item in value)
    if isinstance(value, Mapping) and not hasattr(value, "__liquid_str__"):
        return inspect(value)
    liquid_str = getattr(value, "__liquid_str__", None)
    if liquid_str is not None:
        return str(liquid_str())
    return str(value)


_ESCAPES = {
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\f": "\\f",
    "\v": "\\v",
    "\b": "\\b",
    "\a": "\\a",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "#": "#",
}


def _inspect_str(text: str) -> str:
    out = ['"']
    for i, ch in enumerate(text):
        if ch == "#" and text[i + 1 : i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def inspect(value: Any) -> str:
    """Return Ruby 3.1's ``value.inspect`` (``{"a"=>1}``, ``[1, nil]``)."""
    if value is None:
        return "nil"
    if isinstance(value, str):
        return _inspect_str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return float_to_s(value)
    if isinstance(value, _dt.datetime):
        return time_to_s(value)
    if isinstance(value, _dt.date):
        return value.strftime("#<Date: %Y-%m-%d ((%%dj,0s,0n),+0s,2299161j)>").replace(
            "%dj", str(value.toordinal() + 1721425)
        )
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items()) + "}"
    return to_s(value)


def truthy(value: Any) -> bool:
    """Liquid truthiness: only ``nil`` and ``false`` are false."""
    return value is not None and value is not False

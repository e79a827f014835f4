"""Ruby's view of Python values: how Jekyll's Liquid prints and inspects them.

Jekyll runs on Ruby, so ``{{ x }}`` prints ``x.to_s`` after Liquid's own
rules (nil is empty, arrays are joined).  Site data arrives here as plain
Python values from YAML, JSON and CSV; this module renders them the way
Ruby 3.1 does so output matches byte for byte.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Iterator

from liquid.undefined import Undefined


def float_to_s(value: float) -> str:
    """Ruby's ``Float#to_s``: ``1.0``, ``1.0e+16``, ``1.0e-05``, ``Infinity``.

    Shortest round-trip digits, as Python's ``repr``; the decimal point moves
    into an exponent when the number needs more than 15 digits before it or
    when it starts with more than four zeros after it (flo_to_s, numeric.c).
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = "-" if value < 0 else ""
    mantissa, _, exp_text = repr(abs(value)).partition("e")
    int_part, _, frac_part = mantissa.partition(".")
    digits = (int_part + frac_part).lstrip("0")
    # decpt: where the decimal point sits relative to the digit string.
    decpt = len(int_part) + (int(exp_text) if exp_text else 0)
    if int_part == "0":
        stripped = frac_part.lstrip("0")
        decpt = -(len(frac_part) - len(stripped)) + (int(exp_text) if exp_text else 0)
    digits = digits.rstrip("0") or "0"
    if -4 < decpt <= 15:
        if decpt <= 0:
            return f"{sign}0.{'0' * -decpt}{digits}"
        if decpt >= len(digits):
            return f"{sign}{digits}{'0' * (decpt - len(digits))}.0"
        return f"{sign}{digits[:decpt]}.{digits[decpt:]}"
    exponent = decpt - 1
    frac = digits[1:] or "0"
    return f"{sign}{digits[0]}.{frac}e{'+' if exponent >= 0 else '-'}{abs(exponent):02d}"


# A Ruby Time in UTC mode (YAML "...Z", Time#utc) prints its zone as "UTC";
# a local time whose offset happens to be zero prints "+0000".
RUBY_UTC = _dt.timezone(_dt.timedelta(0), "UTC")

# The site's `timezone:` while a site renders (Jekyll puts it in ENV["TZ"]);
# a context variable rather than the process environment, so that two
# sites in one process do not disturb each other.
SITE_ZONE: ContextVar[_dt.tzinfo | None] = ContextVar("liquidsite_site_zone", default=None)


@contextmanager
def site_zone(zone: _dt.tzinfo | None) -> Iterator[None]:
    """Make *zone* the local zone for Ruby-style times while rendering."""
    token = SITE_ZONE.set(zone)
    try:
        yield
    finally:
        SITE_ZONE.reset(token)


def local_zone() -> _dt.tzinfo:
    """The zone Ruby's ``Time#localtime`` uses: the one named by ``TZ``.

    Jekyll sets ``ENV["TZ"]`` from the site's ``timezone`` (see
    :func:`site_zone`); without either, Ruby falls back to the system zone,
    as ``datetime.astimezone`` does.
    """
    override = SITE_ZONE.get()
    if override is not None:
        return override
    name = os.environ.get("TZ")
    if name:
        zone = zone_named(name.lstrip(":"))
        if zone is not None:
            return zone
    return _dt.datetime.now().astimezone().tzinfo or _dt.timezone.utc


def zone_named(name: str) -> _dt.tzinfo | None:
    """A time zone from its IANA name, or None if there is no such zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def as_aware(value: _dt.datetime, zone: _dt.tzinfo | None = None) -> _dt.datetime:
    """An aware datetime for *value*.

    A naive datetime is an instant in UTC: that is what Psych makes of a YAML
    timestamp without an offset (``Time.at`` of its UTC reading), shown in the
    local zone (*zone*, else :func:`local_zone`).
    """
    if value.tzinfo is not None:
        return value
    return value.replace(tzinfo=_dt.timezone.utc).astimezone(zone or local_zone())


def time_to_s(value: _dt.datetime) -> str:
    """Ruby's ``Time#to_s``: ``2026-01-01 00:00:00 +0000``, or ``... UTC``."""
    if value.tzinfo is RUBY_UTC:
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return as_aware(value).strftime("%Y-%m-%d %H:%M:%S %z")


def to_s(value: Any) -> str:
    """Return what ``{{ value }}`` prints in Jekyll."""
    cls = value.__class__
    if cls is str:
        return value  # type: ignore[no-any-return]
    # Exact built-in types before any isinstance() (Undefined is an ABC).
    if cls is int:
        return str(value)
    if value is None or isinstance(value, Undefined):
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
    if isinstance(value, range) and value.step == 1:
        # A Ruby Range prints as "1..3", not as its joined items.
        return f"{value.start}..{value.stop - 1}"
    if isinstance(value, (list, tuple, range)):
        return "".join(to_s(item) for item in value)
    if isinstance(value, Mapping) and not hasattr(value, "__liquid_str__"):
        return inspect(value)
    liquid_str = getattr(value, "__liquid_str__", None)
    if liquid_str is not None:
        return str(liquid_str())
    return str(value)


def ruby_to_s(value: Any) -> str:
    """Ruby's own ``value.to_s``, as filters call it on their input.

    Unlike ``{{ value }}`` (:func:`to_s`), an array becomes its ``inspect``
    text: ``[1, "a"] | upcase`` is ``[1, "A"]``.
    """
    if value.__class__ is str:
        return value
    if isinstance(value, (list, tuple)) or (isinstance(value, range) and value.step != 1):
        return inspect(value)
    return to_s(value)


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
}
# Characters Ruby's String#inspect escapes as \uXXXX: those Onigmo does not
# count as printable in UTF-8 (controls, separators, surrogates, unassigned).
_UNPRINTABLE = {"Cc", "Cs", "Cn", "Zl", "Zp"}


def _inspect_str(text: str) -> str:
    out = ['"']
    for i, ch in enumerate(text):
        if ch == "#" and text[i + 1 : i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in _UNPRINTABLE:
            code = ord(ch)
            out.append(f"\\u{code:04X}" if code <= 0xFFFF else f"\\u{{{code:X}}}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def date_inspect(value: _dt.date) -> str:
    """Ruby's ``Date#inspect`` (Julian day number and the default start)."""
    jd = value.toordinal() + 1721425
    return f"#<Date: {value.isoformat()} (({jd}j,0s,0n),+0s,2299161j)>"


def inspect(value: Any) -> str:
    """Return Ruby 3.1's ``value.inspect`` (``{"a"=>1}``, ``[1, nil]``)."""
    if value is None or isinstance(value, Undefined):
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
        return date_inspect(value)
    if isinstance(value, range):
        if value.step == 1:
            return f"{value.start}..{value.stop - 1}"
        return inspect(list(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(inspect(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{inspect(k)}=>{inspect(v)}" for k, v in value.items()) + "}"
    liquid_inspect = getattr(value, "__ruby_inspect__", None)
    if liquid_inspect is not None:
        return str(liquid_inspect())
    return to_s(value)


def truthy(value: Any) -> bool:
    """Liquid truthiness: only ``nil`` and ``false`` are false."""
    return value is not None and value is not False

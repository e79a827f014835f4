"""Ruby's ``Time``/``Date`` behaviour for the date filters: ``strftime``,
``Time.parse`` (time.rb over ``Date._parse``) and the local zone.

A Ruby Time is one of three kinds, which ``%Z`` tells apart: UTC (``UTC``),
local (the zone's abbreviation) or a fixed offset (empty).  Here a local
time carries a ``ZoneInfo``, a UTC one ``values.RUBY_UTC`` (as YAML's
``...Z`` times do), a fixed-offset one another ``datetime.timezone``.
A Ruby Date is a ``datetime.date``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from typing import Callable
from zoneinfo import ZoneInfo

from liquid.exceptions import FilterArgumentError

from ..values import RUBY_UTC
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip


# --- strftime ----------------------------------------------------------------

_SPEC_RE = re.compile(r"%([-_0^#]*)([0-9]*)(:{0,3})([a-zA-Z%+]|$)?")


def _offset_seconds(value: _dt.date) -> int:
    if isinstance(value, _dt.datetime) and value.utcoffset() is not None:
        return int(value.utcoffset().total_seconds())  # type: ignore[union-attr]
    return 0


def _zone_name(value: _dt.date) -> str:
    if not isinstance(value, _dt.datetime):
        return "+00:00"
    tz = value.tzinfo
    if isinstance(tz, ZoneInfo) or tz is RUBY_UTC:
        return value.tzname() or ""
    return ""


def _format_offset(seconds: int, colons: int) -> str:
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if colons == 0:
        return f"{sign}{hours:02d}{minutes:02d}"
    if colons == 1:
        return f"{sign}{hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def _epoch(value: _dt.date) -> int:
    if isinstance(value, _dt.datetime):
        return int(value.timestamp()) if value.tzinfo else calendar.timegm(value.timetuple())
    return calendar.timegm(value.timetuple())


def strftime(value: _dt.date, fmt: str) -> str:
    """Ruby's ``Time#strftime`` (or ``Date#strftime`` for a date)."""
    is_date = not isinstance(value, _dt.datetime)
    out: list[str] = []
    for literal, spec, fast in _plan(fmt):
        out.append(literal)
        if spec is None:
            continue
        if fast is not None and not is_date:
            out.append(fast(value))  # type: ignore[arg-type]
            continue
        whole, flags, width, colons, conv = spec
        if not conv:
            if is_date:
                out.append(whole)
                continue
            raise FilterArgumentError(f"invalid format: {whole}", token=None)
        text = _convert(value, conv, flags, width, colons, is_date)
        out.append(whole if text is None else text)
    return "".join(out)


# One step of a format: the text before a conversion, the conversion's
# parts (whole match, flags, width, colons, letter; None after the last
# one) and, when it has one, the function writing it for a datetime.
_Step = tuple[str, "tuple[str, str, str, str, str] | None", "Callable[[_dt.datetime], str] | None"]


@functools.lru_cache(maxsize=256)
def _plan(fmt: str) -> tuple[_Step, ...]:
    """*fmt* cut into its conversions, once per format: a site formats
    every page's date with the same few formats."""
    steps: list[_Step] = []
    pos = 0
    for match in _SPEC_RE.finditer(fmt):
        flags, width, colons, conv = match.groups()
        spec = (match.group(0), flags, width, colons, conv or "")
        steps.append((fmt[pos : match.start()], spec, _fast_conversion(flags, width, colons, conv)))
        pos = match.end()
    steps.append((fmt[pos:], None, None))
    return tuple(steps)


def _fast_conversion(flags: str, width: str, colons: str,
                     conv: str | None) -> Callable[[_dt.datetime], str] | None:
    """What :func:`_convert` writes for a datetime, where it needs no more
    than the value: the plain conversions, and the offset (``%z``, whose
    flags and width _convert ignores)."""
    if conv == "z":
        count = len(colons)
        return lambda dt: _format_offset(_offset_seconds(dt), count)
    if conv and not width and not colons and (not flags or flags == "-"):
        return (_PLAIN_CONVERSIONS if not flags else _UNPADDED_CONVERSIONS).get(conv)
    return None


def _pad(text: str, flags: str, width: str, default_width: int, default_pad: str) -> str:
    if "-" in flags:
        return text
    pad = default_pad
    if "_" in flags:
        pad = " "
    elif "0" in flags:
        pad = "0"
    size = int(width) if width else default_width
    negative = text.startswith("-") and pad == "0"
    body = text[1:] if negative else text
    body = body.rjust(size - (1 if negative else 0), pad)
    return ("-" + body) if negative else body


# The common conversions without flags, width or colons, as _convert's
# table below writes them (a datetime's year is 1 to 9999: four digits).
_PLAIN_CONVERSIONS: dict[str, Callable[[_dt.datetime], str]] = {
    "Y": lambda dt: f"{dt.year:04d}",
    "y": lambda dt: f"{dt.year % 100:02d}",
    "m": lambda dt: f"{dt.month:02d}",
    "B": lambda dt: MONTHS[dt.month - 1],
    "b": lambda dt: MONTHS[dt.month - 1][:3],
    "h": lambda dt: MONTHS[dt.month - 1][:3],
    "d": lambda dt: f"{dt.day:02d}",
    "e": lambda dt: f"{dt.day:2d}",
    "H": lambda dt: f"{dt.hour:02d}",
    "M": lambda dt: f"{dt.minute:02d}",
    "S": lambda dt: f"{dt.second:02d}",
    "A": lambda dt: DAYS[dt.weekday()],
    "a": lambda dt: DAYS[dt.weekday()][:3],
}
# The same with the "-" flag (no padding): %-d, %-m...
_UNPADDED_CONVERSIONS: dict[str, Callable[[_dt.datetime], str]] = {
    **_PLAIN_CONVERSIONS,
    "Y": lambda dt: str(dt.year),
    "y": lambda dt: str(dt.year % 100),
    "m": lambda dt: str(dt.month),
    "d": lambda dt: str(dt.day),
    "e": lambda dt: str(dt.day),
    "H": lambda dt: str(dt.hour),
    "M": lambda dt: str(dt.minute),
    "S": lambda dt: str(dt.second),
}


def _convert(
    value: _dt.date, conv: str, flags: str, width: str, colons: str, is_date: bool
) -> str | None:
    dt = value if isinstance(value, _dt.datetime) else _dt.datetime(value.year, value.month, value.day)
    if not width and not colons and (not flags or flags == "-"):
        fast = (_PLAIN_CONVERSIONS if not flags else _UNPADDED_CONVERSIONS).get(conv)
        if fast is not None:
            return fast(dt)
    micro = dt.microsecond if isinstance(value, _dt.datetime) else 0

    def num(n: int, w: int, pad: str = "0") -> str:
        return _pad(str(n), flags, width, w, pad)

    def word(text: str) -> str:
        if "^" in flags or "#" in flags:
            text = text.upper()
        return _pad(text, flags.replace("0", ""), width, 0, " ") if "0" not in flags else _pad(text, flags, width, 0, "0")

    recurse: Callable[[str], str] = lambda f: strftime(value, f)  # noqa: E731
    hour12 = dt.hour % 12 or 12
    simple: dict[str, Callable[[], str]] = {
        "Y": lambda: num(dt.year, 4 if dt.year >= 0 else 5),
        "C": lambda: num(dt.year // 100, 2),
        "y": lambda: num(dt.year % 100, 2),
        "m": lambda: num(dt.month, 2),
        "B": lambda: word(MONTHS[dt.month - 1]),
        "b": lambda: word(MONTHS[dt.month - 1][:3]),
        "h": lambda: word(MONTHS[dt.month - 1][:3]),
        "d": lambda: num(dt.day, 2),
        "e": lambda: num(dt.day, 2, " "),
        "j": lambda: num(dt.timetuple().tm_yday, 3),
        "H": lambda: num(dt.hour, 2),
        "k": lambda: num(dt.hour, 2, " "),
        "I": lambda: num(hour12, 2),
        "l": lambda: num(hour12, 2, " "),
        "M": lambda: num(dt.minute, 2),
        "S": lambda: num(dt.second, 2),
        "A": lambda: word(DAYS[dt.weekday()]),
        "a": lambda: word(DAYS[dt.weekday()][:3]),
        "u": lambda: num(dt.isoweekday(), 1),
        "w": lambda: num(dt.isoweekday() % 7, 1),
        "G": lambda: num(dt.isocalendar()[0], 4),
        "g": lambda: num(dt.isocalendar()[0] % 100, 2),
        "V": lambda: num(dt.isocalendar()[1], 2),
        "U": lambda: num(int(dt.strftime("%U")), 2),
        "W": lambda: num(int(dt.strftime("%W")), 2),
        "s": lambda: num(_epoch(value), 1),
        "n": lambda: "\n",
        "t": lambda: "\t",
        "%": lambda: "%",
        "c": lambda: _pad(recurse("%a %b %e %H:%M:%S %Y"), flags, width, 0, " "),
        "D": lambda: _pad(recurse("%m/%d/%y"), flags, width, 0, " "),
        "x": lambda: _pad(recurse("%m/%d/%y"), flags, width, 0, " "),
        "F": lambda: _pad(recurse("%Y-%m-%d"), flags, width, 0, " "),
        "T": lambda: _pad(recurse("%H:%M:%S"), flags, width, 0, " "),
        "X": lambda: _pad(recurse("%H:%M:%S"), flags, width, 0, " "),
        "R": lambda: _pad(recurse("%H:%M"), flags, width, 0, " "),
        "r": lambda: _pad(recurse("%I:%M:%S %p"), flags, width, 0, " "),
        "v": lambda: _pad(recurse("%e-%^b-%4Y"), flags, width, 0, " "),
    }
    if colons and conv != "z":
        return None
    if conv in simple:
        return simple[conv]()
    if conv == "p":
        # "#" swaps the case: AM becomes am.
        text = "AM" if dt.hour < 12 else "PM"
        return _pad(text.lower() if "#" in flags else text, flags, width, 0, " ")
    if conv == "P":
        return _pad("am" if dt.hour < 12 else "pm", flags, width, 0, " ")
    if conv in ("L", "N"):
        digits = int(width) if width else (3 if conv == "L" else 9)
        nanos = f"{micro:06d}000"
        return nanos[:digits].ljust(digits, "0")
    if conv == "z":
        return _format_offset(_offset_seconds(value), len(colons))
    if conv == "Z":
        return word(_zone_name(value))
    if is_date and conv == "Q":
        return str(_epoch(value) * 1000)
    if is_date and conv == "+":
        return recurse("%a %b %e %H:%M:%S %Z %Y")
    return None


# --- parsing (Date._parse subset) ------------------------------------------

_MONTH_ABBR = {m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)}
_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_ZONE_RE = r"(z\b|utc\b|gmt\b|ut\b|[a-z]{3,4}\b(?:\s+dst\b)?|(?:gmt|utc)?[-+][0-9]{1,2}(?::?[0-9]{2}(?::?[0-9]{2})?)?)"
_TIME_RE = re.compile(
    r"(?<![0-9:])([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[,.]([0-9]+))?)?\s*(?:([ap])\.?m\.?\b)?"
    r"(?:\s*" + _ZONE_RE + r")?",
    re.I,
)
_ISO_RE = re.compile(r"([-+]?[0-9]{2,})-([0-9]{1,2})-([0-9]{1,2})(?=$|[^0-9])")
_SLASH_RE = re.compile(r"([0-9]+)/([0-9]+)(?:/([0-9]+))?")
_EU_RE = re.compile(r"'?([0-9]+)(?:st|nd|rd|th)?\b\s*" + _MON + r"(?:\s*,?\s*'?(-?[0-9]+))?", re.I)
_US_RE = re.compile(_MON + r"\s*'?([0-9]+)(?:st|nd|rd|th)?\b(?:\s*,?\s*'?(-?[0-9]+))?", re.I)
_ZONE_ABBR = {"utc": 0, "z": 0, "ut": 0, "gmt": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
              "mst": -7, "mdt": -6, "pst": -8, "pdt": -7}  # fmt: skip


class ParseError(ValueError):
    """``Time.parse`` raised ``ArgumentError``."""


def _year(text: str) -> int:
    year = int(text)
    if len(text.lstrip("+-")) <= 2:
        year += 2000 if year < 50 else 1900
    return year


def parse_parts(text: str) -> dict[str, object]:
    """The fields ``Date._parse`` finds in *text* (a subset of its rules)."""
    parts: dict[str, object] = {}
    rest = text
    time = _TIME_RE.search(rest)
    if time:
        hour = int(time.group(1))
        if time.group(5):
            hour = hour % 12 + (12 if time.group(5).lower() == "p" else 0)
        parts.update(hour=hour, min=int(time.group(2)))
        if time.group(3):
            parts["sec"] = int(time.group(3))
        if time.group(4):
            parts["sec_fraction"] = int(time.group(4)) / 10 ** len(time.group(4))
        if time.group(6):
            parts["zone"] = time.group(6)
        rest = rest[: time.start()] + " " + rest[time.end() :]
    for regex, order in ((_ISO_RE, "ymd"), (_EU_RE, "dmy"), (_US_RE, "mdy"), (_SLASH_RE, "sla")):
        found = regex.search(rest)
        if not found:
            continue
        if order == "ymd":
            parts.update(year=_year(found.group(1)), mon=int(found.group(2)), mday=int(found.group(3)))
        elif order == "dmy":
            parts.update(mday=int(found.group(1)), mon=_MONTH_ABBR[found.group(2).lower()])
            if found.group(3):
                parts["year"] = _year(found.group(3))
        elif order == "mdy":
            parts.update(mon=_MONTH_ABBR[found.group(1).lower()], mday=int(found.group(2)))
            if found.group(3):
                parts["year"] = _year(found.group(3))
        else:
            a, b, c = found.group(1), found.group(2), found.group(3)
            if len(a) > 2:
                parts.update(year=_year(a), mon=int(b))
                if c:
                    parts["mday"] = int(c)
            else:
                parts.update(mon=int(a), mday=int(b))
                if c:
                    parts["year"] = _year(c)
        rest = rest[: found.start()] + " " + rest[found.end() :]
        break
    if "zone" not in parts:
        zone = re.search(r"(?:^|\s)([-+][0-9]{2}:?[0-9]{2}|z|utc|gmt)\s*$", rest, re.I)
        if zone:
            parts["zone"] = zone.group(1)
    return parts


def zone_offset(zone: str) -> int | None:
    """``Time.zone_offset``: seconds east of UTC for a zone text, if known."""
    zone = zone.strip().lower()
    m = re.fullmatch(r"(?:gmt|utc)?([-+])([0-9]{1,2})(?::?([0-9]{2}))?(?::?([0-9]{2}))?", zone)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return sign * (int(m.group(2)) * 3600 + int(m.group(3) or 0) * 60 + int(m.group(4) or 0))
    if zone in _ZONE_ABBR:
        return _ZONE_ABBR[zone] * 3600
    return None


def _zone_is_utc(zone: str) -> bool:
    return re.fullmatch(r"-00:00|-0000|-00|utc|z|ut", zone.strip(), re.I) is not None


def make_local(year: int, mon: int, day: int, hour: int, minute: int, sec: int, usec: int,
               zone: _dt.tzinfo) -> _dt.datetime:
    """``Time.local``: days past the month's end roll over, other fields must fit."""
    if not (1 <= mon <= 12 and 1 <= day <= 31 and 0 <= hour <= 24 and 0 <= minute <= 59 and 0 <= sec <= 60):
        raise ParseError("argument out of range")
    last = calendar.monthrange(year, mon)[1]
    extra = max(day - last, 0)
    base = _dt.datetime(year, mon, min(day, last), 0, 0, 0, usec)
    base += _dt.timedelta(days=extra, hours=hour, minutes=minute, seconds=sec)
    if not isinstance(zone, ZoneInfo):
        return base.replace(tzinfo=zone)
    return _wall_time(base, zone)


def _wall_time(wall: _dt.datetime, zone: ZoneInfo) -> _dt.datetime:
    """A local wall-clock time as Ruby's ``Time.local`` (time.c) places it.

    A time the clocks pass twice (autumn) is the later one, in standard
    time: ``2023-10-29 02:30`` in Berlin is ``+0100``.  A time skipped in
    spring is read with the offset before the change and shown after it:
    ``2024-03-31 02:30`` becomes ``03:30 +0200``.
    """
    first = wall.replace(tzinfo=zone, fold=0)
    later = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == later.utcoffset():
        return first
    if later.astimezone(_dt.timezone.utc).astimezone(zone).replace(tzinfo=None) == wall:
        return later  # repeated hour: Ruby takes the standard-time reading
    return first.astimezone(_dt.timezone.utc).astimezone(zone)  # skipped hour


def parse_time(text: str, now: _dt.datetime, local: _dt.tzinfo) -> _dt.datetime:
    """Ruby's ``Time.parse(text)``, *now* filling the leading fields left out."""
    parts = parse_parts(text)
    keys = ("year", "mon", "mday", "hour", "min", "sec", "sec_fraction")
    if not any(k in parts for k in keys):
        raise ParseError(f"no time information in {text!r}")
    zone = parts.get("zone")
    offset = zone_offset(str(zone)) if zone else None
    now_local = now.astimezone(_dt.timezone(_dt.timedelta(seconds=offset)) if offset is not None else local)
    fields: dict[str, int] = {}
    fill = [("year", now_local.year), ("mon", now_local.month), ("mday", now_local.day),
            ("hour", now_local.hour), ("min", now_local.minute), ("sec", now_local.second)]  # fmt: skip
    for key, current in fill:
        if key in parts:
            break
        fields[key] = current
    values = {k: int(parts[k]) if k in parts else fields.get(k, 1 if k in ("mon", "mday") else 0)  # type: ignore[call-overload]
              for k in ("year", "mon", "mday", "hour", "min", "sec")}  # fmt: skip
    if "year" not in parts and "year" not in fields:
        values["year"] = 1970
    usec = int(round(float(parts.get("sec_fraction", 0)) * 1_000_000))  # type: ignore[arg-type]
    if offset is None:
        return make_local(values["year"], values["mon"], values["mday"], values["hour"],
                          values["min"], values["sec"], usec, local)  # fmt: skip
    fixed = _dt.timezone(_dt.timedelta(seconds=offset))
    moment = make_local(values["year"], values["mon"], values["mday"], values["hour"],
                        values["min"], values["sec"], usec, fixed)  # fmt: skip
    if _zone_is_utc(str(zone)):
        return moment.astimezone(RUBY_UTC)
    as_local = moment.astimezone(local)
    if as_local.utcoffset() == _dt.timedelta(seconds=offset):
        return as_local
    return moment

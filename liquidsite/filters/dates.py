"""Date filters: Liquid's ``date`` (standardfilters.rb, ``Utils.to_date``) and
Jekyll's ``date_to_xmlschema``, ``date_to_rfc822``, ``date_to_string`` and
``date_to_long_string`` (filters/date_filters.rb).

Jekyll sets ``ENV["TZ"]`` from the site's ``timezone``; Ruby's local time is
then that zone.  Here the local zone is the configured ``timezone``, else
the process's ``TZ`` (see :func:`liquidsite.values.local_zone`).  A naive
``datetime`` is an instant in UTC, as Psych reads a YAML timestamp without
an offset.  The clock is ``environment.clock()`` when the environment has
one (tests pin it), else ``SOURCE_DATE_EPOCH`` when set, else the system's.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import TYPE_CHECKING, Any

from liquid.exceptions import FilterArgumentError
from liquid.filter import with_environment

from .. import values
from ._ruby import nil, to_s
from .rubytime import ParseError, parse_time, strftime

if TYPE_CHECKING:
    from liquid import Environment


def local_zone(env: Environment) -> _dt.tzinfo:
    """The zone Ruby's local time would be in for this site."""
    config = getattr(env, "config", None) or {}
    name = config.get("timezone")
    if name:
        zone = values.zone_named(str(name))
        if zone is not None:
            return zone
    return values.local_zone()


def now(env: Environment) -> _dt.datetime:
    """The current time in the local zone (``"now" | date: ...``).

    ``SOURCE_DATE_EPOCH``, when set, is the current time, as it is for
    ``site.time``: a reproducible build prints the same "now" in both.
    """
    clock = getattr(env, "clock", None)
    if callable(clock):
        current: _dt.datetime = clock()
    else:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch.lstrip("-").isdigit():
            current = _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc)
        else:
            current = _dt.datetime.now(_dt.timezone.utc)
    return current.astimezone(local_zone(env))


def _local(value: _dt.datetime, env: Environment) -> _dt.datetime:
    if value.tzinfo is None:
        return values.as_aware(value, local_zone(env))
    return value


def to_date(value: Any, env: Environment) -> _dt.date | None:
    """``Liquid::Utils.to_date``: a Time or Date, or None when unreadable."""
    value = nil(value)
    if isinstance(value, _dt.datetime):
        return _local(value, env)
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _from_epoch(value, env)
    if not isinstance(value, str):
        return None
    if value == "":
        return None
    text = value.lower()
    if text in ("now", "today"):
        return now(env)
    if re.fullmatch(r"[0-9]+\n?", text):
        return _from_epoch(int(text), env)
    try:
        return parse_time(text, now(env), local_zone(env))
    except (ParseError, ValueError, OverflowError):
        return None


def _from_epoch(seconds: int, env: Environment) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(seconds, _dt.timezone.utc).astimezone(local_zone(env))


@with_environment
def date(value: Any, fmt: Any, *, environment: Environment) -> Any:
    """Liquid's ``date``: ``strftime`` of a Time, Date, epoch or date text."""
    value = nil(value)
    fmt_s = to_s(fmt)
    if fmt_s == "":
        return value
    parsed = to_date(value, environment)
    if parsed is None:
        return value
    return strftime(parsed, fmt_s)


class InvalidDateError(FilterArgumentError):
    """``Jekyll::Errors::InvalidDateError``."""


def jekyll_time(value: Any, env: Environment) -> _dt.datetime:
    """``DateFilters#time``: the input as a Time in the local zone."""
    parsed = to_date(value, env)
    if parsed is None:
        raise InvalidDateError(
            f"Invalid Date: '{values.inspect(value)}' is not a valid datetime.", token=None
        )
    zone = local_zone(env)
    if not isinstance(parsed, _dt.datetime):
        return _dt.datetime(parsed.year, parsed.month, parsed.day, tzinfo=zone)
    local = parsed.astimezone(zone)
    return local


def _empty_to_s(value: Any) -> bool:
    """``value.to_s.empty?``: never for a time or a date, whose text is
    long to write."""
    return not isinstance(value, _dt.date) and to_s(value) == ""


@with_environment
def date_to_xmlschema(value: Any, *, environment: Environment) -> Any:
    """``2011-04-24T20:34:46+08:00``."""
    value = nil(value)
    if _empty_to_s(value):
        return value
    time = jekyll_time(value, environment)
    # Time#xmlschema writes "Z" only for a UTC time; #localtime never is one.
    return strftime(time, "%Y-%m-%dT%H:%M:%S%:z")


@with_environment
def date_to_rfc822(value: Any, *, environment: Environment) -> Any:
    """``Sun, 24 Apr 2011 12:34:46 +0000``."""
    value = nil(value)
    if _empty_to_s(value):
        return value
    time = jekyll_time(value, environment)
    return strftime(time, "%a, %d %b %Y %H:%M:%S %z")


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify(value: Any, month: str, kind: Any, style: Any, env: Environment) -> Any:
    # DateFilters#stringify_date
    value = nil(value)
    if _empty_to_s(value):
        return value
    time = jekyll_time(value, env)
    if nil(kind) == "ordinal":
        day = f"{time.day}{_ordinal(time.day)}"
        if nil(style) == "US":
            return strftime(time, f"{month} {day}, %Y")
        return strftime(time, f"{day} {month} %Y")
    return strftime(time, f"%d {month} %Y")


@with_environment
def date_to_string(value: Any, kind: Any = None, style: Any = None, *, environment: Environment) -> Any:
    """``27 Jan 2011``; ``ordinal`` gives ``27th Jan 2011``, ``US`` ``Jan 27th, 2011``."""
    return _stringify(value, "%b", kind, style, environment)


@with_environment
def date_to_long_string(
    value: Any, kind: Any = None, style: Any = None, *, environment: Environment
) -> Any:
    """``27 January 2011``, with the same options as ``date_to_string``."""
    return _stringify(value, "%B", kind, style, environment)


def register(env: Environment) -> None:
    """Add the date filters to *env*, replacing Liquid's ``date``."""
    env.add_filter("date", date)
    env.add_filter("date_to_xmlschema", date_to_xmlschema)
    env.add_filter("date_to_rfc822", date_to_rfc822)
    env.add_filter("date_to_string", date_to_string)
    env.add_filter("date_to_long_string", date_to_long_string)
